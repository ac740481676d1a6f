"""AppTest: the Recognition page — funnel, dossier, addressees, corrections, forms by role."""
from __future__ import annotations

import pytest

from actions.corrections import flag
from actions.recognition import record_outcome
from actions.recognition_records import Outcome
from tests.test_recognition import ADMIN, ASSESSOR, EDITOR, NAME, TODAY, VIEWER, walk_to_assessment

PAGE = "pages/recognition.py"


@pytest.mark.parametrize("section", ["funnel", "dossier", "bodies", "corrections", "enter"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_section_runs_on_the_shipped_database(app, section, lang):
    at = app(PAGE, rsec=section, lang=lang)
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == {"vi": "Công nhận nền tảng số quốc gia", "en": "Recognising national digital platforms"}[lang]


def test_shipped_database_has_no_proposals_and_sixteen_addressees(app):
    at = app(PAGE, rsec="bodies")
    df = at.dataframe[0].value
    assert len(df) == 16 and set(df["Số đề xuất"]) == {0}
    at = app(PAGE)
    assert {m.label: m.value for m in at.metric}["Đã đề xuất"] == "0"


def test_a_walked_platform_shows_in_funnel_dossier_and_open_corrections(writable_app, db):
    pid = walk_to_assessment(db, 80.0)
    record_outcome(db, Outcome(pid, "recognised", "2026-10-20", "999/QĐ-BKHCN"), ASSESSOR, TODAY)
    flag(db, target_kind="proposal", target_ref=str(pid), note="Sai tên doanh nghiệp", user=VIEWER)
    at = writable_app(PAGE, lang="en")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Recognised"] == "1" and metrics["Assessed"] == "1"
    assert any("1 corrections open" in w.value for w in at.warning)
    at = writable_app(PAGE, rsec="dossier", proposal=str(pid))
    criteria = at.dataframe[0].value
    assert len(criteria) == 6 and criteria.iloc[3, -1] == "Đạt (80%)"
    assert any("1 báo sai" in w.value for w in at.warning)
    assert NAME in " ".join(m.value for m in at.markdown)
    for asked in ("abc", str(pid + 99)):   # a link to a proposal that is not there says so
        at = writable_app(PAGE, rsec="dossier", proposal=asked)
        assert [w.value for w in at.warning if "Không có hồ sơ" in w.value] == [
            f"Không có hồ sơ đề xuất số «{asked}» (đường dẫn có thể sai hoặc từ máy chủ khác)."]
        assert at.query_params["proposal"] in (str(pid), [str(pid)])   # the page shows the first one, as the URL says


@pytest.mark.parametrize("user, forms", [
    (EDITOR, {"Đề xuất nền tảng (bước 1)", "Ban hành bộ tiêu chí (bước 2)", "Kế hoạch phát triển (bước 3)",
              "Nhập từ tệp CSV / Excel"}),
    (ASSESSOR, {"Kết quả đánh giá (bước 4)", "Quyết định công nhận", "Nhập từ tệp CSV / Excel"}),
    (VIEWER, set()), (None, set())])
def test_forms_are_shown_by_role(app, user, forms):
    at = app(PAGE, user=user, rsec="enter")
    shown = {e.label for e in at.expander}
    assert shown == forms or (user is ADMIN)


def test_proposal_form_writes_and_refuses_in_the_users_language(writable_app, db):
    at = writable_app(PAGE, user=EDITOR, rsec="enter")
    at.text_input(key="rp_name").input("Nền tảng từ biểu mẫu")
    at.text_input(key="rp_doc").input("77/BTC-CĐS")
    at.button[0].click().run()   # the proposal form's submit button comes first
    assert any("Đã ghi đề xuất số 1" in s.value for s in at.success), [e.value for e in at.error]
    at.text_input(key="rp_name").input("Nền tảng từ biểu mẫu")
    at.button[0].click().run()
    assert any("đã được" in e.value for e in at.error)


def test_overview_links_open_corrections_and_reports_carry_the_funnel(writable_app, db):
    import io

    import duckdb
    import openpyxl
    from pypdf import PdfReader

    from actions.recognition import read_records
    from reports.pdf import brief
    from reports.workbook import full_report
    from store.snapshot import read_snapshot
    from views.scope import Scope

    pid = walk_to_assessment(db, 30.0)
    record_outcome(db, Outcome(pid, "potential", "2026-10-20", "5/QĐ-BKHCN"), ASSESSOR, TODAY)
    for note in ("a", "b", "c"):
        flag(db, target_kind="count", target_ref="national-2024/MOF", body_code="MOF", note=note, user=VIEWER)
    at = writable_app("pages/overview.py", lang="en")
    assert "3 corrections open" in [p.label for p in at.get("page_link")]
    con = duckdb.connect(str(db), read_only=True)
    snap, records = read_snapshot(con), read_records(con)
    con.close()
    scope = Scope("shared-2025", "en", [], TODAY)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(brief(snap, scope, records))).pages)
    assert "Platform recognition (dispatch 2291)" in text and "3 corrections open" in text
    book = openpyxl.load_workbook(io.BytesIO(full_report(snap, scope, recognition=records)))
    funnel = {r[0]: r[1] for r in book["Recognition 1"].iter_rows(min_row=2, values_only=True)}
    assert funnel["Potential platform (1864)"] == 1 and funnel["Recognised"] == 0
    assert book["Recognition 3"].max_row == 17 and book["Recognition 4"].max_row == 4
    assert ADMIN.role == "admin"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_addressees_come_from_their_one_table_on_about_and_recognition(app, built_db, lang):
    import duckdb
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM guidance_item WHERE item <> 'step'").fetchall() == [(0,)]
        names = [r[0] for r in con.execute(f"SELECT b.name_{lang} FROM addressee_2291 a JOIN body b ON b.code = a.body_code "
                                           "ORDER BY a.ordinal").fetchall()]
    finally:
        con.close()
    assert len(names) == 16
    at = app("pages/about.py", lang=lang)
    line = next(c.value for c in at.caption if c.value.startswith(("Nơi nhận:", "Addressees:")))
    assert all(n in line for n in names)
    at = app(PAGE, rsec="bodies", lang=lang)
    assert len(at.dataframe[0].value) == 16


@pytest.mark.parametrize("ministry, shown", [("MOF", 1), ("MPS", 0)])
def test_the_ministry_filter_reaches_the_page_and_the_report_by_one_scope(writable_app, db, ministry, shown):
    """The page narrows by the sidebar's ``Scope`` as the report does (views.recognition.view_recognition):
    MOF's proposal is counted under MOF and not under another ministry, on the page and in the report."""
    import io

    import duckdb
    import openpyxl

    from actions.recognition import read_records
    from reports.workbook import full_report
    from store.snapshot import read_snapshot
    from views.scope import Scope
    walk_to_assessment(db, 80.0)
    at = writable_app(PAGE, lang="en", ministry=ministry)
    assert at.session_state["ministry"] == [ministry]
    assert {m.label: m.value for m in at.metric}["Proposed"] == str(shown)
    con = duckdb.connect(str(db), read_only=True)
    snap, records = read_snapshot(con), read_records(con)
    con.close()
    book = openpyxl.load_workbook(io.BytesIO(full_report(snap, Scope("shared-2025", "en", [ministry], TODAY),
                                                         recognition=records)))
    assert book["Recognition 2"].max_row - 1 == shown   # the proposals sheet, under its header
