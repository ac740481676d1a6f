"""Sheets of cells -> header and platform rows, driven by ``header_synonyms.csv``.

Reads every sheet whose top rows hold a header with a platform-name column (a "Tổng hợp" summary
sheet has none and is passed over). A header may span two rows (merged cells are already filled
by ``read``). Title rows above it, a "(1) (2) (3)" row under it and blank rows are skipped; a
"Tổng cộng" / "Ghi chú" / "Nơi nhận" row ends the sheet's list.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import zip_longest
from pathlib import Path

from .messages import LoaderError
from .read import Sheet
from .text import clean, fold, key

SYNONYMS_CSV = Path(__file__).with_name("header_synonyms.csv")
HEADER_SCAN_ROWS = 30
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")
_NUMBERED = re.compile(r"^\d+\.?$")
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
class Row:
    sheet: str
    row_no: int                 # as Excel shows it (1-based)
    cells: dict[str, str]       # canonical field -> cleaned text, in column order

    @cached_property
    def values(self) -> list[str]:
        """The distinct non-empty texts of the row's columns, in order (section rows and
        trailers are told by these)."""
        return _distinct(self.cells.values())


@dataclass
class Table:
    sheets: list[str]
    header_row_no: int          # of the first sheet read
    columns: dict[str, int]     # of the first sheet read
    headers_found: list[str]
    rows: list[Row]
    labels: dict[str, str] = field(default_factory=dict)   # canonical field -> header as written
    preamble: list[str] = field(default_factory=list)      # title rows above the header
    skipped: list[int] = field(default_factory=list)

    @property
    def found_text(self) -> str:
        """The headers found, quoted, for "no such column" messages."""
        return ", ".join(f"'{h}'" for h in self.headers_found)

    @property
    def is_demo(self) -> bool:
        """The title rows say the file is demo data ("DỮ LIỆU MINH HỌA", "DEMO")."""
        return any(w in fold(" ".join(self.preamble)) for w in ("minh hoa", "demo"))

    def where(self, row: Row) -> dict:
        """How a row's messages locate it (the sheet named only when several were read)."""
        return {"row_no": row.row_no, "sheet_note": f", sheet '{row.sheet}'" if len(self.sheets) > 1 else "",
                "sheet": row.sheet}


def _match(texts: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    table = synonyms()
    for idx, text in enumerate(texts):
        name = table.get(key(text))
        if name and name not in found:
            found[name] = idx
    return found


def _two_row_texts(upper: list[str], lower: list[str]) -> list[list[str]]:
    """Per column, the texts a two-row header may mean: "upper lower", then lower, then upper."""
    width = max(len(upper), len(lower))
    out = []
    for c in range(width):
        u = upper[c] if c < len(upper) else ""
        lo = lower[c] if c < len(lower) else ""
        joined = u if u == lo or not lo else (lo if not u else f"{u} {lo}")
        out.append([joined, lo, u])
    return out


def _match_two_rows(upper: list[str], lower: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    table = synonyms()
    for idx, options in enumerate(_two_row_texts(upper, lower)):
        for text in options:
            name = table.get(key(text))
            if name and name not in found:
                found[name] = idx
                break
    return found


def _find_header(rows: list[list[str]]) -> tuple[int, int, dict[str, int]] | None:
    """(first header row index, number of header rows, field -> column) with the most fields.
    A two-row header counts only where it finds more columns than either of its rows alone."""
    best: tuple[int, int, dict[str, int]] | None = None
    scan = rows[:HEADER_SCAN_ROWS]
    singles = [_match(row) for row in scan]
    for idx, single in enumerate(singles):
        candidates = [(1, single)]
        if idx + 1 < len(scan):
            double = _match_two_rows(scan[idx], scan[idx + 1])
            if len(double) > max(len(single), len(singles[idx + 1])):
                candidates.append((2, double))
        for height, found in candidates:
            if "name" in found and (best is None or len(found) > len(best[2])):
                best = (idx, height, found)
    return best


def _is_trailer(row: Row) -> bool:
    number = row.cells.get("row_no", "")
    if number.isdecimal() or _NUMBERED.match(number):    # isdecimal: the common case, no regex
        return False
    return bool(row.values) and fold(row.values[0]).startswith(_TRAILER_WORDS)


def _is_column_numbers(values: list[str]) -> bool:
    return len(values) >= 2 and all(_COLUMN_NUMBERS.match(v) for v in values)


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def locate_table(sheets: list[Sheet]) -> Table:
    table: Table | None = None
    for sheet in sheets:
        texts = [[clean(c) for c in r] for r in sheet.rows[:HEADER_SCAN_ROWS]]
        found = _find_header(texts)
        if not found:
            continue
        idx, height, columns = found
        header = [t for t in (texts[idx] + (texts[idx + 1] if height == 2 else [])) if t]
        rows, skipped = _extract(sheet, idx + height, columns)
        if table is None:
            written = _two_row_texts(texts[idx], texts[idx + 1] if height == 2 else [])
            labels = {f: written[c][0] for f, c in columns.items()}
            preamble = _distinct(t for r in texts[:idx] for t in r)
            table = Table([sheet.name], idx + 1, columns, _distinct(header), rows, skipped=skipped, labels=labels,
                          preamble=preamble)
        else:
            table.sheets.append(sheet.name)
            table.rows.extend(rows)
            table.skipped.extend(skipped)
    if table is None:
        first_rows = _distinct([clean(c) for s in sheets for r in s.rows[:HEADER_SCAN_ROWS] for c in r])
        raise LoaderError("no_header", found=", ".join(f"'{h}'" for h in first_rows[:12]) or "(none)",
                          expected=", ".join(f"'{h}'" for h in expected_headers("name")[:6]))
    return table


def _clean_column(values: list[object]) -> list[str]:
    """``clean`` each distinct value once: bodies, statuses and sources repeat down a list."""
    memo: dict[object, str] = {}
    out = []
    for v in values:
        if type(v) is not str:        # 1, 1.0 and True hash alike: clean numbers directly
            out.append(clean(v))
            continue
        text = memo.get(v)
        if text is None:
            text = memo[v] = clean(v)
        out.append(text)
    return out


def _extract(sheet: Sheet, start: int, columns: dict[str, int]) -> tuple[list[Row], list[int]]:
    """Rows below the header; only the mapped columns are cleaned, a column at a time (the rows
    are transposed in C); a row whose mapped cells are all blank is passed over."""
    body = sheet.rows[start:]
    names = [f for f, _ in sorted(columns.items(), key=lambda item: item[1])]
    transposed = list(zip_longest(*body, fillvalue="")) if body else []
    cleaned = [_clean_column(transposed[columns[f]] if columns[f] < len(transposed) else [""] * len(body))
               for f in names]
    rows: list[Row] = []
    skipped: list[int] = []
    for i, values in enumerate(zip(*cleaned)):
        if not any(values):
            continue
        row = Row(sheet.name, start + i + 1, dict(zip(names, values)))
        if len(rows) < 3 and _is_column_numbers(row.values):   # "(1) (2) (3)" under the header
            skipped.append(row.row_no)
            continue
        if _is_trailer(row):
            skipped.append(row.row_no)
            break
        rows.append(row)
    return rows, skipped
