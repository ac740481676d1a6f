"""Who is using this browser session: the sign-in box in the sidebar and ``current_user()``.

Two ways in: the local user store (e-mail + password, ``access.users``) and, where
``.streamlit/secrets.toml`` has an ``[auth]`` section, Streamlit's OIDC sign-in (``st.login``),
whose e-mail is given its role by the same user table. What a user may do is decided by
``access.roles`` inside every write; this module only says who is asking.

A local sign-in survives a reload or an opened link: the browser keeps a signed, expiring token
(``access.session_token``) in a cookie, written by a script in the sidebar and read back from
the request (``st.context.cookies``) when a new session starts. Sign-out deletes the cookie and
revokes every token issued to the user before it.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta

import streamlit as st

from access import guard, session_token
from access.roles import ANONYMOUS, SESSION_MAX, User, session_valid
from access.users import sign_in, user_for_email
from loaders.messages import LoaderError
from pages.data import db_path
from pages.language import lang, t
from store.db import DatabaseError, reading
from views.cites import plain

KEY = "signed_in"
OPEN = "sign_in_dialog"
COOKIE_OUT = "sign_in_cookie_out"       # a cookie value the sidebar must hand to the browser ("" deletes it)
COOKIE_DEAD = "sign_in_cookie_dead"     # this session signed out: ignore the cookie its request brought
REFRESH = timedelta(minutes=5)          # how often the cookie's "last seen" is renewed


def client_address() -> str:
    """The client's address for sign-in limits. Behind a reverse proxy every client would share the
    proxy's address: set ``NDP_TRUST_PROXY=1`` there to take the address the proxy appends to
    X-Forwarded-For (only where the proxy is the sole way in, or anyone could choose theirs)."""
    try:
        if os.environ.get("NDP_TRUST_PROXY", "") in ("1", "true", "yes"):
            forwarded = st.context.headers.get("X-Forwarded-For", "")
            if isinstance(forwarded, str) and forwarded:
                return forwarded.split(",")[-1].strip()[:100]
        address = st.context.ip_address
        return address[:100] if isinstance(address, str) and address else "-"
    except Exception:   # no request (a bare script run)
        return "-"


def _hand_cookie(token: str | None) -> None:
    st.session_state[COOKIE_OUT] = token or ""


def _write_cookie() -> None:
    """Give the browser the pending cookie (a script in the sidebar; the page shows nothing)."""
    value = st.session_state.pop(COOKIE_OUT, None)
    if value is None:
        return
    try:
        secure = "; Secure" if str(st.context.url or "").startswith("https:") else ""
    except Exception:
        secure = ""
    age = int(SESSION_MAX.total_seconds()) if value else 0
    cookie = f"{session_token.COOKIE}={value}; Path=/; Max-Age={age}; SameSite=Strict{secure}"
    st.sidebar.html(f"<script>document.cookie = {json.dumps(cookie)};</script>", unsafe_allow_javascript=True)


def _from_cookie(now: datetime) -> User | None:
    """The user of a genuine, unexpired, unrevoked sign-in cookie (a reload, an opened link)."""
    if st.session_state.get(COOKIE_DEAD):
        return None
    try:
        token = st.context.cookies.get(session_token.COOKIE)
    except Exception:
        return None
    claims = session_token.read(db_path(), token, now) if token else None
    if claims is None:
        return None
    email, started, _seen = claims
    out = guard.signed_out_at(db_path(), email)
    if out is not None and started <= out:
        return None
    with reading(db_path()) as con:
        user = user_for_email(con, email)        # still active; its role as it is now
    if user is None:
        return None
    st.session_state[KEY] = {"user": user, "started": started, "last_seen": now, "cookie_seen": now}
    _hand_cookie(session_token.issue(db_path(), user.email, started, now))
    return user


def _close() -> None:
    st.session_state[OPEN] = False


def provider_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:   # no secrets.toml at all
        return False


def sign_in_required() -> bool:
    """A deployment may require sign-in even to read (``NDP_REQUIRE_SIGN_IN=1``)."""
    return os.environ.get("NDP_REQUIRE_SIGN_IN", "") in ("1", "true", "yes")


def _provider_user() -> User | None:
    try:
        if not st.user.is_logged_in:
            return None
        email = str(st.user.get("email") or "")
    except Exception:
        return None
    with reading(db_path()) as con:
        return user_for_email(con, email) or User(email.lower() or "oidc", "viewer")


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
                st.session_state[COOKIE_DEAD] = True
                _hand_cookie(None)
            return ANONYMOUS
        session["last_seen"] = now
        if not session.get("provider") and now - session.get("cookie_seen", now) >= REFRESH:
            session["cookie_seen"] = now
            _hand_cookie(session_token.issue(db_path(), session["user"].email, session["started"], now))
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


def sidebar_box() -> User:
    """Sign-in / signed-in box for the sidebar; returns the current user."""
    user = current_user()
    _write_cookie()
    if st.session_state.pop("session_expired", False):
        st.sidebar.warning(t("auth.expired"))
    if user is not ANONYMOUS:
        st.sidebar.caption(t("auth.signed_in_as", email=plain(user.email), role=t(f"role.{user.role}")))
        if st.sidebar.button(t("auth.sign_out"), key="sign_out", icon=":material/logout:"):
            provider = st.session_state.pop(KEY, {}).get("provider")
            if provider:
                st.logout()
            else:
                guard.record_sign_out(db_path(), user.email)
                st.session_state[COOKIE_DEAD] = True
                _hand_cookie(None)
            st.rerun()
        return user
    if st.sidebar.button(t("auth.sign_in"), key="sign_in_open", icon=":material/login:"):
        st.session_state[OPEN] = True
    if st.session_state.get(OPEN):
        st.dialog(t("auth.sign_in"), on_dismiss=_close)(_sign_in_form)()
    return user


def _sign_in_form() -> None:
    """The sign-in form, in a dialog drawn only when asked for (a form in the sidebar would be
    sent to the browser on every rerun of every page)."""
    if provider_configured() and st.button(t("auth.provider"), key="sign_in_provider"):
        st.login()
    with st.form("sign_in_form", clear_on_submit=True):
        email = st.text_input(t("auth.email"), max_chars=200, key="sign_in_email")
        password = st.text_input(t("auth.password"), type="password", max_chars=200, key="sign_in_password")
        if st.form_submit_button(t("auth.submit"), type="primary"):
            try:
                signed = sign_in(db_path(), email, password, address=client_address())
            except LoaderError as exc:
                st.error(plain(exc.text(lang())))
            else:
                now = datetime.now()
                st.session_state[KEY] = {"user": signed, "started": now, "last_seen": now, "cookie_seen": now}
                st.session_state.pop(COOKIE_DEAD, None)
                _hand_cookie(session_token.issue(db_path(), signed.email, now, now))
                st.session_state[OPEN] = False
                if signed.province_code:
                    st.session_state["province"] = signed.province_code   # the province page opens on it
                st.rerun()
