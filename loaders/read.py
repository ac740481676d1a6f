"""Bytes -> sheets of cells. Knows file formats, nothing about platforms.

Limits (stated to users in the README and in the refusal message): ``MAX_BYTES`` per file,
``MAX_ROWS`` per sheet, ``MAX_CELL`` characters per cell, the unpacked-size checks of
``safety.check_zip``, each .xlsx sheet's extent measured before it is read (``limits``), and
workbooks and HTML parsed in a child process with memory and time limits (``sandbox``).
"""
from __future__ import annotations

import csv
import io
from itertools import zip_longest
from typing import BinaryIO

import python_calamine

from .html_table import html_tables, looks_like_html
from .limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, check_workbook_extent, column_letters
from .messages import LoaderError
from .safety import check_zip, damage_detail
from .sandbox import parse_in_child

MAX_BYTES = 20 * 1024 * 1024
MAX_CELL = 32_767          # characters in one cell: Excel's own limit

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))


class Sheet:
    """A sheet's cells, held as rows or as columns (a workbook read in the child process arrives as
    columns, which ``table`` reads directly); the other form is made on first use. Rows, once made,
    are the cells: columns asked for afterwards are taken from them."""

    def __init__(self, name: str, rows: list[list[object]] | None = None, *,
                 columns: list[list[object]] | None = None, height: int = 0):
        self.name = name
        self._rows = rows if rows is not None or columns is not None else []
        self._columns = columns if rows is None else None
        self._height = height

    @property
    def rows(self) -> list[list[object]]:
        if self._rows is None:
            self._rows = list(map(list, zip(*self._columns))) if self._columns else [[] for _ in range(self._height)]
        return self._rows

    @property
    def held_as_columns(self) -> bool:
        return self._rows is None and bool(self._columns)

    @property
    def height(self) -> int:
        if self._rows is not None:
            return len(self._rows)
        return len(self._columns[0]) if self._columns else self._height

    def head(self, n: int) -> list[list[object]]:
        """The first ``n`` rows (without making the others)."""
        if self._rows is not None:
            return self._rows[:n]
        return [list(r) for r in zip(*(c[:n] for c in self._columns))] if self._columns else \
            [[] for _ in range(min(n, self._height))]

    def columns(self, start: int = 0) -> list[list[object]]:
        """The cells from row ``start`` down, a list per column (a short row padded with "")."""
        if self._rows is None:
            return [c[start:] for c in self._columns] if start < self.height else []
        return [list(c) for c in zip_longest(*self._rows[start:], fillvalue="")]

    def __repr__(self) -> str:
        return f"Sheet({self.name!r}, {self.height} rows)"


def read_sheets(fp: BinaryIO) -> list[Sheet]:
    """Read a workbook (.xlsx, .xls, .ods), an HTML table saved as .xls, or delimited text
    (CSV, TSV, Excel's "Unicode text") into sheets. The format is told from the content."""
    data = fp.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise LoaderError("too_large", size_mb=f">{MAX_BYTES // 2**20}", limit_mb=MAX_BYTES // 2**20)
    if not data.strip():
        raise LoaderError("empty_file")
    if data.startswith(_ZIP):
        check_zip(data)
        check_workbook_extent(data)
        return [_limited(sheet) for sheet in parse_in_child("workbook", data)]
    if data.startswith(_OLE2):
        if _ENCRYPTED_STREAM in data:
            raise LoaderError("encrypted")
        return [_limited(sheet) for sheet in parse_in_child("workbook", data)]
    text = _decode(data)
    if looks_like_html(text):
        return parse_in_child("html", data)
    return [_limited(Sheet("csv", _read_delimited(text)))]


def parse_html(data: bytes) -> list[Sheet]:
    """The tables of an HTML page saved as .xls (run in the child process)."""
    tables = html_tables(_decode(data))
    if not tables:
        raise LoaderError("html_no_table")
    return [_limited(Sheet(f"table {i}", rows)) for i, rows in enumerate(tables, 1)]


def _limited(sheet: Sheet) -> Sheet:
    if sheet.height > MAX_ROWS:
        raise LoaderError("too_many_rows", sheet=sheet.name, rows=sheet.height, limit=MAX_ROWS)
    return sheet


def parse_workbook(data: bytes) -> list[Sheet]:
    """A workbook's sheets (run in the child process: ``read_sheets`` measures the file first)."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            sheet = book.get_sheet_by_name(meta.name)
            if sheet.total_height > MAX_ROWS:
                raise LoaderError("too_many_rows", sheet=meta.name, rows=sheet.total_height, limit=MAX_ROWS)
            rows = sheet.to_python(skip_empty_area=False)
            width = len(rows[0]) if rows else 0
            if rows and width and all(len(r) == width for r in rows):   # calamine's rows: one width
                columns = list(map(list, zip(*rows)))
                if not _short_cells(columns):
                    _check_cells(rows)          # the first long cell, row by row, for the message
                _fill_merged(rows, sheet.merged_cell_ranges or [], columns)
                sheets.append(Sheet(meta.name, columns=columns, height=len(rows)))
                continue
            _check_cells(rows)
            _fill_merged(rows, sheet.merged_cell_ranges or [])
            sheets.append(Sheet(meta.name, rows))
        return sheets
    except python_calamine.PasswordError as exc:
        raise LoaderError("encrypted") from exc
    except python_calamine.CalamineError as exc:
        raise LoaderError("corrupt_workbook", detail=damage_detail(exc)) from exc


def _fill_merged(rows: list[list[object]], ranges, columns: list[list[object]] | None = None) -> None:
    """Give every cell of a merged range the value of its top-left cell: a ministry merged down
    a block of platform rows, a header merged across two columns (in ``columns`` too, when the
    sheet is also held as columns)."""
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = value
                if columns is not None:
                    columns[c][r] = value


def _short_cells(columns: list[list[object]]) -> bool:
    """Whether no text in ``columns`` is longer than ``MAX_CELL``, measured in C a column at a time
    (a column with numbers among its texts: its texts only)."""
    for column in columns:
        try:
            longest = max(map(len, column), default=0)
        except TypeError:           # numbers, dates or blanks among the texts
            longest = max((len(v) for v in column if type(v) is str), default=0)
        if longest > MAX_CELL:
            return False
    return True


def _decode(data: bytes) -> str:
    """Text from bytes: UTF-32 or UTF-16 by their byte-order mark, else UTF-8, else Windows-1258.
    Text holding a NUL (anywhere: a binary file, or text damaged past its first lines) or not
    decodable in the encoding its mark names is not a spreadsheet."""
    codec = next((c for bom, c in _BOMS if data.startswith(bom)), None)
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise LoaderError("not_spreadsheet") from exc
        if "\x00" in text:
            raise LoaderError("not_spreadsheet")
        return text
    if b"\x00" in data:
        raise LoaderError("not_spreadsheet")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


def _lines(text: str):
    """The lines of ``text``, each with its "\\n", as ``io.StringIO(text)`` yields them, without a
    copy of the whole text (a StringIO holds 4 bytes a character: 80 MB for a 20 MB file)."""
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", start) + 1 or end
        yield text[start:stop]
        start = stop


def _read_delimited(text: str) -> list[list[object]]:
    n_lines = text.count("\n") + (not text.endswith("\n"))      # counted, not split: no list of lines
    if n_lines > MAX_ROWS:
        raise LoaderError("too_many_rows", sheet="csv", rows=n_lines, limit=MAX_ROWS)
    sample = "\n".join(text[:1 << 16].splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = max(",;\t", key=sample.count)
    if not any(d in sample for d in ",;\t"):
        raise LoaderError("not_spreadsheet")  # one column of prose: a letter, a log file ...
    reader = csv.reader(_lines(text), delimiter=delimiter)
    rows, cells = [], 0
    try:
        for row in reader:
            cells += len(row)
            if len(row) > MAX_COLUMNS or cells > MAX_CELLS:
                raise LoaderError("sheet_too_large", sheet="csv", ref=f"{column_letters(len(row))}{len(rows) + 1}",
                                  rows=len(rows) + 1, cols=len(row), max_rows=MAX_ROWS, max_cols=MAX_COLUMNS)
            rows.append(row)
    except csv.Error as exc:   # a field over the csv module's limit: an unclosed quote swallowing the file
        if "larger than field limit" not in str(exc):
            raise LoaderError("not_spreadsheet") from exc
        raise LoaderError("cell_too_long", row_no=reader.line_num, n=f">{csv.field_size_limit():,}",
                          limit=MAX_CELL) from exc
    _check_cells(rows)
    return rows


def _check_cells(rows: list[list[object]]) -> None:
    for row_no, row in enumerate(rows, 1):
        for value in row:
            if isinstance(value, str) and len(value) > MAX_CELL:
                raise LoaderError("cell_too_long", row_no=row_no, n=len(value), limit=MAX_CELL)
