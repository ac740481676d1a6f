"""Read the tables the dashboard shows into DataFrames (one read per database version)."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from .dates import as_dates
from .renames import rekeyed

QUERIES = {
    "body": "SELECT * FROM body ORDER BY code",
    "platform_list": "SELECT * FROM platform_list ORDER BY issued_on, list_id",
    "platform_current": "SELECT * FROM platform_current ORDER BY list_id, row_no",
    "published_count": "SELECT * FROM published_count",
    "published_figure": "SELECT * FROM published_figure",
    "publication_status": "SELECT * FROM publication_status",
    "import_log": "SELECT * FROM import_log ORDER BY import_id DESC",
    "stage": "SELECT * FROM stage ORDER BY ordinal",
    # in force, each under its platform's current name (store/renames.py)
    "platform_event": rekeyed("platform_event_current", "t.event_date, t.event_id"),
    "evidence_search": rekeyed("evidence_search", "t.list_id, t.platform_name"),
    "platform_alias": "SELECT * FROM platform_alias ORDER BY list_id, platform_name",
    "stage_target": rekeyed("stage_target", "t.target_date"),
    "provincial_overlap": "SELECT * FROM provincial_overlap ORDER BY list_id, row_no",
    "adoption_current": "SELECT * FROM adoption_current ORDER BY current_province_code, platform_name, commune",
    "province_2024": "SELECT code, name_vi, name_en FROM province_2024 ORDER BY code",
    "province_2025": "SELECT code, name_vi, name_en FROM province_2025 ORDER BY code",
    "province_merger": "SELECT old_code, old_name_vi, new_code, new_name_vi FROM province_merger ORDER BY old_code",
    # the register of documents and what hangs on it (store/documents.py)
    "document": "SELECT * FROM document ORDER BY kind, issued_on, doc_id",
    "guidance_item": "SELECT * FROM guidance_item ORDER BY doc_id, item DESC, ordinal",
    "known_item": "SELECT * FROM known_item ORDER BY list_id, name_vi",
    "reference_check": "SELECT * FROM reference_check ORDER BY file",
}


_SERIAL = itertools.count(1)


@dataclass(frozen=True)
class Snapshot:
    body: pd.DataFrame
    platform_list: pd.DataFrame
    platform_current: pd.DataFrame
    published_count: pd.DataFrame
    published_figure: pd.DataFrame
    publication_status: pd.DataFrame
    import_log: pd.DataFrame
    stage: pd.DataFrame
    platform_event: pd.DataFrame      # the events in force (view platform_event_current)
    evidence_search: pd.DataFrame
    platform_alias: pd.DataFrame
    stage_target: pd.DataFrame
    provincial_overlap: pd.DataFrame
    adoption_current: pd.DataFrame
    province_2024: pd.DataFrame
    province_2025: pd.DataFrame
    province_merger: pd.DataFrame
    document: pd.DataFrame
    guidance_item: pd.DataFrame
    known_item: pd.DataFrame
    reference_check: pd.DataFrame
    # Which read of the database this is (one per data version in a process): what is derived
    # from it is memoised under this number, in one bounded place (views/memo.py).
    serial: int = field(default_factory=lambda: next(_SERIAL), init=False, compare=False)


def read_snapshot(con: duckdb.DuckDBPyConnection) -> Snapshot:
    frames = {name: con.execute(sql).df() for name, sql in QUERIES.items()}
    for col in ("valid_from", "valid_to"):
        frames["body"][col] = as_dates(frames["body"][col])
    return Snapshot(**frames)


def rejected_rows(con: duckdb.DuckDBPyConnection, import_id: int) -> pd.DataFrame:
    return con.execute("SELECT row_no, reason, reason_code, detail FROM rejected_row WHERE import_id = ? "
                       "ORDER BY row_no", [import_id]).df()


def platforms_of_import(con: duckdb.DuckDBPyConnection, import_id: int) -> pd.DataFrame:
    return con.execute("SELECT list_id, name, name_key, ministry_code FROM platform WHERE import_id = ? "
                       "ORDER BY row_no", [import_id]).df()
