"""Searchable table of platforms in the latest import of each list."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.search import search
from pages.common import ensure_router, body_name, from_url, to_url, filter_note, label_values, lang, list_title, ministry_scope, snapshot, t

ensure_router()
snap = snapshot()
st.title(t("catalogue.title"))
filter_note(snap)

ALL = "all"
choices = [ALL] + list(snap.platform_list["list_id"])
c1, c2 = st.columns([1, 2])
from_url("clist", choices, ALL)
from_url("q", None, "")
list_id = c1.selectbox(t("catalogue.list"), choices, key="clist",
                       format_func=lambda i: t("catalogue.all_lists") if i == ALL else list_title(snap, i))
query = c2.text_input(t("catalogue.search"), key="q")
to_url("clist", ALL)
to_url("q", "")

rows = snap.platform_current
if list_id != ALL:
    rows = rows[rows["list_id"] == list_id]
scope = ministry_scope(snap)
if scope is not None:
    rows = rows[rows["ministry_code"].isin(scope)]
rows = search(rows, query, ["name", "name_en", "ministry_as_written"])

st.caption(t("catalogue.count", n=len(rows)))
name_first = ["name", "name_en"] if lang() == "vi" else ["name_en", "name"]
st.dataframe(pd.DataFrame({
    t("col.name"): rows["name"], t("col.name_en"): rows["name_en"],
    t("col.body"): rows["ministry_code"].map(lambda c: body_name(snap, c)),
    t("col.name_basis"): label_values(rows["name_basis"], "name_basis"),
    t("col.status"): label_values(rows["status"], "status"),
    t("col.list"): rows["list_id"], t("col.source"): rows["source"],
}).reset_index(drop=True), hide_index=True,
    column_order=[t(f"col.{c}") for c in name_first] + [t(c) for c in (
        "col.body", "col.name_basis", "col.status", "col.list", "col.source")])
if (rows["name_basis"] == "translated").any():
    st.caption(t("catalogue.basis_note"))
