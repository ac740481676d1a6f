"""Adoption reports laid out as a matrix (provinces down and platforms across, or the transpose),
generated the way provincial offices write them: platform headers in capitals, without diacritics,
with old tone placement or padded; provinces written any way (``tests.test_outsider_imports``);
cells "x", "✓", "có", "Đã triển khai", a date, a status with a date, or empty; a letter block
with the report's date or none; an unknown header and an unknown province planted. Each file must
give exactly the records planted (an empty cell none), the rejections planted, and a warning
naming the layout."""
from __future__ import annotations

import io
import unicodedata
from datetime import date

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions import pipeline
from loaders.adoption import parse_adoption
from loaders.messages import LoaderError
from tests import outsider_imports as O
from tests.files import ADMIN
from tests.outsider_files import csv_bytes, xlsx
from tests.test_outsider_imports import AFTER, PROVINCES, _old_tone, _written

LIST = "shared-2025"
PLATFORMS = [O.THUE, O.NGAN_SACH, O.DINH_DANH, O.DVC, O.TRUC, O.NDXP, O.LUU_TRU, O.CAN_BO,
             "Nền tảng quản lý điều ước quốc tế và thỏa thuận quốc tế", "Nền tảng cơ sở dữ liệu quốc gia về di sản văn hóa"]
LETTER_DAY = date(2025, 11, 5)
# cell as written -> (status, date; None: the report's date, or the day of import)
CELLS = {"x": ("in_use", None), "X": ("in_use", None), "✓": ("in_use", None), "có": ("in_use", None),
         "Đã triển khai": ("in_use", None), "15/09/2025": ("in_use", date(2025, 9, 15)),
         "Thí điểm 10/8/2025": ("piloting", date(2025, 8, 10)), "Chưa triển khai": ("not_used", None),
         "tháng 10/2025": ("in_use", date(2025, 10, 31)), "Kế hoạch (Quý I/2026)": ("planned", date(2026, 3, 31)),
         "": None}


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
                   if not unicodedata.combining(c))


HEADER_FORMS = {"as is": lambda n: n, "upper": str.upper, "ascii": _ascii, "old tone": _old_tone,
                "padded": lambda n: "  " + n.replace(" ", "  ") + " "}


@st.composite
def matrices(draw):
    provinces = draw(st.lists(st.sampled_from(AFTER), min_size=1, max_size=4, unique_by=lambda p: p["code"]))
    platforms = draw(st.lists(st.sampled_from(PLATFORMS), min_size=1, max_size=4, unique=True))
    cells = [[draw(st.sampled_from(sorted(CELLS))) for _ in platforms] for _ in provinces]
    return {
        "provinces": provinces, "platforms": platforms, "cells": cells,
        "written": [_written(p["name_vi"], draw(st.sampled_from(["bare", "full", "short", "upper", "ascii", "old_tone"])),
                             p["unit_type"]) for p in provinces],
        "headers": [HEADER_FORMS[draw(st.sampled_from(sorted(HEADER_FORMS)))](n) for n in platforms],
        "across": draw(st.booleans()), "letter": draw(st.booleans()), "numbered": draw(st.booleans()),
        "unknown_header": draw(st.booleans()), "unknown_province": draw(st.booleans()),
        "csv": draw(st.booleans())}


def _rows(m: dict) -> list[list[str]]:
    """The sheet's rows, provinces down (transposed afterwards for ``across``)."""
    head = ["Tỉnh/thành phố", *m["headers"]] + (["Nền tảng chưa có trong danh sách"] if m["unknown_header"] else [])
    body = [[w, *cells] + (["x"] if m["unknown_header"] else []) for w, cells in zip(m["written"], m["cells"])]
    if m["unknown_province"]:
        body.append(["Tỉnh Không Có", "x", *[""] * (len(head) - 2)])
    if m["numbered"] and not m["across"]:
        head, body = ["STT", *head], [[str(i), *r] for i, r in enumerate(body, 1)]
    table = [head, *body]
    if m["across"]:
        table = [list(c) for c in zip(*table)]
    letter = [["UBND TỈNH NGHỆ AN", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
              ["", "", "Nghệ An, ngày 05 tháng 11 năm 2025"], ["BÁO CÁO TÌNH HÌNH SỬ DỤNG NỀN TẢNG SỐ"], []]
    rows = [*letter, *table] if m["letter"] else table
    width = max(map(len, rows))
    return [r + [""] * (width - len(r)) for r in rows]


def _planted(m: dict) -> tuple[list[tuple], list[str]]:
    undated = LETTER_DAY if m["letter"] else O.TODAY
    want = []
    for p, cells in zip(m["provinces"], m["cells"]):
        for name, cell in zip(m["platforms"], cells):
            if CELLS[cell] is not None:
                status, day = CELLS[cell]
                want.append((p["code"], name, status, day or undated))
    rejected = (["matrix_unknown_platform"] if m["unknown_header"] else []) + \
        (["matrix_unknown_province"] if m["unknown_province"] else [])
    return want, rejected


def _parse(data: bytes):
    return parse_adoption(io.BytesIO(data), PLATFORMS, PROVINCES, O.TODAY, LIST)


@given(matrices())
@settings(max_examples=60, derandomize=True, database=None, deadline=None)
def test_a_matrix_gives_one_record_per_marked_cell_and_nothing_for_an_empty_one(m):
    rows = _rows(m)
    data = csv_bytes(rows, ";") if m["csv"] else xlsx(("Ma trận", rows))
    parsed = _parse(data)
    want, rejected = _planted(m)
    assert [(r["current_province_code"], r["platform_name"], r["status"], r["status_date"]) for r in parsed.rows] == want
    assert sorted(msg.code for _, msg in parsed.rejected) == sorted(rejected)
    codes = {w.code for w in parsed.warnings}
    assert ("adoption_matrix_across" if m["across"] else "adoption_matrix") in codes
    if any(CELLS[c] and CELLS[c][1] is None for line in m["cells"] for c in line):
        assert ("matrix_dated_by_report" if m["letter"] else "matrix_dated_today") in codes
    for _, msg in parsed.rejected:
        assert msg.text("vi") != msg.text("en") and "{" not in msg.text("vi") + msg.text("en")


def test_an_unknown_header_names_its_cell_and_the_nearest_platform():
    rows = [["Tỉnh/thành phố", O.DVC, "Truc lien thong van ban quoc gi"], ["Nghệ An", "x", "x"], ["Hà Tĩnh", "", "x"]]
    parsed = _parse(xlsx(("S", rows)))
    assert [(r["current_province_code"], r["platform_name"]) for r in parsed.rows] == [("40", O.DVC)]
    [(row, msg)] = parsed.rejected
    assert (row, msg.code, msg.params["cell"], msg.params["n"]) == (1, "matrix_unknown_platform", "C1", 2)
    assert O.TRUC in msg.text("vi") and O.TRUC in msg.text("en")


def test_an_unknown_province_and_an_unreadable_cell_are_rejected_with_their_cells():
    rows = [["Tỉnh", O.DVC, O.TRUC], ["Nghe Ann", "x", ""], ["Hà Tĩnh", "hỏi lại", "01/09/2025"], ["Cộng", "1", "1"]]
    parsed = _parse(csv_bytes(rows, ","))
    assert [(r["current_province_code"], r["platform_name"], r["status_date"]) for r in parsed.rows] == [
        ("42", O.TRUC, date(2025, 9, 1))]
    assert [(n, m.code, m.params["cell"]) for n, m in parsed.rejected] == [
        (2, "matrix_unknown_province", "A2"), (3, "matrix_bad_cell", "B3")]
    assert "Nghệ An" in parsed.rejected[0][1].text("en")


def test_a_matrix_is_stored_through_the_pipeline_and_an_empty_cell_stores_nothing(db):
    name, data, want = O.adoption_matrix()
    outcome = pipeline.ingest(pipeline.KINDS["adoption"], io.BytesIO(data), name, db, LIST, user=ADMIN, today=O.TODAY)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (len(want.rows), 0)
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = con.execute("SELECT current_province_code, commune, platform_name, status, status_date FROM adoption "
                             "WHERE import_id = ? ORDER BY row_no, note", [outcome.import_id]).fetchall()
    finally:
        con.close()
    assert stored == want.rows


def test_a_matrix_of_no_known_platform_is_still_refused():
    rows = [["Tỉnh/thành phố", "Cột A", "Cột B"], ["Nghệ An", "x", ""]]
    with pytest.raises(LoaderError) as err:
        _parse(xlsx(("S", rows)))
    assert err.value.message.code == "no_header"


def test_the_preview_says_where_the_matrix_header_is():
    """Platforms down under a letter block: the header is the provinces' row (4), not the sheet's top."""
    parsed = _parse(O.adoption_matrix_across()[1])
    assert (parsed.sheet, parsed.header_row_no) == ("Ma trận", 4)
    parsed = _parse(O.adoption_matrix()[1])
    assert (parsed.sheet, parsed.header_row_no) == ("Ma trận", 1)
