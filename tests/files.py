"""Build list files in memory for tests: CSV in any encoding/delimiter, and .xlsx."""
from __future__ import annotations

import csv
import io
import unicodedata

import openpyxl

from access.roles import User

ADMIN = User("admin@test.vn", "admin")   # writes in tests that are not about roles

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


# --- the layouts ministries actually send ---------------------------------------------------
def _book_bytes(book) -> bytes:
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def merged_header_xlsx() -> bytes:
    """'Cơ quan' merged over 'Chủ quản' | 'Phối hợp'; STT and name merged down two rows."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["STT", "Tên nền tảng", "Cơ quan", None])
    ws.append([None, None, "Chủ quản", "Phối hợp"])
    for r in ("A1:A2", "B1:B2", "C1:D1"):
        ws.merge_cells(r)
    for n, name, body in GOOD_ROWS:
        ws.append([n, name, body, "Bộ Khoa học và Công nghệ"])
    return _book_bytes(book)


def ministry_merged_down_xlsx() -> bytes:
    """The managing body written once, merged down the rows of its platforms."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(HEADER)
    ws.append([1, "Nền tảng thử nghiệm A", "Bộ Tài chính"])
    ws.append([2, "Nền tảng thử nghiệm A2", None])
    ws.merge_cells("C2:C3")
    ws.append([3, "Nền tảng thử nghiệm B", "BCA"])
    return _book_bytes(book)


def sections_xlsx(style: str) -> bytes:
    """Managing bodies as section rows, platforms numbered again under each section."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["DANH MỤC NỀN TẢNG SỐ"])
    ws.append(["STT", "Tên nền tảng", "Đơn vị vận hành"])
    sections = [("I", "BỘ TÀI CHÍNH", ["Nền tảng thử nghiệm A"]),
                ("II", "BỘ CÔNG AN", ["Nền tảng thử nghiệm B"]),
                ("III", "BỘ TƯ PHÁP", ["Nền tảng thử nghiệm C"])]
    for i, (roman, body, names) in enumerate(sections):
        if style == "roman":
            ws.append([roman, body, None])
        elif style == "letter":
            ws.append([f"{'ABC'[i]}.", body.title(), None])
        elif style == "merged-cell":
            ws.append([f"{roman}. {body}", None, None])
            ws.merge_cells(f"A{ws.max_row}:C{ws.max_row}")
        for n, name in enumerate(names, 1):
            ws.append([n, name, "Cục Tin học"])
    return _book_bytes(book)


def two_detail_sheets_xlsx(bad_second: bool = False) -> bytes:
    second = [HEADER, [1, "Nền tảng thử nghiệm C", "Bộ Không Tồn Tại" if bad_second else "Bộ Tư pháp"]]
    return xlsx_bytes([], sheets={"Tổng hợp": [["STT", "Bộ, ngành", "Số lượng"], [1, "BTC", 1]],
                                  "BTC-BCA": [HEADER, *GOOD_ROWS[:2]], "BTP": second})


def trailer_xlsx() -> bytes:
    """Formula row numbers with cached values, a hyperlink, blank rows, totals, notes, signature."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet("DS")
    ws.write_row(0, 0, HEADER)
    for i, (n, name, body) in enumerate(GOOD_ROWS, start=1):
        if i == 1:
            ws.write_number(i, 0, 1)
        else:
            ws.write_formula(i, 0, f"=A{i}+1", None, n)
        if i == 2:
            ws.write_url(i, 1, "https://example.gov.vn/b", string=name)
        else:
            ws.write(i, 1, name)
        ws.write(i, 2, body)
    ws.write(5, 1, "Tổng cộng: 3 nền tảng")
    ws.write(7, 0, "Ghi chú: danh sách cập nhật đến 03/7/2024")
    ws.write(9, 1, "KT. BỘ TRƯỞNG")
    ws.write(10, 1, "THỨ TRƯỞNG")
    book.close()
    return buf.getvalue()


def xls_bytes(rows: list[list]) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Danh muc")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def html_xls_bytes() -> bytes:
    body = "".join(f"<tr><td>{n}</td><td>{name}</td><td>{org}</td></tr>" for n, name, org in GOOD_ROWS)
    return ("<html><head><meta charset='utf-8'></head><body><table>"
            "<tr><td colspan='3'><b>DANH MỤC NỀN TẢNG SỐ</b></td></tr>"
            f"<tr>{''.join(f'<th>{h}</th>' for h in HEADER)}</tr>{body}</table></body></html>").encode("utf-8")


def ods_bytes(rows: list[list]) -> bytes:
    import pandas as pd

    buf = io.BytesIO()
    pd.DataFrame(rows[1:], columns=rows[0]).to_excel(buf, engine="odf", index=False)
    return buf.getvalue()


def encrypted_xlsx() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(xlsx_bytes([HEADER, *GOOD_ROWS]))
    out = io.BytesIO()
    OOXMLFile(plain).encrypt("matkhau", out)
    return out.getvalue()


def xlsx_with_parts(replace: dict[str, bytes]) -> bytes:
    """A valid .xlsx with some parts replaced (for entity-expansion and bomb fixtures)."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(xlsx_bytes([HEADER, *GOOD_ROWS])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
        for name, data in replace.items():
            if name not in src.namelist():
                dst.writestr(name, data)
    return out.getvalue()


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
                  b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                  b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData>'
                  b'</worksheet>')


def legacy_encoded(text: str, encoding: str) -> str:
    """Unicode -> how TCVN3 or VNI text looks when opened as Unicode (the mojibake)."""
    from loaders.legacy import TABLE_CSV

    with TABLE_CSV.open(encoding="utf-8") as fh:
        table = {r["unicode"]: r[encoding] for r in csv.DictReader(fh)}
    return "".join(table.get(ch, ch) for ch in text)


def copy_fills_the_disk(monkeypatch) -> None:
    """Make the database's file copy (``store.db``) fail as a full disk does, after writing part of it."""
    import errno
    from pathlib import Path

    from store import db as store

    def full(src, dst):
        Path(dst).write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.shutil, "copyfile", full)
