"""About the data: the documents, what is verbatim / translated / identified / inferred, the known
gaps, and when each reference file was last checked. Layout only: what it shows is
``views.about.view_about`` (analysis/about.py decides)."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

import streamlit as st

from pages import cite, flags
from pages.common import page_start
from pages.data import recognition_records
from pages.language import lang, t
from pages.tables import table
from views.about import view_about

snap = page_start("about.title", filter_note_shown=False)
view = view_about(snap, recognition_records(), lang())
st.caption(t("about.intro"))

st.header(t("about.documents"))
for heading, lines in view["documents"]:
    st.markdown(f"**{heading}**")
    st.markdown("\n".join(line + flags.note("document", doc_id) for line, doc_id in lines))
if view["relation"]:
    st.caption(view["relation"])
    cite.show(view["relation_cite"])

guidance = view["guidance"]
if guidance:
    st.header(guidance["title"])
    st.markdown(guidance["steps"])
    cite.show(guidance["steps_cite"])
    st.caption(guidance["addressees"])
    cite.show(guidance["addressees_cite"])

st.header(t("about.bases"))
st.markdown(view["bases"])
st.markdown(view["inferences"])

st.header(t("about.gaps"))
for paragraph in view["gaps"]:
    st.markdown(paragraph)
cite.show(view["gaps_cite"])
if view["unnamed"] is not None:
    st.markdown(view["unnamed_text"])
    table(view["unnamed"], "nen-tang-chua-ten", "about_unnamed")
    cite.show(view["unnamed_cite"])
if view["known"] is not None:
    st.markdown(view["known_text"])
    st.markdown(view["known"])
    cite.show(view["known_cite"])

st.header(t("about.checked"))
table(view["checked"], "doi-chieu-nguon", "about_checked")
cite.show(view["checked_cite"])
st.caption(t("about.texts"))
