"""NDP Tracker: the router. Registers every page and the filters shared by all of them."""
from __future__ import annotations

import os
import time

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from loaders import logs
from loaders.access import ANONYMOUS, can
from pages import upkeep
from pages.common import LANGS, data_version, ensure_router, from_url, snapshot, t, to_url
from pages.session import sidebar_box, sign_in_required
from reports.content import body_names

started = time.perf_counter()
ensure_router()
upkeep.start()
st.set_page_config(page_title="NDP Tracker", page_icon=":material/hub:", layout="wide")

PAGES = ["pages/overview.py", "pages/ministries.py", "pages/shared_platforms.py", "pages/catalogue.py",
         "pages/provinces.py", "pages/imports.py", "pages/admin.py", "pages/about.py", "pages/recognition.py"]

from_url("lang", LANGS, "vi")
with st.sidebar:
    st.segmented_control("Ngôn ngữ / Language", LANGS, key="lang", required=True,
                         format_func=lambda v: {"vi": "Tiếng Việt", "en": "English"}[v])
to_url("lang", "vi")

snap = snapshot()
user = sidebar_box()
# /admin is hidden from everyone else but still answers: the page refuses and audits the attempt
admin_pages = [st.Page(PAGES[6], title=t("nav.admin"), icon=":material/admin_panel_settings:", url_path="admin",
                       visibility="visible" if can(user, "view_audit") else "hidden")]
# A read replica (NDP_ROLE=reader, docs/deploy.md) offers no page whose purpose is to write.
writer = os.environ.get("NDP_ROLE", "writer") != "reader"
import_pages = [st.Page(PAGES[5], title=t("nav.imports"), icon=":material/upload_file:", url_path="imports")
                ] if writer else []
admin_pages = admin_pages if writer else []
navigation = st.navigation([
    st.Page(PAGES[0], title=t("nav.overview"), icon=":material/dashboard:", default=True),
    st.Page(PAGES[1], title=t("nav.ministries"), icon=":material/account_balance:", url_path="ministries"),
    st.Page(PAGES[2], title=t("nav.shared"), icon=":material/timeline:", url_path="shared_platforms"),
    st.Page(PAGES[3], title=t("nav.catalogue"), icon=":material/search:", url_path="catalogue"),
    st.Page(PAGES[4], title=t("nav.provinces"), icon=":material/location_city:", url_path="provinces"),
    *import_pages,
    st.Page(PAGES[8], title=t("nav.recognition"), icon=":material/verified:", url_path="recognition"),
    st.Page(PAGES[7], title=t("nav.about"), icon=":material/menu_book:", url_path="about"),
    *admin_pages,
])
if sign_in_required() and user is ANONYMOUS:
    st.info(t("auth.required"))
    st.stop()

bodies = body_names(snap, st.session_state.get("lang", "vi"))
from_url("ministry", bodies, [], multi=True)
# The ministry filter keeps its place in the sidebar but is drawn after the page: on a filter
# change the browser gets the page's chart before the filter's own redraw (pages read the choice
# from session state, which holds it before the widget is drawn). ~15% less time from a choice to
# the new chart in the browser (bench/run.py, docs/benchmarks.md).
filter_slot = st.sidebar.container()
upkeep.release_left_pages(navigation.url_path)
outcome = "ok"
try:
    navigation.run()
except (RerunException, StopException) as control:   # Streamlit's own flow: not an error
    outcome = "rerun" if isinstance(control, RerunException) else "stop"
    raise
except Exception as exc:   # the traceback goes to the log; the page says something went wrong
    outcome = "error"
    ctx = get_script_run_ctx()
    logs.event("error", str(exc)[:200], level=40, exc_info=exc, page=navigation.url_path or "overview",
               session=logs.session_id(ctx.session_id if ctx else None))
    st.error(t("common.error"), icon=":material/error:")
finally:   # also when a page stops or reruns: a widget not drawn in a run loses its state
    filter_slot.multiselect(t("sidebar.ministry"), list(bodies), key="ministry",
                            format_func=lambda c: f"{bodies[c]} ({c})", placeholder=t("sidebar.all"),
                            help=t("sidebar.ministry_help"))
    to_url("ministry", [])
    logs.event("page_view", page=navigation.url_path or "overview", outcome=outcome,
               duration_ms=round((time.perf_counter() - started) * 1000, 1),
               data_version=logs.version_id(data_version()), lang=st.session_state.get("lang"),
               ministries=len(st.session_state.get("ministry") or []))
