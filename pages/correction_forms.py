"""Corrections on the Recognition page (and wherever a record can be flagged): flag a record as
wrong, and resolve an open flag (accept, applying the new value, or reject). The writes
(actions/corrections.py) check the role and audit."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from access.roles import User, can
from actions.correction_apply import FIELDS
from actions.corrections import RESOLUTIONS, TARGET_KINDS, flag, resolve
from pages.data import db_path
from pages.form_write import attempt
from pages.language import relabel, t


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
            relabel("rf_kind")
            kind = c1.selectbox(t("rec.flag_kind"), TARGET_KINDS, key="rf_kind", format_func=lambda k: t(f"rflag.{k}"),
                                placeholder=t("widget.choose"))
            ref = c2.text_input(t("rec.flag_ref"), max_chars=300, key="rf_ref", help=t("rec.flag_ref_help"))
            body = c3.text_input(t("col.body"), max_chars=20, key="rf_body")
        note = st.text_area(t("col.note"), max_chars=2000, key=f"rf_note_{suffix}")
        link = st.text_input(t("rec.link"), max_chars=300, key=f"rf_link_{suffix}")
        if st.form_submit_button(t("rec.flag_submit")):
            attempt(lambda: flag(db_path(), target_kind=kind, target_ref=ref, body_code=body, note=note, link=link,
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
                                                 f"{by_id.at[i, 'target_ref']}: " + str(by_id.at[i, "note"])[:80],
                           placeholder=t("widget.choose"))
        kind = by_id.at[fid, "target_kind"]
        with st.form(f"rec_resolve_{fid}", clear_on_submit=True):
            relabel("rr_res")
            resolution = st.radio(t("rec.resolution"), RESOLUTIONS, key="rr_res", horizontal=True,
                                  format_func=lambda r: t(f"rres.{r}"))
            reason = st.text_area(t("rec.reason"), max_chars=2000, key="rr_reason")
            c1, c2 = st.columns([1, 2])
            relabel(f"rr_field_{fid}")
            field = c1.selectbox(t("rec.change_field"), FIELDS[kind], key=f"rr_field_{fid}",
                                 format_func=lambda f: t(f"rfield.{f}"), placeholder=t("widget.choose"))
            new = c2.text_input(t("rec.change_value"), max_chars=2000, key=f"rr_value_{fid}",
                                help=t("rec.change_value_help"))
            change = st.text_input(t("rec.change_made"), max_chars=2000, key="rr_change")
            if st.form_submit_button(t("rec.submit"), type="primary"):
                changes = {field: new} if resolution == "accepted" and (new or "").strip() else {}
                attempt(lambda: resolve(db_path(), flag_id=fid, resolution=resolution, reason=reason,
                                         change_made=change, changes=changes, user=user), "rec.done_resolve")
