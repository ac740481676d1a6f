"""The Recognition page's forms: proposal, criteria set, plan, assessment, outcome, import, and
corrections. Each one is shown to the roles that may use it; the write functions check the role
again on the server and audit the attempt."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from access.roles import ANONYMOUS, User, can
from actions.correction_apply import FIELDS
from actions.corrections import RESOLUTIONS, TARGET_KINDS, flag, resolve
from actions.recognition import issue_criteria, propose, record_assessment, record_outcome, record_plan
from actions.recognition_import import KINDS, import_file, template_csv
from actions.recognition_records import Assessment, CriteriaSet, Criterion, ItemResult, Outcome, Plan, Proposal
from analysis.recognition import ASSESSOR_KINDS, OUTCOMES, OWNERSHIP
from loaders.messages import LoaderError
from pages.data import db_path
from pages.language import lang, t
from views.cites import plain


def _attempt(write, done_label: str, **params) -> None:
    """Run a write; on success say so after the rerun, else show why (in the user's language)."""
    try:
        result = write()
    except LoaderError as exc:
        st.error(plain(exc.text(lang())))
        return
    st.session_state["rec_done"] = t(done_label, id=result, **params)
    st.rerun()


def _proposal_choice(props: pd.DataFrame, key: str, label: str = "rec.platform") -> int | None:
    if props.empty:
        st.caption(t("rec.none_yet"))
        return None
    labels = {int(i): f"#{i} {n} ({b})" for i, n, b in zip(props["proposal_id"], props["platform_name"], props["body_code"])}
    return st.selectbox(t(label), list(labels), key=key, format_func=labels.get)


def entry_forms(user: User, snap, records, props: pd.DataFrame) -> None:
    if user is ANONYMOUS:
        st.info(t("rec.sign_in"))
        return
    shown = False
    if can(user, "propose"):
        shown = True
        _proposal_form(user, snap)
        _criteria_form(user, props)
        _plan_form(user, props)
    if can(user, "assess"):
        shown = True
        _assessment_form(user, records, props[props["set_id"].notna()] if len(props) else props)
        _outcome_form(user, props)
    if can(user, "propose") or can(user, "assess"):
        _import_form(user)
    if not shown:
        st.info(t("rec.no_rights", role=t(f"role.{user.role}")))


def _proposal_form(user: User, snap) -> None:
    # the lists a platform may join, the latest first
    lists = snap.platform_list[snap.platform_list["kind"].isin(["national_deployed", "shared"])]["list_id"].tolist()[::-1]
    bodies = sorted(c for c, to in zip(snap.body["code"], snap.body["valid_to"]) if pd.isna(to))
    with st.expander(t("rec.form_proposal"), key="rx_form_proposal", icon=":material/add_circle:"), \
            st.form("rec_proposal", clear_on_submit=True):
        name = st.text_input(t("col.name"), max_chars=300, key="rp_name")
        c1, c2, c3 = st.columns(3)
        body = c1.selectbox(t("col.body"), bodies, key="rp_body",
                            index=bodies.index(user.body_code) if user.body_code in bodies else 0)
        ownership = c2.selectbox(t("rec.ownership"), OWNERSHIP, key="rp_own", format_func=lambda o: t(f"rown.{o}"))
        list_id = c3.selectbox(t("rec.list"), lists, key="rp_list")
        owner = st.text_input(t("rec.owner"), max_chars=300, key="rp_owner")
        purpose = st.text_area(t("rec.purpose"), max_chars=2000, key="rp_purpose")
        c4, c5, c6 = st.columns(3)
        proposed_on = c4.date_input(t("rec.proposed_on"), max_value=date.today(), key="rp_date", format="DD/MM/YYYY")
        doc = c5.text_input(t("col.document"), max_chars=300, key="rp_doc")
        doc_url = c6.text_input(t("rec.link"), max_chars=300, key="rp_url")
        if st.form_submit_button(t("rec.submit"), type="primary"):
            _attempt(lambda: propose(db_path(), Proposal(name, body, ownership, list_id, proposed_on, owner, purpose, doc,
                                                         doc_url, "cv-2291-2024"), user), "rec.done_proposal")


def _criteria_form(user: User, props: pd.DataFrame) -> None:
    with st.expander(t("rec.form_criteria"), key="rx_form_criteria", icon=":material/checklist:"), \
            st.form("rec_criteria", clear_on_submit=True):
        pid = _proposal_choice(props, "rc_pid")
        c1, c2 = st.columns(2)
        doc = c1.text_input(t("col.document"), max_chars=300, key="rc_doc")
        issued = c2.date_input(t("rec.issued_on"), max_value=date.today(), key="rc_date", format="DD/MM/YYYY")
        blank = pd.DataFrame({"group": list(range(1, 7)), "text": [""] * 6, "measure": [""] * 6,
                              "popular_user": [False, False, False, True, False, False]})
        rows = st.data_editor(blank, num_rows="dynamic", key="rc_rows", hide_index=True, column_config={
            "group": st.column_config.NumberColumn(t("rec.group"), min_value=1, max_value=6, step=1),
            "text": st.column_config.TextColumn(t("rec.criterion"), max_chars=2000),
            "measure": st.column_config.TextColumn(t("rec.measure"), max_chars=2000),
            "popular_user": st.column_config.CheckboxColumn(t("rec.popular"))})
        if st.form_submit_button(t("rec.submit"), type="primary") and pid is not None:
            criteria = tuple(Criterion(r["group"] if pd.notna(r["group"]) else "", r["text"], r["measure"],
                                       bool(r["popular_user"])) for r in rows.to_dict("records")
                             if isinstance(r["text"], str) and r["text"].strip())
            _attempt(lambda: issue_criteria(db_path(), CriteriaSet(pid, doc, issued, criteria), user), "rec.done_criteria")


def _plan_form(user: User, props: pd.DataFrame) -> None:
    with st.expander(t("rec.form_plan"), key="rx_form_plan", icon=":material/event:"), \
            st.form("rec_plan", clear_on_submit=True):
        pid = _proposal_choice(props, "rl_pid")
        c1, c2, c3 = st.columns(3)
        doc = c1.text_input(t("col.document"), max_chars=300, key="rl_doc")
        issued = c2.date_input(t("rec.issued_on"), max_value=date.today(), key="rl_date", format="DD/MM/YYYY")
        due = c3.date_input(t("rec.assessment_due"), value=None, key="rl_due", format="DD/MM/YYYY")
        note = st.text_area(t("col.note"), max_chars=2000, key="rl_note")
        if st.form_submit_button(t("rec.submit"), type="primary") and pid is not None:
            _attempt(lambda: record_plan(db_path(), Plan(pid, doc, issued, due, note), user), "rec.done_plan")


def _assessment_form(user: User, records, props: pd.DataFrame) -> None:
    with st.expander(t("rec.form_assessment"), key="rx_form_assessment", icon=":material/fact_check:"):
        pid = _proposal_choice(props, "ra_pid")
        if pid is None:
            return
        set_id = int(props.set_index("proposal_id").at[pid, "set_id"])
        crit = records.criterion[records.criterion["set_id"] == set_id]
        with st.form("rec_assessment", clear_on_submit=True):
            c1, c2, c3, c4 = st.columns(4)
            kind = c1.selectbox(t("rec.assessor_kind"), ASSESSOR_KINDS, key="ra_kind", format_func=lambda k: t(f"rkind.{k}"))
            name = c2.text_input(t("rec.assessor_name"), max_chars=300, key="ra_name")
            on = c3.date_input(t("rec.assessed_on"), max_value=date.today(), key="ra_date", format="DD/MM/YYYY")
            doc = c4.text_input(t("col.document"), max_chars=300, key="ra_doc")
            grid = pd.DataFrame({"criterion_no": crit["criterion_no"].astype(int), "group": crit["group"].astype(int),
                                 "text": crit["text"], "popular_user": crit["popular_user"].astype(bool),
                                 "result": "not_assessed", "evidence": "", "evidence_url": "", "market_share": None})
            rows = st.data_editor(grid, key=f"ra_rows_{set_id}", hide_index=True, disabled=["criterion_no", "group", "text",
                                                                                              "popular_user"],
                                  column_config={
                                      "result": st.column_config.SelectboxColumn(t("rec.result"), options=["met", "not_met",
                                                                                                          "not_assessed"]),
                                      "evidence": st.column_config.TextColumn(t("rec.evidence"), max_chars=2000),
                                      "evidence_url": st.column_config.TextColumn(t("rec.link"), max_chars=300),
                                      "market_share": st.column_config.NumberColumn(t("rec.share"), min_value=0.0,
                                                                                    max_value=100.0)})
            if st.form_submit_button(t("rec.submit"), type="primary"):
                items = tuple(ItemResult(int(r["criterion_no"]), r["result"], r["evidence"], r["evidence_url"] or None,
                                         None if pd.isna(r["market_share"]) else r["market_share"])
                              for r in rows.to_dict("records"))
                _attempt(lambda: record_assessment(db_path(), Assessment(pid, kind, on, items, name, doc), user),
                         "rec.done_assessment")


def _outcome_form(user: User, props: pd.DataFrame) -> None:
    with st.expander(t("rec.form_outcome"), key="rx_form_outcome", icon=":material/verified:"), \
            st.form("rec_outcome", clear_on_submit=True):
        pid = _proposal_choice(props, "ro_pid")
        c1, c2, c3 = st.columns(3)
        outcome = c1.selectbox(t("rec.outcome"), OUTCOMES, key="ro_outcome", format_func=lambda o: t(f"rstep.{o}"))
        decision = c2.text_input(t("rec.decision"), max_chars=300, key="ro_doc")
        on = c3.date_input(t("rec.decided_on"), max_value=date.today(), key="ro_date", format="DD/MM/YYYY")
        note = st.text_area(t("col.note"), max_chars=2000, key="ro_note")
        if st.form_submit_button(t("rec.submit"), type="primary") and pid is not None:
            _attempt(lambda: record_outcome(db_path(), Outcome(pid, outcome, on, decision, note), user), "rec.done_outcome")


def _import_form(user: User) -> None:
    with st.expander(t("rec.form_import"), key="rx_form_import", icon=":material/upload_file:"):
        kind = st.radio(t("rec.import_kind"), list(KINDS), key="ri_kind", horizontal=True,
                        format_func=lambda k: t(f"rec.import_{k}"))
        st.download_button(t("rec.template"), data=template_csv(kind, lang()), file_name=f"mau-{kind}.csv",
                           mime="text/csv", key="ri_template", icon=":material/download:", on_click="ignore")
        upload = st.file_uploader(t("rec.file"), type=["csv", "xlsx", "xls", "ods"], key="ri_file")
        if upload is not None and st.button(t("rec.import_go"), key="ri_go", type="primary"):
            try:
                report = import_file(db_path(), upload, kind, user)
            except LoaderError as exc:
                st.error(plain(exc.text(lang())))
                return
            st.session_state["rec_done"] = t("rec.done_import", n=len(report.loaded), bad=len(report.messages))
            st.session_state["rec_import_messages"] = [t("rec.row_msg", row=n, text=m.text(lang()))
                                                       for n, m in report.messages]
            st.rerun()
        for line in st.session_state.pop("rec_import_messages", []):
            st.error(plain(line))


def flag_form(user: User, kind: str | None, ref: str | None, body: str | None) -> None:
    """Flag a record as wrong (``kind``/``ref`` given: this record; else any record)."""
    if not can(user, "flag"):
        st.caption(t("rec.flag_sign_in"))
        return
    suffix = ref or "any"   # the widgets' keys: fixed before ``ref`` takes what is typed below
    with st.expander(t("rec.flag_form"), key="rx_flag_form", icon=":material/flag:"), \
            st.form(f"rec_flag_{suffix}", clear_on_submit=True):
        if kind is None:
            c1, c2, c3 = st.columns(3)
            kind = c1.selectbox(t("rec.flag_kind"), TARGET_KINDS, key="rf_kind", format_func=lambda k: t(f"rflag.{k}"))
            ref = c2.text_input(t("rec.flag_ref"), max_chars=300, key="rf_ref", help=t("rec.flag_ref_help"))
            body = c3.text_input(t("col.body"), max_chars=20, key="rf_body")
        note = st.text_area(t("col.note"), max_chars=2000, key=f"rf_note_{suffix}")
        link = st.text_input(t("rec.link"), max_chars=300, key=f"rf_link_{suffix}")
        if st.form_submit_button(t("rec.flag_submit")):
            _attempt(lambda: flag(db_path(), target_kind=kind, target_ref=ref, body_code=body, note=note, link=link,
                                  user=user), "rec.done_flag")


def resolve_form(user: User, flags: pd.DataFrame) -> None:
    """Resolve an open flag: accept (the new value of one of the record's fields, applied to it) or
    reject (the reason; nothing else changes)."""
    if not can(user, "resolve_flag") or flags.empty:
        return
    with st.expander(t("rec.resolve_form"), key="rx_resolve_form", icon=":material/rule:"):
        by_id = flags.set_index("flag_id")
        fid = st.selectbox(t("rec.flag"), [int(i) for i in flags["flag_id"]], key="rr_flag",
                           format_func=lambda i: f"#{i} {t('rflag.' + by_id.at[i, 'target_kind'])} "
                                                 f"{by_id.at[i, 'target_ref']}: " + str(by_id.at[i, "note"])[:80])
        kind = by_id.at[fid, "target_kind"]
        with st.form(f"rec_resolve_{fid}", clear_on_submit=True):
            resolution = st.radio(t("rec.resolution"), RESOLUTIONS, key="rr_res", horizontal=True,
                                  format_func=lambda r: t(f"rres.{r}"))
            reason = st.text_area(t("rec.reason"), max_chars=2000, key="rr_reason")
            c1, c2 = st.columns([1, 2])
            field = c1.selectbox(t("rec.change_field"), FIELDS[kind], key=f"rr_field_{fid}",
                                 format_func=lambda f: t(f"rfield.{f}"))
            new = c2.text_input(t("rec.change_value"), max_chars=2000, key=f"rr_value_{fid}",
                                help=t("rec.change_value_help"))
            change = st.text_input(t("rec.change_made"), max_chars=2000, key="rr_change")
            if st.form_submit_button(t("rec.submit"), type="primary"):
                changes = {field: new} if resolution == "accepted" and (new or "").strip() else {}
                _attempt(lambda: resolve(db_path(), flag_id=fid, resolution=resolution, reason=reason,
                                         change_made=change, changes=changes, user=user), "rec.done_resolve")
