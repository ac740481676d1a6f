"""NDP Tracker: the router. Registers every page and the filters shared by all of them."""
from __future__ import annotations

import streamlit as st

from loaders.access import ANONYMOUS, can
from pages import ministry_filter
from pages.common import LANGS, ensure_router, from_url, snapshot, t, to_url
from pages.session import sidebar_box, sign_in_required

ensure_router()
st.set_page_config(page_title="NDP Tracker", page_icon=":material/hub:", layout="wide")
# A metric's label wraps instead of ending in "…": at 1024 px three metrics a row cut every label.
st.html("<style>[data-testid=stMetricLabel] * {white-space: normal !important; overflow: visible !important;"
        " text-overflow: clip !important}</style>")

PAGES = ["pages/overview.py", "pages/ministries.py", "pages/shared_platforms.py", "pages/catalogue.py",
         "pages/provinces.py", "pages/imports.py", "pages/admin.py"]

from_url("lang", LANGS, "vi")
with st.sidebar:
    st.segmented_control("Ngôn ngữ / Language", LANGS, key="lang", required=True,
                         format_func=lambda v: {"vi": "Tiếng Việt", "en": "English"}[v])
to_url("lang", "vi")

snap = snapshot()
user = sidebar_box()
admin_pages = [st.Page(PAGES[6], title=t("nav.admin"), icon=":material/admin_panel_settings:", url_path="admin")
               ] if can(user, "view_audit") else []
navigation = st.navigation([
    st.Page(PAGES[0], title=t("nav.overview"), icon=":material/dashboard:", default=True),
    st.Page(PAGES[1], title=t("nav.ministries"), icon=":material/account_balance:", url_path="ministries"),
    st.Page(PAGES[2], title=t("nav.shared"), icon=":material/timeline:", url_path="shared_platforms"),
    st.Page(PAGES[3], title=t("nav.catalogue"), icon=":material/search:", url_path="catalogue"),
    st.Page(PAGES[4], title=t("nav.provinces"), icon=":material/location_city:", url_path="provinces"),
    st.Page(PAGES[5], title=t("nav.imports"), icon=":material/upload_file:", url_path="imports"),
    *admin_pages,
])
if sign_in_required() and user is ANONYMOUS:
    st.info(t("auth.required"))
    st.stop()

ministry_filter.seed(snap)
# The ministry filter keeps its place in the sidebar but is drawn after the page: on a filter
# change the browser gets the page's chart before the filter's own redraw (pages read the choice
# from session state, which holds it before the widget is drawn: pages/ministry_filter.py). ~15%
# less time from a choice to the new chart in the browser (bench/run.py, docs/benchmarks.md).
filter_slot = st.sidebar.container()
try:
    navigation.run()
finally:   # also when a page stops or reruns: a widget not drawn in a run loses its state
    ministry_filter.draw(snap, filter_slot)
