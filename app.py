"""NDP Tracker: the router. Registers every page and the filters shared by all of them."""
from __future__ import annotations

import streamlit as st

from pages.common import LANGS, snapshot, t

st.set_page_config(page_title="NDP Tracker", page_icon="📊", layout="wide")

PAGES = ["pages/overview.py", "pages/ministries.py", "pages/catalogue.py", "pages/imports.py"]

with st.sidebar:
    st.segmented_control(
        "Ngôn ngữ / Language", LANGS, key="lang", default="vi", required=True, bind="query-params",
        format_func=lambda v: {"vi": "Tiếng Việt", "en": "English"}[v])

navigation = st.navigation([
    st.Page(PAGES[0], title=t("nav.overview"), icon="🏠", url_path="overview", default=True),
    st.Page(PAGES[1], title=t("nav.ministries"), icon="🏛️", url_path="ministries"),
    st.Page(PAGES[2], title=t("nav.catalogue"), icon="🔎", url_path="catalogue"),
    st.Page(PAGES[3], title=t("nav.imports"), icon="📥", url_path="imports"),
])

snap = snapshot()
bodies = dict(zip(snap.body["code"], snap.body["name_en" if st.session_state.get("lang") == "en" else "name_vi"]))
with st.sidebar:
    st.multiselect(t("sidebar.ministry"), list(bodies), key="ministry", bind="query-params",
                   format_func=lambda c: f"{bodies[c]} ({c})", placeholder=t("sidebar.all"),
                   help=t("sidebar.ministry_help"))

navigation.run()
