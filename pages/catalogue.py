"""Searchable table of platforms in the latest import of each list (layout only: what it shows is
``views.platforms.view_catalogue``)."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

import streamlit as st

from analysis.recognition import current_proposals
from analysis.search import MAX_QUERY, MAX_WORDS
from pages import cite, flags
from pages.common import list_selector, page_start
from pages.data import recognition_records
from pages.filter_state import selected_ministries
from pages.language import lang, t
from pages.links import carried
from pages.tables import table
from pages.url_state import from_url, to_url
from views import memo
from views.platforms import view_catalogue
from views.recognition import dossiers_of

snap = page_start("catalogue.title")

ALL = "all"
choices = [ALL] + list(snap.platform_list["list_id"])
row = st.container(horizontal=True)   # a row: one block message a run, not three (wraps on a phone)
list_id = list_selector(snap, "catalogue.list", "clist", choices, ALL, {ALL: t("catalogue.all_lists")}, row)
from_url("q", None, "")
query = row.text_input(t("catalogue.search"), key="q", max_chars=MAX_QUERY, help=t("catalogue.search_help"))
if len(query or "") > MAX_QUERY or len((query or "").split()) > MAX_WORDS:   # a client that ignores max_chars
    st.caption(t("catalogue.search_cut", chars=MAX_QUERY, words=MAX_WORDS))
to_url("q", "")

chosen = None if list_id == ALL else list_id
view = view_catalogue(snap, chosen, query, selected_ministries(), lang())
st.caption(t("catalogue.count", n=view["count"]))
rows = flags.with_marks(view["rows"], "platform", lambda: view["rows"][t("col.list")] + "/" + view["rows"][t("col.name")])
names = [t("col.name"), t("col.name_en")][::1 if lang() == "vi" else -1]   # open corrections' marks after the names
# the same frame on every run (once per shared frame): its drawing is kept too (pages.tables.drawable)
ordered = memo.of_object(rows, "catalogue_columns", lambda: rows[names + [c for c in rows.columns if c not in names]])
table(ordered, "nen-tang-so", "catalogue", chosen)
# the platforms shown that have a recognition dossier (dispatch 2291): a link to each
dossiers = dossiers_of(current_proposals(recognition_records()), view["rows"][t("col.list")], view["rows"][t("col.name")])
for pid, name in dossiers.items():
    st.page_link("pages/recognition.py", label=t("catalogue.dossier", name=name), icon=":material/verified:",
                 query_params=carried({"rsec": "dossier", "proposal": str(pid)}))   # pages/links.py
cite.show(t("catalogue.basis_note") if view["basis_note"] else "", view["cite"])   # one caption
