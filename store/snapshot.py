"""Read the tables the dashboard shows into DataFrames (one read per database version)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import duckdb
import pandas as pd

QUERIES = {
    "body": "SELECT * FROM body ORDER BY code",
    "platform_list": "SELECT * FROM platform_list ORDER BY issued_on, list_id",
    "platform_current": "SELECT * FROM platform_current ORDER BY list_id, row_no",
    "published_count": "SELECT * FROM published_count",
    "published_figure": "SELECT * FROM published_figure",
    "publication_status": "SELECT * FROM publication_status",
    "import_log": "SELECT * FROM import_log ORDER BY import_id DESC",
    "stage": "SELECT * FROM stage ORDER BY ordinal",
    "platform_event": "SELECT * FROM platform_event_current ORDER BY event_date, event_id",   # in force
    "evidence_search": "SELECT * FROM evidence_search ORDER BY list_id, platform_name",
    "platform_alias": "SELECT * FROM platform_alias ORDER BY list_id, platform_name",
    "stage_target": "SELECT * FROM stage_target ORDER BY target_date",
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


MEMO_ENTRIES = 256   # derived results kept per snapshot (views × languages × filters × dates)


class Memo:
    """Results derived from one snapshot, shared by every session: bounded (least recently used
    dropped first, so a crawl over every date × filter cannot grow the server without end),
    thread-safe, and computed once when many sessions ask for the same key at the same moment
    (the others wait for the first instead of computing it again)."""

    def __init__(self, size: int = MEMO_ENTRIES) -> None:
        self.size = size
        self._values: OrderedDict = OrderedDict()
        self._pending: dict = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key) -> bool:
        return key in self._values

    def get(self, key, compute):
        while True:
            with self._lock:
                if key in self._values:
                    self._values.move_to_end(key)
                    return self._values[key]
                waiting = self._pending.get(key)
                if waiting is None:
                    done = self._pending[key] = threading.Event()
                    break
            waiting.wait()   # another session is computing it; if that failed, try ourselves
        try:
            value = compute()
            with self._lock:
                self._values[key] = value
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._pending[key]
            done.set()


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
    # Results derived from this (immutable) snapshot, computed once and shared by every session:
    # see ``derived``. Values must be treated as read-only.
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)

    def derived(self, key: tuple, compute):
        """``compute()`` once per snapshot and ``key`` (the last ``MEMO_ENTRIES`` keys used are kept)."""
        return self.memo.get(key, compute)


def read_snapshot(con: duckdb.DuckDBPyConnection) -> Snapshot:
    frames = {name: con.execute(sql).df() for name, sql in QUERIES.items()}
    for col in ("valid_from", "valid_to"):
        frames["body"][col] = pd.to_datetime(frames["body"][col]).dt.date
    return Snapshot(**frames)


def rejected_rows(con: duckdb.DuckDBPyConnection, import_id: int) -> pd.DataFrame:
    return con.execute("SELECT row_no, reason, reason_code, detail FROM rejected_row WHERE import_id = ? "
                       "ORDER BY row_no", [import_id]).df()


def platforms_of_import(con: duckdb.DuckDBPyConnection, import_id: int) -> pd.DataFrame:
    return con.execute("SELECT list_id, name, name_key, ministry_code FROM platform WHERE import_id = ? "
                       "ORDER BY row_no", [import_id]).df()
