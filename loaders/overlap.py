"""Keep ``overlap_candidate`` in step with the lists, and record reviewers' decisions."""
from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from analysis.overlap import OUT_COLUMNS, match_in

from .messages import LoaderError

DECISIONS = ("confirm", "dismiss")
MAX_NOTE = 1000


def province_places(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, ...]]:
    """list_id -> the names its province goes by: its own, its successor's, and those of the
    provinces merged into the same successor."""
    rows = con.execute("""
        SELECT l.list_id, list(DISTINCT n.name) FROM platform_list l
        JOIN province_merger m ON m.old_code = l.province_code
        JOIN (SELECT old_code AS code, new_code, old_name_vi AS name FROM province_merger
              UNION ALL SELECT new_code, new_code, new_name_vi FROM province_merger) n ON n.new_code = m.new_code
        WHERE l.kind = 'provincial' GROUP BY l.list_id""").fetchall()
    return {list_id: tuple(names) for list_id, names in rows}


def refresh_overlap(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute every candidate from the current lists (call inside the import's transaction).
    The central names are scored where they are, in this connection (``analysis.overlap.match_in``)."""
    provincial = con.execute("""
        SELECT p.list_id, p.name, p.name_key, p.ministry_code FROM platform_current p
        JOIN platform_list l USING (list_id) WHERE l.kind = 'provincial' ORDER BY p.list_id, p.row_no""").df()
    con.execute("DELETE FROM overlap_candidate")
    if provincial.empty:
        return 0
    # Every platform row is written by loaders.parse, which stores name_fold = fold(name).
    con.execute("""
        CREATE OR REPLACE TEMP TABLE central AS
        SELECT (row_number() OVER (ORDER BY p.list_id, p.row_no) - 1)::INTEGER AS id, p.list_id, p.name, p.name_key,
               p.name_fold, p.ministry_code AS code
        FROM platform_current p JOIN platform_list l USING (list_id)
        WHERE l.kind IN ('national_deployed', 'shared')
        QUALIFY row_number() OVER (PARTITION BY p.list_id, p.name_key ORDER BY p.row_no) = 1""")
    try:
        found = match_in(con, provincial, province_places(con))
    finally:
        con.execute("DROP TABLE IF EXISTS central")
    if not found.empty:
        con.from_df(found[OUT_COLUMNS]).insert_into("overlap_candidate")
    return len(found)


def record_decision(con: duckdb.DuckDBPyConnection, *, list_id: str, name_key: str, central_list_id: str,
                    central_key: str, decision: str, actor: str, note: str | None = None,
                    now: datetime | None = None) -> int:
    """Append a reviewer's decision on one candidate; returns its id. The candidate must exist."""
    if decision not in DECISIONS:
        raise LoaderError("bad_decision", value=str(decision)[:40])
    exists = con.execute("SELECT 1 FROM overlap_candidate WHERE list_id = ? AND name_key = ? AND central_list_id = ? "
                         "AND central_key = ?", [list_id, name_key, central_list_id, central_key]).fetchone()
    if not exists:
        raise LoaderError("no_candidate")
    note = (note or "").strip()[:MAX_NOTE] or None
    decision_id = con.execute("SELECT coalesce(max(decision_id), 0) + 1 FROM overlap_decision").fetchone()[0]
    con.execute("INSERT INTO overlap_decision VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        decision_id, list_id, name_key, central_list_id, central_key, decision, actor,
        (now or datetime.now()).replace(microsecond=0), note])
    return decision_id


def overlap_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("SELECT * FROM provincial_overlap ORDER BY list_id, row_no").df()
