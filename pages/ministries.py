"""Platforms per ministry for a chosen list; reconciliation; who has and has not published."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.figures import figure, headlines
from analysis.publication import status_summary
from pages.charts import BASIS_COLORS, per_body_bar
from pages.common import (
    body_name,
    label_values,
    list_selector,
    list_title,
    page_start,
    scope_for,
    t,
    table,
)
from reports import content

snap = page_start("ministries.title")

list_ids = list(snap.platform_list["list_id"])
list_id = list_selector(snap, "ministries.list", "list", list_ids, list_ids[0])
as_of = content.list_as_of(snap, list_id)
latest = pd.Timestamp(snap.platform_list["as_of"].max()).date()
use_lineage = st.toggle(t("ministries.lineage"), key="lineage", help=t("ministries.lineage_help"),
                        disabled=as_of >= latest)
scope = scope_for(list_id, as_of, use_lineage)
counts = content.counts(snap, scope)

if counts.empty:
    st.info(t("ministries.empty"))
else:
    chart = counts.assign(body=counts["body_code"].map(lambda c: body_name(snap, c)),
                          basis_label=label_values(counts["basis"], "basis"))
    colors = {t(f"basis.{k}"): v for k, v in BASIS_COLORS.items()}
    st.plotly_chart(per_body_bar(chart, label_col="body", value_col="count", color_col="basis_label",
                                 title=list_title(snap, list_id), value_label=t("col.count"), color_map=colors),
                    key="ministries_chart")
    st.caption(t("ministries.basis_note"))
    table(content.per_ministry_table(snap, scope), "theo-bo-nganh", "per_ministry", list_id, as_of)
unowned = int(((snap.platform_current["list_id"] == list_id) & snap.platform_current["ministry_code"].isna()).sum())
if unowned and not scope.ministries:
    st.caption(t("ministries.no_body", n=unowned))

reconciliation = content.reconciliation_table(snap, scope)
if not reconciliation.empty:
    st.subheader(t("ministries.reconcile"))
    table(reconciliation, "doi-chieu", "reconcile", list_id, as_of)

st.subheader(t("ministries.publication"))
summary = status_summary(content.publication(snap, scope))
cols = st.columns(3)
for col, status in zip(cols, ("published", "not_published", "unknown")):
    col.metric(t(f"status.{status}"), summary[status])
heads = headlines(snap.published_figure, snap.platform_list)
pub, exp = figure(heads, list_id, "bodies_published"), figure(heads, list_id, "bodies_expected")
if pub and exp and not scope.ministries:
    st.caption(t("ministries.published_figure", published=int(pub["value"]), expected=int(exp["value"]),
                 named=summary["published"]) + f" — {pub['source']}")
st.caption(t("ministries.publication_caption", date=as_of.strftime("%d/%m/%Y")))
table(content.publication_display(snap, scope), "cong-bo", "publication", list_id, as_of)
