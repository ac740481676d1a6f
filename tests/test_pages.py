"""AppTest: every registered page runs and shows the figures users rely on."""
import base64
import json
import re

import numpy as np
import pytest

from tests.files import ADMIN, GOOD_ROWS, HEADER, csv_bytes

SMOKE = ["pages/overview.py", "pages/ministries.py", "pages/shared_platforms.py", "pages/catalogue.py",
         "pages/provinces.py", "pages/imports.py", "pages/admin.py", "pages/about.py", "pages/recognition.py"]


def test_every_registered_page_has_a_smoke_test():
    from pages.router import PAGES
    registered = list(PAGES)
    assert sorted(registered) == sorted(SMOKE)


@pytest.mark.parametrize("page", SMOKE)
def test_page_runs_without_error(app, page):
    at = app(page)
    assert not at.error, [e.value for e in at.error]
    assert at.title


def test_overview_headline_figures_with_sources(app):
    at = app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["nền tảng của 18/29 bộ, ngành (7/2024)"] == "103"
    assert metrics["nền tảng số dùng chung (2025)"] == "55"
    assert metrics["Nghệ An: đang dùng + đề xuất"] == "42 + 5"
    captions = " ".join(c.value for c in at.caption)
    assert "2765/BTTTT-CĐSQG (15/07/2024)" in captions and "2618/QĐ-BKHCN (11/09/2025)" in captions


def test_overview_in_english(app):
    at = app(lang="en")
    assert at.title[0].value == "National digital platforms at a glance"
    assert "shared digital platforms (2025)" in {m.label for m in at.metric}


def chart(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def values(v) -> list:
    """Plotly serialises numeric arrays as {"dtype", "bdata"} (base64)."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
    return list(v)


def bars(fig: dict) -> dict:
    out = {}
    for trace in fig["data"]:
        for label, value in zip(values(trace["y"]), values(trace["x"])):
            out[label] = out.get(label, 0) + value
    return out


def test_ministries_chart_for_national_2024(app):
    at = app("pages/ministries.py", list="national-2024")
    values = bars(chart(at))
    assert values["Bộ Tài chính"] == 31 and values["Bộ Công an"] == 11 and sum(values.values()) == 103
    # The other sections are tabs that run only when opened: a filter change redraws this one.
    # per-ministry table and the three platforms the sources name as examples of the 103
    assert len(at.dataframe) == 2 and not at.metric
    assert len(at.dataframe[1].value) == 3


def test_ministries_publication_tab_opens_from_the_url(app):
    at = app("pages/ministries.py", list="national-2024", section="publication")
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Đã công bố"], metrics["Chưa công bố"], metrics["Chưa rõ"]) == ("14", "6", "9")   # 29 bodies
    assert not at.get("plotly_chart") and "Bộ Tài chính" in set(at.dataframe[0].value["Bộ, ngành"])
    assert any("≈ Bộ Thông tin và Truyền thông không nằm trong 29 cơ quan" in c.value for c in at.caption)


def test_ministries_tab_stays_open_when_the_language_changes(app):
    at = app("pages/ministries.py", list="shared-2025", section="reconcile")
    at.segmented_control(key="lang").set_value("en").run()
    assert at.session_state["section"] == "reconcile" and at.session_state["section_tab"] == "Reconciliation"
    rows = at.dataframe[0].value.set_index("Ministry")
    assert not at.get("plotly_chart") and rows.at["Ministry of Public Security", "Rows loaded"] == 13


def test_ministries_reconciliation_tab(app):
    at = app("pages/ministries.py", list="shared-2025", section="reconcile")
    rows = at.dataframe[0].value.set_index("Bộ, ngành")
    assert not at.get("plotly_chart")
    assert (rows.at["Bộ Công an", "Số dòng đã nạp"], rows.at["Bộ Công an", "Công bố"]) == (13, 13)
    at = app("pages/ministries.py", list="national-2024", section="reconcile")   # published counts only
    assert not at.dataframe and "không có số liệu để đối chiếu" in at.info[0].value


def test_ministry_filter_from_url_narrows_chart(app):
    at = app("pages/ministries.py", list="national-2024", ministry="MOF")
    # MPI merged into MOF in 2025: choosing MOF includes it, and the page says so.
    assert bars(chart(at)) == {"Bộ Tài chính": 31, "Bộ Kế hoạch và Đầu tư": 7}
    assert "Bộ Kế hoạch và Đầu tư" in at.info[0].value


def test_ministry_filter_applies_on_every_page(app):
    at = app("pages/catalogue.py", ministry="GO")
    table = at.dataframe[0].value
    assert set(table["Bộ, ngành"]) == {"Văn phòng Chính phủ"} and len(table) == 5  # 4 shared + 1 Nghệ An


def test_lineage_toggle_rolls_up_merged_ministries(app):
    at = app("pages/ministries.py", list="national-2024")
    at.toggle(key="lineage").set_value(True).run()
    shown = bars(chart(at))
    assert shown["Bộ Tài chính"] == 38 and "Bộ Kế hoạch và Đầu tư" not in shown


def test_invalid_url_values_are_ignored(app):
    at = app("pages/ministries.py", list="'; DROP TABLE platform; --", ministry=["MOF", "<script>"], lang="xx",
             section="Đối chiếu")
    # an invalid list falls back to the default: the most recent list with platforms (views.scope.default_list)
    assert at.session_state["list"] == "shared-2025" and at.session_state["section"] == "counts"
    assert at.session_state["ministry"] == ["MOF"] and at.session_state["lang"] == "vi"


def test_catalogue_search_ignores_diacritics(app):
    at = app("pages/catalogue.py", q="dinh danh")
    table = at.dataframe[0].value
    assert list(table["Tên nền tảng"]) == ["Nền tảng định danh và xác thực điện tử"]
    assert list(table["Căn cứ tên gọi"]) == ["nguyên văn"]


def test_catalogue_shows_translated_basis(app):
    at = app("pages/catalogue.py", q="thue dien tu")
    table = at.dataframe[0].value
    assert list(table["Căn cứ tên gọi"]) == ["dịch lại từ bản tin nước ngoài"]


def test_import_page_preview_commit_and_log(writable_app):
    at = writable_app("pages/imports.py", user=ADMIN)
    at.selectbox(key="import_list_list").set_value("shared-2025").run()
    data = csv_bytes([HEADER, *GOOD_ROWS, [4, "Nền tảng thử D", "Bộ Tài chánh"]])
    at.file_uploader(key="import_file_0").set_value(("ds.csv", data, "text/csv")).run()
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Dòng đọc được"], metrics["Sẽ nạp"], metrics["Bị loại"]) == ("4", "3", "1")
    rejected = at.dataframe[0].value  # rejected rows come first, then rows to load, then the log
    assert list(rejected["Dòng"]) == [5] and "có phải: Bộ Tài chính" in rejected["Lý do"][0]
    at.checkbox(key="import_remove_missing").check().run()   # the file is the new list: the others leave
    at.button(key="import_commit").click().run()
    assert "Đã nạp lần #4: 3 dòng, 1 dòng bị loại." in [s.value for s in at.success]
    log = at.dataframe[0].value  # after the commit only the log (and rejections of an import) remain
    assert log.iloc[0]["Tệp"] == "ds.csv" and log.iloc[0]["Dòng bị loại"] == 1
    overview = writable_app()
    loaded = next(d.value for d in overview.dataframe if "Số dòng đã nạp" in d.value.columns)   # not the chart's table
    assert dict(zip(loaded["Danh sách"].str.extract(r"\((.+)\)$")[0], loaded["Số dòng đã nạp"]))["shared-2025"] == 3


def test_import_page_parses_a_file_once_while_it_waits_in_the_uploader(writable_app, monkeypatch):
    """A 50,000-row list takes about a second to parse: ticking "strict" or switching the
    language must not parse it again; choosing another list must."""
    import actions.kind_list
    calls = []
    real = actions.kind_list.parse_list
    monkeypatch.setattr(actions.kind_list, "parse_list", lambda *a, **k: calls.append(1) or real(*a, **k))
    at = writable_app("pages/imports.py", user=ADMIN)
    at.selectbox(key="import_list_list").set_value("shared-2025").run()
    at.file_uploader(key="import_file_0").set_value(("ds.csv", csv_bytes([HEADER, *GOOD_ROWS]), "text/csv")).run()
    at.checkbox(key="import_strict").check().run()
    at.segmented_control(key="lang").set_value("en").run()
    assert len(calls) == 1 and {m.label: m.value for m in at.metric}["To load"] == "3"
    at.selectbox(key="import_list_list").set_value("national-2024").run()
    assert len(calls) == 2


def test_import_page_refuses_a_broken_file(writable_app, db):
    at = writable_app("pages/imports.py", user=ADMIN)   # (the signed-in admin's account written first)
    before = db.read_bytes()
    at.file_uploader(key="import_file_0").set_value(("hong.xlsx", b"PK\x03\x04" + b"\x00" * 64, "application/zip")).run()
    assert not at.exception
    assert "hong.xlsx: Tệp Excel bị hỏng" in at.error[0].value
    assert not [b for b in at.button if b.key == "import_commit"]  # nothing to commit
    assert db.read_bytes() == before


VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


@pytest.mark.parametrize("page", SMOKE)
def test_english_switch_turns_every_label_english(app, page):
    """Labels, titles, metrics, captions, notes and column headers: data (names, sources) aside."""
    at = app(page, lang="en", list="national-2024")
    texts = [e.value for e in (*at.title, *at.header, *at.subheader, *at.caption, *at.info, *at.markdown)
             if "Source" not in str(e.value)]
    texts += [w.label for w in (*at.selectbox, *at.multiselect, *at.text_input, *at.toggle, *at.metric,
                                *at.checkbox, *at.date_input)]
    texts += [str(c) for df in at.dataframe for c in df.value.columns]
    texts += [str(v) for df in at.dataframe for col in df.value.columns
              if col in ("Status", "Basis", "Note", "Name basis") for v in df.value[col].dropna()]
    # proper names, document numbers, quoted names and cited documents (links: data)
    proper = re.compile(r"Ngôn ngữ / Language|Nghệ An|\d+/[A-ZĐ&-]+|'[^']*'|“[^”]*”|\[[^\]]*\]\([^)]*\)")
    vietnamese = [s for s in texts if VIETNAMESE.search(proper.sub("", s))]
    assert vietnamese == []


def test_app_shows_new_data_after_an_import_without_restart(writable_app, db):
    at = writable_app("pages/catalogue.py", clist="national-2024")
    assert at.caption[0].value == "0 nền tảng"
    import io

    from actions.ingest import ingest_file
    ingest_file(io.BytesIO(csv_bytes([HEADER, *GOOD_ROWS])), "moi.csv", db, "national-2024", user=ADMIN)
    at.run()
    assert at.caption[0].value == "3 nền tảng"


def test_shared_page_counts_the_55_and_has_no_demo_banner_by_default(app):
    at = app("pages/shared_platforms.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["nền tảng trong danh mục"] == "55"
    assert not at.warning                                   # no demo data shipped by default
    assert any("4 nền tảng chưa công bố tên" in c.value for c in at.caption)
    assert "Chưa nạp bản cập nhật tiến độ nào của bộ, ngành" in at.info[0].value   # evidence only, and it says so


def test_progress_import_with_confirmation_then_demo_banner_and_as_of(writable_app):
    from loaders.paths import DATA_DIR
    at = writable_app("pages/imports.py", user=ADMIN)
    at.radio(key="import_kind").set_value("progress").run()
    at.selectbox(key="import_list_progress").set_value("shared-2025").run()
    demo = (DATA_DIR / "samples" / "demo-progress-shared-2025.csv").read_bytes()
    at.file_uploader(key="import_file_0").set_value(("demo.csv", demo, "text/csv")).run()
    assert not at.exception and not at.error
    assert any("MINH HỌA" in w.value for w in at.warning)
    assert any("Hệ thống lưu trữ số quốc gia" in str(e.value.values) for e in at.dataframe)  # awaits a tick
    at.button(key="import_commit").click().run()
    assert "Đã nạp lần #4: 12 dòng, 1 dòng bị loại." in [s.value for s in at.success]
    page = writable_app("pages/shared_platforms.py")
    assert "DỮ LIỆU MINH HỌA" in page.warning[0].value
    metrics = {m.label: m.value for m in page.metric}
    assert metrics["Ban hành kế hoạch triển khai chi tiết"] == "17"   # 14 on public evidence + 3 in the demo file
    assert not any("Chưa nạp bản cập nhật" in i.value for i in page.info)
    page.date_input(key="as_of").set_value(__import__("datetime").date(2025, 10, 16)).run()
    metrics = {m.label: m.value for m in page.metric}
    # 12 of the evidence's 14 are dated by then (counted from the listing, 11/09/2025; the other two are of
    # 17/10 and 04/11/2025); the demo's plan of 15/10/2025 adds none (that platform is already there)
    assert metrics["Ban hành kế hoạch triển khai chi tiết"] == "12" and metrics["nền tảng trong danh mục"] == "55"


@pytest.mark.parametrize("d, listed", [("2025-09-10", "0"), ("2025-09-11", "55"), ("not-a-date", "55")])
def test_progress_as_of_date_from_the_url(app, d, listed):
    at = app("pages/shared_platforms.py", d=d)
    assert {m.label: m.value for m in at.metric}["nền tảng trong danh mục"] == listed


def test_a_database_of_an_older_version_is_refused_with_the_rebuild_command(db, monkeypatch):
    import duckdb

    from tests.apptest import runner
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.close()
    monkeypatch.setenv("NDP_DB", str(db))
    at = runner()
    assert [e.value for e in at.error] == [
        "Cơ sở dữ liệu được tạo bởi phiên bản cũ (lược đồ 4, cần 7). Chạy `python -m actions build` để tạo lại: "
        "người dùng, nhật ký, danh sách đã đăng ký và quyết định rà soát được giữ; các tệp đã nạp cần nạp lại."]
    assert not at.metric
