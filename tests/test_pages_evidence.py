"""The progress page with public evidence: how sure each step is, what counts, what was not found."""
from datetime import date

import pandas as pd

from analysis.progress import CONFIRMED, stage_counts, status_at

PAGE = "pages/shared_platforms.py"


COLUMNS = {"evidence_table": "Nơi đăng", "no_evidence_table": "Nền tảng chưa tìm thấy bằng chứng công khai",
           "timeline_table": "Loại", "stage_table": "Trong đó đã xác nhận"}


def frame(at, key: str) -> pd.DataFrame:
    """The table of the page that has the column that one has (AppTest does not find tables by key)."""
    found = [d.value for d in at.dataframe if COLUMNS[key] in d.value.columns]
    assert len(found) == 1, key
    return found[0]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def caption_lines(at) -> list[str]:
    """Each note of the page's captions (a caption may carry several, one paragraph each)."""
    return [line for c in at.caption for line in c.value.split("\n\n")]


def test_figures_say_of_which_confirmed_and_the_uncertain_toggle_changes_no_figure(app, built_snap):
    at = app(PAGE)
    snap = built_snap
    sure = status_at(snap.platform_event, snap.stage, snap.platform_current, "shared-2025", date.today(), CONFIRMED)
    confirmed = stage_counts(sure, snap.stage).set_index("stage_id")["reached"]
    of_which = [m.delta for m in at.metric]   # "of which confirmed" under each figure, in its metric
    for sid in ("plan", "operation", "ndxp"):
        assert f"trong đó đã xác nhận: {confirmed[sid]}" in of_which
    before, rows = metrics(at), len(frame(at, "evidence_table"))
    at.toggle(key="show_uncertain").set_value(True).run()
    assert metrics(at) == before                                  # uncertain steps never count
    assert len(frame(at, "evidence_table")) == rows + 9
    assert frame(at, "stage_table").equals(frame(app(PAGE), "stage_table"))


def test_a_platform_with_no_evidence_says_when_it_was_searched(app):
    at = app(PAGE)
    at.selectbox(key="timeline_platform").set_value("Nền tảng tài chính số").run()
    assert "Không tìm thấy bằng chứng công khai (tìm kiếm ngày 29/11/2026)." in caption_lines(at)
    missing = frame(at, "no_evidence_table")
    assert len(missing) == 30 and "Nền tảng tài chính số" in set(missing["Tên nền tảng"])


def test_timeline_dates_are_day_month_year_and_vietnamese_throughout(app):
    at = app(PAGE)
    at.selectbox(key="timeline_platform").set_value("Cơ chế một cửa quốc gia").run()
    steps = frame(at, "timeline_table")
    assert list(steps["Ngày"]) == ["11/2014", "11/09/2025"]        # month-only as the evidence gives it
    assert list(steps["Độ chắc chắn"]) == ["có khả năng", "đã xác nhận"]
    shown = " ".join([m.value for m in at.markdown] + [c.value for c in at.caption]
                     + [str(v) for v in steps.astype(str).to_numpy().ravel()])
    assert "listed in the decision" not in shown and "00:00:00" not in shown
    assert "đưa vào danh mục theo quyết định" in set(steps["Ghi chú của người tìm (tiếng Anh)"])
    assert any("Cổng thông tin một cửa quốc gia" in c.value for c in at.caption)   # the identified official name


def test_english_page_says_no_evidence_found_in_english(app):
    at = app(PAGE, lang="en")
    at.selectbox(key="timeline_platform").set_value("Nền tảng tài chính số").run()
    assert "No public evidence found (searched on 29/11/2026)." in caption_lines(at)
    assert "No progress update from a ministry has been imported" in at.info[0].value


def test_stage_table_counts_match_the_figures(app):
    at = app(PAGE)
    table = frame(at, "stage_table").set_index("Giai đoạn")
    m = metrics(at)
    assert str(table.at["Ban hành kế hoạch triển khai chi tiết", "Đã đạt"]) == m["Ban hành kế hoạch triển khai chi tiết"]
    assert (table["Trong đó đã xác nhận"] <= table["Đã đạt"]).all() and isinstance(table, pd.DataFrame)


def test_only_those_who_may_see_the_evidence_forms(app):
    from tests.files import ADMIN
    assert not [f for f in app(PAGE).text_input if f.key == "ev_url"]
    assert [f for f in app(PAGE, user=ADMIN).text_input if f.key == "ev_url"]


def test_an_admin_adds_then_withdraws_evidence_on_the_page(writable_app, db):
    import duckdb

    from tests.files import ADMIN
    at = writable_app(PAGE, user=ADMIN)
    plan = int(metrics(at)["Ban hành kế hoạch triển khai chi tiết"])
    at.selectbox(key="ev_platform").set_value("Nền tảng tài chính số")
    at.selectbox(key="ev_stage").set_value("plan")
    at.text_input(key="ev_stated").input("2025-10-01")
    at.text_input(key="ev_url").input("https://mof.gov.vn/ke-hoach-nen-tang-tai-chinh-so")
    at.text_input(key="ev_publisher").input("Bộ Tài chính")
    at.text_area(key="ev_quote").input("ban hành kế hoạch triển khai nền tảng tài chính số")
    at.radio(key="ev_confidence").set_value("confirmed")
    at.button(key="FormSubmitter:evidence_add-Thêm bằng chứng").click().run()
    assert not at.exception and "Đã thêm bằng chứng." in [s.value for s in at.success]
    assert int(metrics(at)["Ban hành kế hoạch triển khai chi tiết"]) == plan + 1   # the page shows the new data
    con = duckdb.connect(str(db), read_only=True)
    (ekey, by), = con.execute("SELECT evidence_key, added_by FROM platform_event_current "
                              "WHERE platform_name = 'Nền tảng tài chính số' AND stage_id = 'plan'").fetchall()
    con.close()
    assert by == ADMIN.email
    at.selectbox(key="ev_pick").set_value(ekey)
    at.radio(key="ev_action").set_value("withdraw")
    at.button(key="FormSubmitter:evidence_review-Ghi nhận").click().run()
    assert "Đã rút bằng chứng." in [s.value for s in at.success]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM platform_event_current WHERE evidence_key = ?", [ekey]).fetchall() == [(0,)]
    assert con.execute("SELECT count(*) FROM platform_event WHERE evidence_key = ?", [ekey]).fetchall() == [(2,)]
    assert [r[0] for r in con.execute("SELECT action FROM audit_log WHERE actor = ? ORDER BY audit_id",
                                      [ADMIN.email]).fetchall()] == ["edit_evidence", "edit_evidence"]
    con.close()


def test_likely_is_drawn_hatched_beside_solid_confirmed(app, built_snap):
    import json
    at = app(PAGE)
    # the charts in page order, each under its title drawn as page text (pages/chart_view.py)
    overall, per_body = (json.loads(c.proto.spec) for c in at.get("plotly_chart")[:2])
    titles = [m.value for m in at.markdown]
    assert titles.index("**Số nền tảng đã đạt từng giai đoạn (tính cả giai đoạn sau)**") < titles.index(
        "**Giai đoạn hiện tại theo bộ, ngành**")
    solid, hatched = overall["data"]
    assert (solid["name"], hatched["name"]) == ("đã xác nhận", "có khả năng")
    assert "pattern" not in solid["marker"] and hatched["marker"]["pattern"]["shape"] == "/"
    likely = [tr for tr in per_body["data"] if tr["marker"].get("pattern")]
    assert likely and all(tr["name"].endswith("(có khả năng)") for tr in likely)
    snap = built_snap
    status = __import__("analysis.progress", fromlist=["status_at"]).status_at(
        snap.platform_event, snap.stage, snap.platform_current, "shared-2025", date.today())
    assert sum(sum(values(tr["x"])) for tr in likely) == int((status["confidence"] == "likely").sum())


def values(encoded) -> list:
    """A Plotly array as JSON gives it: a list, or a typed array (dtype + base64 bytes)."""
    if isinstance(encoded, list):
        return encoded
    import base64

    import numpy as np
    return np.frombuffer(base64.b64decode(encoded["bdata"]), dtype=encoded["dtype"]).tolist()
