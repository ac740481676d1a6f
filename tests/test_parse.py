"""Reading and parsing list files (no database): layouts, encodings, row rejections."""
import io
from datetime import date

import pytest

from loaders.adoption import ProvinceIndex
from loaders.bodies import BodyIndex
from loaders.messages import LoaderError
from loaders.parse import parse_list
from loaders.paths import DATA_DIR
from store.reference import read_reference_csv
from tests.files import GOOD_ROWS, HEADER, TITLE_ROWS, csv_bytes, xlsx_bytes

_REF = DATA_DIR / "reference"
PROVINCES = ProvinceIndex(read_reference_csv(_REF / "provinces_2024.csv").to_dict("records"),
                          read_reference_csv(_REF / "provinces_2025.csv").to_dict("records"),
                          dict(read_reference_csv(_REF / "province_merger_2025.csv")[["old_code", "new_code"]].values))
BODIES = BodyIndex.from_records(
    read_reference_csv(_REF / "bodies.csv", ("valid_from", "valid_to")).to_dict("records"),
    read_reference_csv(_REF / "function_transfers.csv", ("effective",)).to_dict("records"), provinces=PROVINCES)
D2024, D2025 = date(2024, 7, 15), date(2025, 11, 9)


def parse(data: bytes, as_of: date = D2025, kind: str = "shared"):
    return parse_list(io.BytesIO(data), BODIES, as_of, kind)


@pytest.mark.parametrize("data", [
    csv_bytes([HEADER, *GOOD_ROWS]),
    csv_bytes([HEADER, *GOOD_ROWS], bom=True),
    csv_bytes([HEADER, *GOOD_ROWS], delimiter=";"),
    csv_bytes([HEADER, *GOOD_ROWS], delimiter="\t"),
    csv_bytes([HEADER, *GOOD_ROWS], encoding="utf-16"),
    csv_bytes([HEADER, *GOOD_ROWS], encoding="cp1258"),
    csv_bytes([["No.", "Platform name", "Managing agency"], *GOOD_ROWS]),
    xlsx_bytes([HEADER, *GOOD_ROWS]),
    xlsx_bytes([HEADER, ["(1)", "(2)", "(3)"], *GOOD_ROWS, [None, "Tổng cộng: 3", None]], title_rows=TITLE_ROWS),
    xlsx_bytes([], sheets={"Tổng hợp": [["Bộ", "Số lượng"], ["BTC", 3]], "Chi tiết": [HEADER, *GOOD_ROWS]}),
], ids=["utf8", "utf8-bom", "semicolon", "tab", "utf16", "cp1258", "english-header", "xlsx",
        "xlsx-title-rows-trailer", "xlsx-summary-sheet-first"])
def test_reads_the_three_platforms(data):
    parsed = parse(data)
    assert [r["name"] for r in parsed.rows] == [r[1] for r in GOOD_ROWS]
    assert [r["ministry_code"] for r in parsed.rows] == ["MOF", "MPS", "MOJ"]
    assert parsed.rejected == []


def test_title_rows_give_excel_row_numbers():
    parsed = parse(xlsx_bytes([HEADER, *GOOD_ROWS], title_rows=TITLE_ROWS))
    assert parsed.header_row_no == 4
    assert [r["row_no"] for r in parsed.rows] == [5, 6, 7]


def test_unknown_body_is_rejected_with_row_number_and_suggestion():
    parsed = parse(csv_bytes([HEADER, *GOOD_ROWS, [4, "Nền tảng D", "Bộ Tài chánh"]]))
    assert len(parsed.rows) == 3
    (row_no, msg), = parsed.rejected
    assert row_no == 5
    assert msg.code == "unknown_body"
    assert "Bộ Tài chính" in msg.params["suggestions"]
    assert "did you mean" in msg.text("en") and "có phải" in msg.text("vi")


@pytest.mark.parametrize("row, code", [
    ([4, "", "Bộ Tài chính"], "empty_name"),
    ([4, "Nền tảng D", ""], "missing_body"),
    ([4, "NỀN TẢNG THỬ NGHIỆM  A", "btc"], "repeat"),
])
def test_bad_rows_are_rejected(row, code):
    parsed = parse(csv_bytes([HEADER, *GOOD_ROWS, row]))
    assert [(r, m.code) for r, m in parsed.rejected] == [(5, code)]


def test_body_merged_before_as_of_resolves_to_successor_with_warning():
    parsed = parse(csv_bytes([HEADER, [1, "Nền tảng X", "Bộ Thông tin và Truyền thông"]]))
    row, = parsed.rows
    assert (row["ministry_code"], row["written_body_code"]) == ("MOST", "MIC")
    assert [w.code for w in parsed.warnings] == ["merged_body"]
    assert "2025-03-01" in parsed.warnings[0].text("en")


def test_body_still_existing_on_as_of_keeps_its_code():
    parsed = parse(csv_bytes([HEADER, [1, "Nền tảng X", "Bộ Thông tin và Truyền thông"]]), as_of=D2024)
    assert parsed.rows[0]["ministry_code"] == "MIC"
    assert parsed.warnings == []


def test_body_not_yet_established_is_rejected():
    parsed = parse(csv_bytes([HEADER, [1, "Nền tảng X", "Bộ Nông nghiệp và Môi trường"]]), as_of=D2024)
    assert [m.code for _, m in parsed.rejected] == ["body_not_yet"]


def test_provincial_list_needs_no_body_column():
    parsed = parse(csv_bytes([["STT", "Tên hệ thống"], [1, "Hệ thống thư điện tử công vụ"]]), kind="provincial")
    assert parsed.rows[0]["ministry_code"] is None


@pytest.mark.parametrize("data, code", [
    (b"", "empty_file"),
    (b"   \n\n", "empty_file"),
    (b"hello\nthis is a letter, not a list\n", "no_header"),
    (b"just one line of prose\n", "not_spreadsheet"),
    (b"\x00\x01\x02binary" * 100, "not_spreadsheet"),
    (b"PK\x03\x04" + b"\x00" * 200, "corrupt_workbook"),
    (xlsx_bytes([HEADER, *GOOD_ROWS])[:300], "corrupt_workbook"),
    (b"<html><table><tr><td>STT</td></tr></table></html>", "no_header"),
    (csv_bytes([["Mã", "Ghi chú khác"], ["1", "x"]]), "no_header"),
    (csv_bytes([["STT", "Tên nền tảng"], ["1", "Nền tảng A"]]), "no_body_column"),
], ids=["empty", "blank", "prose-with-comma", "prose", "binary", "zip-garbage", "truncated-xlsx", "html",
        "no-name-column", "no-body-column"])
def test_unreadable_files_raise_a_clear_error(data, code):
    with pytest.raises(LoaderError) as err:
        parse(data)
    assert err.value.message.code == code
    assert err.value.text("en") and err.value.text("vi")


def test_no_header_error_lists_found_and_expected():
    with pytest.raises(LoaderError) as err:
        parse(csv_bytes([["Mã", "Mô tả"], ["1", "x"]]))
    text = err.value.text("en")
    assert "'Mã'" in text and "'Mô tả'" in text and "'Tên nền tảng'" in text


def test_each_platform_name_is_folded_once(monkeypatch):
    """Folding is the costliest step per row (docs/benchmarks.md): a second fold per name once cost
    a fifth of the ingest time. Counted, not timed: a name passes through ``fold`` or, with its
    column, ``fold_many`` once."""
    import loaders.parse
    import loaders.text
    from loaders.table import HEADER_SCAN_ROWS

    names = [f"Nền tảng thử nghiệm số {i}" for i in range(HEADER_SCAN_ROWS + 50)]
    calls: list[str] = []
    real = loaders.text.fold

    def counting(value):
        calls.append(value)
        return real(value)

    real_many = loaders.text.fold_many

    def counting_many(values, **options):
        calls.extend(values)
        return real_many(values, **options)

    loaders.text.key.cache_clear()
    monkeypatch.setattr(loaders.text, "fold", counting)
    monkeypatch.setattr(loaders.parse, "fold_many", counting_many)
    parse(csv_bytes([HEADER] + [[i, n, "Bộ Tài chính"] for i, n in enumerate(names, 1)]))
    beyond_header_scan = set(names[HEADER_SCAN_ROWS:])   # the header search also reads the first rows
    assert sorted(c for c in calls if c in beyond_header_scan) == sorted(beyond_header_scan)
