"""The write paths people reach (import page, progress, adoption, reviews, list registration,
the loader CLI). Each one, in order: checks the role, drops the rows the user may not write,
writes in one transaction, and appends an audit row in the same transaction. An attempt the
role does not allow is audited (result ``refused``) in a write of its own; a file or request
that is simply wrong (damaged, strict mode, nothing to load) is told to the user and leaves the
database file exactly as it was. Both raise a ``LoaderError``."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from analysis.lineage import with_predecessors

from . import audit
from .access import User, own_bodies, require, restrict_adoption, restrict_list, restrict_progress
from .adoption import ParsedAdoption
from .build import check_schema
from .catalog import body_index
from .guards import check_as_of, check_list_kind
from .messages import LoaderError
from .overlap import record_decision
from .parse import ParsedList
from .progress import ParsedProgress
from .register import Registration, register
from .store import (
    ImportOutcome,
    check_loadable,
    check_progress_loadable,
    writable,
    write_adoption,
    write_import,
    write_progress,
)

MAX_FILE_NAME = 200


def safe_file_name(name: str) -> str:
    """An uploaded file's name as recorded: text only (never a path), printable, bounded."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in base if c.isprintable())[:MAX_FILE_NAME] or "upload"


def _lineage(con: duckdb.DuckDBPyConnection, code: str | None) -> set[str]:
    """``code`` and every body merged into it (MOF: MPI)."""
    if not code:
        return set()
    return with_predecessors(con.execute("SELECT code, successor_code FROM body").df(), [code])


def _list_kind(con: duckdb.DuckDBPyConnection, list_id: str) -> str | None:
    row = con.execute("SELECT kind FROM platform_list WHERE list_id = ?", [list_id]).fetchone()
    return row[0] if row else None


def _audited(db_path, user: User, action: str, target: str, work):
    try:
        return work()
    except LoaderError as exc:
        audit.refused(db_path, user, action, target, exc)
        raise


def check_role(db_path: Path | str, user: User, action: str, list_id: str | None = None) -> None:
    """The role check before any work (reading a file included), on a database of this version;
    the commit checks the role again."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        check_schema(con)
        kind = _list_kind(con, list_id) if list_id else None
    finally:
        con.close()
    _audited(db_path, user, action, str(list_id or ""), lambda: require(user, action, list_kind=kind))


def allowed_bodies(db_path: Path | str, user: User) -> set[str] | None:
    """The bodies ``user`` may write rows for (None: any)."""
    if user.role != "ministry_editor":
        return None
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return own_bodies(user, _lineage(con, user.body_code))
    finally:
        con.close()


def _commit(db_path: Path | str, user: User, action: str, list_id: str, file_name: str, write) -> ImportOutcome:
    """Run ``write(con)`` (which checks the role and the rows, then writes) in one writable
    connection, with the audit row beside it; refusals audited by ``_audited``."""
    def work():
        with writable(db_path) as con:
            outcome = write(con)
            audit.record(con, user, action, f"{list_id} #{outcome.import_id}", "ok", {
                "file": file_name, "loaded": outcome.rows_loaded, "rejected": outcome.rows_rejected,
                "duplicate": outcome.duplicate})
            return outcome
    return _audited(db_path, user, action, f"{list_id} {file_name}", work)


def commit_import(db_path: Path | str, parsed: ParsedList, *, list_id: str, as_of: date, file_name: str,
                  user: User, strict: bool = False) -> ImportOutcome:
    file_name = safe_file_name(file_name)

    def write(con):
        require(user, "import_list", list_kind=_list_kind(con, list_id))
        check_as_of(con, list_id, as_of)
        mine = own_bodies(user, _lineage(con, user.body_code)) if user.role == "ministry_editor" else None
        rows = restrict_list(parsed, user, mine)
        check_loadable(rows, strict)
        return write_import(con, rows, list_id=list_id, as_of=as_of, file_name=file_name, actor=user.email,
                            replace_only=mine)
    return _commit(db_path, user, "import_list", list_id, file_name, write)


def commit_progress(db_path: Path | str, parsed: ParsedProgress, *, list_id: str, today: date, file_name: str,
                    user: User, strict: bool = False) -> ImportOutcome:
    file_name = safe_file_name(file_name)

    def write(con):
        require(user, "import_progress")
        check_list_kind(con, list_id, "progress")
        rows = parsed
        if user.role == "ministry_editor":
            owners = dict(con.execute("SELECT name_key, ministry_code FROM platform_current WHERE list_id = ?",
                                      [list_id]).fetchall())
            rows = restrict_progress(parsed, user, own_bodies(user, _lineage(con, user.body_code)), owners)
        check_progress_loadable(rows, strict)
        return write_progress(con, rows, list_id=list_id, today=today, file_name=file_name, actor=user.email)
    return _commit(db_path, user, "import_progress", list_id, file_name, write)


def commit_adoption(db_path: Path | str, parsed: ParsedAdoption, *, list_id: str, today: date, file_name: str,
                    user: User, strict: bool = False) -> ImportOutcome:
    file_name = safe_file_name(file_name)

    def write(con):
        require(user, "import_adoption")
        check_list_kind(con, list_id, "adoption")
        rows = restrict_adoption(parsed, user)
        check_loadable(rows, strict)
        return write_adoption(con, rows, list_id=list_id, today=today, file_name=file_name, actor=user.email)
    return _commit(db_path, user, "import_adoption", list_id, file_name, write)


def register_list(db_path: Path | str, reg: Registration, user: User) -> dict:
    def work():
        with writable(db_path) as con:
            require(user, "register_list")
            row = register(con, reg, body_index(con), user.email)
            audit.record(con, user, "register_list", row["list_id"], "ok", {
                "kind": row["kind"], "province": row["province_code"], "document": row["document_no"]})
            return row
    return _audited(db_path, user, "register_list", str(reg.list_id)[:70], work)


def list_province(con: duckdb.DuckDBPyConnection, list_id: str) -> str | None:
    """The province (on today's map) a provincial list belongs to."""
    row = con.execute("SELECT m.new_code FROM platform_list l JOIN province_merger m ON m.old_code = l.province_code "
                      "WHERE l.list_id = ?", [list_id]).fetchone()
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
    return _audited(db_path, user, "review", target, work)
