"""A first link opened on a server that has just started (a cold server: Streamlit still in its
legacy ``pages/`` mode, pages/router.py) lands on the linked page with its content and the app's
own menu, not the overview or the list of raw modules. One short-lived server per page: a server is
cold only for its first visitor."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser import no_errors, settle
from tests.servers import served

# page -> (its title, a text of its content a first visitor sees)
COLD = {"/shared_platforms": ("Tiến độ triển khai nền tảng số dùng chung", "Số nền tảng đã đạt từng giai đoạn"),
        "/imports": ("Nạp danh sách nền tảng", "Nạp dữ liệu cần đăng nhập"),
        "/admin": ("Quản trị: người dùng và nhật ký kiểm tra", "Trang này chỉ dành cho quản trị viên.")}
RAW_MODULES = re.compile(r"^(app|common|charts|labels|router)$")


@pytest.mark.parametrize("path", list(COLD), ids=[p.strip("/") for p in COLD])
def test_a_first_link_on_a_cold_server_lands_on_its_page(built_db, browser, tmp_path, path):
    with served(built_db, tmp_path) as server:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        page = context.new_page()
        page.goto(server.url + path + "?ministry=MOF")
        title, content = COLD[path]
        expect(page.locator("h1").first).to_have_text(title, timeout=60_000)
        settle(page)
        expect(page.get_by_text(content).first).to_be_visible(timeout=30_000)
        assert page.url.startswith(server.url + path) and "ministry=MOF" in page.url   # the link's view kept
        menu = page.locator("[data-testid=stSidebarNav] a").all_inner_texts()
        assert any("Tổng quan" in m for m in menu), menu                     # the app's own menu, titled
        assert not [m for m in menu if RAW_MODULES.match(m.strip())], menu   # no raw module names
        no_errors(page)
        context.close()
