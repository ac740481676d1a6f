"""The audit trail: one appended row per write attempt (imports, progress, adoption, reviews,
list registrations, user changes, sign-ins). Nothing in the code updates or deletes a row; the
administrators' page reads it (``stored_actions``, ``trail``) through views/admin.py."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

from store.db import Connection, reading, value, writable

from . import guard
from .roles import ANONYMOUS, User

RESULTS = ("ok", "refused", "failed")
MAX_TEXT = 500


def record(con: Connection, user: User | str, action: str, target: str | None, result: str,
           detail: dict | str | None = None, now: datetime | None = None) -> int:
    """Append one row on an open read-write connection (inside the action's own transaction when
    it succeeds, so the row and the change land together)."""
    if result not in RESULTS:
        raise ValueError(result)
    actor, role = (user.email, user.role) if isinstance(user, User) else (str(user), None)
    text = detail if isinstance(detail, str) or detail is None else json.dumps(detail, ensure_ascii=False, default=str)
    audit_id = value(con, "SELECT coalesce(max(audit_id), 0) + 1 FROM audit_log")
    con.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        audit_id, (now or datetime.now()).replace(microsecond=0), actor[:200], role, action,
        (target or "")[:MAX_TEXT] or None, result, (text or "")[:4000] or None])
    return audit_id


def record_alone(db_path: Path | str, user: User | str, action: str, target: str | None, result: str,
                 detail: dict | str | None = None, now: datetime | None = None) -> None:
    """Record an attempt that changed nothing (refused, failed) in a write of its own."""
    with writable(db_path) as con:
        record(con, user, action, target, result, detail, now)


def refused(db_path: Path | str, user: User | str, action: str, target: str | None, exc) -> None:
    """Audit a refusal for lack of rights (``forbidden``); other refusals change nothing.
    Bounded: at most ``guard.MAX_QUIET`` per actor and window are kept, and an anonymous visitor's
    go to the guard store, never into a rewrite of the database."""
    if exc.message.code != "forbidden":
        return
    actor = user.email if isinstance(user, User) else str(user)
    if not guard.within_quota(db_path, actor):
        return
    if actor == ANONYMOUS.email:
        guard.record_refusal(db_path, actor, "-", action, target, exc.text("en"))
    else:
        record_alone(db_path, user, action, target, "refused", exc.text("en"))


def stored_actions(db_path: Path | str) -> list[str]:
    """Every action the trail holds a row of."""
    with reading(db_path) as con:
        return con.execute("SELECT DISTINCT action FROM audit_log").df()["action"].tolist()


def trail(db_path: Path | str, guarded: pd.DataFrame, since: date, until: date, actions: list[str],
          results: list[str], actor: str) -> pd.DataFrame:
    """The trail with ``guarded`` (the guard store's sign-ins and refusals, the same columns) between
    ``since`` and ``until`` (both days in), of ``actions`` and ``results`` (empty: all), by an actor
    whose e-mail contains ``actor``; newest first, to the second."""
    with reading(db_path) as con:
        con.register("guarded", guarded)
        return con.execute("""
        WITH everything AS (
            SELECT occurred_at AS precise, actor, role, action, target, result, detail, audit_id FROM audit_log
            UNION ALL SELECT occurred_at, actor, NULL, action, target, result, detail, NULL FROM guarded)
        SELECT date_trunc('second', precise) AS occurred_at, actor, role, action, target, result, detail FROM everything
        WHERE precise >= ? AND precise < ?
          AND (len(?) = 0 OR list_contains(?, action)) AND (len(?) = 0 OR list_contains(?, result))
          AND (? = '' OR contains(lower(actor), lower(?)))
        ORDER BY precise DESC, audit_id DESC NULLS LAST""",
                           [since, until + timedelta(days=1), actions, actions, results, results, actor, actor]).df()
