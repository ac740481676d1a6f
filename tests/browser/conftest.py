"""A real server (``streamlit run app.py`` on a free port, on a private copy of the database) and
Debian's Chromium driven by Playwright. Every wait is on a condition, never a fixed sleep."""
from __future__ import annotations

import shutil

import pytest

from access.users import NewUser
from bench.serve import CHROMIUM_ARGS
from tests.servers import server_fixture

# Accounts on the test server (created with the same code as `python -m actions users add`).
ACCOUNTS = {"admin": ("quan.tri@mst.gov.vn", "mật khẩu quản trị 2026"),
            "reviewer": ("ra.soat@nghean.gov.vn", "mật khẩu rà soát 2026"),
            # a province merged on 01/07/2025 (Hà Giang + Tuyên Quang) that has no list of its own yet
            "reviewer_08": ("ra.soat@tuyenquang.gov.vn", "mật khẩu rà soát Tuyên Quang")}

server = server_fixture("server", [(NewUser(ACCOUNTS["admin"][0], "admin"), ACCOUNTS["admin"][1]),
                                   (NewUser(ACCOUNTS["reviewer"][0], "province_reviewer", province_code="40"),
                                    ACCOUNTS["reviewer"][1]),
                                   (NewUser(ACCOUNTS["reviewer_08"][0], "province_reviewer", province_code="08"),
                                    ACCOUNTS["reviewer_08"][1])], scope="session")


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="vi-VN")
    pg = context.new_page()
    yield pg
    context.close()
