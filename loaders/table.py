"""Sheets of cells -> the header and the platform rows, driven by ``header_synonyms.csv``."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .messages import LoaderError
from .read import Sheet
from .text import clean, fold, key

SYNONYMS_CSV = Path(__file__).with_name("header_synonyms.csv")
HEADER_SCAN_ROWS = 30
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")  # the "(1) (2) (3)" row under a header
_TRAILER_WORDS = ("tong cong", "tong so", "total", "ghi chu", "note", "nguoi lap", "noi nhan")


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Folded header text -> canonical field."""
    with SYNONYMS_CSV.open(encoding="utf-8") as fh:
        return {key(r["synonym"]): r["field"] for r in csv.DictReader(fh)}


def expected_headers(field_name: str) -> list[str]:
    with SYNONYMS_CSV.open(encoding="utf-8") as fh:
        return [r["synonym"] for r in csv.DictReader(fh) if r["field"] == field_name]


@dataclass
class Table:
    sheet: str
    header_row_no: int                      # 1-based, as Excel shows it
    columns: dict[str, int]                 # canonical field -> column index
    headers_found: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as Excel shows it, field -> cleaned text)
    skipped: list[int] = field(default_factory=list)


def _header_match(row: list[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    table = synonyms()
    for idx, cell in enumerate(row):
        name = table.get(key(cell))
        if name and name not in found:
            found[name] = idx
    return found


def _find_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    best: tuple[int, dict[str, int]] | None = None
    for idx, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        found = _header_match(row)
        if "name" in found and (best is None or len(found) > len(best[1])):
            best = (idx, found)
    return best


def _is_trailer(cells: dict[str, str]) -> bool:
    """Totals, notes and signature lines: no row number, and text that says so."""
    if cells.get("row_no"):
        return False
    first = fold(next((v for v in cells.values() if v), ""))
    return first.startswith(_TRAILER_WORDS)


def _is_column_numbers(values: list[str]) -> bool:
    filled = [v for v in values if v]
    return len(filled) >= 2 and all(_COLUMN_NUMBERS.match(v) for v in filled)


def locate_table(sheets: list[Sheet]) -> Table:
    """The first sheet whose top rows hold a header with a platform-name column."""
    for sheet in sheets:
        found = _find_header(sheet)
        if found:
            return _extract(sheet, *found)
    first_rows = [clean(c) for s in sheets for r in s.rows[:HEADER_SCAN_ROWS] for c in r if clean(c)]
    raise LoaderError("no_header", found=", ".join(f"'{h}'" for h in first_rows[:12]) or "(none)",
                      expected=", ".join(f"'{h}'" for h in expected_headers("name")[:6]))


def _extract(sheet: Sheet, header_idx: int, columns: dict[str, int]) -> Table:
    header = [clean(c) for c in sheet.rows[header_idx]]
    rows: list[tuple[int, dict[str, str]]] = []
    skipped: list[int] = []
    for idx in range(header_idx + 1, len(sheet.rows)):
        raw = sheet.rows[idx]
        values = [clean(c) for c in raw]
        if not any(values):
            continue
        cells = {f: (values[i] if i < len(values) else "") for f, i in columns.items()}
        if _is_column_numbers(values) or _is_trailer(cells):
            skipped.append(idx + 1)
            continue
        rows.append((idx + 1, cells))
    return Table(sheet.name, header_idx + 1, columns, [h for h in header if h], rows, skipped)
