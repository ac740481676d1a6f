"""Sheets of text with merged ranges -> the bytes of a .xlsx, CSV or HTML-saved-as-.xls file, in
memory (for ``tests/layout_gen.py``)."""
from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field

import xlsxwriter


@dataclass
class Sheet:
    name: str
    rows: list[list[str]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)   # first row, first col, last row, last col


def html_file(sheet: Sheet) -> bytes:
    """A table as a web portal exports it: merged cells as rowspan/colspan, line breaks as <br>."""
    covered: dict[tuple[int, int], tuple[int, int] | None] = {}
    for r0, c0, r1, c1 in sheet.merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                covered[(r, c)] = (r1 - r0 + 1, c1 - c0 + 1) if (r, c) == (r0, c0) else None
    out = ["<html><head><meta charset='utf-8'></head><body><table border='1'>"]
    for r, row in enumerate(sheet.rows):
        cells = []
        for c, value in enumerate(row):
            spans = covered.get((r, c), (1, 1))
            if spans is None:
                continue
            text = html.escape(value).replace("\n", "<br>")
            cells.append(f"<td rowspan='{spans[0]}' colspan='{spans[1]}'>{text}</td>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</table></body></html>")
    return "\n".join(out).encode("utf-8")


def csv_file(sheet: Sheet) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(sheet.rows)
    return buf.getvalue().encode("utf-8")


def xlsx_file(sheets: list[Sheet]) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name)
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value != "":
                    ws.write_string(r, c, value)
        for r0, c0, r1, c1 in sheet.merges:
            if (r0, c0) != (r1, c1):
                ws.merge_range(r0, c0, r1, c1, sheet.rows[r0][c0])
    book.close()
    return buf.getvalue()
