"""Administrators: the users who may sign in, and the audit trail (filtered, downloadable)."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

from datetime import date, datetime, time, timedelta

import pandas as pd
import streamlit as st

from access import guard
from access.roles import ROLES, can
from access.users import NewUser, add_user, list_users, set_active
from i18n.catalogue import TEXTS
from loaders.messages import LoaderError
from pages.common import page_start
from pages.data import db_path
from pages.language import label_values, lang, t
from pages.session import client_address, current_user
from pages.tables import table
from store.db import reading
from views.cites import plain

snap = page_start("admin.title", filter_note_shown=False)
user = current_user()
if not can(user, "view_audit"):   # the page is only listed for administrators; this is the check
    guard.record_refusal(db_path(), user.email, client_address(), "open_admin", "/admin", f"role {user.role}")
    st.warning(t("admin.only"), icon=":material/lock:")
    st.stop()


def read(query) -> pd.DataFrame:
    """``query(con)`` on a fresh read-only connection: users and the audit trail are read live,
    not from the cached snapshot, so an administrator sees a change at once."""
    with reading(db_path()) as con:
        return query(con)


done = st.session_state.pop("admin_done", None)
if done:
    st.success(done)

st.subheader(t("admin.users"))
users = read(lambda con: list_users(con, db_path()))
table(pd.DataFrame({t("col.email"): users["email"], t("col.role"): label_values(users["role"], "role"),
                    t("admin.body"): users["body_code"], t("admin.province"): users["province_code"],
                    t("col.active"): users["active"], t("col.has_password"): users["has_password"],
                    t("col.created_at"): users["created_at"], t("col.created_by"): users["created_by"],
                    t("col.last_sign_in"): users["last_sign_in"]}), "nguoi-dung", "users")

bodies = {c: f"{n} ({c})" for c, n, to in zip(snap.body["code"], snap.body["name_vi"], snap.body["valid_to"]) if pd.isna(to)}
provinces = dict(zip(snap.province_2025["code"], snap.province_2025["name_vi"]))
with st.expander(t("admin.add"), icon=":material/person_add:"):
    with st.form("add_user", clear_on_submit=True):
        c1, c2 = st.columns(2)
        email = c1.text_input(t("col.email"), max_chars=200, key="new_email")
        role = c2.selectbox(t("admin.role"), ROLES, key="new_role", format_func={r: t(f"role.{r}") for r in ROLES}.get)
        c3, c4 = st.columns(2)
        body = c3.selectbox(t("admin.body"), [None, *sorted(bodies, key=bodies.get)], key="new_body",
                            format_func=lambda c: "—" if c is None else bodies[c])
        province = c4.selectbox(t("admin.province"), [None, *sorted(provinces, key=provinces.get)], key="new_province",
                                format_func=lambda c: "—" if c is None else provinces[c])
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
                           format_func=lambda e: f"{e} — {t('col.active')}: {'✓' if states[e] else '✗'}")
        if st.button(t("admin.toggle"), key="toggle_user"):
            try:
                set_active(db_path(), who, not states[who], user)
            except LoaderError as exc:
                st.error(plain(exc.text(lang())))
            else:
                st.session_state["admin_done"] = t("admin.toggled", email=plain(who))
                st.rerun()

st.subheader(t("admin.audit"))
# Sign-ins and refusals that changed nothing live in the guard store (access/guard.py), not in
# the database: shown here beside the audit trail, as one log.
guarded = pd.DataFrame(guard.events(db_path(), datetime.combine(date.today() - timedelta(days=400), time.min)),
                       columns=["occurred_at", "actor", "action", "target", "result", "detail"]
                       ).astype({"occurred_at": "datetime64[us]", "actor": str, "action": str, "target": str, "result": str,
                                 "detail": str})
actions = sorted(set(read(lambda con: con.execute("SELECT DISTINCT action FROM audit_log").df())["action"])
                 | set(guarded["action"]))
f1, f2, f3, f4, f5 = st.columns(5)
action_names = {a: t(f"action.{a}") if f"action.{a}" in TEXTS else a for a in actions}
chosen = f1.multiselect(t("admin.action"), actions, key="audit_action", format_func=action_names.get,
                        placeholder=t("sidebar.all"))
results = f2.multiselect(t("admin.result"), ["ok", "refused", "failed"], key="audit_result",
                         format_func={r: t(f"result.{r}") for r in ("ok", "refused", "failed")}.get,
                         placeholder=t("sidebar.all"))
actor = f3.text_input(t("admin.actor"), max_chars=200, key="audit_actor")
since = f4.date_input(t("admin.since"), value=date.today() - timedelta(days=30), key="audit_since", format="DD/MM/YYYY")
until = f5.date_input(t("admin.until"), value=date.today(), key="audit_until", format="DD/MM/YYYY")


def _log(con) -> pd.DataFrame:
    con.register("guarded", guarded)
    return con.execute("""
    WITH everything AS (
        SELECT occurred_at AS precise, actor, role, action, target, result, detail, audit_id FROM audit_log
        UNION ALL SELECT occurred_at, actor, NULL, action, target, result, detail, NULL FROM guarded)
    SELECT date_trunc('second', precise) AS occurred_at, actor, role, action, target, result, detail FROM everything
    WHERE precise >= ? AND precise < ?
      AND (len(?) = 0 OR list_contains(?, action)) AND (len(?) = 0 OR list_contains(?, result))
      AND (? = '' OR contains(lower(actor), lower(?)))
    ORDER BY precise DESC, audit_id DESC NULLS LAST""",
                       [since, until + timedelta(days=1), chosen, chosen, results, results, actor, actor]).df()


log = read(_log)
table(pd.DataFrame({t("col.at"): log["occurred_at"], t("col.actor"): log["actor"],
                    t("col.role"): label_values(log["role"], "role"),
                    t("col.action"): label_values(log["action"], "action"), t("col.target"): log["target"],
                    t("col.result"): label_values(log["result"], "result"), t("col.detail"): log["detail"]}),
      "nhat-ky-kiem-tra", "audit_log")
