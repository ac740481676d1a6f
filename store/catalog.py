"""Reads the loader needs from an existing database (bodies, registered lists)."""
from __future__ import annotations

from datetime import date

import duckdb

from loaders.adoption import ProvinceIndex
from loaders.bodies import BodyIndex
from loaders.messages import LoaderError

from .db import one
from .db import read_only as open_read_only  # noqa: F401  (the older name; new code: store.db.read_only)


def body_index(con: duckdb.DuckDBPyConnection) -> BodyIndex:
    records = con.execute("SELECT code, name_vi, name_en, abbr_vi, valid_from, valid_to, successor_code "
                          "FROM body").df().to_dict("records")
    transfers = con.execute("SELECT keyword, from_code, to_code, effective, change FROM function_transfer"
                            ).df().to_dict("records")
    departments = con.execute("SELECT department_vi, line_code, sector_vi, sector_en FROM department"
                              ).df().to_dict("records")
    return BodyIndex.from_records(records, transfers, departments, province_index(con))


def list_meta(con: duckdb.DuckDBPyConnection, list_id: str) -> dict:
    row = one(con, "SELECT list_id, kind, as_of FROM platform_list WHERE list_id = ?", [list_id])
    if row is None:
        known = [r[0] for r in con.execute("SELECT list_id FROM platform_list ORDER BY list_id").fetchall()]
        raise LoaderError("unknown_list", list_id=list_id, known=", ".join(known))
    return {"list_id": row[0], "kind": row[1], "as_of": row[2]}


def parse_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise LoaderError("bad_date", value=value) from exc


def progress_context(con: duckdb.DuckDBPyConnection, list_id: str, today: date) -> tuple[list[str], list[dict], dict]:
    """What a progress file is checked against: the list's platform names, the stages, and each
    platform's highest stage reached by ``today`` (platform key -> ordinal)."""
    list_meta(con, list_id)
    names = [r[0] for r in con.execute("SELECT name FROM platform_current WHERE list_id = ? ORDER BY row_no",
                                       [list_id]).fetchall()]
    stages = con.execute("SELECT stage_id, ordinal, name_vi, name_en FROM stage ORDER BY ordinal").df().to_dict("records")
    reached = dict(con.execute("SELECT p.name_key, s.stage_ordinal FROM platform_status_at(?) s "
                               "JOIN platform_current p ON p.list_id = s.list_id AND p.name = s.name WHERE s.list_id = ?",
                               [today, list_id]).fetchall())
    return names, stages, reached


def province_index(con: duckdb.DuckDBPyConnection) -> ProvinceIndex:
    before = con.execute("SELECT code, name_vi FROM province_2024").df().to_dict("records")
    after = con.execute("SELECT code, name_vi FROM province_2025").df().to_dict("records")
    merger = dict(con.execute("SELECT old_code, new_code FROM province_merger").fetchall())
    return ProvinceIndex(before, after, merger)


def central_names(con: duckdb.DuckDBPyConnection, list_id: str) -> list[str]:
    """The platform names of the central list an adoption file reports on (a provincial list is
    refused before this, by ``actions.guards.check_list_kind``)."""
    return [r[0] for r in con.execute("SELECT name FROM platform_current WHERE list_id = ? ORDER BY row_no",
                                      [list_id]).fetchall()]
