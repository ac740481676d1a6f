"""The browser half of test_server.py, run as ``python -m tests.hostile.server_journey URL FILE``:
a signed-in editor uploads FILE on the import page and sees the refusal; a reload keeps the sign-in;
another session is served normally; sign-out ends the cookie. Any failed expectation exits non-zero."""
from __future__ import annotations

import re
import shutil
import sys

from playwright.sync_api import expect, sync_playwright

from bench.serve import CHROMIUM_ARGS
from tests.browser.test_browser import open_page, settle, sign_in

EDITOR = ("ke.toan@mof.gov.vn", "mật khẩu biên tập 2026")


def journey(browser, url: str, upload: str) -> None:
    editor = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN").new_page()
    open_page(editor, url + "/imports")
    sign_in(editor, *EDITOR)
    sidebar = editor.locator("[data-testid=stSidebar]")
    signed = sidebar.get_by_text(re.compile("Đã đăng nhập: " + re.escape(EDITOR[0])))

    editor.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(upload)
    expect(editor.get_by_text(re.compile(r"trải tới ô XFD150000.*Ctrl\+End"))).to_be_visible(timeout=60_000)
    expect(editor.locator("[data-testid=stException]")).to_have_count(0)

    editor.reload()                                                     # a reload keeps the sign-in
    expect(editor.locator("h1").first).to_be_visible(timeout=60_000)
    expect(signed).to_be_visible(timeout=30_000)

    other = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN").new_page()
    open_page(other, url + "/")                                         # another session, served normally
    expect(other.get_by_text(re.compile("nền tảng đã có tên trong dữ liệu")).first).to_be_visible()
    expect(other.locator("[data-testid=stException]")).to_have_count(0)
    expect(other.locator("[data-testid=stSidebar]").get_by_role("button", name="Đăng nhập")).to_be_visible()

    sidebar.get_by_role("button", name="Đăng xuất").click()             # sign-out ends the cookie too
    expect(sidebar.get_by_role("button", name="Đăng nhập")).to_be_visible(timeout=30_000)
    editor.reload()
    expect(editor.locator("h1").first).to_be_visible(timeout=60_000)
    settle(editor)
    expect(sidebar.get_by_role("button", name="Đăng nhập")).to_be_visible()


def main(url: str, upload: str) -> int:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            journey(browser, url, upload)
        finally:
            browser.close()
    print("journey done")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
