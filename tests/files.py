"""Build list files in memory for tests: CSV in any encoding/delimiter, and .xlsx."""
from __future__ import annotations

import csv
import io

import unicodedata

import openpyxl

HEADER = ["STT", "Tên nền tảng", "Cơ quan chủ quản"]
GOOD_ROWS = [
    [1, "Nền tảng thử nghiệm A", "Bộ Tài chính"],
    [2, "Nền tảng thử nghiệm B", "BCA"],
    [3, "Nền tảng thử nghiệm C", "bo tu phap"],
]


def csv_bytes(rows: list[list], *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(rows)
    text = buf.getvalue()
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: precomposed base letters (â, ơ, ư, đ ...)
    followed by a combining tone mark."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def xlsx_bytes(rows: list[list], *, title_rows: list[list] = (), sheets: dict[str, list[list]] | None = None) -> bytes:
    book = openpyxl.Workbook()
    first = book.active
    if sheets:
        book.remove(first)
        for name, sheet_rows in sheets.items():
            ws = book.create_sheet(name)
            for r in sheet_rows:
                ws.append(r)
    else:
        first.title = "Danh mục"
        for r in [*title_rows, *rows]:
            first.append(r)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


TITLE_ROWS = [["DANH MỤC NỀN TẢNG SỐ DO CÁC BỘ, NGÀNH TRIỂN KHAI"],
              ["(Kèm theo Công văn số 2765/BTTTT-CĐSQG ngày 15/7/2024)"], []]
