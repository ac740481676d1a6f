"""The PDF brief says what the data says: each count's basis as in the Excel report, no label cut,
no footnote without its mark."""
import io
import re

import openpyxl
import pypdf
import pytest

from analysis.citations import INFERRED
from i18n.catalogue import tr
from reports.pdf import BASIS_MARKS, brief
from reports.workbook import full_report
from views.scope import Scope


def pdf_lines(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [line for p in reader.pages for line in p.extract_text().splitlines()]


def excel_basis(snap, scope: Scope) -> dict[str, str]:
    book = openpyxl.load_workbook(io.BytesIO(full_report(snap, scope)))
    sheet = book["Theo bộ, ngành"]
    return {r[0]: r[3] for r in sheet.iter_rows(min_row=2, values_only=True)}


# The Excel's basis column in words -> the marks of the PDF's bar: "*" after the name for a
# published figure, "≈" before it for an inference (the mark every inferred figure carries).
WORD = {"theo danh sách đã nạp": "", "theo số liệu công bố": "*", f"{INFERRED} suy luận": INFERRED}


def bar_marks(lines: list[str], body: str) -> str:
    """The marks printed on ``body``'s bar: ``≈ name * 12`` -> ``*≈`` (in BASIS_MARKS order)."""
    pattern = rf"(?:({INFERRED}) )?{re.escape(body)}(?: (\*))? \d+"
    match = next(m for m in (re.fullmatch(pattern, x) for x in lines) if m)
    return "".join(m for m in BASIS_MARKS.values() if m in (match.group(1) or "") + (match.group(2) or ""))


@pytest.mark.parametrize("scope", [Scope("shared-2025"), Scope("national-2024"), Scope("national-2024", ministries=["MOF"]),
                                   Scope("shared-2025", ministries=["MPS"])],
                         ids=["shared", "national", "national-MOF", "shared-MPS"])
def test_each_bar_carries_the_mark_of_its_basis_in_the_excel(built_snap, scope):
    lines = pdf_lines(brief(built_snap, scope))
    expected = excel_basis(built_snap, scope)
    assert expected
    for body, basis in expected.items():
        assert bar_marks(lines, body) == WORD[basis], (body, basis)
    for basis, mark in BASIS_MARKS.items():   # a footnote is there exactly when its mark is
        used = any(WORD[b] == mark for b in expected.values())
        assert (tr(f"report.basis_note.{basis}", "vi") in lines) == used, (basis, lines)


def test_the_five_inferred_shared_counts_are_not_called_published(built_snap):
    lines = pdf_lines(brief(built_snap, Scope("shared-2025")))
    inferred = [x for x in lines if x.startswith(INFERRED + " ") and x.split()[-1].isdigit()]
    assert len(inferred) == 5 and not any(x.startswith("* ") for x in lines)
    assert not any(re.search(r" \* \d+$", x) for x in inferred)


def test_a_long_stage_name_is_printed_whole(built_snap):
    text = " ".join(pdf_lines(brief(built_snap, Scope("shared-2025"))))
    assert "chia sẻ dữ liệu quốc gia (NDXP)" in text


def test_a_filtered_brief_says_its_headline_figures_are_national(built_snap):
    text = " ".join(pdf_lines(brief(built_snap, Scope("national-2024", ministries=["MOF"]))))
    assert "Bộ lọc: Bộ Tài chính" in text and "không theo bộ lọc" in text
