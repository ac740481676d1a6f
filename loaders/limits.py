"""How big a workbook's sheets really are, read from the XML stream before calamine sees them.

python-calamine builds each sheet's whole used range densely, from A1 to the last cell: one cell
at ``XFD150000`` in a 5 KB file asks it for ~78 GB and the process aborts (a Rust abort, nothing
to catch). So the read step measures every sheet first, streaming its XML part: the largest row
and column of any ``<c>`` element (Excel's ``<dimension ref>`` is not trusted: it may be missing
or wrong; cells without an ``r`` attribute take the next position, as calamine places them), and
refuses a sheet wider or taller than the limits and a file whose sheets span more than
``MAX_CELLS`` together. Legacy .xls and .ods are not measured here: the child process's memory and
time limits (``loaders.sandbox``) bound them.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from functools import lru_cache
from xml.etree import ElementTree

from .messages import LoaderError
from .safety import damage_detail

MAX_ROWS = 200_000          # rows in one sheet (the same limit as read.MAX_ROWS)
MAX_COLUMNS = 512           # columns in one sheet (a platform list has ~10)
MAX_CELLS = 4_000_000       # rows × columns of all sheets of one file together
_CHUNK = 1 << 20
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|dimension)(?=[\s/>])([^>]*)>")
_R = re.compile(rb"""(?:^|\s)r\s*=\s*["']([^"']*)["']""")
_REF = re.compile(rb"^\$?([A-Za-z]{1,7})?\$?(\d{1,10})?$")
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"
_RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out or "A"


# The common case, written by every spreadsheet program: each ``<c>`` and ``<row>`` carries a plain
# ``r`` attribute (no leading zero). A chunk where that holds for every tag is measured with a few
# searches, never a Python step per cell (~10x faster than the tag-by-tag walk below, which any
# other chunk takes): the last cell of the chunk is the candidate (rows run down the sheet), and
# only a chunk holding a cell beyond it collects every reference.
_PLAIN_C = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"')
_PLAIN_C_ROW = re.compile(rb'<c r="[A-Z]{1,3}([1-9][0-9]{0,6})"')
_PLAIN_C_COL = re.compile(rb'<c r="([A-Z]{1,3})[1-9]')
_PLAIN_ROW = re.compile(rb'<row r="([1-9][0-9]{0,6})"')
# A cell or row tag written any other way: another blank or none after the name, a prefix (any
# ``:c`` or ``:row`` before a blank, "/" or ">" sends the chunk to the walk, text included), or an
# ``r`` that is not the first attribute or not plain. One pattern, so the chunk is searched once.
_ODD_C = rb'c(?:[\t\n\r\f\v/>]| (?!r="[A-Z]{1,3}[1-9][0-9]{0,6}"))'
_ODD_ROW = rb'row(?:[\t\n\r\f\v/>]| (?!r="[1-9][0-9]{0,6}"))'
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")     # the walk's blanks: \s (a search of its own: a
_ODD = re.compile(b"<(?:" + _ODD_C + b"|" + _ODD_ROW + b")")   # pattern starting with "<" is searched faster)
_TAIL = 4096     # bytes before a chunk's last cell whose cells give the candidate column


def _beyond_row(n: int) -> bytes:
    """The row part of a plain cell reference greater than ``n``."""
    d = str(n)
    alts = [f"[1-9][0-9]{{{len(d)},6}}"] if len(d) < 7 else []
    alts += [f"{d[:i]}[{int(d[i]) + 1}-9][0-9]{{{len(d) - i - 1}}}" for i in range(len(d)) if d[i] != "9"]
    return "|".join(alts or ["(?!)"]).encode()


def _beyond_column(n: int) -> bytes:
    """The column letters of a plain cell reference right of column ``n``."""
    s = column_letters(n)
    alts = [f"[A-Z]{{{len(s) + 1},3}}"] if len(s) < 3 else []
    alts += [f"{s[:i]}[{chr(ord(s[i]) + 1)}-Z][A-Z]{{{len(s) - i - 1}}}" for i in range(len(s)) if s[i] != "Z"]
    return "|".join(alts or ["(?!)"]).encode()


@lru_cache(maxsize=256)
def _odd_or_beyond(max_row: int, max_col: int) -> re.Pattern:
    """An odd unprefixed tag (``_ODD``), or a plain cell below row ``max_row`` or right of column ``max_col``:
    what a chunk's candidate extent must be checked against, in one search."""
    return re.compile(b"<(?:" + _ODD_C + b"|" + _ODD_ROW + b'|c r="(?:[A-Z]{1,3}(?:' + _beyond_row(max_row)
                      + b')"|(?:' + _beyond_column(max_col) + b")[1-9]))")


def _plain_chunk(data: bytes, end: int) -> tuple[int, int, int, int] | None:
    """(max row, max column, row, column after the chunk) when every cell and row tag of
    ``data[:end]`` has a plain ``r``; None otherwise (the chunk is walked tag by tag). A ``<`` in
    text is escaped in XML, so every ``<c `` is a cell tag."""
    if _PREFIXED.search(data, 0, end):
        return None
    last_cell, last_row = data.rfind(b'<c r="', 0, end), data.rfind(b'<row r="', 0, end)
    last = _PLAIN_C.match(data, last_cell) if last_cell >= 0 else None
    if last is None:
        if last_cell >= 0 or _ODD.search(data, 0, end):
            return None
        return (0, 0, int(_PLAIN_ROW.match(data, last_row).group(1)), 0) if last_row >= 0 else (0, 0, -1, -1)
    max_row = int(last.group(2))
    max_col = max(map(column_number, set(_PLAIN_C_COL.findall(data, max(0, last_cell - _TAIL), end))))
    if _odd_or_beyond(max_row, max_col).search(data, 0, end):    # rare: a tag to walk, or a cell beyond
        if _ODD.search(data, 0, end):
            return None
        max_row = max(map(int, set(_PLAIN_C_ROW.findall(data, 0, end))))
        max_col = max(map(column_number, set(_PLAIN_C_COL.findall(data, 0, end))))
    if last_row > last_cell:   # a row opened after the last cell: the next cell without r is its first
        return max_row, max_col, int(_PLAIN_ROW.match(data, last_row).group(1)), 0
    return max_row, max_col, int(last.group(2)), column_number(last.group(1))


def sheet_extent(stream) -> tuple[int, int]:
    """(rows, columns) from A1 to the furthest ``<c>`` of a worksheet XML stream, read in chunks."""
    max_row = max_col = 0
    row = col = 0
    tail = b""
    while True:
        chunk = stream.read(_CHUNK)
        data = tail + chunk
        if not chunk:
            end = len(data)
        else:   # keep an unfinished tag for the next chunk
            end = data.rfind(b"<")
            end = len(data) if end < 0 or data.find(b">", end) >= 0 else end
        plain = _plain_chunk(data, end)
        if plain is not None:
            max_row, max_col = max(max_row, plain[0]), max(max_col, plain[1])
            if plain[2] >= 0:   # the chunk had a tag: its last sets where a cell without r goes next
                row, col = plain[2], plain[3]
        for match in () if plain is not None else _TAG.finditer(data, 0, end):
            name, attrs = match.group(1), match.group(2)
            if name == b"dimension":
                continue
            r = _R.search(attrs)
            ref = _REF.match(r.group(1)) if r else None
            if name == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                col = 0
                continue
            if ref and ref.group(1):
                col = column_number(ref.group(1))
                if ref.group(2):
                    row = int(ref.group(2))
            else:
                col += 1
            max_row, max_col = max(max_row, row), max(max_col, col)
        if not chunk:
            return max_row, max_col
        tail = data[end:]


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> its name in the workbook (parts not named there keep their path)."""
    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
        return {}
    targets = {r.get("Id"): posixpath.normpath(posixpath.join("xl", r.get("Target", "").lstrip("/")))
               if not r.get("Target", "").startswith("/") else r.get("Target", "").lstrip("/")
               for r in rels.iter(_REL)}
    return {targets[s.get(_RID)]: s.get("name", "?") for s in book.iter(_SHEET) if s.get(_RID) in targets}


def check_workbook_extent(data: bytes) -> list[tuple[str, int, int]]:
    """Measure every worksheet of an .xlsx/.xlsm (zip) and refuse one over the limits.
    Returns (sheet, rows, columns) for each worksheet part measured."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = _sheet_names(archive)
        parts = [m for m in archive.infolist()
                 if m.filename in names or (m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"))]
        measured, cells = [], 0
        for part in parts:
            with archive.open(part) as stream:
                rows, cols = sheet_extent(stream)
            sheet = names.get(part.filename, part.filename)
            if rows > MAX_ROWS or cols > MAX_COLUMNS:
                raise LoaderError("sheet_too_large", sheet=sheet[:80], ref=f"{column_letters(cols)}{rows}", rows=rows,
                                  cols=cols, max_rows=MAX_ROWS, max_cols=MAX_COLUMNS)
            cells += rows * cols
            if cells > MAX_CELLS:
                raise LoaderError("too_many_cells", cells=cells, limit=MAX_CELLS)
            measured.append((sheet, rows, cols))
        return measured
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        raise LoaderError("corrupt_workbook", detail=damage_detail(exc)) from exc
