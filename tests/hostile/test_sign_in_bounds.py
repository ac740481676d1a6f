"""Sign-in against a stranger's tricks: a megabyte password, an e-mail written in another case,
width or with a trailing dot, a look-alike account, an unknown e-mail timed against a wrong
password, and a signed-out user's old cookie."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from access import guard, session_token, users
from access.users import NewUser, add_user, email_key, normalise_email, set_active, sign_in
from loaders.messages import LoaderError
from tests.files import ADMIN
from tests.hostile.test_sign_in import BOSS, PASSWORD


@pytest.fixture
def boss_db(db):
    add_user(db, NewUser(BOSS, "admin"), PASSWORD, ADMIN)
    return db


@pytest.fixture
def checks(monkeypatch):
    """The password checks a sign-in makes (argon2 verifications), counted."""
    made = []
    real = users._verify

    def counted(hashed, password):
        made.append(len(password))
        return real(hashed, password)

    monkeypatch.setattr(users, "_verify", counted)
    return made


def _refusal(db, email, password, address="10.1.1.1") -> str:
    try:
        sign_in(db, email, password, address=address)
    except LoaderError as exc:
        return exc.message.code
    return "signed_in"


def test_a_megabyte_password_is_refused_without_hashing_and_counted(boss_db, checks):
    assert _refusal(boss_db, BOSS, "x" * 1_000_000) == "bad_credentials"
    assert checks == []
    assert [e[4] for e in guard.events(boss_db)] == ["refused"]            # counted like any failure
    with pytest.raises(LoaderError) as err:
        users.check_password("y" * (users.MAX_PASSWORD + 1))
    assert err.value.message.code == "long_password" and "1024" in err.value.text("vi")


def test_unknown_wrong_and_disabled_each_cost_one_check_and_say_the_same(boss_db, checks):
    add_user(boss_db, NewUser("da.khoa@mst.gov.vn", "viewer"), PASSWORD, ADMIN)
    set_active(boss_db, "da.khoa@mst.gov.vn", False, ADMIN)
    answers = [_refusal(boss_db, "khong.co@mst.gov.vn", PASSWORD, "10.0.0.1"),   # unknown
               _refusal(boss_db, BOSS, "sai mật khẩu rồi", "10.0.0.2"),           # wrong password
               _refusal(boss_db, "da.khoa@mst.gov.vn", PASSWORD, "10.0.0.3")]    # disabled
    assert answers == ["bad_credentials"] * 3 and len(checks) == 3


@pytest.mark.parametrize("written", ["Quan.Tri@MST.gov.vn", "ｑｕａｎ.ｔｒｉ＠ｍｓｔ.ｇｏｖ.ｖｎ", "quan.tri@mst.gov.vn.",
                                     "  QUAN.TRI@mst.gov.vn  "])
def test_the_same_address_written_differently_is_the_same_account(boss_db, written):
    assert sign_in(boss_db, written, PASSWORD, address="10.2.2.2").email == BOSS
    with pytest.raises(LoaderError) as err:                              # and cannot be added twice
        add_user(boss_db, NewUser(written, "viewer"), PASSWORD, ADMIN)
    assert err.value.message.code == "user_exists"


@pytest.mark.parametrize("lookalike", ["quаn.tri@mst.gov.vn",            # Cyrillic а
                                       "quan.tri@mst.gov.vn\u200b",       # a zero-width space
                                       "quan.trị@mst.gov.vn"])            # a Vietnamese letter
def test_a_look_alike_account_cannot_be_made(boss_db, lookalike):
    with pytest.raises(LoaderError) as err:
        add_user(boss_db, NewUser(lookalike, "admin"), PASSWORD, ADMIN)
    assert err.value.message.code == "bad_email"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_the_key_is_stable_and_normalise_agrees_with_it(text):
    key = email_key(text)
    assert email_key(key) == key or email_key(key) == key.rstrip(".")
    try:
        kept = normalise_email(text)
    except LoaderError:
        return
    assert kept == key and kept.isascii() and not kept.endswith(".")


def test_a_signed_out_users_old_cookie_is_nobody(boss_db):
    signed_in = datetime.now() - timedelta(minutes=10)
    old = session_token.issue(boss_db, BOSS, signed_in, signed_in)
    assert session_token.holder(boss_db, old, datetime.now())[0].email == BOSS
    guard.record_sign_out(boss_db, BOSS)                                # the sign-out button
    assert session_token.holder(boss_db, old, datetime.now()) is None   # the copied cookie, replayed
    later = datetime.now() + timedelta(seconds=1)
    fresh = session_token.issue(boss_db, BOSS, later, later)            # a new sign-in works again
    assert session_token.holder(boss_db, fresh, later + timedelta(seconds=1))[0].email == BOSS   # (a token keeps ms)


def test_a_disabled_users_cookie_is_nobody(boss_db):
    now = datetime.now()
    token = session_token.issue(boss_db, BOSS, now, now)
    set_active(boss_db, BOSS, False, ADMIN)
    assert session_token.holder(boss_db, token, now) is None


def test_a_user_disabled_by_an_admin_is_signed_out_of_an_open_session(db, monkeypatch):
    """Found by this pass: an open session kept the sign-in's role and the writes trusted it
    (fixed in pages/session.py, main 45af66a)."""
    from tests.apptest import runner
    add_user(db, NewUser("bien.tap@mof.gov.vn", "ministry_editor", body_code="MOF"), PASSWORD, ADMIN)
    monkeypatch.setenv("NDP_DB", str(db))
    editor = users.active_user(db, "bien.tap@mof.gov.vn")
    at = runner(user=editor)
    assert any("bien.tap" in c.value for c in at.sidebar.caption)
    set_active(db, "bien.tap@mof.gov.vn", False, ADMIN)                 # the admin, in another session
    at.run()                                                            # the editor's next click
    assert not any("bien.tap" in c.value for c in at.sidebar.caption)
