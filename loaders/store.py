"""Writes. Every write goes to a private copy of the database file that atomically replaces
the original when the transaction has committed, so:

- a reader (the running app) is never blocked and keeps the old data until it reopens;
- a writer killed at any moment leaves the original file untouched;
- writers queue on a lock file beside the database.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd
import pyarrow as pa

from .messages import LoaderError, Message
from .parse import ParsedList

OK_STATUSES = ("loaded", "loaded_with_rejections")
PLATFORM_COLUMNS = ["import_id", "list_id", "row_no", "sheet", "name", "name_en", "ministry_code", "ministry_as_written",
                    "written_body_code", "name_basis", "name_in_source", "status", "sector", "note", "source"]


@contextmanager
def _locked(db_path: Path) -> Iterator[None]:
    with open(db_path.with_name(db_path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def writable(db_path: Path | str, *, fresh: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a copy of ``db_path`` (an empty file if ``fresh``) that
    replaces ``db_path`` when the block exits without an exception."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(db_path):
        tmp = db_path.with_name(f"{db_path.name}.tmp-{os.getpid()}")
        for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
            stale.unlink(missing_ok=True)
        if not fresh and db_path.exists():
            shutil.copyfile(db_path, tmp)
            wal = db_path.with_name(db_path.name + ".wal")
            if wal.exists():  # someone opened the original read-write (DuckDB CLI): keep their data
                shutil.copyfile(wal, tmp.with_name(tmp.name + ".wal"))
        con = duckdb.connect(str(tmp))
        try:
            yield con
            con.execute("CHECKPOINT")
            con.close()
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, db_path)
        except BaseException:
            con.close()
            tmp.unlink(missing_ok=True)
            raise


@dataclass
class ImportOutcome:
    import_id: int
    list_id: str
    rows_loaded: int
    rows_rejected: int
    warnings: list[Message] = field(default_factory=list)
    duplicate: bool = False

    def to_json(self, lang: str = "en") -> str:
        return json.dumps({"import_id": self.import_id, "list_id": self.list_id,
                           "rows_loaded": self.rows_loaded, "rows_rejected": self.rows_rejected,
                           "duplicate": self.duplicate,
                           "warnings": [w.text(lang) for w in self.warnings]}, ensure_ascii=False)


def _platform_rows(rows: list[dict], import_id: int, list_id: str) -> pa.Table:
    """The rows in ``platform``'s column order, built in Arrow (faster than a DataFrame)."""
    table = pa.Table.from_pylist(rows)
    n = table.num_rows
    columns = {"import_id": pa.array([import_id] * n, pa.int32()), "list_id": pa.array([list_id] * n, pa.string())}
    for name in PLATFORM_COLUMNS:
        if name not in columns:
            columns[name] = table.column(name)
    return pa.table({name: columns[name] for name in PLATFORM_COLUMNS})


def check_loadable(parsed: ParsedList, strict: bool) -> None:
    """Refuse a parse that must not become a snapshot."""
    first = parsed.rejected[0][1].text("en") if parsed.rejected else ""
    if strict and parsed.rejected:
        raise LoaderError("strict_rejected", rejected=len(parsed.rejected), first=first)
    if not parsed.rows:
        raise LoaderError("no_rows", rejected=len(parsed.rejected), first=first or "-")


def write_import(con: duckdb.DuckDBPyConnection, parsed: ParsedList, *, list_id: str, as_of: date,
                 file_name: str, actor: str | None = None) -> ImportOutcome:
    """Record one import in one transaction on an open read-write connection."""
    prior = con.execute(
        "SELECT import_id FROM import_log WHERE list_id = ? AND sha256 = ? AND as_of = ? AND status IN (?, ?)",
        [list_id, parsed.sha256, as_of, *OK_STATUSES]).fetchone()
    if prior:
        note = Message("already_imported", {"list_id": list_id, "as_of": as_of.isoformat(), "import_id": prior[0]})
        return ImportOutcome(prior[0], list_id, 0, 0, [note], duplicate=True)
    con.begin()
    try:
        import_id = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchone()[0]
        status = "loaded_with_rejections" if parsed.rejected else "loaded"
        message = "; ".join(w.text("en") for w in parsed.warnings) or None
        con.execute("INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            import_id, list_id, file_name, parsed.sha256, as_of, datetime.now().replace(microsecond=0), status,
            parsed.rows_read, len(parsed.rows), len(parsed.rejected), message, parsed.sheet,
            parsed.header_row_no, actor])
        con.from_arrow(_platform_rows(parsed.rows, import_id, list_id)).insert_into("platform")
        if parsed.rejected:
            rejected = pd.DataFrame([{"import_id": import_id, "row_no": row_no, "reason": m.text("en"),
                                      "reason_code": m.code, "detail": json.dumps(m.params, ensure_ascii=False),
                                      "sheet": m.params.get("sheet")}
                                     for row_no, m in parsed.rejected])
            con.from_df(rejected).insert_into("rejected_row")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return ImportOutcome(import_id, list_id, len(parsed.rows), len(parsed.rejected), list(parsed.warnings))


def commit_import(db_path: Path | str, parsed: ParsedList, *, list_id: str, as_of: date, file_name: str,
                  strict: bool = False, actor: str | None = None) -> ImportOutcome:
    check_loadable(parsed, strict)
    with writable(db_path) as con:
        return write_import(con, parsed, list_id=list_id, as_of=as_of, file_name=file_name, actor=actor)
