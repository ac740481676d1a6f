"""Keeping the public evidence current from the progress page: an editor or an administrator adds
a piece of evidence, or confirms or withdraws one. Append-only like every event: a confirmation
or a withdrawal is a new ``platform_event`` row repeating the evidence's key (the view
``platform_event_current`` shows the latest), never an update. Each write checks the role on the
server (a ministry editor: its own body's platforms only), and appends its audit row in the same
transaction; a refusal for lack of rights is audited on its own."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from access import audit
from access.roles import User, own_bodies, require
from analysis.lineage import with_predecessors
from loaders.messages import LoaderError
from loaders.text import clean, key
from store.db import Connection
from store.evidence import CONFIDENCES, EVENT_COLUMNS, INSERT_EVENT, event_day, evidence_key
from store.writer import writable

ACTION = "edit_evidence"
MAX_TEXT = {"quote": 1000, "note": 1000, "source_publisher": 200, "source_url": 1000}


def _text(value, field: str) -> str | None:
    return clean(str(value or "")).strip()[:MAX_TEXT[field]] or None


def _partial(text: str | None, field: str, today: date) -> str | None:
    """``yyyy-mm-dd``, ``yyyy-mm`` or empty; never after ``today``."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        day = event_day(text, None, today)[0]
    except (ValueError, TypeError):
        raise LoaderError("evidence_bad_date", field=field, written=text[:40]) from None
    if day > today or len(text.split("-")[0]) != 4:
        raise LoaderError("evidence_bad_date", field=field, written=text[:40])
    return text


def _check_owner(con: Connection, user: User, list_id: str, platform_key: str) -> str:
    """The platform's name; a ministry editor may write for its own body's platforms only."""
    row = con.execute("SELECT name, ministry_code FROM platform_current WHERE list_id = ? AND name_key = ?",
                      [list_id, platform_key]).fetchall()
    if not row:
        raise LoaderError("evidence_no_platform", list_id=list_id)
    name, owner = row[0]
    if user.role == "ministry_editor":
        bodies = con.execute("SELECT code, successor_code FROM body").df()
        if owner not in own_bodies(user, with_predecessors(bodies, [user.body_code])):
            raise LoaderError("forbidden", action=ACTION, role=user.role, who=user.email)
    return name


def add_evidence(db_path: Path | str, user: User, *, list_id: str, platform_name: str, stage_id: str,
                 stated_date: str | None, source_url: str, source_publisher: str, source_date: str | None,
                 quote: str, confidence: str, note: str | None = None, today: date | None = None) -> str:
    """Append one piece of public evidence; returns its key."""
    today = today or date.today()
    target = f"{list_id}: {str(platform_name)[:120]} / {stage_id}"

    def work() -> str:
        with writable(db_path) as con:
            require(user, ACTION)
            platform_key = key(platform_name or "")
            name = _check_owner(con, user, list_id, platform_key)
            if not con.execute("SELECT 1 FROM stage WHERE stage_id = ?", [stage_id]).fetchall():
                raise LoaderError("evidence_bad_stage", written=str(stage_id)[:40])
            if confidence not in CONFIDENCES:
                raise LoaderError("evidence_bad_confidence", written=str(confidence)[:40])
            url = _text(source_url, "source_url")
            if not url or not url.lower().startswith(("http://", "https://")) or any(c.isspace() for c in url):
                raise LoaderError("evidence_bad_url")
            publisher, words = _text(source_publisher, "source_publisher"), _text(quote, "quote")
            if not publisher or not words:
                raise LoaderError("evidence_missing", field="source_publisher" if not publisher else "quote")
            stated, published = _partial(stated_date, "stage_date", today), _partial(source_date, "source_date", today)
            day, basis = event_day(stated, published, today)
            ekey = evidence_key(list_id, platform_key, stage_id, stated, url)
            if con.execute("SELECT 1 FROM platform_event_current WHERE evidence_key = ?", [ekey]).fetchall():
                raise LoaderError("evidence_exists")
            event_id = con.execute("SELECT coalesce(max(event_id), 0) + 1 FROM platform_event").fetchall()[0][0]
            con.execute(INSERT_EVENT, [event_id, list_id, platform_key, name, stage_id, day, None, _text(note, "note"),
                                       None, f"added by {user.email}", "public_evidence", confidence, url, publisher,
                                       published, words, stated, basis, ekey, "add", user.email,
                                       datetime.now().replace(microsecond=0)])
            audit.record(con, user, ACTION, target, "ok", {"action": "add", "evidence_key": ekey,
                                                          "confidence": confidence, "url": url})
            return ekey
    return _audited(db_path, user, target, work)


def review_evidence(db_path: Path | str, user: User, *, evidence_key: str, action: str, note: str | None = None) -> int:
    """Confirm (its confidence becomes ``confirmed``) or withdraw (it no longer counts nor shows) a
    piece of evidence in force, as a new row; returns the new row's event id."""
    target = f"evidence {str(evidence_key)[:40]}"

    def work() -> int:
        if action not in ("confirm", "withdraw"):
            raise LoaderError("evidence_bad_action", written=str(action)[:40])
        with writable(db_path) as con:
            require(user, ACTION)
            cur = con.execute("SELECT * FROM platform_event_current WHERE evidence_key = ?", [evidence_key]).df()
            if cur.empty:
                raise LoaderError("evidence_gone")
            row = cur.iloc[0].to_dict()
            _check_owner(con, user, row["list_id"], row["platform_key"])
            if action == "confirm" and row["confidence"] == "confirmed":
                raise LoaderError("evidence_already_confirmed")
            event_id = con.execute("SELECT coalesce(max(event_id), 0) + 1 FROM platform_event").fetchall()[0][0]
            values = {c: row.get(c) for c in EVENT_COLUMNS}
            values.update(event_id=event_id, action=action, added_by=user.email,
                          added_at=datetime.now().replace(microsecond=0), origin="public_evidence",
                          confidence="confirmed" if action == "confirm" else row["confidence"],
                          event_date=row["event_date"].date() if hasattr(row["event_date"], "date") else row["event_date"])
            values = {c: (None if _missing(v) else v) for c, v in values.items()}
            con.execute(INSERT_EVENT, [values[c] for c in EVENT_COLUMNS])
            audit.record(con, user, ACTION, target, "ok", {"action": action, "event_id": event_id,
                                                          "note": _text(note, "note")})
            return event_id
    return _audited(db_path, user, target, work)


def _missing(value) -> bool:
    try:
        return value is None or bool(value != value)   # NaN / NaT
    except (TypeError, ValueError):
        return False


def _audited(db_path, user: User, target: str, work):
    try:
        return work()
    except LoaderError as exc:
        audit.refused(db_path, user, ACTION, target, exc)
        raise
