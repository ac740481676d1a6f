"""Corrections: anyone signed in flags a record as wrong (a platform, a count, a status, a
document, a proposal) with a note and a link; the editor of the body the record belongs to, or an
administrator, resolves the flag: accepted (the change applied to the record, see
``correction_apply``) or rejected (saying why; nothing else changes). Both are appended, never
edited, and audited in the same write."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from access.roles import User, require
from loaders.messages import LoaderError

from .correction_apply import FIELDS, apply, check_value, current
from .recognition import owns, run
from .recognition_records import MAX_TEXT, choice, text, url

TARGET_KINDS = ("platform", "count", "status", "document", "proposal")
RESOLUTIONS = ("accepted", "rejected")


def flag(db_path: Path | str, *, target_kind: str, target_ref: str, note: str, user: User,
         body_code: str | None = None, link: str | None = None) -> int:
    """Flag a record; ``body_code``: the body the record belongs to (a proposal's is looked up)."""
    def work(con):
        require(user, "flag")
        kind = choice(target_kind, "target_kind", TARGET_KINDS)
        ref = text(target_ref, "target_kind", required=True)
        body = (text(body_code, "body_code") or "").upper() or None
        if kind == "proposal":
            rows = con.execute("SELECT body_code FROM recognition_proposal WHERE proposal_id = TRY_CAST(? AS INTEGER) "
                               "LIMIT 1", [ref]).fetchall()
            if not rows:
                raise LoaderError("rec_no_proposal", proposal_id=ref[:20])
            body = rows[0][0]
        else:   # the record must exist; its body is the owner unless one is given
            row = current(con, kind, ref)
            body = body or (row.get("ministry_code") or row.get("body_code") or None if kind != "document" else None)
            if body and not con.execute("SELECT 1 FROM body WHERE code = ?", [body]).fetchall():
                raise LoaderError("rec_bad_value", field="body_code", value=body[:20], allowed="MOF, MPS, ...")
        flag_id = con.execute("SELECT coalesce(max(flag_id), 0) + 1 FROM correction_flag").fetchall()[0][0]
        con.execute("INSERT INTO correction_flag VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
            flag_id, kind, ref, body, text(note, "note", required=True, limit=MAX_TEXT), url(link), user.email, _now()])
        return flag_id
    return run(db_path, user, "flag", f"{target_kind} {str(target_ref)[:200]}", work)


def resolve(db_path: Path | str, *, flag_id: int, resolution: str, reason: str, user: User,
            change_made: str | None = None, changes: dict[str, object] | None = None) -> int:
    """Resolve an open flag. Accepting applies ``changes`` (field -> new value, the fields of
    ``correction_apply.FIELDS`` for the flag's kind) to the record in the same write, and says what
    was changed (``change_made``, else written from the changes); rejecting says why (``reason``)
    and changes nothing else."""
    def work(con):
        require(user, "resolve_flag")
        rows = con.execute("SELECT body_code, target_kind, target_ref FROM correction_flag WHERE flag_id = ?",
                           [int(flag_id)]).fetchall()
        if not rows:
            raise LoaderError("flag_no_flag", flag_id=flag_id)
        body, target_kind, target_ref = rows[0]
        if user.role == "ministry_editor" and (body is None or not owns(con, user, body)):
            raise LoaderError("flag_not_your_body", flag_id=flag_id, body=body or "MOST")
        if con.execute("SELECT 1 FROM correction_resolution WHERE flag_id = ?", [int(flag_id)]).fetchall():
            raise LoaderError("flag_resolved", flag_id=flag_id)
        kind = choice(resolution, "result", RESOLUTIONS)
        why = text(reason, "reason", required=True, limit=MAX_TEXT)
        change = text(change_made, "note", limit=MAX_TEXT)
        if kind == "accepted":
            new = {f: check_value(con, target_kind, f, v) for f, v in (changes or {}).items()}
            if not new:
                raise LoaderError("flag_no_change", kind=target_kind, allowed=", ".join(FIELDS[target_kind]))
            before = current(con, target_kind, target_ref)
            apply(con, int(flag_id), target_kind, target_ref, new, user.email)
            change = change or "; ".join(f"{f}: {_shown(before.get(f))} -> {_shown(v)}" for f, v in new.items())
        con.execute("INSERT INTO correction_resolution VALUES (?, ?, ?, ?, ?, ?)", [
            int(flag_id), kind, why, change, user.email, _now()])
        return int(flag_id)
    return run(db_path, user, "resolve_flag", f"flag {flag_id}: {resolution}", work)


def _shown(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    return str(value.isoformat() if hasattr(value, "isoformat") else value)[:200]


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)
