"""The progress page's forms for keeping public evidence current (editors of their own body's
platforms, administrators): add a piece of evidence; confirm or withdraw one. The writes check the
role again on the server (actions/evidence_edit.py); these forms are only shown to those who may."""
from __future__ import annotations

from datetime import date

import streamlit as st

from access.roles import User
from actions.evidence_edit import add_evidence, review_evidence
from loaders.messages import LoaderError
from pages.data import db_path
from pages.language import lang, relabel, t
from store.evidence import CONFIDENCES
from store.snapshot import Snapshot
from views.cites import plain
from views.evidence import review_choices
from views.progress import stage_names, writable_rows


def evidence_forms(snap: Snapshot, list_id: str, user: User) -> None:
    """For the list's platforms the user may write for (an editor: their body's)."""
    platforms = writable_rows(snap, list_id, user.role, user.body_code)
    stage_name = stage_names(snap, lang())
    done = st.session_state.pop("evidence_done", None)
    if done:
        st.success(done)
    st.header(t("evidence.edit_title"))
    add, review = st.tabs([t("evidence.add"), t("evidence.review")])
    with add, st.form("evidence_add", clear_on_submit=True):
        name = st.selectbox(t("shared.platform"), list(platforms["name"]), key="ev_platform", placeholder=t("widget.choose"))
        relabel("ev_stage")
        stage = st.selectbox(t("col.stage"), list(stage_name), format_func=stage_name.get, key="ev_stage",
                             placeholder=t("widget.choose"))
        stated = st.text_input(t("evidence.stated_date"), key="ev_stated", max_chars=10, placeholder="2025-09-12")
        url = st.text_input(t("evidence.link"), key="ev_url", max_chars=1000, placeholder="https://")
        publisher = st.text_input(t("evidence.publisher"), key="ev_publisher", max_chars=200)
        published = st.text_input(t("evidence.source_date"), key="ev_source_date", max_chars=10, placeholder="2025-09-12")
        quote = st.text_area(t("evidence.quote"), key="ev_quote", max_chars=1000)
        relabel("ev_confidence")
        confidence = st.radio(t("evidence.confidence"), list(CONFIDENCES), horizontal=True, key="ev_confidence",
                              format_func=lambda c: t(f"evidence.{c}"))
        note = st.text_area(t("col.note"), key="ev_note", max_chars=1000)
        if st.form_submit_button(t("evidence.add"), type="primary"):
            _write(lambda: add_evidence(db_path(), user, list_id=list_id, platform_name=name, stage_id=stage,
                                        stated_date=stated, source_url=url, source_publisher=publisher,
                                        source_date=published, quote=quote, confidence=confidence, note=note,
                                        today=date.today()), t("evidence.added"))
    labels = review_choices(snap, list_id, platforms["name_key"], stage_name, lang())
    with review:
        if not labels:
            st.caption(t("evidence.nothing_to_review"))
            return
        with st.form("evidence_review", clear_on_submit=True):
            relabel("ev_pick")
            pick = st.selectbox(t("evidence.pick"), list(labels), format_func=labels.get, key="ev_pick",
                                placeholder=t("widget.choose"))
            relabel("ev_action")
            action = st.radio(t("evidence.action"), ["confirm", "withdraw"], horizontal=True, key="ev_action",
                              format_func=lambda a: t(f"evidence.action.{a}"))
            why = st.text_area(t("col.note"), key="ev_review_note", max_chars=1000)
            if st.form_submit_button(t("evidence.record"), type="primary"):
                _write(lambda: review_evidence(db_path(), user, evidence_key=pick, action=action, note=why),
                       t(f"evidence.done.{action}"))


def _write(work, success: str) -> None:
    try:
        work()
    except LoaderError as exc:
        st.error(plain(exc.text(lang())))
    else:
        st.session_state["evidence_done"] = success
        st.rerun()
