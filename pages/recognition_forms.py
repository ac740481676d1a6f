"""The Recognition page's entry forms: a proposal, its criteria set, its plan and its outcome here;
the assessment and the file import in pages/recognition_assess.py. Each is shown to the roles that
may use it; the write functions (actions/recognition.py) check the role again and audit the attempt."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from access.roles import ANONYMOUS, User, can
from actions.recognition import issue_criteria, propose, record_outcome, record_plan
from actions.recognition_records import CriteriaSet, Outcome, Plan, Proposal
from analysis.recognition import DOC_GUIDANCE, OUTCOMES, OWNERSHIP
from pages.data import db_path
from pages.form_write import attempt, proposal_choice
from pages.language import relabel, t
from pages.recognition_assess import assessment_form, import_form
from views.recognition import assessable, blank_criteria, criteria_of, proposal_choices


def entry_forms(user: User, snap, records, props: pd.DataFrame) -> None:
    if user is ANONYMOUS:
        st.info(t("rec.sign_in"))
        return
    if can(user, "propose"):
        _proposal_form(user, snap)
        _criteria_form(user, props)
        _plan_form(user, props)
    if can(user, "assess"):
        assessment_form(user, records, assessable(props))
        _outcome_form(user, props)
    if can(user, "propose") or can(user, "assess"):
        import_form(user)
    else:
        st.info(t("rec.no_rights", role=t(f"role.{user.role}")))


def _proposal_form(user: User, snap) -> None:
    lists, bodies = proposal_choices(snap)   # the lists a platform may join (the latest first), today's bodies
    with st.expander(t("rec.form_proposal"), key="rx_form_proposal", icon=":material/add_circle:"), \
            st.form("rec_proposal", clear_on_submit=True):
        name = st.text_input(t("col.name"), max_chars=300, key="rp_name")
        c1, c2, c3 = st.columns(3)
        body = c1.selectbox(t("col.body"), bodies, key="rp_body",
                            index=bodies.index(user.body_code) if user.body_code in bodies else 0, placeholder=t("widget.choose"))
        relabel("rp_own")
        ownership = c2.selectbox(t("rec.ownership"), OWNERSHIP, key="rp_own", format_func=lambda o: t(f"rown.{o}"),
                                 placeholder=t("widget.choose"))
        list_id = c3.selectbox(t("rec.list"), lists, key="rp_list", placeholder=t("widget.choose"))
        owner = st.text_input(t("rec.owner"), max_chars=300, key="rp_owner")
        purpose = st.text_area(t("rec.purpose"), max_chars=2000, key="rp_purpose")
        c4, c5, c6 = st.columns(3)
        proposed_on = c4.date_input(t("rec.proposed_on"), max_value=date.today(), key="rp_date", format="DD/MM/YYYY")
        doc = c5.text_input(t("col.document"), max_chars=300, key="rp_doc")
        doc_url = c6.text_input(t("rec.link"), max_chars=300, key="rp_url")
        if st.form_submit_button(t("rec.submit"), type="primary"):
            attempt(lambda: propose(db_path(), Proposal(name, body, ownership, list_id, proposed_on, owner, purpose, doc,
                                                         doc_url, DOC_GUIDANCE), user), "rec.done_proposal")


def _criteria_form(user: User, props: pd.DataFrame) -> None:
    with st.expander(t("rec.form_criteria"), key="rx_form_criteria", icon=":material/checklist:"), \
            st.form("rec_criteria", clear_on_submit=True):
        pid = proposal_choice(props, "rc_pid")
        c1, c2 = st.columns(2)
        doc = c1.text_input(t("col.document"), max_chars=300, key="rc_doc")
        issued = c2.date_input(t("rec.issued_on"), max_value=date.today(), key="rc_date", format="DD/MM/YYYY")
        rows = st.data_editor(blank_criteria(), num_rows="dynamic", key="rc_rows", hide_index=True, column_config={
            "group": st.column_config.NumberColumn(t("rec.group"), min_value=1, max_value=6, step=1),
            "text": st.column_config.TextColumn(t("rec.criterion"), max_chars=2000),
            "measure": st.column_config.TextColumn(t("rec.measure"), max_chars=2000),
            "popular_user": st.column_config.CheckboxColumn(t("rec.popular"))})
        if st.form_submit_button(t("rec.submit"), type="primary") and pid is not None:
            attempt(lambda: issue_criteria(db_path(), CriteriaSet(pid, doc, issued, criteria_of(rows)), user),
                    "rec.done_criteria")


def _plan_form(user: User, props: pd.DataFrame) -> None:
    with st.expander(t("rec.form_plan"), key="rx_form_plan", icon=":material/event:"), \
            st.form("rec_plan", clear_on_submit=True):
        pid = proposal_choice(props, "rl_pid")
        c1, c2, c3 = st.columns(3)
        doc = c1.text_input(t("col.document"), max_chars=300, key="rl_doc")
        issued = c2.date_input(t("rec.issued_on"), max_value=date.today(), key="rl_date", format="DD/MM/YYYY")
        due = c3.date_input(t("rec.assessment_due"), value=None, key="rl_due", format="DD/MM/YYYY")
        note = st.text_area(t("col.note"), max_chars=2000, key="rl_note")
        if st.form_submit_button(t("rec.submit"), type="primary") and pid is not None:
            attempt(lambda: record_plan(db_path(), Plan(pid, doc, issued, due, note), user), "rec.done_plan")


def _outcome_form(user: User, props: pd.DataFrame) -> None:
    with st.expander(t("rec.form_outcome"), key="rx_form_outcome", icon=":material/verified:"), \
            st.form("rec_outcome", clear_on_submit=True):
        pid = proposal_choice(props, "ro_pid")
        c1, c2, c3 = st.columns(3)
        relabel("ro_outcome")
        outcome = c1.selectbox(t("rec.outcome"), OUTCOMES, key="ro_outcome", format_func=lambda o: t(f"rstep.{o}"),
                               placeholder=t("widget.choose"))
        decision = c2.text_input(t("rec.decision"), max_chars=300, key="ro_doc")
        on = c3.date_input(t("rec.decided_on"), max_value=date.today(), key="ro_date", format="DD/MM/YYYY")
        note = st.text_area(t("col.note"), max_chars=2000, key="ro_note")
        if st.form_submit_button(t("rec.submit"), type="primary") and pid is not None:
            attempt(lambda: record_outcome(db_path(), Outcome(pid, outcome, on, decision, note), user), "rec.done_outcome")
