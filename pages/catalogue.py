"""Searchable table of platforms in the latest import of each list."""
from __future__ import annotations

import streamlit as st

from pages.common import (
    ensure_router,
    filter_note,
    from_url,
    lang,
    list_titles,
    scope_for,
    snapshot,
    t,
    table,
    to_url,
)
from reports.content import platforms_table

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
                       format_func=list_titles(snap, {ALL: t("catalogue.all_lists")}).get)
query = c2.text_input(t("catalogue.search"), key="q")
to_url("clist", ALL)
to_url("q", "")

chosen = None if list_id == ALL else list_id
rows = platforms_table(snap, scope_for(chosen or ALL), lang(), query, chosen)
st.caption(t("catalogue.count", n=len(rows)))
first, second = (t("col.name"), t("col.name_en")) if lang() == "vi" else (t("col.name_en"), t("col.name"))
table(rows[[first, second] + [c for c in rows.columns if c not in (first, second)]], "nen-tang-so", "catalogue",
      chosen)
if (snap.platform_current["name_basis"] == "translated").any():
    st.caption(t("catalogue.basis_note"))
