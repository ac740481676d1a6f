"""Bodies found inside longer text, from section rows and from sheet names; "did you mean" on
folded text (``loaders/bodies.py``, ``loaders/suggest.py``)."""
import pytest

from loaders.suggest import did_you_mean
from tests import files as f
from tests.test_parse import BODIES, D2024, D2025, parse


@pytest.mark.parametrize("written, code, unit", [
    ("Bộ Tài chính (Tổng cục Thuế)", "MOF", "Tổng cục Thuế"),
    ("BCA - Cục Cảnh sát QLHC về TTXH", "MPS", "Cục Cảnh sát QLHC về TTXH"),
    ("Văn phòng Chính phủ / Cục Kiểm soát TTHC", "GO", "Cục Kiểm soát TTHC"),
    ("Cục Tin học (Bộ Tư pháp)", "MOJ", "Cục Tin học"),
    ("BHXH Việt Nam", "VSS", None),
    ("NHNN Việt Nam", "SBV", None),
    ("BCA Việt Nam", "MPS", None),
    ("Ngân hàng Nhà nước Việt Nam - Cục Công nghệ thông tin", "SBV", "Cục Công nghệ thông tin"),
    ("Bộ Tài chính, Bộ Công an", "MOF", "Bộ Công an"),
])
def test_the_longest_body_inside_the_text_wins(written, code, unit):
    res = BODIES.resolve(written, D2024)
    assert (res.written_code, res.unit) == (code, unit)


def test_unit_is_kept_as_written_and_warned():
    parsed = parse(f.csv_bytes([f.HEADER, [1, "Cổng A", "Bộ Tài chính (Tổng cục Thuế)"], [2, "Cổng B", "BCA - Cục C06"],
                                [3, "Cổng C", "Bộ Tài chính (Tổng cục Thuế)"], [4, "Cổng D", "BHXH Việt Nam"]]), as_of=D2024)
    assert [(r["ministry_code"], r["ministry_as_written"]) for r in parsed.rows] == [
        ("MOF", "Bộ Tài chính (Tổng cục Thuế)"), ("MPS", "BCA - Cục C06"), ("MOF", "Bộ Tài chính (Tổng cục Thuế)"),
        ("VSS", "BHXH Việt Nam")]
    units = [w for w in parsed.warnings if w.code == "body_in_text"]
    assert [(w.params["unit"], w.params["rows"]) for w in units] == [("Tổng cục Thuế", "2, 4"), ("Cục C06", "3")]
    assert "Bộ Tài chính" in units[0].text("vi") and "Tổng cục Thuế" in units[0].text("en")


def test_a_department_alone_is_rejected_without_unrelated_suggestions():
    parsed = parse(f.csv_bytes([f.HEADER, [1, "Cổng A", "Tổng cục Quản lý tài sản công"]]))
    (_, msg), = parsed.rejected
    assert msg.code == "unit_without_body"
    text = msg.text("vi")
    assert "Tổng cục Quản lý tài sản công" in text and "Bộ Ngoại giao" not in text and "Bộ Công an" not in text


def test_misspelt_body_suggests_the_close_one_only():
    parsed = parse(f.csv_bytes([f.HEADER, [1, "Cổng A", "Bộ Tài Chánh"]]))
    (_, msg), = parsed.rejected
    assert msg.code == "unknown_body" and msg.params["suggestions"] == ["Bộ Tài chính"]


def test_one_sheet_per_ministry_takes_the_body_from_the_sheet_name():
    head = ["STT", "Tên nền tảng"]
    data = f.xlsx_bytes([], sheets={"Tổng hợp": [["STT", "Bộ, ngành", "Số lượng"], [1, "BTC", 1]],
                                    "Bộ Tài chính": [head, [1, "Nền tảng A"], [2, "Nền tảng A2"]],
                                    "BCA": [head, [1, "Nền tảng B"]]})
    parsed = parse(data, kind="national_deployed")
    assert [(r["name"], r["ministry_code"], r["ministry_as_written"]) for r in parsed.rows] == [
        ("Nền tảng A", "MOF", "Bộ Tài chính"), ("Nền tảng A2", "MOF", "Bộ Tài chính"), ("Nền tảng B", "MPS", "BCA")]
    warned = [(w.params["sheet"], w.params["n"]) for w in parsed.warnings if w.code == "body_from_sheet"]
    assert warned == [("Bộ Tài chính", 2), ("BCA", 1)]


def test_section_row_with_a_unit_gives_its_body_to_the_rows_under_it():
    parsed = parse(f.xlsx_bytes([["STT", "Tên nền tảng"], ["I", "Bộ Tài chính (Tổng cục Thuế)"], [1, "Nền tảng A"],
                                 ["II", "Bộ Công an"], [1, "Nền tảng B"]]))
    assert [(r["name"], r["ministry_code"]) for r in parsed.rows] == [("Nền tảng A", "MOF"), ("Nền tảng B", "MPS")]


def test_a_platform_naming_a_body_is_not_a_section():
    parsed = parse(f.csv_bytes([["STT", "Tên nền tảng"], [1, "Cổng thông tin điện tử Bộ Tài chính"]]), kind="provincial")
    assert [r["name"] for r in parsed.rows] == ["Cổng thông tin điện tử Bộ Tài chính"]


@pytest.mark.parametrize("written, choices, expected", [
    ("van hnah", ["Được đưa vào danh mục", "Ban hành kế hoạch triển khai chi tiết", "Đưa vào vận hành"],
     ["Đưa vào vận hành"]),
    ("nghe ann", ["Nghệ An", "Hà Tĩnh", "Huế"], ["Nghệ An"]),
    ("dac lak", ["Đắk Lắk", "Đà Nẵng", "Gia Lai"], ["Đắk Lắk"]),
    ("BỘ TÀI CHÁNH", {"Bộ Tài chính": "Bộ Tài chính", "BTC": "Bộ Tài chính", "Bộ Tư pháp": "Bộ Tư pháp"},
     ["Bộ Tài chính"]),
    ("hoàn toàn khác", ["Nghệ An", "Hà Tĩnh"], []),
])
def test_did_you_mean_compares_folded_text(written, choices, expected):
    assert did_you_mean(written, choices) == expected


def test_merged_body_warning_names_the_successor():
    parsed = parse(f.csv_bytes([f.HEADER, [1, "Hệ thống quản lý đường bộ", "Bộ GTVT (Cục Đường bộ)"]]), as_of=D2025)
    assert parsed.rows[0]["ministry_code"] == "MOC"
    assert {w.code for w in parsed.warnings} == {"body_in_text", "merged_body"}


def test_stage_and_province_suggestions_are_folded():
    import csv
    from datetime import date

    from loaders.adoption import ProvinceIndex
    from loaders.paths import DATA_DIR
    from loaders.progress import StageIndex

    ref = DATA_DIR / "reference"
    stages = StageIndex(list(csv.DictReader((ref / "stages.csv").open(encoding="utf-8"))))
    assert stages.suggest("van hnah") == ["Đưa vào vận hành"]
    before = list(csv.DictReader((ref / "provinces_2024.csv").open(encoding="utf-8")))
    after = list(csv.DictReader((ref / "provinces_2025.csv").open(encoding="utf-8")))
    provinces = ProvinceIndex(before, after, {r["old_code"]: r["new_code"] for r in csv.DictReader(
        (ref / "province_merger_2025.csv").open(encoding="utf-8"))})
    assert provinces.suggest("Tỉnh nghe ann", date(2025, 9, 1))[0] == "Nghệ An"
    assert provinces.suggest("dac lak", date(2025, 9, 1))[0] == "Đắk Lắk"


def test_rejection_names_bodies_by_name_not_code():
    from loaders.messages import Message

    msg = Message("not_your_body", {"row_no": 4, "name": "Cổng X", "body": "MPS", "own": "MOF"})
    assert msg.text("vi") == "dòng 4: 'Cổng X' thuộc Bộ Công an; tài khoản này chỉ được nạp dữ liệu của Bộ Tài chính"


@pytest.mark.parametrize("written", ["Phòng Văn hóa huyện Mộc Châu", "UBND quận Gò Vấp", "Bộ phận Một cửa"])
def test_internal_codes_are_not_found_inside_text(written):
    """MOC, GO and MOT are this project's codes, not how anyone writes a body: a place or a word
    that folds like one is no body."""
    assert BODIES.resolve(written, D2024).code is None
