"""The Recognition page's assessment form (one result per criterion of the proposal's set) and its
file import (proposals, assessments... from a CSV or Excel file, with a template to fill); the
writes (actions/recognition.py, actions/recognition_import.py) check the role and audit."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from access.roles import User
from actions.recognition import record_assessment
from actions.recognition_import import KINDS, import_file, template_csv
from actions.recognition_records import Assessment, ItemResult
from analysis.recognition import ASSESSOR_KINDS
from loaders.messages import LoaderError
from pages.data import db_path
from pages.form_write import attempt, proposal_choice
from pages.language import lang, relabel, t
from views.cites import plain
from views.recognition import assessment_grid


def assessment_form(user: User, records, props: pd.DataFrame) -> None:
    with st.expander(t("rec.form_assessment"), key="rx_form_assessment", icon=":material/fact_check:"):
        pid = proposal_choice(props, "ra_pid")
        if pid is None:
            return
        set_id, grid = assessment_grid(records, props, pid)   # a row per criterion, not assessed yet
        with st.form("rec_assessment", clear_on_submit=True):
            c1, c2, c3, c4 = st.columns(4)
            relabel("ra_kind")
            kind = c1.selectbox(t("rec.assessor_kind"), ASSESSOR_KINDS, key="ra_kind", format_func=lambda k: t(f"rkind.{k}"),
                                placeholder=t("widget.choose"))
            name = c2.text_input(t("rec.assessor_name"), max_chars=300, key="ra_name")
            on = c3.date_input(t("rec.assessed_on"), max_value=date.today(), key="ra_date", format="DD/MM/YYYY")
            doc = c4.text_input(t("col.document"), max_chars=300, key="ra_doc")
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
                attempt(lambda: record_assessment(db_path(), Assessment(pid, kind, on, items, name, doc), user),
                         "rec.done_assessment")


def import_form(user: User) -> None:
    with st.expander(t("rec.form_import"), key="rx_form_import", icon=":material/upload_file:"):
        relabel("ri_kind")
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
