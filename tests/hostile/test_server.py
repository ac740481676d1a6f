"""A real server survives a hostile upload: a signed-in editor uploads the 5 KB workbook whose
stray cell at XFD150000 used to abort the whole process; the page says what is wrong, the editor
is still signed in after a reload, and another session is served normally."""
from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.serve import CHROMIUM_ARGS, start_server
from loaders.users import NewUser, add_user
from tests.browser.test_browser import open_page, settle
from tests.files import ADMIN
from tests.hostile.hostile import list_with_stray

EDITOR = ("ke.toan@mof.gov.vn", "mật khẩu biên tập 2026")
SERVER_MB = 1_000          # the server's resident memory after the upload (README budget)


@pytest.fixture(scope="module")
def server(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-server")
    db = folder / "ndp.duckdb"
    shutil.copyfile(built_db, db)
    add_user(db, NewUser(EDITOR[0], "ministry_editor", body_code="MOF"), EDITOR[1], ADMIN)
    srv = start_server(Path(__file__).resolve().parents[2] / "app.py", db, folder / "streamlit.log")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


def rss_mb(pid: int) -> float:
    line = [x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS:")][0]
    return int(line.split()[1]) / 1024


def test_the_wide_sheet_is_refused_on_the_page_and_the_server_lives_on(server, browser, tmp_path):
    upload = tmp_path / "danh-sach.xlsx"
    upload.write_bytes(list_with_stray("XFD150000"))
    editor = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN").new_page()
    open_page(editor, server.url + "/imports")
    sidebar = editor.locator("[data-testid=stSidebar]")
    sidebar.get_by_role("button", name="Đăng nhập").click()
    dialog = editor.get_by_role("dialog")
    dialog.get_by_label("E-mail").fill(EDITOR[0])
    dialog.get_by_label("Mật khẩu").fill(EDITOR[1])
    dialog.get_by_role("button", name="Đăng nhập").click()
    signed = sidebar.get_by_text(re.compile("Đã đăng nhập: " + re.escape(EDITOR[0])))
    expect(signed).to_be_visible(timeout=30_000)
    settle(editor)

    editor.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(upload))
    expect(editor.get_by_text(re.compile(r"trải tới ô XFD150000.*Ctrl\+End"))).to_be_visible(timeout=60_000)
    expect(editor.locator("[data-testid=stException]")).to_have_count(0)
    assert server.proc.poll() is None                                   # the server process is alive
    assert rss_mb(server.proc.pid) < SERVER_MB

    editor.reload()                                                     # a reload keeps the sign-in
    expect(editor.locator("h1").first).to_be_visible(timeout=60_000)
    expect(signed).to_be_visible(timeout=30_000)

    other = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN").new_page()
    open_page(other, server.url + "/")                                  # another session, served normally
    expect(other.get_by_text(re.compile("nền tảng đã có tên trong dữ liệu")).first).to_be_visible()
    expect(other.locator("[data-testid=stException]")).to_have_count(0)
    expect(other.locator("[data-testid=stSidebar]").get_by_role("button", name="Đăng nhập")).to_be_visible()
    with urllib.request.urlopen(server.url + "/_stcore/health", timeout=10) as answer:
        assert answer.status == 200

    sidebar.get_by_role("button", name="Đăng xuất").click()             # sign-out ends the cookie too
    expect(sidebar.get_by_role("button", name="Đăng nhập")).to_be_visible(timeout=30_000)
    editor.reload()
    expect(editor.locator("h1").first).to_be_visible(timeout=60_000)
    settle(editor)
    expect(sidebar.get_by_role("button", name="Đăng nhập")).to_be_visible()
