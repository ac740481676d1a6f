"""The write paths people reach besides imports: list registration and review decisions (imports
of every kind go through ``actions.pipeline``; ``commit_import`` is its list commit, kept for callers
holding a parse). Each one, in order: checks the role, writes in one transaction, and appends an
audit row in the same transaction. An attempt the role does not allow is audited (result
``refused``) in a write of its own; a request that is simply wrong is told to the user and leaves
the database file exactly as it was. Both raise a ``LoaderError``."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from access import audit
from access.roles import User, require
from loaders.parse import ParsedList
from store.catalog import body_index
from store.db import Connection, one, reading
from store.writer import ImportOutcome, writable

from .kind_list import LIST, removes_missing  # noqa: F401  (re-exported)
from .overlap_review import record_decision
from .pipeline import Preview, audited, check_role, commit, safe_file_name, scope_of  # noqa: F401  (re-exported)
from .register import Registration, register


def allowed_bodies(db_path: Path | str, user: User) -> set[str] | None:
    """The bodies ``user`` may write rows for (None: any)."""
    with reading(db_path) as con:
        return scope_of(con, user)


def commit_import(db_path: Path | str, parsed: ParsedList, *, list_id: str, as_of: date, file_name: str,
                  user: User, strict: bool = False, remove_missing: bool | None = None) -> ImportOutcome:
    """Commit a list parse (``actions.pipeline.commit`` for the kind "list")."""
    return commit(Preview(LIST, list_id, as_of, parsed), db_path, user=user, file_name=file_name, strict=strict,
                  remove_missing=remove_missing)


def register_list(db_path: Path | str, reg: Registration, user: User) -> dict:
    def work():
        with writable(db_path) as con:
            require(user, "register_list")
            row = register(con, reg, body_index(con), user.email)
            audit.record(con, user, "register_list", row["list_id"], "ok", {
                "kind": row["kind"], "province": row["province_code"], "document": row["document_no"]})
            return row
    return audited(db_path, user, "register_list", str(reg.list_id)[:70], work)


def list_province(con: Connection, list_id: str) -> str | None:
    """The province (on today's map) a provincial list belongs to."""
    row = one(con, "SELECT m.new_code FROM platform_list l JOIN province_merger m ON m.old_code = l.province_code "
              "WHERE l.list_id = ?", [list_id])
    return row[0] if row else None


def review_match(db_path: Path | str, *, list_id: str, name_key: str, central_list_id: str, central_key: str,
                 decision: str, user: User, note: str | None = None) -> int:
    """Record ``decision`` ('confirm' or 'dismiss') on one candidate; returns the decision id."""
    target = f"{list_id}: {name_key} ~ {central_list_id}: {central_key}"

    def work():
        with writable(db_path) as con:
            require(user, "review", province=list_province(con, list_id))
            decision_id = record_decision(con, list_id=list_id, name_key=name_key, central_list_id=central_list_id,
                                          central_key=central_key, decision=decision, actor=user.email, note=note)
            audit.record(con, user, "review", target, "ok", {"decision": decision, "decision_id": decision_id})
            return decision_id
    return audited(db_path, user, "review", target, work)
