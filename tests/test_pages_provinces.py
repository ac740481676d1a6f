"""AppTest: the provinces page, adoption imports, list registration on the import page."""
from access.roles import User
from tests.files import ADMIN

REVIEWER_40 = User("ra.soat@nghean.gov.vn", "province_reviewer", province_code="40")


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
    assert "Đã nạp lần #4: 11 dòng, 0 dòng bị loại." in [s.value for s in at.success]
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
