"""Record reviewers' decisions on the overlap candidates (the view ``overlap_candidate``,
analysis/overlap.sql, computed from the current lists whenever it is read)."""
from __future__ import annotations

from datetime import datetime

import pandas as pd

from loaders.messages import LoaderError
from store.db import Connection, one, value

DECISIONS = ("confirm", "dismiss")
MAX_NOTE = 1000


def record_decision(con: Connection, *, list_id: str, name_key: str, central_list_id: str,
                    central_key: str, decision: str, actor: str, note: str | None = None,
                    now: datetime | None = None) -> int:
    """Append a reviewer's decision on one candidate; returns its id. The candidate must exist."""
    if decision not in DECISIONS:
        raise LoaderError("bad_decision", value=str(decision)[:40])
    exists = one(con, "SELECT 1 FROM overlap_candidate WHERE list_id = ? AND name_key = ? AND central_list_id = ? "
                      "AND central_key = ?", [list_id, name_key, central_list_id, central_key])
    if not exists:
        raise LoaderError("no_candidate")
    note = (note or "").strip()[:MAX_NOTE] or None
    decision_id = value(con, "SELECT coalesce(max(decision_id), 0) + 1 FROM overlap_decision")
    con.execute("INSERT INTO overlap_decision VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        decision_id, list_id, name_key, central_list_id, central_key, decision, actor,
        (now or datetime.now()).replace(microsecond=0), note])
    return decision_id


def overlap_table(con: Connection) -> pd.DataFrame:
    return con.execute("SELECT * FROM provincial_overlap ORDER BY list_id, row_no").df()
