"""The sign-in cookie in Chromium: HttpOnly (no script on the page can read it), SameSite=Strict,
Path=/, and its value in no page HTML or script; it still signs a new tab in, and sign-out removes
it. Before the cookie route (access/cookie_route.py) the page wrote it with ``document.cookie``."""
from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from access import session_token
from tests.browser.conftest import ACCOUNTS
from tests.browser.test_browser import open_page, settle, sign_in


def _cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == session_token.COOKIE), None)


def _wait_for(check, seconds: float = 15.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    return check()


def test_the_sign_in_cookie_is_out_of_every_scripts_reach(server, page):
    email = ACCOUNTS["admin"][0]
    open_page(page, server.url + "/")
    sign_in(page, *ACCOUNTS["admin"])
    cookie = _wait_for(lambda: _cookie(page.context))
    assert cookie is not None
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Strict", "/")
    assert session_token.COOKIE not in page.evaluate("document.cookie")
    assert cookie["value"] not in page.content()
    scripts = page.evaluate("Array.from(document.scripts, s => s.textContent).join('\\n')")
    assert cookie["value"] not in scripts

    tab = page.context.new_page()                                        # a new tab: still signed in
    open_page(tab, server.url + "/")
    expect(tab.locator("[data-testid=stSidebar]").get_by_text(re.compile("Đã đăng nhập: " + re.escape(email)))
           ).to_be_visible(timeout=30_000)

    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_role("button", name="Đăng xuất").click()             # sign-out removes the cookie
    expect(sidebar.get_by_role("button", name="Đăng nhập")).to_be_visible(timeout=30_000)
    assert _wait_for(lambda: _cookie(page.context) is None)
    other = page.context.new_page()
    open_page(other, server.url + "/")
    settle(other)
    expect(other.locator("[data-testid=stSidebar]").get_by_role("button", name="Đăng nhập")).to_be_visible()
