"""Công nhận nền tảng / Recognition: dispatch 2291's six steps as a tracked workflow — the funnel, each
platform's dossier, the sixteen addressed bodies, corrections, the forms (role-checked again by
actions/recognition.py). Layout only: what it shows is views/recognition.py, in the filter's ``Scope``."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

import streamlit as st

from analysis.recognition import FUNNEL, open_flags
from pages import correction_forms
from pages import recognition_forms as forms
from pages.chart_view import draw
from pages.common import page_start
from pages.data import recognition_records
from pages.filter_state import scope_for
from pages.language import lang, relabel, t
from pages.links import carried
from pages.session import current_user
from pages.tables import table
from pages.url_state import from_url, to_url
from views import recognition as vm
from views.cites import plain

SECTIONS = ("funnel", "dossier", "bodies", "corrections", "enter")

snap = page_start("rec.title")
user = current_user()
records = recognition_records()
v = vm.view_recognition(snap, scope_for("all"), records)   # "all": recognition spans the lists

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

if section == "funnel":
    counts = vm.funnel_table(v)
    for col, step, n in zip(st.columns(len(FUNNEL)), FUNNEL, counts.iloc[:, 1]):
        col.metric(vm.step_names(lang())[step], int(n))
    if v.props.empty:
        st.info(t("rec.none_yet"))
    # Each chart's figures are the table right under it (with its downloads), each chart built as it is drawn
    draw(vm.funnel_chart("funnel", counts, lang()), "rec_funnel_chart")
    table(counts, "cong-nhan-pheu", "rec_funnel_table")
    for which, frame, what in (("by_body", vm.funnel_by_body_table(v), "cong-nhan-theo-bo"),
                               ("over_time", vm.funnel_over_time_table(v), "cong-nhan-theo-thoi-gian")):
        key = "rec_body" if which == "by_body" else "rec_time"
        if frame.empty:   # a chart's title is drawn above it; without one, the heading
            st.header(t(f"rec.{which}"))
        else:
            draw(vm.funnel_chart(which, frame, lang()), f"{key}_chart")
        table(frame, what, f"{key}_table")
    st.header(t("rec.proposals"))
    table(vm.proposals_table(v), "de-xuat", "rec_proposals_table")

elif section == "dossier":
    labels = vm.proposal_labels(v.props)
    # a link to a proposal that is not there (a typo, or another server's): say so, never silently
    asked = None if "proposal" in st.session_state else st.query_params.get("proposal")
    if asked is not None and asked not in labels:
        st.warning(t("rec.no_such_proposal", asked=plain(asked[:40])), icon=":material/search_off:")
    if not labels:
        st.info(t("rec.none_yet"))
        st.query_params.pop("proposal", None)
    else:
        from_url("proposal", list(labels), next(iter(labels)))
        relabel("proposal")
        pid = int(st.selectbox(t("rec.platform"), list(labels), key="proposal", format_func=labels.get,
                               placeholder=t("widget.choose")))
        to_url("proposal", None)
        head = vm.dossier(v.props, records, pid, lang())
        for col, (label, value) in zip(st.columns(4), head["metrics"]):
            col.metric(label, value)
        st.markdown(head["heading"])
        if head["owner"]:
            st.caption(head["owner"])
        back = vm.in_catalogue(snap, v.props, pid)   # a recognised platform is in its list: back to it
        if back:
            st.page_link("pages/catalogue.py", label=t("rec.to_catalogue"), icon=":material/search:", query_params=carried(back))
        if head["open_flags"]:
            st.warning(t("rec.flags_on_record", n=head["open_flags"]), icon=":material/flag:")
        for what, (sub, key) in {"criteria": ("tieu-chi", "criteria"), "timeline": ("ho-so", "timeline"),
                                 "documents": ("van-ban", "documents")}.items():
            st.header(t(f"rec.{what}"))
            table(getattr(vm, f"{what}_table")(v, pid), sub, f"rec_{key}_table")
        correction_forms.flag_form(user, "proposal", str(pid), head["body"])

elif section == "bodies":
    st.caption(t("rec.bodies_note"))
    table(vm.addressee_table(v), "co-quan-2291", "rec_bodies_table")

elif section == "corrections":
    table(vm.flags_table(records, lang()), "bao-sai-mo", "rec_flags_table")
    with st.expander(t("rec.flags_all")):
        table(vm.flags_table(records, lang(), only_open=False), "bao-sai", "rec_flags_all_table")
    correction_forms.resolve_form(user, open_flags(records))
    correction_forms.flag_form(user, None, None, None)

else:
    forms.entry_forms(user, snap, records, v.props)
