"""Searchable table of platforms in the latest import of each list."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

import streamlit as st

from analysis.search import MAX_QUERY, MAX_WORDS
from pages import cite, flags
from pages.common import (
    from_url,
    lang,
    list_selector,
    page_start,
    scope_for,
    t,
    table,
    to_url,
)
from reports.content import platforms_table

snap = page_start("catalogue.title")

ALL = "all"
choices = [ALL] + list(snap.platform_list["list_id"])
c1, c2 = st.columns([1, 2])
list_id = list_selector(snap, "catalogue.list", "clist", choices, ALL, {ALL: t("catalogue.all_lists")}, c1)
from_url("q", None, "")
query = c2.text_input(t("catalogue.search"), key="q", max_chars=MAX_QUERY)
if len(query or "") > MAX_QUERY or len((query or "").split()) > MAX_WORDS:   # a client that ignores max_chars
    st.caption(t("catalogue.search_cut", chars=MAX_QUERY, words=MAX_WORDS))
to_url("q", "")

chosen = None if list_id == ALL else list_id
rows = platforms_table(snap, scope_for(chosen or ALL), lang(), query, chosen)
rows = flags.with_marks(rows, "platform", rows[t("col.list")] + "/" + rows[t("col.name")])   # open corrections
st.caption(t("catalogue.count", n=len(rows)))
first, second = (t("col.name"), t("col.name_en")) if lang() == "vi" else (t("col.name_en"), t("col.name"))
table(rows[[first, second] + [c for c in rows.columns if c not in (first, second)]], "nen-tang-so", "catalogue",
      chosen)
if (snap.platform_current["name_basis"] == "translated").any():
    st.caption(t("catalogue.basis_note"))
shown = snap.platform_current if chosen is None else snap.platform_current[snap.platform_current["list_id"] == chosen]
cite.footnote(shown["source"])
