"""Overview: headline figures with their source documents, and platforms per ministry."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.counts import rollup
from analysis.figures import document_label, figure, headlines
from analysis.lineage import successor_map
from pages.charts import per_body_bar
from pages.common import (
    XLSX,
    body_name,
    lang,
    list_title,
    list_titles,
    ministry_scope,
    page_start,
    plain,
    scope_for,
    t,
    view,
)
from pages.common import table as show_table
from reports.content import list_counts
from reports.names import file_name
from reports.pdf import brief
from reports.workbook import full_report

snap = page_start("overview.title")


def model() -> dict:
    """Everything the overview shows above the downloads, for one language and filter (shared by
    every session through ``view``)."""
    heads = headlines(snap.published_figure, snap.platform_list)
    wanted = {"national-2024": ("bodies_published", "bodies_expected", "platforms_bodies", "platforms_all"),
              "shared-2025": ("platforms_listed",), "province-40-2025": ("platforms_in_use", "platforms_proposed")}
    rows = {(list_id, key): figure(heads, list_id, key) for list_id, keys in wanted.items() for key in keys}
    values = {k: None if row is None else int(row["value"]) for k, row in rows.items()}
    sources = {k: plain(document_label(row, lang())) for k, row in rows.items() if row is not None}

    # Platforms per ministry, the 2024 list mapped through the 2025 mergers so the lists compare.
    latest = pd.Timestamp(snap.platform_list["as_of"].max()).date()
    frames = []
    for list_id in ("national-2024", "shared-2025"):
        counts = snap.derived(("overview_rollup", list_id),
                              lambda list_id=list_id: rollup(list_counts(snap, list_id), successor_map(snap.body, latest)))
        frames.append(counts.assign(list=list_title(snap, list_id)))
    chart = pd.concat(frames, ignore_index=True)
    scope = ministry_scope(snap)
    if scope is not None:
        chart = chart[chart["body_code"].isin(scope)]
    chart["body"] = chart["body_code"].map(lambda c: body_name(snap, c))

    loaded = snap.platform_current.groupby("list_id").size().rename("items")
    last = snap.import_log.groupby("list_id")["imported_at"].max().rename("last")
    table = snap.platform_list.set_index("list_id").join(loaded).join(last).reset_index()
    return {
        "values": values, "sources": sources,
        "shared_named": int((snap.platform_current["list_id"] == "shared-2025").sum()),
        "figure": per_body_bar(chart, label_col="body", value_col="count", color_col="list",
                               title=t("overview.chart"), value_label=t("col.count")),
        "lists": pd.DataFrame({
            t("col.list"): [list_title(snap, i) for i in table["list_id"]],
            t("col.document"): [document_label(r, lang()) for r in table.to_dict("records")],
            t("col.published_total"): table["published_total"],
            t("col.items"): table["items"].fillna(0).astype(int),
            t("col.last_import"): table["last"],
        }),
    }


shown = view("overview", model)
values, sources = shown["values"], shown["sources"]


def fig_value(list_id: str, key: str) -> int | None:
    return values.get((list_id, key))


def source_caption(list_id: str, key: str) -> None:
    if (list_id, key) in sources:
        st.caption(sources[(list_id, key)])


col1, col2, col3 = st.columns(3)
with col1:
    st.metric(t("overview.national", bodies=fig_value("national-2024", "bodies_published"),
                expected=fig_value("national-2024", "bodies_expected")), fig_value("national-2024", "platforms_bodies"))
    st.caption(t("overview.national_all", n=fig_value("national-2024", "platforms_all")))
    source_caption("national-2024", "platforms_bodies")
with col2:
    listed = fig_value("shared-2025", "platforms_listed")
    named = shown["shared_named"]
    st.metric(t("overview.shared"), listed)
    st.caption(t("overview.shared_named", named=named, unnamed=max((listed or 0) - named, 0)))
    source_caption("shared-2025", "platforms_listed")
with col3:
    in_use, proposed = fig_value("province-40-2025", "platforms_in_use"), fig_value("province-40-2025",
                                                                                   "platforms_proposed")
    st.metric(t("overview.province"), f"{in_use} + {proposed}")
    source_caption("province-40-2025", "platforms_in_use")

st.plotly_chart(shown["figure"], key="overview_chart")
st.caption(t("overview.chart_note"))

st.subheader(t("overview.lists"))
show_table(shown["lists"], "danh-sach", "lists_table")

st.subheader(t("report.download"))
report_list = st.selectbox(t("col.list"), list(snap.platform_list["list_id"]), key="report_list",
                           format_func=list_titles(snap).get)
report_scope = scope_for(report_list)
r1, r2, _ = st.columns([2, 2, 3])
r1.download_button(t("report.excel"), data=lambda: full_report(snap, report_scope), mime=XLSX, on_click="ignore",
                   file_name=file_name("bao-cao", report_list, report_scope.ministries, report_scope.on, "xlsx"),
                   icon=":material/table_view:", key="report_xlsx")
r2.download_button(t("report.pdf"), data=lambda: brief(snap, report_scope), mime="application/pdf", on_click="ignore",
                   file_name=file_name("tom-tat", report_list, report_scope.ministries, report_scope.on, "pdf"),
                   icon=":material/picture_as_pdf:", key="report_pdf")
