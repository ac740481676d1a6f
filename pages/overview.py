"""Overview: headline figures with their source documents, and platforms per ministry."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

import pandas as pd
import streamlit as st

from analysis import citations
from analysis.counts import rollup
from analysis.figures import figure, headlines
from analysis.lineage import successor_map
from analysis.recognition import open_flags
from pages import cite
from pages.chart_view import show_chart
from pages.charts import per_body_bar
from pages.common import (
    XLSX,
    body_name,
    default_list,
    lang,
    list_title,
    list_titles,
    ministry_scope,
    page_start,
    recognition_records,
    scope_for,
    t,
)
from pages.common import table as show_table
from reports.content import list_counts
from reports.names import file_name
from reports.pdf import brief
from reports.workbook import full_report

snap = page_start("overview.title")
LISTS = ("national-2024", "shared-2025")
open_corrections = len(open_flags(recognition_records()))
if open_corrections:   # records flagged as wrong and not yet resolved (the Recognition page lists them)
    st.page_link("pages/recognition.py", label=t("rec.flags_open", n=open_corrections), icon=":material/flag:",
                 query_params={"rsec": "corrections"})
heads = headlines(snap.published_figure, snap.platform_list)


def fig_value(list_id: str, key: str) -> int | None:
    row = figure(heads, list_id, key)
    return None if row is None else int(row["value"])


def source_caption(list_id: str, key: str) -> None:
    row = figure(heads, list_id, key)
    if row is not None:
        cite.caption(row["source"], row.get("basis"))


def national_metrics() -> None:
    """The published national figures, as the documents give them (no filter)."""
    col1, col2, col3 = st.columns(3)
    with col1:
        st.metric(t("overview.national", bodies=fig_value("national-2024", "bodies_published"),
                    expected=fig_value("national-2024", "bodies_expected")), fig_value("national-2024", "platforms_bodies"))
        st.caption(t("overview.national_all", n=fig_value("national-2024", "platforms_all")))
        source_caption("national-2024", "platforms_bodies")
    with col2:
        listed = fig_value("shared-2025", "platforms_listed")
        named = int((snap.platform_current["list_id"] == "shared-2025").sum())
        st.metric(t("overview.shared"), listed)
        st.caption(t("overview.shared_named", named=named, unnamed=max((listed or 0) - named, 0)))
        source_caption("shared-2025", "platforms_listed")
    province_metric(col3)


def province_metric(col) -> None:
    with col:
        in_use, proposed = fig_value("province-40-2025", "platforms_in_use"), fig_value("province-40-2025",
                                                                                       "platforms_proposed")
        st.metric(t("overview.province"), f"{in_use} + {proposed}")
        source_caption("province-40-2025", "platforms_in_use")


def filtered_metrics(every: pd.DataFrame, chosen: pd.DataFrame) -> None:
    """Under a ministry filter: each list's platforms of the chosen bodies (the chart's rows),
    against the same count over every body, with the basis of the figures summed."""
    cols = st.columns(3)
    for col, list_id in zip(cols, LISTS):
        title = t(f"overview.legend.{list_id}")
        part = chosen[chosen["list"] == title]
        bases = sorted({b for v in part["basis"] for b in str(v).split("+")}) or ["items"]
        col.metric(t(f"overview.filtered.{list_id}"), int(part["count"].sum()))
        col.caption(t("overview.filtered_of", total=int(every.loc[every["list"] == title, "count"].sum()),
                      basis=", ".join(t(f"basis.{b}") for b in bases)))
    province_metric(cols[2])
    cols[2].caption(t("overview.not_filtered"))


# Platforms per ministry, the 2024 list mapped through the 2025 mergers so the lists compare.
latest = pd.Timestamp(snap.platform_list["as_of"].max()).date()
frames = []
for list_id in LISTS:
    counts = snap.derived(("overview_rollup", list_id),
                          lambda list_id=list_id: rollup(list_counts(snap, list_id), successor_map(snap.body, latest)))
    frames.append(counts.assign(list=t(f"overview.legend.{list_id}")))
every = pd.concat(frames, ignore_index=True)
scope = ministry_scope(snap)
chart = every if scope is None else every[every["body_code"].isin(scope)]
if scope is None:
    national_metrics()
else:
    filtered_metrics(every, chart)
chart = chart.assign(body=chart["body_code"].map(lambda c: body_name(snap, c)),
                     inferred=chart["basis"].map(citations.is_inferred))
if chart.empty:
    st.info(t("filter.empty"))
else:
    show_chart(per_body_bar(chart, label_col="body", value_col="count", color_col="list", title=t("overview.chart"),
                            value_label=t("col.count"), inferred_col="inferred"), "overview_chart",
               pd.DataFrame({t("col.body"): chart["body"], t("col.list"): chart["list"], t("col.count"): chart["count"],
                             t("col.basis"): [citations.mark(", ".join(t(f"basis.{b}") for b in str(v).split("+")), v)
                                              for v in chart["basis"]]}))
st.caption(t("overview.chart_note"))
cite.footnote(list(snap.platform_list.loc[snap.platform_list["list_id"].isin(["national-2024", "shared-2025"]), "source"])
              + list(snap.published_count.loc[snap.published_count["list_id"].isin(["national-2024", "shared-2025"]),
                                               "source"]))

st.subheader(t("overview.lists"))
loaded = snap.platform_current.groupby("list_id").size().rename("items")
last = snap.import_log.groupby("list_id")["imported_at"].max().rename("last")
table = snap.platform_list.set_index("list_id").join(loaded).join(last).reset_index()
show_table(pd.DataFrame({
    t("col.list"): [list_title(snap, i) for i in table["list_id"]],
    t("col.document"): citations.source_column(snap.document, table["source"], lang()),
    t("col.basis"): cite.basis_column(table["basis"]),
    t("col.published_total"): table["published_total"],
    t("col.items"): table["items"].fillna(0).astype(int),
    t("col.last_import"): table["last"],
}), "danh-sach", "lists_table")
cite.footnote(table["source"])

st.subheader(t("report.download"))
report_lists = list(snap.platform_list["list_id"])
report_list = st.selectbox(t("col.list"), report_lists, key="report_list", format_func=list_titles(snap).get,
                           index=report_lists.index(default_list(snap, report_lists)))
report_scope = scope_for(report_list)
buttons = st.container(horizontal=True)
records = recognition_records()
buttons.download_button(t("report.excel"), data=lambda: full_report(snap, report_scope, recognition=records), mime=XLSX,
                   on_click="ignore",
                   file_name=file_name("bao-cao", report_list, report_scope.ministries, report_scope.on, "xlsx"),
                   icon=":material/table_view:", key="report_xlsx")
buttons.download_button(t("report.pdf"), data=lambda: brief(snap, report_scope, records), mime="application/pdf", on_click="ignore",
                   file_name=file_name("tom-tat", report_list, report_scope.ministries, report_scope.on, "pdf"),
                   icon=":material/picture_as_pdf:", key="report_pdf")
