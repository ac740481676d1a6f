"""The one write of an import, whatever its kind: the duplicate check, the ``import_log`` row, the
rejected rows, and the kind's own rows (``ImportKind.write_rows``), in one transaction on a
connection from ``store.db.writable`` (a private copy of the database file that replaces the
original when the transaction has committed)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

import duckdb
import pandas as pd

from loaders.messages import LoaderError, Message, stored

from .changes import ListChanges
from .db import WRITE_ROW_GROUP, one, value, writable  # noqa: F401  (writable: re-exported)

OK_STATUSES = ("loaded", "loaded_with_rejections")


@dataclass
class ImportOutcome:
    import_id: int
    list_id: str
    rows_loaded: int
    rows_rejected: int
    warnings: list[Message] = field(default_factory=list)
    duplicate: bool = False
    changes: ListChanges | None = None     # a list import: what it added, changed, removed or kept

    def to_json(self, lang: str = "en") -> str:
        return json.dumps({"import_id": self.import_id, "list_id": self.list_id,
                           "rows_loaded": self.rows_loaded, "rows_rejected": self.rows_rejected,
                           "duplicate": self.duplicate,
                           **({"changes": self.changes.counts()} if self.changes else {}),
                           "warnings": [w.text(lang) for w in self.warnings]}, ensure_ascii=False)


class RowWriter(Protocol):
    """What ``write`` needs of an import kind (``actions.import_kind.ImportKind`` is one)."""
    name: str
    dated: bool

    def write_rows(self, con: Any, parsed: Any, **options: Any) -> Written: ...


@dataclass
class Written:
    """What ``ImportKind.write_rows`` reports: rows stored, notes for the import log, a list's changes,
    and what the person who imports must be told besides the file's own warnings."""
    loaded: int
    notes: list[str] = field(default_factory=list)
    changes: ListChanges | None = None
    told: list[Message] = field(default_factory=list)


def find_duplicate(con: duckdb.DuckDBPyConnection, kind: str, list_id: str, sha256: str, as_of: date | None
                   ) -> int | None:
    """The import that already loaded this very file (same bytes) for this list as this kind, on
    ``as_of`` when given (a list: the same file for another date is a new snapshot)."""
    return value(con, "SELECT min(import_id) FROM import_log WHERE list_id = ? AND sha256 = ? AND kind = ? "
                      "AND status IN (?, ?) AND (CAST(? AS DATE) IS NULL OR as_of = ?)",
                 [list_id, sha256, kind, *OK_STATUSES, as_of, as_of])


def record_import(con: duckdb.DuckDBPyConnection, *, import_id: int, kind: str, list_id: str, parsed, as_of: date,
                  file_name: str, actor: str | None, loaded: int, notes: list[str] = ()) -> None:
    """The ``import_log`` row and the ``rejected_row`` rows of one import (inside its transaction)."""
    message = stored([*parsed.warnings, *notes])   # codes: each reader sees them in their language
    con.execute("INSERT INTO import_log VALUES ($id, $list, $file, $sha, $as_of, $at, $status, $read, $loaded, "
                "$rejected, $message, $sheet, $header, $actor, $kind, $demo)", {
                    "id": import_id, "list": list_id, "file": file_name, "sha": parsed.sha256, "as_of": as_of,
                    "at": datetime.now().replace(microsecond=0),
                    "status": "loaded_with_rejections" if parsed.rejected else "loaded", "read": parsed.rows_read,
                    "loaded": loaded, "rejected": len(parsed.rejected), "message": message, "sheet": parsed.sheet,
                    "header": parsed.header_row_no, "actor": actor, "kind": kind,
                    "demo": bool(getattr(parsed, "demo", False))})
    if parsed.rejected:
        rejected = pd.DataFrame([{"import_id": import_id, "row_no": row_no, "reason": m.text("en"), "reason_code": m.code,
                                  "detail": json.dumps(m.params, ensure_ascii=False, default=str),
                                  "sheet": m.params.get("sheet")} for row_no, m in parsed.rejected])
        con.from_df(rejected).insert_into("rejected_row")


def write(kind: RowWriter, con: duckdb.DuckDBPyConnection, parsed, *, list_id: str, as_of: date, file_name: str,
          actor: str | None = None, **options) -> ImportOutcome:
    """Store one import of ``kind`` in one transaction; the same file again creates nothing."""
    prior = find_duplicate(con, kind.name, list_id, parsed.sha256, as_of if kind.dated else None)
    if prior is not None:
        note = Message("already_imported", {"list_id": list_id, "as_of": as_of.isoformat(), "import_id": prior})
        return ImportOutcome(prior, list_id, 0, 0, [note], duplicate=True)
    con.begin()
    try:
        import_id = value(con, "SELECT coalesce(max(import_id), 0) + 1 FROM import_log")
        written = kind.write_rows(con, parsed, import_id=import_id, list_id=list_id, as_of=as_of, file_name=file_name,
                                  **options)
        record_import(con, import_id=import_id, kind=kind.name, list_id=list_id, parsed=parsed, as_of=as_of,
                      file_name=file_name, actor=actor, loaded=written.loaded, notes=written.notes)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return ImportOutcome(import_id, list_id, written.loaded, len(parsed.rejected), [*parsed.warnings, *written.told],
                         changes=written.changes)


def refuse_empty(parsed, loaded: int, strict: bool, pending: int = 0) -> None:
    """Refuse a parse that must not become an import: any rejected (or unconfirmed) row in strict
    mode, or nothing to load."""
    first = parsed.rejected[0][1].text("en") if parsed.rejected else ""
    if strict and (parsed.rejected or pending):
        raise LoaderError("strict_rejected", rejected=len(parsed.rejected) + pending, first=first)
    if not loaded:
        raise LoaderError("no_rows", rejected=len(parsed.rejected), first=first or "-")
