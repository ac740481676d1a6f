"""A recognition record over several rows (a criteria set or an assessment over its criteria, the
proposal's number written on every row or only at the top; a proposal whose long texts wrap onto
rows of their own): a problem planted in one row (generated: which record, which row, which
problem) is reported once, on that row; the record's other rows say they belong to a record
refused for that row; nothing of the record is stored."""
from __future__ import annotations

import io
import shutil

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.recognition import issue_criteria
from actions.recognition_import import import_file, template_csv
from actions.recognition_records import CriteriaSet
from tests.test_recognition import ADMIN, CRITERIA, TODAY


def csv_file(kind: str, rows: list[list[str]]) -> io.BytesIO:
    header = template_csv(kind).decode("utf-8")
    return io.BytesIO((header + "".join(",".join(f'"{c}"' for c in r) + "\r\n" for r in rows)).encode("utf-8"))


PROPOSAL = ["Nền tảng hóa đơn điện tử", "MOF", "enterprise", "Công ty A", "Mục đích", "shared-2025", "01/03/2026",
            "", "", ""]


@pytest.fixture(scope="module")
def proposed(built_db, tmp_path_factory):
    """A database with proposal 1 and its six criteria (the fourth the popular-user one)."""
    path = tmp_path_factory.mktemp("multirow") / "ndp.duckdb"
    shutil.copyfile(built_db, path)
    report = import_file(path, csv_file("proposal", [PROPOSAL]), "proposal", ADMIN, TODAY)
    assert report.loaded == [([2], 1)]
    issue_criteria(path, CriteriaSet(1, "45/QĐ", "2026-04-01", CRITERIA), ADMIN, TODAY)
    return path


def _counts(path) -> tuple:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT (SELECT count(*) FROM recognition_proposal), (SELECT count(*) FROM "
                           "recognition_criterion), (SELECT count(*) FROM recognition_assessment)").fetchall()[0]
    finally:
        con.close()


# problem -> (the field it spoils, the value written, the code reported)
CRITERIA_PROBLEMS = {"group": ("group", "9", "rec_bad_value"), "text": ("text", "", "rec_missing"),
                     "date": ("issued_on", "02/04/2026", "rec_row_disagrees")}
ASSESSMENT_PROBLEMS = {"result": ("result", "có lẽ", "rec_bad_value"), "share": ("market_share", "120%", "rec_bad_share"),
                       "criterion": ("criterion_no", "99", "rec_unknown_criterion"),
                       "assessor": ("assessor_kind", "to chuyen gia", "rec_row_disagrees")}


def _criteria_rows(number_once: bool) -> list[dict]:
    return [{"proposal_id": "1" if i == 0 or not number_once else "", "document_no": "46/QĐ", "issued_on": "01/04/2026",
             "document_url": "", "group": str(g), "text": f"Tiêu chí {g}", "measure": "", "popular_user": ""}
            for i, g in enumerate(range(1, 5))]


def _assessment_rows(number_once: bool) -> list[dict]:
    return [{"proposal_id": "1" if i == 0 or not number_once else "", "assessor_kind": "council", "assessor_name": "",
             "assessed_on": "10/05/2026", "document_no": "1/BB", "criterion_no": str(c), "result": "met", "evidence": "",
             "evidence_url": "", "market_share": "62" if c == 4 else ""}
            for i, c in enumerate(range(1, 7))]


@given(st.sampled_from(["criteria", "assessment"]), st.booleans(), st.data())
@settings(max_examples=24, derandomize=True, database=None, deadline=None)
def test_a_problem_in_one_row_of_a_record_is_reported_on_that_row_only(proposed, kind, number_once, data):
    rows = _criteria_rows(number_once) if kind == "criteria" else _assessment_rows(number_once)
    problems = CRITERIA_PROBLEMS if kind == "criteria" else ASSESSMENT_PROBLEMS
    field, value, code = problems[data.draw(st.sampled_from(sorted(problems)))]
    at = data.draw(st.integers(1 if code == "rec_row_disagrees" else 0, len(rows) - 1))
    rows[at][field] = value
    before = _counts(proposed)
    report = import_file(proposed, csv_file(kind, [list(r.values()) for r in rows]), kind, ADMIN, TODAY)
    bad = at + 2
    assert report.loaded == []
    assert [(n, m.code) for n, m in report.messages] == [
        (n, code if n == bad else "rec_in_refused_record") for n in range(2, len(rows) + 2)]
    for n, m in report.messages:
        if n != bad:
            assert m.params["bad_row"] == bad and f"{bad}" in m.text("vi") and m.text("vi") != m.text("en")
    assert _counts(proposed) == before


@given(st.integers(0, 2), st.booleans())
@settings(max_examples=12, derandomize=True, database=None, deadline=None)
def test_a_proposal_wrapped_over_three_rows_is_one_record_and_its_problem_is_on_its_row(proposed, at, spoil):
    """The purpose wrapped onto two rows of their own (every other cell empty): one proposal of three
    rows; a purpose too long once joined is reported on the row it overflows on, a bad ownership on
    the first row."""
    name = f"Nền tảng thử gói dòng {at} {spoil}"
    first = [name, "MOF", "hỗn hợp" if spoil and at == 0 else "state", "", "Phần một", "shared-2025", "01/03/2026",
             "", "", ""]
    rest = [["", "", "", "", "x" * 1995 if spoil and at == i else f"phần {i + 1}", "", "", "", "", ""] for i in (1, 2)]
    report = import_file(proposed, csv_file("proposal", [first, *rest]), "proposal", ADMIN, TODAY)
    if not spoil:
        assert [rows for rows, _ in report.loaded] == [[2, 3, 4]] and report.messages == []
        con = duckdb.connect(str(proposed), read_only=True)
        try:
            purpose = con.execute("SELECT purpose FROM recognition_proposal WHERE platform_name = ?", [name]).fetchall()
        finally:
            con.close()
        assert purpose == [("Phần một phần 2 phần 3",)]
        return
    bad = at + 2
    code = "rec_bad_value" if at == 0 else "rec_too_long"
    assert report.loaded == []
    assert [(n, m.code) for n, m in report.messages] == [
        (n, code if n == bad else "rec_in_refused_record") for n in (2, 3, 4)]
