"""Công nhận nền tảng / Recognition: the six steps of dispatch 2291/BTTTT-KTS&XHS as a tracked
workflow — the funnel, each platform's dossier, the sixteen addressed bodies, corrections, and the
forms (role-checked on the server by actions/recognition.py). Layout only: the tables come from
reports/recognition.py, the figures from analysis/recognition.py."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

from datetime import date

import streamlit as st

from analysis.recognition import FUNNEL, open_flags
from pages import recognition_forms as forms
from pages.chart_view import show_chart
from pages.common import page_start
from pages.data import recognition_records
from pages.filter_state import ministry_scope
from pages.language import lang, t
from pages.session import current_user
from pages.tables import table
from pages.url_state import from_url, to_url
from reports import recognition as vm
from views.charts import stacked_bars, stage_bars, step_lines
from views.cites import plain
from views.tables import body_names

SECTIONS = ("funnel", "dossier", "bodies", "corrections", "enter")


snap = page_start("rec.title")
user = current_user()
records = recognition_records()
names = body_names(snap, lang())
v = vm.view(records, ministry_scope(snap), date.today(), lang())

done = st.session_state.pop("rec_done", None)
if done:
    st.success(done)
st.caption(t("rec.intro"))
n_open = len(open_flags(records))
if n_open:
    st.warning(t("rec.flags_open", n=n_open), icon=":material/flag:")

from_url("rsec", SECTIONS, "funnel")
section = st.segmented_control(t("rec.section"), SECTIONS, key="rsec", required=True,
                               format_func=lambda s: t(f"rec.sec_{s}"))
to_url("rsec", "funnel")
step_name = {s: t(f"rstep.{s}") for s in (*FUNNEL, "withdrawn", "none")}

if section == "funnel":
    counts = vm.funnel_table(v)
    cols = st.columns(len(FUNNEL))
    for col, step, n in zip(cols, FUNNEL, counts.iloc[:, 1]):
        col.metric(step_name[step], int(n))
    if v.props.empty:
        st.info(t("rec.none_yet"))
    # Each chart's figures are the table right under it (with its downloads): show_chart(..., None)
    show_chart(stage_bars(list(counts.iloc[:, 0]), list(counts.iloc[:, 1]), t("rec.funnel"), t("rec.col_count")),
               "rec_funnel_chart", None)
    table(counts, "cong-nhan-pheu", "rec_funnel_table")
    by_body = vm.funnel_by_body_table(v, names)
    if by_body.empty:   # a chart's title is drawn above it (show_chart); without one, the heading
        st.subheader(t("rec.by_body"))
    else:
        c = by_body.columns
        show_chart(stacked_bars(by_body, label_col=c[0], value_col=c[2], stack_col=c[1],
                                stack_order=[step_name[s] for s in FUNNEL], title=t("rec.by_body"),
                                value_label=t("rec.col_count"), legend_title=t("col.stage")), "rec_body_chart", None)
    table(by_body, "cong-nhan-theo-bo", "rec_body_table")
    over_time = vm.funnel_over_time_table(v)
    if over_time.empty:
        st.subheader(t("rec.over_time"))
    else:
        c = over_time.columns
        show_chart(step_lines(over_time, x_col=c[0], y_col=c[2], line_col=c[1],
                              line_order=[step_name[s] for s in FUNNEL], title=t("rec.over_time"),
                              value_label=t("rec.col_count"), legend_title=t("col.stage")), "rec_time_chart", None)
    table(over_time, "cong-nhan-theo-thoi-gian", "rec_time_table")
    st.subheader(t("rec.proposals"))
    table(vm.proposals_table(v, names), "de-xuat", "rec_proposals_table")

elif section == "dossier":
    ids = [int(i) for i in v.props["proposal_id"]]
    if not ids:
        st.info(t("rec.none_yet"))
    else:
        labels = dict(zip(ids, (f"#{i} {n}" for i, n in zip(v.props["proposal_id"], v.props["platform_name"]))))
        from_url("proposal", [str(i) for i in ids], str(ids[0]))
        chosen = st.selectbox(t("rec.platform"), [str(i) for i in ids], key="proposal", format_func=lambda i: labels[int(i)])
        to_url("proposal", None)
        pid = int(chosen)
        p = v.props.set_index("proposal_id").loc[pid]
        c1, c2, c3, c4 = st.columns(4)
        c1.metric(t("col.stage"), step_name.get(p["step"], p["step"]))
        c2.metric(t("col.body"), p["body_code"])
        c3.metric(t("rec.ownership"), t(f"rown.{p['ownership']}"))
        c4.metric(t("rec.list"), p["list_id"])
        st.markdown(f"**{plain(p['platform_name'])}** — {plain(p['purpose'] or '')}")
        if isinstance(p["owner_enterprise"], str):
            st.caption(f"{t('rec.owner')}: {plain(p['owner_enterprise'])}")
        flags = open_flags(records)
        mine = flags[(flags["target_kind"] == "proposal") & (flags["target_ref"] == str(pid))]
        if len(mine):
            st.warning(t("rec.flags_on_record", n=len(mine)), icon=":material/flag:")
        st.subheader(t("rec.criteria"))
        table(vm.criteria_table(v, pid), "tieu-chi", "rec_criteria_table")
        st.subheader(t("rec.timeline"))
        table(vm.timeline_table(v, pid), "ho-so", "rec_timeline_table")
        st.subheader(t("rec.documents"))
        table(vm.documents_table(v, pid), "van-ban", "rec_documents_table")
        forms.flag_form(user, "proposal", str(pid), p["body_code"])

elif section == "bodies":
    st.caption(t("rec.bodies_note"))
    table(vm.addressee_table(v, names), "co-quan-2291", "rec_bodies_table")

elif section == "corrections":
    table(vm.flags_table(records, lang()), "bao-sai-mo", "rec_flags_table")
    with st.expander(t("rec.flags_all")):
        table(vm.flags_table(records, lang(), only_open=False), "bao-sai", "rec_flags_all_table")
    forms.resolve_form(user, open_flags(records))
    forms.flag_form(user, None, None, None)

else:
    forms.entry_forms(user, snap, records, v.props)
