"""Who is using this browser session: ``current_user()`` (the sign-in box: pages/sign_in.py).

Two ways in: the local user store (e-mail + password, ``access.users``) and, where
``.streamlit/secrets.toml`` has an ``[auth]`` section, Streamlit's OIDC sign-in (``st.login``),
whose e-mail is given its role by the same user table. What a user may do is decided by
``access.roles`` inside every write; this module only says who is asking. A local sign-in survives
a reload or an opened link: the browser keeps a signed, expiring token (``access.session_token``)
in an HttpOnly cookie, set by the server for a ticket the sidebar hands the browser
(``access.cookie_route``), and read back from the request (``st.context.cookies``) when a
new session starts. Sign-out deletes the cookie and revokes every token issued before it.
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta

import streamlit as st

from access import session_token
from access.roles import ANONYMOUS, User, session_valid
from access.users import active_user
from pages.data import account, db_path
from store.db import DatabaseError

KEY = "signed_in"
COOKIE_OUT = "sign_in_cookie_out"       # a cookie value the sidebar must hand to the browser ("" deletes it)
COOKIE_DEAD = "sign_in_cookie_dead"     # this session signed out: ignore the cookie its request brought
REFRESH = timedelta(minutes=5)          # how often the cookie's "last seen" is renewed


def hand_cookie(token: str | None) -> None:
    """Give the browser this token at the sidebar's next draw (None: delete the cookie)."""
    st.session_state[COOKIE_OUT] = token or ""


def begin(user: User, now: datetime, started: datetime | None = None) -> None:
    """Keep ``user`` signed in to this session, with a cookie for a reload or an opened link."""
    started = started or now
    st.session_state[KEY] = {"user": user, "started": started, "last_seen": now, "cookie_seen": now}
    st.session_state.pop(COOKIE_DEAD, None)
    hand_cookie(session_token.issue(db_path(), user.email, started, now))


def end() -> None:
    """This session signs out: its cookie is deleted and the one its request brought is ignored."""
    st.session_state[COOKIE_DEAD] = True
    hand_cookie(None)


def _from_cookie(now: datetime) -> User | None:
    """The user of a genuine, unexpired, unrevoked sign-in cookie (a reload, an opened link)."""
    if st.session_state.get(COOKIE_DEAD):
        return None
    try:
        token = st.context.cookies.get(session_token.COOKIE)
    except Exception:
        return None
    held = session_token.holder(db_path(), token, now)
    if held is None:
        return None
    begin(held[0], now, held[1])
    return held[0]


_NO_SECRETS_FOR = 10.0          # seconds a missing secrets.toml is believed before looking again
_no_secrets_until = [0.0]


def provider_configured() -> bool:
    """Whether ``.streamlit/secrets.toml`` has an ``[auth]`` section. Streamlit keeps a parsed file,
    but without one it searches its paths again on every ask (every run of every session): a
    missing file is believed for ``_NO_SECRETS_FOR`` seconds, so one added later counts within that."""
    if time.monotonic() < _no_secrets_until[0]:
        return False
    try:
        return "auth" in st.secrets
    except Exception:   # no secrets.toml at all
        _no_secrets_until[0] = time.monotonic() + _NO_SECRETS_FOR
        return False


def _provider_user() -> User | None:
    try:
        if not st.user.is_logged_in:
            return None
        email = str(st.user.get("email") or "")
    except Exception:
        return None
    return active_user(db_path(), email) or User(email.lower() or "oidc", "viewer")


def _as_now(session: dict) -> User | None:
    """The signed-in user as the user table has them now: None once disabled or removed (a
    provider's sign-in without an account stays a viewer). The session keeps what it had when the
    database cannot be read this moment (it is being replaced)."""
    user = session["user"]
    try:
        now_user = account(user.email)
    except (DatabaseError, OSError):
        return user
    if session.get("provider"):
        return now_user or User(user.email, "viewer")
    return now_user


def current_user() -> User:
    """The signed-in user (session expiry checked on every run), or the anonymous viewer."""
    now = datetime.now()
    session = st.session_state.get(KEY)
    if session:
        if not session_valid(session["started"], session["last_seen"], now):
            del st.session_state[KEY]
            st.session_state["session_expired"] = True
            if session.get("provider"):
                st.logout()   # the provider's identity cookie would otherwise sign the user straight back in
            else:
                end()
            return ANONYMOUS
        session["last_seen"] = now
        held = _as_now(session)
        if held is None:   # disabled or removed by an administrator meanwhile: signed out now
            del st.session_state[KEY]
            st.session_state["access_changed"] = True
            if session.get("provider"):
                st.logout()
            else:
                end()
            return ANONYMOUS
        session["user"] = held   # a role, ministry or province changed meanwhile counts from this run
        if not session.get("provider") and now - session.get("cookie_seen", now) >= REFRESH:
            session["cookie_seen"] = now
            hand_cookie(session_token.issue(db_path(), session["user"].email, session["started"], now))
        return session["user"]
    if provider_configured():
        user = _provider_user()
        if user is not None:
            st.session_state[KEY] = {"user": user, "started": now, "last_seen": now, "provider": True}
            return user
    try:
        return _from_cookie(now) or ANONYMOUS
    except (DatabaseError, OSError):   # the database is being replaced or is missing: signed out
        return ANONYMOUS
