"""Bytes -> sheets of cells. Knows file formats, nothing about platforms.

Limits (stated to users in the README and in the refusal message):
``MAX_BYTES`` per file and ``MAX_ROWS`` per sheet.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import BinaryIO

import python_calamine

from .messages import LoaderError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]


def read_sheets(fp: BinaryIO) -> list[Sheet]:
    """Read an Excel workbook (.xlsx, .xls, .ods) or delimited text (CSV, TSV) into sheets.

    The format is told from the content, not the file name.
    """
    data = fp.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise LoaderError("too_large", size_mb=f">{MAX_BYTES // 2**20}", limit_mb=MAX_BYTES // 2**20)
    if not data.strip():
        raise LoaderError("empty_file")
    if data.startswith(_ZIP) or data.startswith(_OLE2):
        return _read_workbook(data)
    return [Sheet("csv", _read_delimited(data))]


def _read_workbook(data: bytes) -> list[Sheet]:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            sheet = book.get_sheet_by_name(meta.name)
            if sheet.total_height > MAX_ROWS:
                raise LoaderError("too_many_rows", sheet=meta.name, rows=sheet.total_height, limit=MAX_ROWS)
            sheets.append(Sheet(meta.name, sheet.to_python(skip_empty_area=False)))
        return sheets
    except python_calamine.PasswordError as exc:
        raise LoaderError("encrypted") from exc
    except python_calamine.CalamineError as exc:
        if data.startswith(_OLE2) and b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00" in data:
            raise LoaderError("encrypted") from exc
        raise LoaderError("corrupt_workbook", detail=str(exc)[:120]) from exc


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise LoaderError("not_spreadsheet")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


def _read_delimited(data: bytes) -> list[list[object]]:
    text = _decode(data)
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html", "<table", "<?xml")):
        raise LoaderError("html_table")
    lines = text.splitlines()
    if len(lines) > MAX_ROWS:
        raise LoaderError("too_many_rows", sheet="csv", rows=len(lines), limit=MAX_ROWS)
    sample = "\n".join(lines[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = max(",;\t", key=sample.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not any(len(r) > 1 for r in rows[:50]):
        # One column and no delimiter anywhere: not a table (a letter, a log file ...).
        if not any(d in sample for d in ",;\t"):
            raise LoaderError("not_spreadsheet")
    return rows
