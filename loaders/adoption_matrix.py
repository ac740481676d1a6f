"""An adoption report laid out as a matrix: provinces down and the central platforms across (or the
transpose), a cell marked where a province uses a platform ("x", "✓", "có", "Đã triển khai", a
date, "Thí điểm 10/2025"). Read into the same rows as a long file's (``loaders.adoption``).

Each marked cell is one adoption record; an empty cell is "not reported" (nothing is recorded), not
"not used". Platform headers are matched to the list by folded name (case, diacritics, spacing,
tone-mark placement ignored), provinces as the long file's are (``ProvinceIndex``). An unknown
header or province is one rejection naming its cell, with "did you mean"; a mark without a date is
dated by the report's own date (its letter block) or, failing that, the day of import, with a
warning saying which.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import parse_day, parse_period
from .headers import column_letter, heading_field
from .messages import Message, span
from .read import Sheet
from .suggest import did_you_mean
from .table import HEADER_SCAN_ROWS, is_trailer_text
from .text import clean, fold, key

MAX_LINES = 1000      # rows or columns of a sheet read as a matrix (34 or 63 provinces, a list's platforms)
# A cell that only marks the province as using the platform.
MARKS = frozenset({"x", "v", "co", "yes", "y", "1", "da", "ok", "dung", "su dung", "da dung"})
SYMBOLS = frozenset("✓✔☑√●•+✗") - {"✗"}
# Headers that are neither platforms nor provinces (row numbers, notes, codes): passed over.
_OTHER_FIELDS = frozenset({"row_no", "note", "code", "commune", "date", "status", "ministry", "count"})
# A date inside a cell's text: a day, a month, a quarter or a year (as in a wide progress report).
_DATE_IN_TEXT = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{4}-\d{2}-\d{2}|(?:tháng\s*)?\d{1,2}\s*/\s*\d{4}"
                           r"|(?:quý|q)\s*(?:iv|i{1,3}|[1-4])\s*[/\-]\s*\d{4}|\b(?:19|20)\d{2}\b", re.IGNORECASE)
# The report's date in its letter block: "Nghệ An, ngày 05 tháng 11 năm 2025", "tính đến ngày 30/9/2025".
_LETTER_DATE = re.compile(r"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})")
_SUBTOTAL = re.compile(r"^(?:cong|tong)(?: cong| so)?(?:$| \d| [ivx]+$)")
_AS_OF = re.compile(r"(?:tinh )?den ngay (\d{1,2}) (\d{1,2}) (\d{4})")


@dataclass
class Matrix:
    sheet: Sheet
    grid: list[list[str]]        # cleaned texts, provinces down (transposed back where they run across)
    across: bool                 # True: provinces run across the sheet (the grid is the transpose)
    header: int                  # grid line of the platform headers
    province_col: int            # grid column of the provinces
    platforms: dict[int, str]    # grid column -> the list's name
    unknown: dict[int, str]      # grid column -> header as written, not a platform of the list

    def cell(self, line: int, col: int) -> tuple[int, str]:
        """(sheet row as Excel shows it, cell reference) of a grid cell."""
        row, c = (col, line) if self.across else (line, col)
        return row + 1, f"{column_letter(c)}{row + 1}"


def find_matrix(sheets: list[Sheet], platforms: list[str], provinces, today: date) -> list[Matrix]:
    """The sheets laid out as a matrix (each in its better orientation); empty when none is."""
    by_key = {key(n): n for n in platforms}
    found = []
    for sheet in sheets:
        if sheet.height > MAX_LINES:        # a matrix has a line per province or per platform, not thousands
            continue
        rows = [[clean(c) for c in r] for r in sheet.rows]
        width = max(map(len, rows), default=0)
        if width > MAX_LINES:
            continue
        rows = [r + [""] * (width - len(r)) for r in rows]
        candidates = [m for m in (_orient(sheet, rows, False, by_key, provinces, today),
                                  _orient(sheet, [list(c) for c in zip(*rows)], True, by_key, provinces, today)) if m]
        if candidates:
            found.append(max(candidates, key=lambda m: (len(m[1]), -m[0].across))[0])
    return found


def _orient(sheet: Sheet, grid: list[list[str]], across: bool, by_key: dict, provinces, today: date):
    """(Matrix, provinces found) with provinces down ``grid``'s lines, or None."""
    for h, line in enumerate(grid[:HEADER_SCAN_ROWS]):
        matched = {c: by_key[key(t)] for c, t in enumerate(line) if t and key(t) in by_key}
        if not matched:
            continue
        best, best_found = None, []
        for c, head in enumerate(line):
            if c in matched or (head and heading_field(head) == "row_no"):
                continue
            below = [ln[c] for ln in grid[h + 1:]
                     if ln[c] and not ln[c].isdecimal() and not _SUBTOTAL.match(fold(ln[c]))]
            hits = [t for t in below if provinces.resolve(t, today)]
            if len(hits) > len(best_found) and len(hits) * 3 >= len(below):   # a third: misspellings happen
                best, best_found = c, hits
        if best is None:
            continue
        unknown = {c: t for c, t in enumerate(line) if t and c != best and c not in matched
                   and c > best and heading_field(t) not in _OTHER_FIELDS}
        return Matrix(sheet, grid, across, h, best, matched, unknown), best_found
    return None


def report_date(m: Matrix) -> date | None:
    """The report's own date, from the letter block above the table ("ngày 05 tháng 11 năm 2025",
    "tính đến ngày 30/9/2025")."""
    top = m.province_col if m.across else m.header
    rows = [[ln[r] for ln in m.grid] for r in range(top)] if m.across else m.grid[:top]
    for line in rows:
        for text in line:
            folded = fold(text)
            for pattern in (_LETTER_DATE, _AS_OF):
                if m_ := pattern.search(folded):
                    try:
                        return date(int(m_[3]), int(m_[2]), int(m_[1]))
                    except ValueError:
                        continue
    return None


def read_cell(text: str, statuses: dict[str, str]) -> tuple[str | None, str | None]:
    """(status, the date as written) a marked cell says; status None: the cell cannot be read."""
    if text in SYMBOLS or key(text) in MARKS:
        return "in_use", None
    found = _DATE_IN_TEXT.search(text)
    words = (text[:found.start()] + " " + text[found.end():]) if found else text
    words = fold(words).removeprefix("tu ").removesuffix(" tu").strip()
    if not words:
        return ("in_use" if found else None), (found[0] if found else None)
    status = statuses.get(key(words))
    return status, (found[0] if found else None)


def cell_date(written: str | None, where: dict, parsed) -> date | None:
    """A cell's date (a day, or a month, quarter or year as its last day, with a warning)."""
    day = parse_day(written)
    if day is None and (day := parse_period(written)) is not None:
        parsed.warnings.append(Message("partial_date", {**where, "written": written, "date": day.strftime("%d/%m/%Y")}))
    return day


def layout_warning(m: Matrix, sheet_note: str) -> Message:
    """How the matrix was read: its orientation, where, and each header's platform."""
    row, ref = m.cell(m.header, m.province_col)
    return Message("adoption_matrix_across" if m.across else "adoption_matrix", {
        "sheet_note": sheet_note, "cell": ref, "n": len(m.platforms),
        "columns": ", ".join(f"'{m.grid[m.header][c]}' → {name}" if m.grid[m.header][c] != name else name
                             for c, name in m.platforms.items())})


def read_matrix(m: Matrix, parsed, provinces, today: date, list_id: str, platforms: list[str],
                statuses: dict[str, str], seen: dict, sheet_note: str = "") -> None:
    """Add ``m``'s marked cells to ``parsed.rows`` and its unknown headers, provinces and cells to
    ``parsed.rejected`` (``sheet_note``: ", sheet 'X'" where several sheets are read)."""
    lines = _body_lines(m)
    for c, written in m.unknown.items():
        row, ref = m.cell(m.header, c)
        marked = [ln for ln in lines if m.grid[ln][c]]
        parsed.rejected.append((row, Message("matrix_unknown_platform", {
            "row_no": row, "cell": ref, "sheet_note": sheet_note, "written": written, "list_id": list_id,
            "n": len(marked), "suggestions": did_you_mean(written, platforms)})))
    as_of = report_date(m)
    undated: list[str] = []
    for ln in lines:
        label = m.grid[ln][m.province_col]
        marked = [c for c in m.platforms if m.grid[ln][c]]
        if not marked:
            continue
        row, ref = m.cell(ln, m.province_col)
        if not label:
            parsed.rejected.append((row, Message("matrix_no_province", {
                "row_no": row, "cell": ref, "sheet_note": sheet_note, "n": len(marked)})))
            continue
        _read_line(m, ln, label, marked, parsed, (provinces, today, as_of, list_id, statuses, seen, sheet_note),
                   undated)
    if undated:
        code = "matrix_dated_by_report" if as_of else "matrix_dated_today"
        parsed.warnings.append(Message(code, {"n": len(undated), "cells": span(undated),
                                              "date": (as_of or today).strftime("%d/%m/%Y"), "sheet_note": sheet_note}))


def _body_lines(m: Matrix) -> list[int]:
    """The grid lines below the header, up to a total, a footnote or a signature; a "Cộng" subtotal
    is passed over."""
    out = []
    for ln in range(m.header + 1, len(m.grid)):
        texts = [t for t in m.grid[ln][m.province_col:] if t]
        if not texts or _SUBTOTAL.match(fold(texts[0])):
            continue
        if is_trailer_text(texts[0]):
            if out:
                break
            continue
        out.append(ln)
    return out


def _read_line(m: Matrix, ln: int, label: str, marked: list[int], parsed, context: tuple, undated: list[str]) -> None:
    """The records of one province's line (``context``: provinces, today, the report's date, the
    list, the statuses, the cells seen so far and the sheet's note)."""
    provinces, today, as_of, list_id, statuses, seen, sheet_note = context
    day_for_province = as_of or today
    found = provinces.resolve(label, day_for_province)
    row, ref = m.cell(ln, m.province_col)
    if found is None:
        parsed.rejected.append((row, Message("matrix_unknown_province", {
            "row_no": row, "cell": ref, "sheet_note": sheet_note, "written": label, "n": len(marked),
            "on": day_for_province.isoformat(), "suggestions": provinces.suggest(label, day_for_province)})))
        return
    for c in marked:
        text, name = m.grid[ln][c], m.platforms[c]
        row, ref = m.cell(ln, c)
        where = {"row_no": row, "cell": ref, "sheet_note": sheet_note, "sheet": m.sheet.name}
        status, written_day = read_cell(text, statuses)
        day = cell_date(written_day, where, parsed) if written_day else None
        if status is None or (written_day and day is None):
            parsed.rejected.append((row, Message("matrix_bad_cell", {
                **where, "written": text, "province": label, "platform": name})))
            continue
        if day is None:
            undated.append(ref)
            day = as_of or today
        if day > today:
            parsed.rejected.append((row, Message("matrix_future_date", {**where, "date": day.isoformat()})))
            continue
        codes = provinces.resolve(label, day) or found
        dedupe = (codes[1], "", key(name), day)
        if dedupe in seen:
            parsed.rejected.append((row, Message("matrix_repeat", {**where, "first": seen[dedupe]})))
            continue
        seen[dedupe] = ref
        parsed.rows.append({"row_no": row, "province_code": codes[0], "current_province_code": codes[1],
                            "rolled_up": codes[2], "province_as_written": label, "commune": None, "status": status,
                            "status_date": day, "note": f"{ref}: {text}", "platform_name": name,
                            "platform_key": key(name), "list_id": list_id})
