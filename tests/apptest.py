"""AppTest helpers shared by the page tests: run the app on a page, as a signed-in user."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from tests.files import ADMIN

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
DEFAULT_PAGE = "pages/overview.py"


def signed_in(user) -> dict:
    """What pages.session keeps for a signed-in user."""
    now = datetime.now()
    return {"user": user, "started": now, "last_seen": now}


def with_account(user) -> None:
    """Give ``user`` an active account, exactly as they are, in the database the app reads
    (``NDP_DB``): a signed-in session is checked against the user table on every run."""
    con = duckdb.connect(os.environ["NDP_DB"])
    try:
        held = con.execute("SELECT role, body_code, province_code FROM app_user WHERE email = ? AND active",
                           [user.email]).fetchall()
        if held != [(user.role, user.body_code, user.province_code)]:
            con.execute("DELETE FROM app_user WHERE email = ?", [user.email])
            con.execute("INSERT INTO app_user (email, role, body_code, province_code, created_at, created_by) "
                        "VALUES (?, ?, ?, ?, ?, 'tests')", [user.email, user.role, user.body_code, user.province_code,
                                                            datetime.now()])
    finally:
        con.close()


def runner(page: str | None = None, user=None, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    if user is None and page == "pages/admin.py":
        user = ADMIN          # the page is only registered for administrators
    if user is not None:
        with_account(user)
        at.session_state["signed_in"] = signed_in(user)
    at.run()
    if page and page != DEFAULT_PAGE:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
