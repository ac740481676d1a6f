"""Proposals and assessments from CSV/Excel: templates, row-level messages, the same role checks."""
from __future__ import annotations

import io

import openpyxl
import pytest

from actions.recognition import issue_criteria
from actions.recognition_import import import_file, read_rows, template_csv
from actions.recognition_records import CriteriaSet
from analysis.recognition import current_proposals
from loaders.messages import LoaderError
from tests.test_recognition import ASSESSOR, CRITERIA, EDITOR, TODAY, VIEWER, records


def csv_file(kind: str, rows: list[list[str]], lang: str = "vi") -> io.BytesIO:
    header = template_csv(kind, lang).decode("utf-8")
    body = "".join(",".join(f'"{c}"' for c in row) + "\r\n" for row in rows)
    return io.BytesIO((header + body).encode("utf-8"))


PROPOSAL_ROWS = [
    ["Nền tảng A", "MOF", "enterprise", "Công ty A", "Mục đích A", "shared-2025", "01/03/2026", "1/BTC", "", ""],
    ["", "MOF", "state", "", "", "shared-2025", "01/03/2026", "", "", ""],                     # no name
    ["Nền tảng B", "MPS", "state", "", "", "shared-2025", "01/03/2026", "", "", ""],           # not MOF's
    ["Nền tảng C", "MOF", "công tư", "", "", "shared-2025", "2026-03-02", "", "", ""],         # bad ownership
    ["Nền tảng D", "MPI", "state", "", "", "national-2024", "2026-03-02", "2/BTC", "", "cv-2291-2024"],
]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_proposals_import_row_by_row(db, lang):
    report = import_file(db, csv_file("proposal", PROPOSAL_ROWS, lang), "proposal", EDITOR, TODAY)
    assert [rows for rows, _ in report.loaded] == [[2], [6]]
    assert [(n, m.code) for n, m in report.messages] == [(3, "rec_missing"), (4, "not_your_proposal"),
                                                         (5, "rec_bad_value")]
    assert all(m.text("vi") != m.text("en") for _, m in report.messages)
    assert sorted(current_proposals(records(db))["platform_name"]) == ["Nền tảng A", "Nền tảng D"]


def test_a_file_is_one_write_each_record_its_own_transaction(db, monkeypatch):
    """A file of records replaces the database once (2,000 proposals were 2,000 copies of the whole
    database, ~7 minutes, and a kill part-way stored some of them); a record refused part-way
    leaves nothing of itself, its audit row says so, and the others still load."""
    import os

    import duckdb

    import store.db
    replaced = []
    monkeypatch.setattr(store.db.os, "replace", lambda a, b: (replaced.append(b), os.rename(a, b)))
    rows = [[f"Nền tảng {i}", "MOF", "state", "", "", "shared-2025", "01/03/2026", "", "", ""] for i in range(40)]
    rows[7] = rows[3]   # a repeat: refused by its own checks after the first is written in the same file
    report = import_file(db, csv_file("proposal", rows), "proposal", EDITOR, TODAY)
    assert len(replaced) == 1
    assert len(report.loaded) == 39 and [(n, m.code) for n, m in report.messages] == [(9, "rec_duplicate")]
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT platform_name FROM recognition_proposal").fetchall()]
        audited = con.execute("SELECT result, count(*) FROM audit_log WHERE action = 'propose' GROUP BY 1").fetchall()
    finally:
        con.close()
    assert sorted(names) == sorted({r[0] for r in rows}) and audited == [("ok", 39)]


def test_a_viewer_imports_nothing_and_every_row_says_why(db):
    report = import_file(db, csv_file("proposal", PROPOSAL_ROWS), "proposal", VIEWER, TODAY)
    assert not report.loaded and {m.code for _, m in report.messages} == {"forbidden"}
    assert [n for n, _ in report.messages] == [2, 3, 4, 5, 6]


def test_assessment_rows_of_one_proposal_make_one_assessment_from_excel(db):
    import_file(db, csv_file("proposal", PROPOSAL_ROWS[:1]), "proposal", EDITOR, TODAY)
    issue_criteria(db, CriteriaSet(1, "45/QĐ", "2026-04-01", CRITERIA), EDITOR, TODAY)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(template_csv("assessment", "en").decode("utf-8-sig").strip().replace('"', "").split(","))
    for n in range(1, 7):
        sheet.append([1, "council", "Hội đồng", "2026-05-01", "BB-1", n, "met", "ok", "", "40" if n == 4 else ""])
    buf = io.BytesIO()
    book.save(buf)
    buf.seek(0)
    report = import_file(db, buf, "assessment", ASSESSOR, TODAY)
    assert report.loaded == [([2, 3, 4, 5, 6, 7], 1)] and not report.messages
    rec = records(db)
    assert rec.item.set_index("criterion_no").at[4, "result"] == "not_met"   # 40% is below the popular level
    assert current_proposals(rec).iloc[0]["verdict"] == "potential"


def test_missing_columns_are_named():
    with pytest.raises(LoaderError) as exc:
        read_rows(io.BytesIO("Tên nền tảng,Ghi chú\nA,b\n".encode()), "proposal")
    assert exc.value.message.code == "rec_no_columns" and "Mã cơ quan đề xuất" in exc.value.text("vi")


def test_criteria_rows_of_one_proposal_make_one_set(db):
    import_file(db, csv_file("proposal", PROPOSAL_ROWS[:1]), "proposal", EDITOR, TODAY)
    rows = [["1", "45/QĐ-BTC", "01/04/2026", "", str(g), f"Tiêu chí {g}", "đo", "x" if g == 4 else ""]
            for g in range(1, 7)] + [["1", "45/QĐ-BTC", "01/04/2026", "", "9", "Sai nhóm", "", ""]]
    report = import_file(db, csv_file("criteria", rows), "criteria", EDITOR, TODAY)
    assert not report.loaded   # one set: all or none; the problem named once, on its row
    assert [(n, m.code) for n, m in report.messages] == [(n, "rec_in_refused_record") for n in range(2, 8)] + [
        (8, "rec_bad_value")]
    report = import_file(db, csv_file("criteria", rows[:6]), "criteria", EDITOR, TODAY)
    assert report.loaded == [([2, 3, 4, 5, 6, 7], 1)]
    crit = records(db).criterion
    assert list(crit["popular_user"]) == [False, False, False, True, False, False]


def test_a_file_that_stores_nothing_leaves_the_database_unwritten(db, monkeypatch):
    """Rows that all fail their checks (and no refusal to audit) are reported and the database is
    not rewritten: no copy, no new data version for every viewer to read again (found by the review)."""
    import store.db
    replaced = []
    monkeypatch.setattr(store.db.os, "replace", lambda a, b: replaced.append(b))
    before = db.stat().st_mtime_ns
    rows = [["", "MOF", "state", "", "", "shared-2025", "01/03/2026", "", "", ""]] * 3   # no name, three times
    report = import_file(db, csv_file("proposal", rows), "proposal", EDITOR, TODAY)
    assert not report.loaded and [m.code for _, m in report.messages] == ["rec_missing"] * 3
    assert replaced == [] and db.stat().st_mtime_ns == before


def test_a_record_number_out_of_range_is_a_row_message_and_earlier_refusals_stay_audited(db):
    """A proposal number no INTEGER holds is refused as a bad value, like any other bad number; the
    file's other rows, and the refusals audited before it, are kept (found by the review: DuckDB's
    error on binding it discarded the whole file's write, audit rows included)."""
    import duckdb

    from tests.test_recognition import ADMIN
    rep = import_file(db, csv_file("proposal", [["Nền tảng B", "MPS", "state", "", "", "shared-2025", "01/03/2026",
                                                 "", "", ""]]), "proposal", ADMIN, TODAY)
    (_, pid), = rep.loaded
    rows = [[str(pid), "1/BTC", "01/03/2026", "", "1", "Tiêu chí", "", ""],        # not the MOF editor's: refused
            [str(10**40), "2/BTC", "01/03/2026", "", "1", "Tiêu chí", "", ""]]    # no such number
    report = import_file(db, csv_file("criteria", rows), "criteria", EDITOR, TODAY)
    assert [(n, m.code) for n, m in report.messages] == [(2, "not_your_proposal"), (3, "rec_bad_value")]
    con = duckdb.connect(str(db), read_only=True)
    try:
        audited = con.execute("SELECT result FROM audit_log WHERE action = 'issue_criteria'").fetchall()
    finally:
        con.close()
    assert audited == [("refused",)]


def test_the_cli_imports_recognition_records_as_the_page_does(db, tmp_path):
    import json

    from tests.test_cli import cli
    path = tmp_path / "de-xuat.csv"
    path.write_bytes(csv_file("proposal", PROPOSAL_ROWS).getvalue())
    out = cli("ingest-recognition", path, "--kind", "proposal", "--db", db, env={"NDP_LANG": "vi"})
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    # as the operating-system user (an administrator): MPS's row is theirs to write too
    assert (result["records_loaded"], result["rows_rejected"]) == (3, 2)
    rejected = [line for line in out.stderr.splitlines() if line.startswith("rejected:")]
    assert [line.split(":")[1].strip() for line in rejected] == ["row 3", "row 5"] and "Traceback" not in out.stderr
    assert sorted(current_proposals(records(db))["platform_name"]) == ["Nền tảng A", "Nền tảng B", "Nền tảng D"]
    again = cli("ingest-recognition", tmp_path / "khong-co.csv", "--kind", "proposal", "--db", db)
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and again.stderr.startswith("error:")
