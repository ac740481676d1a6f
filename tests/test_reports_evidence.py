"""The Excel report and the PDF brief carry how sure each step is, as the page does."""
import io
from datetime import date

import openpyxl
import pypdf

from analysis.progress import CONFIRMED, COUNTED, stage_counts, status_at
from reports.pdf import brief
from reports.workbook import full_report
from views.scope import Scope

TODAY = date(2026, 11, 29)


def counts(snap):
    status = status_at(snap.platform_event, snap.stage, snap.platform_current, "shared-2025", TODAY, COUNTED)
    sure = status_at(snap.platform_event, snap.stage, snap.platform_current, "shared-2025", TODAY, CONFIRMED)
    return stage_counts(status, snap.stage, 4, sure)


def rows(sheet):
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], r)) for r in values[1:]]


def test_workbook_has_confidence_and_counts_only_what_is_sure(built_snap):
    book = openpyxl.load_workbook(io.BytesIO(full_report(built_snap, Scope("shared-2025", on=TODAY))))
    expected = counts(built_snap)
    progress = rows(book["Tiến độ theo giai đoạn"])
    assert [(r["Đã đạt"], r["Trong đó đã xác nhận"]) for r in progress] == list(
        zip(expected["reached"], expected["confirmed"]))
    status = rows(book["Giai đoạn từng nền tảng"])
    assert {r["Độ chắc chắn"] for r in status} == {"đã xác nhận", "có khả năng"}      # never uncertain
    evidence = rows(book["Bằng chứng công khai"])
    marks = [r["Độ chắc chắn"] for r in evidence]
    assert len(evidence) == 32 and marks.count("chưa chắc chắn (không được tính)") == 9
    assert all(r["Liên kết"].startswith("http") for r in evidence)
    assert len(rows(book["Chưa tìm thấy bằng chứng"])) == 30


def test_pdf_brief_shows_confirmed_in_brackets_and_the_search_date(built_snap):
    for lang, needle in (("vi", "tìm kiếm ngày 29/11/2026"), ("en", "searched on 29/11/2026")):
        reader = pypdf.PdfReader(io.BytesIO(brief(built_snap, Scope("shared-2025", lang=lang, on=TODAY))))
        text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        plan = counts(built_snap).set_index("stage_id").loc["plan"]
        assert f"{plan['reached']} ({plan['confirmed']})" in text
        assert needle in text and "30" in text
