"""Platforms per ministry for a chosen list; reconciliation; who has and has not published.

The three sections are tabs that run only when open (``.open``), so a ministry filter change
computes and redraws the chart and its table, not the other two sections; the open tab is kept in
the URL by code (``?section=reconcile``), so a link opens the same tab in either language. Everything
shown comes from ``content.ministries_view``, memoised per snapshot and filter.

The controls above the tabs (filter note, list chooser, lineage toggle) keep their place but are
drawn after the open tab, from the choices already in session state: the browser redraws the
chart before them after a change (with the sidebar filter drawn last by app.py, ~15% less time
from choosing a ministry to the new chart; docs/benchmarks.md).
"""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

import pandas as pd
import streamlit as st

from analysis import citations
from pages import cite, flags
from pages.chart_view import show_chart
from pages.charts import BASIS_COLORS, per_body_bar
from pages.common import (
    body_name,
    chosen_list,
    default_list,
    filter_note,
    from_url,
    label_values,
    list_selector,
    list_title,
    page_start,
    scope_for,
    t,
    table,
    to_url,
)
from reports import citing, content

snap = page_start("ministries.title", filter_note_shown=False)
controls = st.container()   # filter note, list chooser, lineage toggle: drawn at the end (module doc)

list_ids = list(snap.platform_list["list_id"])
list_id = chosen_list("list", list_ids, default_list(snap, list_ids))
as_of = content.list_as_of(snap, list_id)
latest = pd.Timestamp(snap.platform_list["as_of"].max()).date()
use_lineage = bool(st.session_state.get("lineage", False))
scope = scope_for(list_id, as_of, use_lineage)
SECTIONS = {"counts": "ministries.tab_counts", "reconcile": "ministries.tab_reconcile",
            "publication": "ministries.tab_publication"}
labels = {code: t(label) for code, label in SECTIONS.items()}
from_url("section", list(SECTIONS), "counts")   # the open tab, by code: a link means the same in any language
st.session_state["section_tab"] = labels[st.session_state["section"]]


def _tab_changed() -> None:
    chosen = st.session_state["section_tab"]
    st.session_state["section"] = next((c for c, label in labels.items() if label == chosen), "counts")


counts_tab, reconcile_tab, publication_tab = st.tabs(list(labels.values()), key="section_tab", on_change=_tab_changed)
to_url("section", "counts")

if counts_tab.open:
    view = content.ministries_view(snap, scope, "counts")
    with counts_tab:
        counts = view["counts"]
        if counts.empty:
            st.info(t("ministries.empty"))
        else:
            def figure():
                chart = counts.assign(body=counts["body_code"].map(lambda c: body_name(snap, c)),
                                      basis_label=label_values(counts["basis"], "basis"),
                                      inferred=counts["basis"].map(citations.is_inferred))
                colors = {t(f"basis.{k}"): v for k, v in BASIS_COLORS.items()}
                return per_body_bar(chart, label_col="body", value_col="count", color_col="basis_label",
                                    title=list_title(snap, list_id), value_label=t("col.count"), color_map=colors,
                                    inferred_col="inferred")
            show_chart(snap.derived(("ministries_chart", scope.key), figure), "ministries_chart", None)
            st.caption(t("ministries.basis_note"))
            cite.footnote(list(citing.count_sources(snap, list_id)) + list(view["list_sources"]))
            table(flags.with_marks(view["per_ministry"], "count", f"{list_id}/" + view["per_ministry"][t("col.code")]),
                  "theo-bo-nganh", "per_ministry", list_id, as_of)   # open corrections of the counts
            st.caption(t("ministries.keep_current"))
            cite.caption("portal-ndp ; cv-2291-2024")
            known = view["known_items"]
            if not known.empty:
                st.markdown(f"**{t('ministries.known_items')}**")
                table(known, "vi-du-trong-danh-sach", "known_items", list_id, as_of)
                cite.footnote(view["known_sources"])
        if view["unowned"] and not scope.ministries:
            st.caption(t("ministries.no_body", n=view["unowned"]))

if reconcile_tab.open:
    view = content.ministries_view(snap, scope, "reconcile")
    with reconcile_tab:
        st.caption(t("ministries.reconcile"))
        if view["reconciliation"].empty:
            st.info(t("ministries.no_reconcile"))
        else:
            table(view["reconciliation"], "doi-chieu", "reconcile", list_id, as_of)
            cite.footnote(list(citing.count_sources(snap, list_id)))

if publication_tab.open:
    view = content.ministries_view(snap, scope, "publication")
    with publication_tab:
        st.caption(t("ministries.publication"))
        summary = view["summary"]
        for col, status in zip(st.columns(3), ("published", "not_published", "unknown")):
            col.metric(t(f"status.{status}"), summary[status])
        pub, exp = view["published"], view["expected"]
        if pub and exp and not scope.ministries:
            st.caption(t("ministries.published_figure", published=int(pub["value"]), expected=int(exp["value"]),
                         named=summary["published"]))
            cite.caption(pub["source"], pub.get("basis"))
        st.caption(t("ministries.publication_caption", date=as_of.strftime("%d/%m/%Y")))
        if summary["not_published"]:
            st.caption(t("rule.caption", rule=t("rule.publish_or_answer")))
        table(view["publication"], "cong-bo", "publication", list_id, as_of)
        cite.footnote(list(view["status_sources"]) + list(citing.count_sources(snap, list_id))
                      + list(view["list_sources"]))

with controls:
    filter_note(snap)
    list_selector(snap, "ministries.list", "list", list_ids, default_list(snap, list_ids))
    st.toggle(t("ministries.lineage"), key="lineage", help=t("ministries.lineage_help"), disabled=as_of >= latest)
