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
PLATFORM_COLUMNS = ["import_id", "list_id", "row_no", "sheet", "name", "name_key", "name_fold", "name_en", "ministry_code",
                    "ministry_as_written", "written_body_code", "name_basis", "name_in_source", "status", "sector",
                    "note", "source"]


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
        con = _connect_for_writing(tmp)
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


# Row groups of this many rows: an append of at least one is written straight into the file,
# compressed, as the rows arrive (DuckDB's optimistic writes), instead of into the WAL and again at
# the checkpoint (a 50,000-row list: 0.13 s where the default 122,880 took 0.23 s). Only the last,
# partial group goes through the WAL. Reading is unaffected (row groups of any size are read alike).
WRITE_ROW_GROUP = 16_384


def _connect_for_writing(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    try:
        con.execute("ATTACH $path AS db (ROW_GROUP_SIZE $rows)", {"path": str(path), "rows": WRITE_ROW_GROUP})
        con.execute("USE db")
    except BaseException:
        con.close()
        raise
    return con


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


def _platform_rows(parsed: ParsedList, import_id: int, list_id: str) -> pa.Table:
    """The rows in ``platform``'s column order, built in Arrow from the parse's columns."""
    n = parsed.row_count
    columns = {"import_id": pa.array([import_id] * n, pa.int32()), "list_id": pa.array([list_id] * n, pa.string()),
               "row_no": pa.array(parsed.columns["row_no"], pa.int32())}
    for name in PLATFORM_COLUMNS:
        if name not in columns:
            columns[name] = pa.array(parsed.columns[name], pa.string())
    return pa.table({name: columns[name] for name in PLATFORM_COLUMNS})


def _record_listing(con: duckdb.DuckDBPyConnection, list_id: str, import_id: int, as_of: date) -> None:
    """A shared list's platforms become "listed" events: at the decision's date on the list's first
    import, at the import's as-of date for platforms a later version adds."""
    kind, issued_on, document_no = con.execute(
        "SELECT kind, issued_on, document_no FROM platform_list WHERE list_id = ?", [list_id]).fetchall()[0]
    if kind != "shared":
        return
    earlier = con.execute("SELECT count(*) FROM import_log WHERE list_id = ? AND kind = 'list' AND import_id < ?",
                          [list_id, import_id]).fetchall()[0][0]
    first = earlier == 0 and issued_on is not None
    con.execute("""
        INSERT INTO platform_event
        SELECT (SELECT coalesce(max(event_id), 0) FROM platform_event) + row_number() OVER (ORDER BY p.row_no),
               p.list_id, p.name_key, p.name, 'listed', ?, ?, ?, p.import_id, ?
        FROM platform p
        WHERE p.import_id = ? AND p.name_key NOT IN (
            SELECT platform_key FROM platform_event WHERE list_id = ? AND stage_id = 'listed')""",
                [issued_on if first else as_of, document_no if first else None,
                 "listed in the decision" if first else f"first listed by import #{import_id}",
                 f"import #{import_id}", import_id, list_id])


def _carry_over(con: duckdb.DuckDBPyConnection, list_id: str, replace_only: set[str]) -> int:
    """Hold the current rows of bodies outside ``replace_only`` (before the new import exists)."""
    con.execute("CREATE OR REPLACE TEMP TABLE carried AS SELECT * FROM platform_current WHERE list_id = ? "
                "AND (ministry_code IS NULL OR NOT list_contains(?, ministry_code))", [list_id, sorted(replace_only)])
    return con.execute("SELECT count(*) FROM carried").fetchone()[0]


def check_loadable(parsed: ParsedList, strict: bool) -> None:
    """Refuse a parse that must not become a snapshot."""
    first = parsed.rejected[0][1].text("en") if parsed.rejected else ""
    if strict and parsed.rejected:
        raise LoaderError("strict_rejected", rejected=len(parsed.rejected), first=first)
    if not parsed.row_count:
        raise LoaderError("no_rows", rejected=len(parsed.rejected), first=first or "-")


def write_import(con: duckdb.DuckDBPyConnection, parsed: ParsedList, *, list_id: str, as_of: date,
                 file_name: str, actor: str | None = None, replace_only: set[str] | None = None) -> ImportOutcome:
    """Record one import in one transaction on an open read-write connection.

    ``replace_only``: the file speaks for these bodies only (a ministry editor's): the new
    snapshot keeps the other bodies' rows of the current one."""
    prior = con.execute(
        "SELECT import_id FROM import_log WHERE list_id = ? AND sha256 = ? AND as_of = ? AND status IN (?, ?) "
        "AND kind = 'list'",
        [list_id, parsed.sha256, as_of, *OK_STATUSES]).fetchone()
    if prior:
        note = Message("already_imported", {"list_id": list_id, "as_of": as_of.isoformat(), "import_id": prior[0]})
        return ImportOutcome(prior[0], list_id, 0, 0, [note], duplicate=True)
    con.begin()
    try:
        import_id = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchone()[0]
        status = "loaded_with_rejections" if parsed.rejected else "loaded"
        message = "; ".join(w.text("en") for w in parsed.warnings) or None
        carried = _carry_over(con, list_id, replace_only) if replace_only is not None else 0
        if carried:
            message = "; ".join(filter(None, [message, f"kept {carried} row(s) of other bodies from the current list"]))
        con.execute("INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'list', false)", [
            import_id, list_id, file_name, parsed.sha256, as_of, datetime.now().replace(microsecond=0), status,
            parsed.rows_read, parsed.row_count, len(parsed.rejected), message, parsed.sheet,
            parsed.header_row_no, actor])
        con.from_arrow(_platform_rows(parsed, import_id, list_id)).insert_into("platform")
        if carried:
            con.execute("UPDATE carried SET import_id = ?", [import_id])
            con.execute("INSERT INTO platform SELECT * FROM carried")
            con.execute("DROP TABLE carried")
        _record_listing(con, list_id, import_id, as_of)
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
    return ImportOutcome(import_id, list_id, parsed.row_count, len(parsed.rejected), list(parsed.warnings))


def check_progress_loadable(parsed, strict: bool) -> None:
    first = parsed.rejected[0][1].text("en") if parsed.rejected else ""
    if strict and (parsed.rejected or parsed.pending):
        raise LoaderError("strict_rejected", rejected=len(parsed.rejected) + len(parsed.pending), first=first)
    if not parsed.events and not parsed.targets:
        raise LoaderError("no_rows", rejected=len(parsed.rejected), first=first or "-")


def write_progress(con: duckdb.DuckDBPyConnection, parsed, *, list_id: str, today: date, file_name: str,
                   actor: str | None = None) -> ImportOutcome:
    """Record a progress import (events, targets, rejected rows) in one transaction."""
    prior = con.execute("SELECT import_id FROM import_log WHERE list_id = ? AND sha256 = ? AND kind = 'progress'",
                        [list_id, parsed.sha256]).fetchone()
    if prior:
        note = Message("already_imported", {"list_id": list_id, "as_of": today.isoformat(), "import_id": prior[0]})
        return ImportOutcome(prior[0], list_id, 0, 0, [note], duplicate=True)
    loaded = len(parsed.events) + len(parsed.targets)
    con.begin()
    try:
        import_id = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchone()[0]
        con.execute("INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'progress', ?)", [
            import_id, list_id, file_name, parsed.sha256, today, datetime.now().replace(microsecond=0),
            "loaded_with_rejections" if parsed.rejected else "loaded", parsed.rows_read, loaded,
            len(parsed.rejected), "; ".join(w.text("en") for w in parsed.warnings) or None, parsed.sheet,
            parsed.header_row_no, actor, parsed.demo])
        next_id = con.execute("SELECT coalesce(max(event_id), 0) FROM platform_event").fetchone()[0]
        events = [(next_id + i, list_id, e["platform_key"], e["platform_name"], e["stage_id"], e["event_date"],
                   e["document_no"], e["note"], import_id, f"{file_name}, row {e['row_no']}")
                  for i, e in enumerate(parsed.events, start=1)]
        if events:
            con.executemany("INSERT INTO platform_event VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        targets = [(list_id, t["platform_key"], t["platform_name"], t["stage_id"], t["target_date"],
                    t["document_no"], import_id) for t in parsed.targets]
        if targets:
            con.executemany("INSERT INTO stage_target VALUES (?, ?, ?, ?, ?, ?, ?)", targets)
        _insert_rejected(con, import_id, parsed.rejected)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return ImportOutcome(import_id, list_id, loaded, len(parsed.rejected), list(parsed.warnings))


def write_adoption(con: duckdb.DuckDBPyConnection, parsed, *, list_id: str, today: date, file_name: str,
                   actor: str | None = None) -> ImportOutcome:
    """Record an adoption import (rows and rejected rows) in one transaction."""
    prior = con.execute("SELECT import_id FROM import_log WHERE list_id = ? AND sha256 = ? AND kind = 'adoption' "
                        "AND status IN (?, ?)", [list_id, parsed.sha256, *OK_STATUSES]).fetchone()
    if prior:
        note = Message("already_imported", {"list_id": list_id, "as_of": today.isoformat(), "import_id": prior[0]})
        return ImportOutcome(prior[0], list_id, 0, 0, [note], duplicate=True)
    con.begin()
    try:
        import_id = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchone()[0]
        con.execute("INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'adoption', ?)", [
            import_id, list_id, file_name, parsed.sha256, today, datetime.now().replace(microsecond=0),
            "loaded_with_rejections" if parsed.rejected else "loaded", parsed.rows_read, len(parsed.rows),
            len(parsed.rejected), "; ".join(w.text("en") for w in parsed.warnings) or None, parsed.sheet,
            parsed.header_row_no, actor, parsed.demo])
        rows = pd.DataFrame(parsed.rows)
        rows["import_id"] = import_id
        con.from_df(rows.reindex(columns=con.table("adoption").columns)).insert_into("adoption")
        _insert_rejected(con, import_id, parsed.rejected)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return ImportOutcome(import_id, list_id, len(parsed.rows), len(parsed.rejected), list(parsed.warnings))


def _insert_rejected(con: duckdb.DuckDBPyConnection, import_id: int, rejected: list) -> None:
    for row_no, m in rejected:
        con.execute("INSERT INTO rejected_row VALUES (?, ?, ?, ?, ?, ?)", [
            import_id, row_no, m.text("en"), m.code, json.dumps(m.params, ensure_ascii=False, default=str),
            m.params.get("sheet")])
