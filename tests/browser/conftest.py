"""A real server (``streamlit run app.py`` on a free port, on a private copy of the database) and
Debian's Chromium driven by Playwright. Every wait is on a condition, never a fixed sleep."""
from __future__ import annotations

import shutil

import pytest

from access.users import NewUser, add_user
from bench.serve import CHROMIUM_ARGS, ROOT, start_server
from tests.files import ADMIN

# Accounts on the test server (created with the same code as `python -m actions users add`).
ACCOUNTS = {"admin": ("quan.tri@mst.gov.vn", "mật khẩu quản trị 2026"),
            "reviewer": ("ra.soat@nghean.gov.vn", "mật khẩu rà soát 2026")}


@pytest.fixture(scope="session")
def server(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    db = folder / "ndp.duckdb"
    shutil.copyfile(built_db, db)
    add_user(db, NewUser(ACCOUNTS["admin"][0], "admin"), ACCOUNTS["admin"][1], ADMIN)
    add_user(db, NewUser(ACCOUNTS["reviewer"][0], "province_reviewer", province_code="40"), ACCOUNTS["reviewer"][1], ADMIN)
    srv = start_server(ROOT / "app.py", db, folder / "streamlit.log")
    yield srv
    srv.stop()


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
