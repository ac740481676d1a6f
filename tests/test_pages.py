"""AppTest: every registered page runs and shows the figures users rely on."""
import base64
import json
import re
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from loaders.access import User
from tests.files import ADMIN, GOOD_ROWS, HEADER, csv_bytes

REVIEWER_40 = User("ra.soat@nghean.gov.vn", "province_reviewer", province_code="40")

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
SMOKE = ["pages/overview.py", "pages/ministries.py", "pages/shared_platforms.py", "pages/catalogue.py",
         "pages/provinces.py", "pages/imports.py", "pages/admin.py"]


def signed_in(user) -> dict:
    """What pages.session keeps for a signed-in user."""
    now = datetime.now()
    return {"user": user, "started": now, "last_seen": now}


def runner(page: str | None = None, user=None, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    if user is None and page == "pages/admin.py":
        user = ADMIN          # the page is only registered for administrators
    if user is not None:
        at.session_state["signed_in"] = signed_in(user)
    at.run()
    if page and page != SMOKE[0]:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def app(built_db, monkeypatch):
    monkeypatch.setenv("NDP_DB", str(built_db))
    return runner


@pytest.fixture
def writable_app(db, monkeypatch):
    """For interactions (clicks). A served app decides legacy ``pages/`` mode once per process and
    app.py turns it off on the first request (``ensure_router``); AppTest re-decides it on every
    run, so the guard's rerun would swallow each click. Start every run as a served app would."""
    monkeypatch.setenv("NDP_DB", str(db))
    original = PagesManager.__init__

    def served(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", served)
    return runner




def test_every_registered_page_has_a_smoke_test():
    registered = re.findall(r'"(pages/\w+\.py)"', APP.read_text(encoding="utf-8"))
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
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Đã công bố"], metrics["Chưa công bố"], metrics["Chưa rõ"]) == ("14", "6", "10")


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
    at = app("pages/ministries.py", list="'; DROP TABLE platform; --", ministry=["MOF", "<script>"], lang="xx")
    assert at.session_state["list"] == "national-2024"
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
    at.button(key="import_commit").click().run()
    assert "Đã nạp lần #3: 3 dòng, 1 dòng bị loại." in [s.value for s in at.success]
    log = at.dataframe[0].value  # after the commit only the log (and rejections of an import) remain
    assert log.iloc[0]["Tệp"] == "ds.csv" and log.iloc[0]["Dòng bị loại"] == 1
    overview = writable_app()
    loaded = overview.dataframe[0].value
    assert dict(zip(loaded["Danh sách"].str.extract(r"\((.+)\)$")[0], loaded["Số dòng đã nạp"]))["shared-2025"] == 3


def test_import_page_refuses_a_broken_file(writable_app, db):
    before = db.read_bytes()
    at = writable_app("pages/imports.py", user=ADMIN)
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
    texts = [e.value for e in (*at.title, *at.subheader, *at.caption, *at.info, *at.markdown)
             if "Source" not in str(e.value)]
    texts += [w.label for w in (*at.selectbox, *at.multiselect, *at.text_input, *at.toggle, *at.metric,
                                *at.checkbox, *at.date_input)]
    texts += [str(c) for df in at.dataframe for c in df.value.columns]
    texts += [str(v) for df in at.dataframe for col in df.value.columns
              if col in ("Status", "Basis", "Note", "Name basis") for v in df.value[col].dropna()]
    proper = re.compile(r"Ngôn ngữ / Language|Nghệ An|\d+/[A-ZĐ&-]+")  # proper names and document numbers
    vietnamese = [s for s in texts if VIETNAMESE.search(proper.sub("", s))]
    assert vietnamese == []


def test_app_shows_new_data_after_an_import_without_restart(writable_app, db):
    at = writable_app("pages/catalogue.py", clist="national-2024")
    assert at.caption[0].value == "0 nền tảng"
    import io

    from loaders.ingest import ingest_file
    ingest_file(io.BytesIO(csv_bytes([HEADER, *GOOD_ROWS])), "moi.csv", db, "national-2024", user=ADMIN)
    at.run()
    assert at.caption[0].value == "3 nền tảng"


def test_shared_page_counts_the_55_and_has_no_demo_banner_by_default(app):
    at = app("pages/shared_platforms.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["nền tảng trong danh mục"] == "55"
    assert not at.warning                                   # no demo data shipped by default
    assert "4 nền tảng chưa công bố tên" in at.caption[0].value


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
    assert "Đã nạp lần #3: 12 dòng, 1 dòng bị loại." in [s.value for s in at.success]
    page = writable_app("pages/shared_platforms.py")
    assert "DỮ LIỆU MINH HỌA" in page.warning[0].value
    metrics = {m.label: m.value for m in page.metric}
    assert metrics["Ban hành kế hoạch triển khai chi tiết"] == "6"
    page.date_input(key="as_of").set_value(__import__("datetime").date(2025, 10, 16)).run()
    metrics = {m.label: m.value for m in page.metric}
    assert metrics["Ban hành kế hoạch triển khai chi tiết"] == "1" and metrics["nền tảng trong danh mục"] == "55"


@pytest.mark.parametrize("d, listed", [("2025-09-10", "0"), ("2025-09-11", "55"), ("not-a-date", "55")])
def test_progress_as_of_date_from_the_url(app, d, listed):
    at = app("pages/shared_platforms.py", d=d)
    assert {m.label: m.value for m in at.metric}["nền tảng trong danh mục"] == listed


# --- provinces ------------------------------------------------------------------------------
def test_province_page_opens_on_the_province_in_the_url(app):
    at = app("pages/provinces.py", province="40")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Nền tảng trong danh sách của tỉnh": "8", "Nền tảng trung ương đang dùng": "1",
                       "Có thể trùng lặp, chờ rà soát": "1", "Đề xuất đầu tư trùng với trung ương": "1"}
    assert "42 nền tảng dùng chung đang triển khai và 5 đề xuất" in at.info[0].value
    assert "1 đề xuất đầu tư" in at.warning[0].value
    flagged = at.dataframe[0].value
    assert list(flagged["Tên nền tảng"]) == ["Cơ sở dữ liệu ngành khoa học và công nghệ tỉnh Nghệ An"]
    overlap = at.dataframe[1].value
    assert len(overlap) == 8 and (overlap["Đối chiếu"] == "chỉ ở địa phương").sum() == 6


def test_province_page_for_a_province_without_a_list_and_a_bad_url_value(app):
    at = app("pages/provinces.py", province="01")
    assert "Chưa có danh sách nền tảng nào của Hà Nội" in at.info[0].value
    assert not at.metric
    at = app("pages/provinces.py", province="<script>")   # not an allowed value: the default province
    assert at.selectbox(key="province").value == "40"


def test_province_ministry_filter_narrows_the_matches(app):
    at = app("pages/provinces.py", province="40", ministry="GO")
    overlap = at.dataframe[0].value   # no proposed overlap in GO's sector: the first table is the match table
    assert list(overlap["Tên nền tảng"]) == ["Cổng Dịch vụ công quốc gia"]


def test_review_queue_records_a_decision(writable_app, db):
    at = writable_app("pages/provinces.py", user=REVIEWER_40, province="40")
    at.radio(key="review_decision").set_value("dismiss")
    at.text_area(key="review_note").input("Cơ sở dữ liệu ngành, không phải nền tảng quản lý")
    [b for b in at.button if "FormSubmitter:review_form" in (b.key or "")][0].click().run()
    assert not at.exception and not at.error
    assert "Đã ghi kết luận #1." in [s.value for s in at.success]
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT decision, decided_by, note FROM overlap_decision").fetchall() == [
        ("dismiss", REVIEWER_40.email, "Cơ sở dữ liệu ngành, không phải nền tảng quản lý")]
    con.close()


def test_adoption_import_then_matrix_with_demo_banner(writable_app):
    from loaders.paths import DATA_DIR
    at = writable_app("pages/imports.py", user=ADMIN)
    at.radio(key="import_kind").set_value("adoption").run()
    demo = (DATA_DIR / "samples" / "demo-adoption-shared-2025.csv").read_bytes()
    at.file_uploader(key="import_file_0").set_value(("demo-adoption.csv", demo, "text/csv")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("MINH HỌA" in w.value for w in at.warning)
    assert any("tỉnh trước sáp nhập" in w.value for w in at.warning)
    at.button(key="import_commit").click().run()
    assert "Đã nạp lần #3: 11 dòng, 0 dòng bị loại." in [s.value for s in at.success]
    page = writable_app("pages/provinces.py", province="44")
    assert any("DỮ LIỆU MINH HỌA" in w.value for w in page.warning)
    rows = page.dataframe[-1].value
    assert sorted(rows["Ghi trong tệp"]) == ["Quảng Bình", "Quảng Trị"]      # Quảng Bình rolled up
    assert set(rows["Tỉnh, thành phố"]) == {"Quảng Trị"} and set(rows["Minh họa"]) == {"có"}


def test_register_a_list_from_the_import_page(writable_app, db):
    at = writable_app("pages/imports.py", user=ADMIN)
    at.text_input(key="reg_id").input("province-42-2026")
    at.text_input(key="reg_title").input("Danh mục nền tảng dùng chung tỉnh Hà Tĩnh")
    at.selectbox(key="reg_province").set_value("42")
    [b for b in at.button if "FormSubmitter:register_form" in (b.key or "")][0].click().run()
    assert not at.exception and not at.error
    assert "Đã đăng ký danh sách 'province-42-2026'" in at.success[0].value
    assert any(o.endswith("(province-42-2026)") for o in at.selectbox(key="import_list_list").options)


# --- sign-in, roles, hostile input on the pages -------------------------------------------------
MOF_EDITOR = User("ke.toan@mof.gov.vn", "ministry_editor", body_code="MOF")


def test_a_viewer_sees_no_import_form_and_no_registration(app):
    at = app("pages/imports.py")
    assert any("Nạp dữ liệu cần đăng nhập" in i.value for i in at.info)
    assert not at.file_uploader and not [e for e in at.expander if "Đăng ký" in e.label]
    assert at.dataframe   # the import log is still there to read


def test_an_editor_sees_their_scope_and_only_lists_they_may_import(app):
    at = app("pages/imports.py", user=MOF_EDITOR)
    assert any("Tài khoản biên tập của Bộ Tài chính" in c.value for c in at.caption)
    options = at.selectbox(key="import_list_list").options
    assert not any("province-40-2025" in o for o in options) and any("shared-2025" in o for o in options)
    assert at.radio(key="import_kind").options == ["Danh sách nền tảng", "Cập nhật tiến độ"]


def test_sign_in_from_the_sidebar_then_the_admin_page(writable_app, db):
    from loaders.users import NewUser, add_user
    add_user(db, NewUser("quan.tri@mst.gov.vn", "admin"), "mật khẩu đủ dài 2026", ADMIN)
    at = writable_app()
    at.sidebar.button(key="sign_in_open").click().run()        # the form opens in a dialog
    at.text_input(key="sign_in_email").input("Quan.Tri@mst.gov.vn")
    at.text_input(key="sign_in_password").input("sai rồi sai rồi")
    [b for b in at.button if "sign_in_form" in (b.key or "")][0].click().run()
    assert "E-mail hoặc mật khẩu không đúng" in at.error[0].value
    at.text_input(key="sign_in_email").input("Quan.Tri@mst.gov.vn")
    at.text_input(key="sign_in_password").input("mật khẩu đủ dài 2026")
    [b for b in at.button if "sign_in_form" in (b.key or "")][0].click().run()
    assert not at.exception
    assert r"Đã đăng nhập: quan.tri\@mst.gov.vn · quản trị viên" in [c.value for c in at.sidebar.caption]
    at.switch_page("pages/admin.py").run()
    assert not at.exception and at.title[0].value.startswith("Quản trị")
    log = at.dataframe[1].value
    assert list(log["Hành động"])[:2] == ["đăng nhập", "đăng nhập"]
    assert list(log["Kết quả"])[:2] == ["thành công", "bị từ chối"]
    at.multiselect(key="audit_result").set_value(["refused"]).run()
    assert list(at.dataframe[1].value["Kết quả"]) == ["bị từ chối"]


def test_admin_adds_a_user_from_the_page(writable_app, db):
    at = writable_app("pages/admin.py", user=ADMIN)
    at.text_input(key="new_email").input("ra.soat@nghean.gov.vn")
    at.selectbox(key="new_role").set_value("province_reviewer")
    at.selectbox(key="new_province").set_value("40")
    at.text_input(key="new_password").input("mật khẩu đủ dài 2026")
    [b for b in at.button if "add_user" in (b.key or "")][0].click().run()
    assert not at.exception and r"Đã thêm ra.soat\@nghean.gov.vn." in at.success[0].value
    users = at.dataframe[0].value
    assert list(users["E-mail"]) == ["ra.soat@nghean.gov.vn"] and list(users["Tỉnh, thành phố (người rà soát)"]) == ["40"]


def test_a_reviewer_lands_on_their_province_and_others_see_the_queue_read_only(app):
    at = app("pages/provinces.py", user=User("r@hatinh.gov.vn", "province_reviewer", province_code="42"))
    assert at.selectbox(key="province").value == "42"
    at = app("pages/provinces.py", province="40")                        # a viewer
    assert any("cần tài khoản rà soát của tỉnh" in i.value for i in at.info)
    assert not [b for b in at.button if "review_form" in (b.key or "")]


def test_an_expired_session_signs_out(app):
    from datetime import timedelta
    at = AppTest.from_file(str(APP), default_timeout=60)
    old = datetime.now() - timedelta(hours=9)
    at.session_state["signed_in"] = {"user": ADMIN, "started": old, "last_seen": datetime.now()}
    at.run()
    assert "Phiên đăng nhập đã hết hạn" in at.sidebar.warning[0].value
    assert not at.sidebar.caption or "Đã đăng nhập" not in at.sidebar.caption[0].value


def test_hostile_file_and_platform_names_render_as_text(writable_app, db):
    at = writable_app("pages/imports.py", user=ADMIN)
    at.file_uploader(key="import_file_0").set_value(("**x** [a](javascript:alert(1)).xlsx", b"PK\x03\x04" + b"\x00" * 64,
                                                     "application/zip")).run()
    assert at.error[0].value.startswith(r"\*\*x\*\* \[a\](javascript\:alert(1)).xlsx: ")
    import io

    from loaders.ingest import ingest_file
    ingest_file(io.BytesIO(csv_bytes([["STT", "Tên nền tảng"], [1, "# :red[Đỏ] <b>x</b> $1$"]])), "x.csv", db, "province-40-2025",
                user=ADMIN)
    from loaders.commits import register_list
    from loaders.register import Registration
    register_list(db, Registration("province-40-2026", "provincial", "**Danh sách** [x](http://e)",
                                   __import__("datetime").date(2026, 1, 1), province_code="40"), user=ADMIN)
    page = writable_app("pages/provinces.py", province="40")
    assert not page.exception
    caption = next(c.value for c in page.caption if c.value.startswith("Danh sách của tỉnh"))
    assert r"\*\*Danh sách\*\* \[x\](http\://e)" in caption
