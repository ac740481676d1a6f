"""Platforms per ministry for a chosen list; reconciliation; who has and has not published
(layout only: what it shows is ``views.ministries.view_ministries``). The three sections are tabs
that run only when open (``.open``): a filter change computes and redraws one section; the open tab
is kept in the URL by code (``?section=reconcile``), the same link in either language. The controls
above the tabs (filter note, list chooser, lineage toggle) keep their place but are drawn after the
open tab, from the choices in session state: the browser redraws the chart first (~15% less time
from choosing a ministry to the new chart; docs/benchmarks.md).
"""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

import streamlit as st

from pages import cite, flags
from pages.chart_view import draw
from pages.common import list_selector, page_start
from pages.filter_state import filter_note, selected_ministries
from pages.language import lang, t
from pages.links import carried
from pages.tables import table
from pages.url_state import chosen_list, coded_tabs
from views.ministries import SECTIONS, list_choices, view_ministries
from views.scope import default_list
from views.tables import list_as_of

snap = page_start("ministries.title", filter_note_shown=False)
controls = st.container()   # filter note, list chooser, lineage toggle: drawn at the end (module doc)

list_ids, latest = list_choices(snap)
list_id = chosen_list("list", list_ids, default_list(snap, list_ids))
as_of = list_as_of(snap, list_id)
if "lineage" not in st.session_state:   # a link's ?lineage=1: the switch is kept in the URL (mirrored below)
    st.session_state["lineage"] = st.query_params.get("lineage") == "1"
use_lineage = bool(st.session_state["lineage"])
chosen = selected_ministries()
tabs = coded_tabs("section", {code: t(f"ministries.tab_{code}") for code in SECTIONS}, "counts")


def view(section: str) -> dict:
    return view_ministries(snap, list_id, section, chosen, use_lineage, lang())


if tabs["counts"].open:
    shown = view("counts")
    with tabs["counts"]:
        if shown["chart"] is None:
            st.info(t("ministries.empty"))
        else:
            draw(shown["chart"], "ministries_chart")
            cite.show(t("ministries.basis_note"), shown["chart_cite"])
            table(flags.with_marks(shown["per_ministry"], "count", lambda: shown["per_ministry_refs"]),   # open corrections
                  "theo-bo-nganh", "per_ministry", list_id, as_of)
            cite.show(t("ministries.keep_current"), shown["portal_cite"])
            if not shown["known_items"].empty:
                st.markdown(f"**{t('ministries.known_items')}**")
                table(shown["known_items"], "vi-du-trong-danh-sach", "known_items", list_id, as_of)
                cite.show(shown["known_cite"])
        if shown["unowned"] and not chosen:
            st.caption(t("ministries.no_body", n=shown["unowned"]))

if tabs["reconcile"].open:
    shown = view("reconcile")
    with tabs["reconcile"]:
        st.caption(t("ministries.reconcile"))
        if shown["reconciliation"].empty:
            st.info(t("ministries.no_reconcile"))
        else:
            table(shown["reconciliation"], "doi-chieu", "reconcile", list_id, as_of)
            cite.show(shown["cite"])

if tabs["publication"].open:
    shown = view("publication")
    with tabs["publication"]:
        st.caption(t("ministries.publication"))
        summary = shown["summary"]
        metrics = st.container(horizontal=True)   # a row of metrics: one block message, not four
        for status in ("published", "not_published", "unknown"):
            metrics.metric(t(f"status.{status}"), summary[status])
        pub, exp = shown["published"], shown["expected"]
        figure = (t("ministries.published_figure", published=int(pub["value"]), expected=int(exp["value"]),
                    named=summary["published"]), shown["published_cite"]) if pub and exp and not chosen else ()
        cite.show(*figure, t("ministries.publication_caption", date=as_of.strftime("%d/%m/%Y")),   # one caption
                  t("rule.caption", rule=t("rule.publish_or_answer")) if summary["not_published"] else "")
        table(flags.with_marks(shown["publication"], "status", shown["publication_refs"]), "cong-bo", "publication", list_id, as_of)
        cite.show(shown["cite"])

with controls:
    filter_note(snap)
    list_selector(snap, "ministries.list", "list", list_ids, default_list(snap, list_ids))
    # the report to send: the overview's report section opened on this list (the filter goes along),
    # the link written as the overview keeps its URL (its default list left out: pages/links.py)
    overview_default = default_list(snap, list(snap.platform_list["list_id"]))
    st.page_link("pages/overview.py", label=t("ministries.report_link"), icon=":material/summarize:",
                 query_params=carried({"report_list": None if list_id == overview_default else list_id}))
    st.toggle(t("ministries.lineage"), key="lineage", help=t("ministries.lineage_help"), disabled=as_of >= latest)
    if st.session_state["lineage"]:
        st.query_params["lineage"] = "1"
    else:
        st.query_params.pop("lineage", None)
