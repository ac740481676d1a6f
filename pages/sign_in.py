"""The sidebar's sign-in box: who is signed in and a sign-out button, or a button opening the
sign-in dialog; it also has the browser fetch its sign-in cookie (HttpOnly, set by the server's
cookie route for a one-time ticket: access/cookie_route.py), and says which address a sign-in
comes from (its limits count per address). Who is signed in is pages/session.py."""
from __future__ import annotations

import json
import os
from datetime import datetime

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from access import guard
from access.cookie_route import PATH, TICKETS
from access.owners import fingerprint
from access.roles import ANONYMOUS, User
from access.users import sign_in
from loaders.messages import LoaderError
from pages import session
from pages.data import db_path
from pages.language import lang, t
from views.cites import plain

OPEN = "sign_in_dialog"


def sign_in_required() -> bool:
    """A deployment may require sign-in even to read (``NDP_REQUIRE_SIGN_IN=1``)."""
    return os.environ.get("NDP_REQUIRE_SIGN_IN", "") in ("1", "true", "yes")


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


def _write_cookie() -> None:
    """Have the browser fetch the pending cookie (a script in the sidebar; the page shows nothing):
    the page holds a one-time ticket for it, never the cookie's value."""
    value = st.session_state.pop(session.COOKIE_OUT, None)
    if value is None:
        return
    ctx = get_script_run_ctx()
    ticket = TICKETS.issue(ctx.session_id if ctx else "", value, fingerprint(db_path(), value) if value else None)
    request = {"method": "POST", "credentials": "same-origin", "keepalive": True, "body": "ticket=" + ticket,
               "headers": {"Content-Type": "application/x-www-form-urlencoded"}}
    st.sidebar.html(f"<script>fetch({json.dumps(PATH)}, {json.dumps(request)});</script>", unsafe_allow_javascript=True)


def _close() -> None:
    st.session_state[OPEN] = False


def sidebar_box() -> User:
    """Sign-in / signed-in box for the sidebar; returns the current user."""
    user = session.current_user()
    _write_cookie()
    if st.session_state.pop("session_expired", False):
        st.sidebar.warning(t("auth.expired"))
    if st.session_state.pop("access_changed", False):
        st.sidebar.warning(t("auth.access_changed"))
    if user is not ANONYMOUS:
        st.sidebar.caption(t("auth.signed_in_as", email=plain(user.email), role=t(f"role.{user.role}")))
        if st.sidebar.button(t("auth.sign_out"), key="sign_out", icon=":material/logout:"):
            if st.session_state.pop(session.KEY, {}).get("provider"):
                st.logout()
            else:
                guard.record_sign_out(db_path(), user.email)
                session.end()
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
    if session.provider_configured() and st.button(t("auth.provider"), key="sign_in_provider"):
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
                session.begin(signed, datetime.now())
                st.session_state[OPEN] = False
                if signed.province_code:
                    st.session_state["province"] = signed.province_code   # the province page opens on it
                st.rerun()
