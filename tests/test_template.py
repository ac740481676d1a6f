"""The Excel template: what ministries download, fill in, and send back."""
import io
from datetime import date

import openpyxl
import pandas as pd

from loaders.paths import DATA_DIR
from loaders.template import COLUMNS, build_template
from store.reference import read_reference_csv
from tests.test_parse import parse

BODIES = read_reference_csv(DATA_DIR / "reference" / "bodies.csv", ("valid_from", "valid_to")).to_dict("records")
TODAY_ROSTER = sorted(b["name_vi"] for b in BODIES if pd.isna(b["valid_to"]))


def test_template_has_columns_dropdown_and_instructions():
    book = openpyxl.load_workbook(io.BytesIO(build_template(BODIES, date(2025, 11, 9))))
    assert book.sheetnames == ["Danh sách", "Cơ quan", "Hướng dẫn"]
    sheet = book["Danh sách"]
    assert [c.value for c in sheet[1]] == [c for c, _ in COLUMNS] and sheet.freeze_panes == "A2"
    dropdown = next(dv for dv in sheet.data_validations.dataValidation if "D2" in str(dv.sqref))
    assert dropdown.type == "list" and dropdown.formula1 == "='Cơ quan'!$A$2:$A$23"
    names = [r[0] for r in book["Cơ quan"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == TODAY_ROSTER and "Bộ Thông tin và Truyền thông" not in names
    guide = " ".join(r[0] or "" for r in book["Hướng dẫn"].iter_rows(values_only=True))
    assert "Cơ quan chủ quản" in guide and "09/11/2025" in guide


def test_roster_follows_the_date():
    book = openpyxl.load_workbook(io.BytesIO(build_template(BODIES, date(2024, 7, 15))))
    names = [r[0] for r in book["Cơ quan"].iter_rows(min_row=2, values_only=True)]
    assert "Bộ Thông tin và Truyền thông" in names and "Bộ Nông nghiệp và Môi trường" not in names


def test_filled_template_reads_back_through_ingest():
    book = openpyxl.load_workbook(io.BytesIO(build_template(BODIES, date(2025, 11, 9))))
    sheet = book["Danh sách"]
    sheet.append([1, "Nền tảng thử nghiệm A", None, "Bộ Tài chính", "đang sử dụng"])
    sheet.append([2, "Nền tảng thử nghiệm B", None, "Bộ Công an", "đề xuất"])
    buf = io.BytesIO()
    book.save(buf)
    parsed = parse(buf.getvalue())
    assert [(r["name"], r["ministry_code"], r["status"]) for r in parsed.rows] == [
        ("Nền tảng thử nghiệm A", "MOF", "in_use"), ("Nền tảng thử nghiệm B", "MPS", "proposed")]
    assert parsed.rejected == [] and parsed.sheet == "Danh sách"


def test_shipped_template_matches_the_current_roster():
    book = openpyxl.load_workbook(DATA_DIR / "mau-danh-sach-nen-tang.xlsx")
    names = [r[0] for r in book["Cơ quan"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == TODAY_ROSTER, "regenerate: python -m actions template"
