"""Headers recognised by meaning (``loaders/headers.py``): wording variants, exclusions, two-row
headers, letter blocks, ties."""
import pytest

from loaders.headers import field_scores, find_header
from loaders.messages import LoaderError
from tests import files as f
from tests.test_parse import parse

NAMES = [r[1] for r in f.GOOD_ROWS]


def header_of(*rows):
    return find_header([list(r) for r in rows], "S")


@pytest.mark.parametrize("text, field", [
    ("Tên nền tảng, hệ thống thông tin", "name"),
    ("Tên nền tảng số dùng chung", "name"),
    ("Tên nền tảng số dùng chung của ngành, lĩnh vực", "name"),   # "của …" qualifies, never decides
    ("Tên đơn vị vận hành của nền tảng", "operator"),
    ("Số lượng nền tảng của bộ, ngành", "count"),
    ("Lĩnh vực của nền tảng", "sector"),
    ("Tên nền tảng số\n(hệ thống thông tin)", "name"),
    ("TÊN NỀN TẢNG SỐ QUỐC GIA", "name"),
    ("Name of digital platform / information system", "name"),
    ("Tên tiếng Anh", "name_en"),
    ("Tên nền tảng (tiếng Anh)", "name_en"),
    ("Platform name (English)", "name_en"),
    ("Cơ quan\nchủ quản", "ministry"),
    ("Cơ quan, đơn vị chủ quản", "ministry"),
    ("Tên cơ quan", "ministry"),
    ("Đơn vị vận hành", "operator"),
    ("Cơ quan vận hành", "operator"),
    ("Số lượng", "count"),
    ("Số lượng nền tảng", "count"),
    ("Tên miền", "address"),
    ("Tên trong nguồn", "name_in_source"),
    ("Hạn hoàn thành", "target_date"),
    ("Ngày hoàn thành", "date"),
    ("#", "row_no"),
    ("name_vi", "name"),            # a data export's columns: the language after the field
    ("name_en", "name_en"),
    ("Name (EN)", "name_en"),
    ("body_code", "ministry"),
])
def test_a_header_cell_means_its_field(text, field):
    scores = field_scores(text)
    assert max(scores, key=scores.get) == field, scores


@pytest.mark.parametrize("text", ["Tên tiếng Anh", "Đơn vị vận hành", "Số lượng nền tảng", "Mô tả nền tảng"])
def test_exclusions_keep_a_cell_from_being_the_name(text):
    assert "name" not in field_scores(text)


def test_group_cell_over_its_sub_columns():
    h = header_of(["STT", "Nền tảng số", "Nền tảng số", "Cơ quan", "Cơ quan"],
                  ["STT", "Tên", "Mô tả", "Chủ quản", "Vận hành"])
    assert h.columns == {"row_no": 0, "name": 1, "ministry": 3}
    assert h.texts[3] == "Cơ quan Chủ quản" and h.height == 2


def test_letter_block_and_title_above_the_header():
    h = header_of(["BỘ KHOA HỌC VÀ CÔNG NGHỆ", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                  ["Số: 2618/QĐ-BKHCN", "", "Độc lập - Tự do - Hạnh phúc"],
                  ["", "", "Hà Nội, ngày 11 tháng 9 năm 2025"],
                  ["DANH MỤC NỀN TẢNG SỐ DÙNG CHUNG"] * 3,
                  ["STT", "Tên nền tảng", "Cơ quan chủ quản"], ["(1)", "(2)", "(3)"],
                  ["1", "Nền tảng định danh và xác thực điện tử", "Bộ Công an"])
    assert (h.row, h.height, h.columns) == (4, 1, {"row_no": 0, "name": 1, "ministry": 2})


def test_two_name_columns_are_refused_naming_both():
    with pytest.raises(LoaderError) as err:
        parse(f.csv_bytes([["STT", "Tên nền tảng", "Tên hệ thống"], [1, "A", "B"]]))
    assert err.value.message.code == "header_name_tie"
    text = err.value.text("vi")
    assert "'Tên nền tảng' (cột B)" in text and "'Tên hệ thống' (cột C)" in text


def test_a_summary_sheet_has_no_header():
    assert header_of(["STT", "Bộ, ngành", "Số lượng nền tảng"], ["1", "BTC", "3"]) is None


def _rows(order):
    """GOOD_ROWS with their cells in ``order`` (n: number, p: platform, b: body, e: English, o: operator)."""
    cells = {"e": "Digital records", "o": "Cục Chuyển đổi số"}
    return [[{"n": n, "p": name, "b": body}.get(k, cells.get(k)) for k in order] for n, name, body in f.GOOD_ROWS]


@pytest.mark.parametrize("header, order", [
    (["STT", "Tên nền tảng, hệ thống thông tin", "Cơ quan\nchủ quản"], "npb"),
    (["TT", "Tên nền tảng số dùng chung", "Tên tiếng Anh", "Bộ, ngành"], "npeb"),
    (["Cơ quan chủ quản", "Tên nền tảng số\n(hệ thống thông tin)", "Đơn vị vận hành"], "bpo"),
    (["No.", "Name of digital platform / information system", "Managing agency", "Operator"], "npbo"),
    (["Đơn vị vận hành", "TÊN NỀN TẢNG (*)", "STT", "cơ quan chủ quản"], "opnb"),
])
def test_header_variants_load_the_platforms(header, order):
    parsed = parse(f.xlsx_bytes([header, *_rows(order)]))
    assert [r["name"] for r in parsed.rows] == NAMES and parsed.rejected == []
    assert [r["ministry_code"] for r in parsed.rows] == ["MOF", "MPS", "MOJ"]


def test_a_data_exports_snake_case_columns_are_read_by_meaning():
    """A list exported from a database (shared/reference/platforms.csv's header): the language after
    the field tells the Vietnamese name from the English one, and a body code is the managing body."""
    h = header_of(["list_id", "body_code", "name_vi", "name_en", "name_vi_basis", "name_in_source", "source"],
                  ["shared-2025", "MPS", "Cổng dữ liệu quốc gia", "National data portal", "verbatim", "", "x"])
    assert (h.columns["name"], h.columns["name_en"], h.columns["ministry"]) == (2, 3, 1)
