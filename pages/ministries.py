"""Platforms per ministry for a chosen list; reconciliation; who has and has not published."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.counts import per_body, reconcile, rollup
from analysis.figures import figure, headlines
from analysis.lineage import successor_map
from analysis.publication import publication_table, status_summary
from pages.charts import BASIS_COLORS, per_body_bar
from pages.common import ensure_router, body_name, from_url, to_url, filter_note, label_values, list_title, ministry_scope, snapshot, t

ensure_router()
snap = snapshot()
st.title(t("ministries.title"))
filter_note(snap)

list_ids = list(snap.platform_list["list_id"])
from_url("list", list_ids, list_ids[0])
list_id = st.selectbox(t("ministries.list"), list_ids, key="list", format_func=lambda i: list_title(snap, i))
to_url("list", list_ids[0])
meta = snap.platform_list.set_index("list_id").loc[list_id]
as_of = pd.Timestamp(meta["as_of"]).date()
latest = pd.Timestamp(snap.platform_list["as_of"].max()).date()
use_lineage = st.toggle(t("ministries.lineage"), key="lineage", help=t("ministries.lineage_help"),
                        disabled=as_of >= latest)

counts = per_body(snap.platform_current, snap.published_count, list_id)
if use_lineage and as_of < latest:
    counts = rollup(counts, successor_map(snap.body, latest))
scope = ministry_scope(snap)
if scope is not None:
    counts = counts[counts["body_code"].isin(scope)]

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
unowned = int(((snap.platform_current["list_id"] == list_id) & snap.platform_current["ministry_code"].isna()).sum())
if unowned and scope is None:
    st.caption(t("ministries.no_body", n=unowned))

if not counts.empty and counts["items"].notna().any():
    st.subheader(t("ministries.reconcile"))
    rec = reconcile(counts)
    st.dataframe(pd.DataFrame({
        t("col.body"): rec["body_code"].map(lambda c: body_name(snap, c)),
        t("col.items"): rec["items"], t("col.published"): rec["published"],
        t("col.difference"): rec["difference"], t("col.status"): label_values(rec["status"], "recon"),
        t("col.note"): [t("recon.note", body=b, items="-" if pd.isna(i) else i, published="-" if pd.isna(p) else p)
                        for b, i, p in zip(rec["body_code"], rec["items"], rec["published"])]}), hide_index=True)

st.subheader(t("ministries.publication"))
table = publication_table(snap.body, snap.publication_status, per_body(
    snap.platform_current, snap.published_count, list_id), list_id, as_of)
if scope is not None:
    table = table[table["body_code"].isin(scope)]
summary = status_summary(table)
cols = st.columns(3)
for col, status in zip(cols, ("published", "not_published", "unknown")):
    col.metric(t(f"status.{status}"), summary[status])
heads = headlines(snap.published_figure, snap.platform_list)
pub, exp = figure(heads, list_id, "bodies_published"), figure(heads, list_id, "bodies_expected")
if pub and exp and scope is None:
    st.caption(t("ministries.published_figure", published=int(pub["value"]), expected=int(exp["value"]),
                 named=summary["published"]) + f" — {pub['source']}")
st.caption(t("ministries.publication_caption", date=as_of.strftime("%d/%m/%Y")))
st.dataframe(pd.DataFrame({
    t("col.body"): table["body_code"].map(lambda c: body_name(snap, c)),
    t("col.status"): label_values(table["status"], "status"),
    t("col.basis"): label_values(table["basis"], "pubbasis"), t("col.source"): table["source"]}), hide_index=True)
