"""Who is using this browser session: the sign-in box in the sidebar and ``current_user()``.

Two ways in: the local user store (e-mail + password, ``loaders.users``) and, where
``.streamlit/secrets.toml`` has an ``[auth]`` section, Streamlit's OIDC sign-in (``st.login``),
whose e-mail is given its role by the same user table. What a user may do is decided by
``loaders.access`` inside every write; this module only says who is asking.
"""
from __future__ import annotations

import os
from datetime import datetime

import streamlit as st

from loaders.access import ANONYMOUS, User, session_valid
from loaders.db import reading
from loaders.messages import LoaderError
from loaders.users import sign_in, user_for_email
from pages.common import db_path, lang, plain, t

KEY = "signed_in"
OPEN = "sign_in_dialog"


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
            return ANONYMOUS
        session["last_seen"] = now
        return session["user"]
    if provider_configured():
        user = _provider_user()
        if user is not None:
            st.session_state[KEY] = {"user": user, "started": now, "last_seen": now, "provider": True}
            return user
    return ANONYMOUS


def sidebar_box() -> User:
    """Sign-in / signed-in box for the sidebar; returns the current user."""
    user = current_user()
    if st.session_state.pop("session_expired", False):
        st.sidebar.warning(t("auth.expired"))
    if user is not ANONYMOUS:
        st.sidebar.caption(t("auth.signed_in_as", email=plain(user.email), role=t(f"role.{user.role}")))
        if st.sidebar.button(t("auth.sign_out"), key="sign_out", icon=":material/logout:"):
            provider = st.session_state.pop(KEY, {}).get("provider")
            if provider:
                st.logout()
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
                signed = sign_in(db_path(), email, password)
            except LoaderError as exc:
                st.error(plain(exc.text(lang())))
            else:
                now = datetime.now()
                st.session_state[KEY] = {"user": signed, "started": now, "last_seen": now}
                st.session_state[OPEN] = False
                if signed.province_code:
                    st.session_state["province"] = signed.province_code   # the province page opens on it
                st.rerun()
