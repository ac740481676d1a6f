"""Administrators: the users who may sign in, and the audit trail (filtered, downloadable). Layout
only: what it shows is views/admin.py; the writes are access/users.py's (role-checked there)."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

from datetime import date, timedelta

import streamlit as st

from access import guard
from access.roles import ROLES, can
from access.users import NewUser, add_user, set_active
from loaders.messages import LoaderError
from pages.common import page_start
from pages.data import db_path
from pages.language import lang, relabel, t
from pages.session import current_user
from pages.sign_in import client_address
from pages.tables import table
from views import admin
from views.cites import plain

snap = page_start("admin.title", filter_note_shown=False)
user = current_user()
if not can(user, "view_audit"):   # the page is only listed for administrators; this is the check
    guard.record_refusal(db_path(), user.email, client_address(), "open_admin", "/admin", f"role {user.role}")
    st.warning(t("admin.only"), icon=":material/lock:")
    st.stop()

done = st.session_state.pop("admin_done", None)
if done:
    st.success(done)

st.header(t("admin.users"))
users, users_table = admin.view_users(db_path(), lang())
table(users_table, "nguoi-dung", "users")

bodies, provinces = admin.user_choices(snap)
with st.expander(t("admin.add"), icon=":material/person_add:"):
    with st.form("add_user", clear_on_submit=True):
        c1, c2 = st.columns(2)
        email = c1.text_input(t("col.email"), max_chars=200, key="new_email")
        relabel("new_role")
        role = c2.selectbox(t("admin.role"), ROLES, key="new_role", format_func={r: t(f"role.{r}") for r in ROLES}.get,
                            placeholder=t("widget.choose"))
        c3, c4 = st.columns(2)
        relabel("new_body")
        body = c3.selectbox(t("admin.body"), [None, *sorted(bodies, key=bodies.get)], key="new_body",
                            format_func=lambda c: "—" if c is None else bodies[c], placeholder=t("widget.choose"))
        relabel("new_province")
        province = c4.selectbox(t("admin.province"), [None, *sorted(provinces, key=provinces.get)], key="new_province",
                                format_func=lambda c: "—" if c is None else provinces[c], placeholder=t("widget.choose"))
        password = st.text_input(t("admin.password"), type="password", max_chars=200, key="new_password")
        if st.form_submit_button(t("admin.add"), type="primary"):
            try:
                added = add_user(db_path(), NewUser(email, role, body, province), password or None, user)
            except LoaderError as exc:
                st.error(plain(exc.text(lang())))
            else:
                st.session_state["admin_done"] = t("admin.added", email=plain(added.email))
                st.rerun()

if len(users):
    with st.expander(t("admin.disable"), icon=":material/person_off:"):
        states = dict(zip(users["email"], users["active"]))
        who = st.selectbox(t("col.email"), list(states), key="toggle_email",
                           format_func=lambda e: f"{e} — {t('col.active')}: {'✓' if states[e] else '✗'}",
                           placeholder=t("widget.choose"))
        if st.button(t("admin.toggle"), key="toggle_user"):
            try:
                set_active(db_path(), who, not states[who], user)
            except LoaderError as exc:
                st.error(plain(exc.text(lang())))
            else:
                st.session_state["admin_done"] = t("admin.toggled", email=plain(who))
                st.rerun()

st.header(t("admin.audit"))
guarded = admin.guarded_events(db_path(), date.today())   # sign-ins and refusals, beside the audit trail
action_names = admin.audit_actions(db_path(), guarded, lang())
f1, f2, f3, f4, f5 = st.columns(5)
relabel("audit_action")
chosen = f1.multiselect(t("admin.action"), list(action_names), key="audit_action", format_func=action_names.get,
                        placeholder=t("sidebar.all"))
relabel("audit_result")
results = f2.multiselect(t("admin.result"), list(admin.RESULTS), key="audit_result",
                         format_func={r: t(f"result.{r}") for r in admin.RESULTS}.get, placeholder=t("sidebar.all"))
actor = f3.text_input(t("admin.actor"), max_chars=200, key="audit_actor")
since = f4.date_input(t("admin.since"), value=date.today() - timedelta(days=30), key="audit_since", format="DD/MM/YYYY")
until = f5.date_input(t("admin.until"), value=date.today(), key="audit_until", format="DD/MM/YYYY")
table(admin.view_audit(db_path(), guarded, since, until, chosen, results, actor, lang()), "nhat-ky-kiem-tra", "audit_log")
