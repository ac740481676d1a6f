"""Reports people take to meetings: open the generated files and check what they say."""
import csv
import io
import subprocess
import sys
import zipfile
from datetime import date

import duckdb
import openpyxl
import pandas as pd
import pypdf
import pytest

from actions.ingest import ingest_file
from reports.files import csv_bytes, xlsx_bytes
from reports.names import file_name
from reports.pdf import brief
from reports.safe import neutralise
from reports.workbook import full_report
from store.snapshot import read_snapshot
from tests.files import ADMIN, HEADER
from tests.files import csv_bytes as list_csv
from tests.test_cli import ROOT
from views.scope import Scope
from views.tables import platforms_table

HOSTILE = ['=HYPERLINK("http://x.example","bấm")', "+1+2", "-cmd", "@SUM(A1)", "\tx", "\rx"]


@pytest.fixture(scope="module")
def snap(built_snap):
    return built_snap


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_is_neutralised(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Bộ Tài chính", "2618/QĐ-BKHCN", 31, -5, None])
def test_ordinary_values_are_untouched(value):
    assert neutralise(value) == value


def test_csv_has_bom_vietnamese_intact_and_no_live_formula():
    df = pd.DataFrame({"Tên nền tảng": ["Cổng Dịch vụ công quốc gia", *HOSTILE], "Số": [1, 2, 3, 4, 5, 6, 7]})
    data = csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Tên nền tảng", "Số"] and rows[1][0] == "Cổng Dịch vụ công quốc gia"
    assert all(r[0].startswith("'") for r in rows[2:])


def test_xlsx_table_is_formatted_and_safe():
    df = pd.DataFrame({"Tên": ["Nền tảng A", HOSTILE[0]], "Số nền tảng": [31, 11]})
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"Danh sách": df})))
    ws = book["Danh sách"]
    assert [c.value for c in ws[1]] == ["Tên", "Số nền tảng"] and ws["A1"].font.b
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:B3"
    assert ws["B2"].value == 31 and ws["B2"].data_type == "n"
    assert ws["A3"].value == "'" + HOSTILE[0] and ws["A3"].data_type == "s"


def test_full_report_workbook(snap):
    data = full_report(snap, Scope("national-2024", on=date(2025, 11, 9)))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Trang bìa", "Theo bộ, ngành", "Chưa công bố hoặc chưa rõ", "Danh sách nền tảng", "Nhật ký nạp"]
    cover = " ".join(str(c.value) for row in book["Trang bìa"].iter_rows() for c in row if c.value)
    assert "2765/BTTTT-CĐSQG (15/07/2024)" in cover and "2618/QĐ-BKHCN (11/09/2025)" in cover
    assert "09/11/2025" in cover and "103" in cover
    per = {r[0]: r[2] for r in book["Theo bộ, ngành"].iter_rows(min_row=2, values_only=True)}
    assert per["Bộ Tài chính"] == 31 and sum(per.values()) == 103
    missing = [r[0] for r in book["Chưa công bố hoặc chưa rõ"].iter_rows(min_row=2, values_only=True)]
    assert "Bộ Công Thương" in missing and "Bộ Tài chính" not in missing
    assert any(n.startswith("xl/charts/chart") for n in zipfile.ZipFile(io.BytesIO(data)).namelist())


def test_full_report_for_shared_list_has_progress_and_english(snap):
    book = openpyxl.load_workbook(io.BytesIO(full_report(snap, Scope("shared-2025", lang="en"))))
    assert "Progress by stage" in book.sheetnames and "Per ministry" in book.sheetnames
    stages = {r[0]: r[1] for r in book["Progress by stage"].iter_rows(min_row=2, values_only=True)}
    assert stages["Listed"] == 55


def test_ministry_filter_narrows_the_report(snap):
    book = openpyxl.load_workbook(io.BytesIO(full_report(snap, Scope("national-2024", ministries=["MOF"]))))
    per = {r[0]: r[2] for r in book["Theo bộ, ngành"].iter_rows(min_row=2, values_only=True)}
    assert per == {"Bộ Tài chính": 31, "Bộ Kế hoạch và Đầu tư": 7}   # MPI merged into MOF


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_pdf_brief_national(snap):
    pages, text = pdf_text(brief(snap, Scope("national-2024")))
    assert 1 <= pages <= 3
    for needle in ("103", "2765/BTTTT-CĐSQG (15/07/2024)", "Bộ Tài chính", "Bộ Công Thương", "Bộ Y tế",
                   "nền tảng của 18/29 bộ, ngành"):
        assert needle in text, needle


def test_pdf_brief_shared_progress_in_english(snap):
    pages, text = pdf_text(brief(snap, Scope("shared-2025", lang="en")))
    assert 1 <= pages <= 3 and "Progress on" in text and "Listed" in text and "55" in text


def test_file_names_say_what_and_when():
    assert file_name("nền tảng số", "shared-2025", ["MOF"], date(2025, 11, 9), "xlsx") == \
        "nen-tang-so_shared-2025_MOF_2025-11-09.xlsx"
    assert file_name("Báo cáo", None, [], date(2026, 1, 2), "pdf") == "bao-cao_2026-01-02.pdf"


def test_hostile_platform_name_is_neutralised_end_to_end(db):
    ingest_file(io.BytesIO(list_csv([HEADER, [1, HOSTILE[0], "Bộ Tài chính"]])), "x.csv", db, "national-2024", user=ADMIN)
    con = duckdb.connect(str(db), read_only=True)
    snap = read_snapshot(con)
    con.close()
    table = platforms_table(snap, None, "vi", list_id="national-2024")
    rows = list(csv.reader(io.StringIO(csv_bytes(table).decode("utf-8-sig"), newline="")))
    assert rows[1][0] == "'" + HOSTILE[0]
    book = openpyxl.load_workbook(io.BytesIO(full_report(snap, Scope("national-2024"))))
    names = [r[0] for r in book["Danh sách nền tảng"].iter_rows(min_row=2, values_only=True)]
    assert names == ["'" + HOSTILE[0]]


def run_reports(*args):
    return subprocess.run([sys.executable, "-m", "reports", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "pdf"])
def test_reports_cli_builds_each_format(built_db, tmp_path, fmt):
    out = tmp_path / f"r.{fmt}"
    done = run_reports("build", "--list", "shared-2025", "--format", fmt, "--out", out, "--db", built_db,
                       "--ministry", "MPS")
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert len(rows) == 14 and rows[1][2] == "Bộ Công an"
    elif fmt == "pdf":
        assert "Bộ Công an" in pdf_text(data)[1]
    else:
        assert "Theo bộ, ngành" in openpyxl.load_workbook(io.BytesIO(data)).sheetnames


@pytest.mark.parametrize("args, needle", [
    (["--list", "nope"], "unknown list"),
    (["--list", "shared-2025", "--ministry", "XYZ"], "unknown ministry"),
    (["--list", "shared-2025", "--province", "99"], "unknown province"),
    (["--list", "province-40-2025", "--province", "01"], "belongs to province 40"),
])
def test_reports_cli_errors(built_db, tmp_path, args, needle):
    out = tmp_path / "r.xlsx"
    done = run_reports("build", *args, "--format", "xlsx", "--out", out, "--db", built_db)
    assert done.returncode == 2 and done.stderr.startswith("error:") and needle in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_filtered_report_carries_the_overviews_filtered_figures_beside_the_national_ones(snap, lang):
    from views.overview import view_overview
    shown = view_overview(snap, ["MOF"], lang)["metrics"][:2]          # what the overview shows under the filter
    scope = Scope("national-2024", ministries=["MOF"], lang=lang)
    cover = [r[1] for r in openpyxl.load_workbook(io.BytesIO(full_report(snap, scope))).worksheets[0].iter_rows(
        values_only=True) if r[1]]
    _, text = pdf_text(brief(snap, scope))
    flat = " ".join(text.split())
    for m in shown:
        assert any(str(c).startswith(f"{m['label']}: {m['value']} — ") for c in cover), m["label"]
        assert " ".join(m["label"].split()) in flat and str(m["value"]) in flat
    national = view_overview(snap, [], lang)["metrics"][0]
    assert any(str(c).startswith(f"{national['label']}: {national['value']}") for c in cover)   # still there
    assert int(shown[0]["value"]) < int(national["value"])


def test_the_report_gives_a_step_known_only_by_its_month_as_the_month(snap):
    """The 'stage of each platform' sheet writes a date as the evidence gives it, like the timeline."""
    from analysis.progress import status_at
    scope = Scope("shared-2025", on=date.today())
    status = status_at(snap.platform_event, snap.stage, snap.platform_current, "shared-2025", scope.on)
    month = status[status["date_basis"] == "month"]
    assert len(month)                                             # the shipped evidence has such steps
    sheet = openpyxl.load_workbook(io.BytesIO(full_report(snap, scope)))["Giai đoạn từng nền tảng"]
    shown = {r[0]: r[3] for r in sheet.iter_rows(min_row=2, values_only=True)}
    for row in month.itertuples():
        year, mon = row.stated_date.split("-")[:2]
        assert shown[row.name] == f"{mon}/{year}", row.name


@pytest.mark.parametrize("on", [date(2020, 1, 1), date(2025, 9, 10), date(2025, 9, 30)])
def test_a_report_of_a_date_before_or_around_the_first_step_is_made(snap, on):
    """The overview's report date reaches any day: before the shared list's first step nothing is
    reached (the PDF's bars are empty, not a division by zero), and both files say the date."""
    scope = Scope("shared-2025", "vi", [], on)
    lines = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(brief(snap, scope, None))).pages)
    assert on.strftime("%d/%m/%Y") in lines
    book = openpyxl.load_workbook(io.BytesIO(full_report(snap, scope)))
    cover = {r[0]: r[1] for r in book.worksheets[0].iter_rows(values_only=True) if r and r[0]}
    assert cover["Tính đến ngày"] == on.strftime("%d/%m/%Y")
    reached = [r[1] for r in list(book["Tiến độ theo giai đoạn"].iter_rows(values_only=True))[1:]]
    assert (sum(reached) == 0) == (on < date(2025, 9, 11))
