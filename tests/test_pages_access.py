"""AppTest: sign-in, what each role sees on the pages, session expiry, hostile names."""
from datetime import datetime, timedelta

from streamlit.testing.v1 import AppTest

from access.roles import User
from tests.apptest import APP
from tests.files import ADMIN, csv_bytes

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
    from access.users import NewUser, add_user
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
    added = users[users["E-mail"] != ADMIN.email]   # the signed-in administrator has an account too
    assert list(added["E-mail"]) == ["ra.soat@nghean.gov.vn"] and list(added["Tỉnh, thành phố (người rà soát)"]) == ["40"]


def test_a_reviewer_lands_on_their_province_and_others_see_the_queue_read_only(app):
    at = app("pages/provinces.py", user=User("r@hatinh.gov.vn", "province_reviewer", province_code="42"))
    assert at.selectbox(key="province").value == "42"
    at = app("pages/provinces.py", province="40")                        # a viewer
    assert any("cần tài khoản rà soát của tỉnh" in i.value for i in at.info)
    assert not [b for b in at.button if "review_form" in (b.key or "")]


def test_an_expired_session_signs_out(app):
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

    from actions.ingest import ingest_file
    ingest_file(io.BytesIO(csv_bytes([["STT", "Tên nền tảng"], [1, "# :red[Đỏ] <b>x</b> $1$"]])), "x.csv", db, "province-40-2025",
                user=ADMIN)
    from actions.commits import register_list
    from actions.register import Registration
    register_list(db, Registration("province-40-2026", "provincial", "**Danh sách** [x](http://e)",
                                   __import__("datetime").date(2026, 1, 1), province_code="40"), user=ADMIN)
    page = writable_app("pages/provinces.py", province="40")
    assert not page.exception
    caption = next(c.value for c in page.caption if c.value.startswith("Danh sách của tỉnh"))
    assert r"\*\*Danh sách\*\* \[x\](http\://e)" in caption


def test_an_account_disabled_or_changed_by_an_admin_counts_on_the_next_click(writable_app, db):
    from access.users import set_active
    from tests.apptest import with_account
    editor = User("bien.tap@mof.gov.vn", "ministry_editor", body_code="MOF")
    at = writable_app("pages/imports.py", user=editor)
    assert any("bien.tap" in c.value for c in at.sidebar.caption)
    with_account(User(editor.email, "viewer"))           # an admin took the editor's right to import
    at.run()
    assert any("người xem" in c.value for c in at.sidebar.caption), [c.value for c in at.sidebar.caption]
    set_active(db, editor.email, False, ADMIN)           # ... then disabled the account (another session)
    at.run()                                             # the editor's next click
    assert "vô hiệu hóa" in at.sidebar.warning[0].value
    assert not any("bien.tap" in c.value for c in at.sidebar.caption)
    at.run()                                             # and stays signed out: the cookie is gone too
    assert not any("bien.tap" in c.value for c in at.sidebar.caption) and not at.sidebar.warning
