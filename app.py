"""NDP Tracker: the router. Registers every page and the filters shared by all of them."""
from __future__ import annotations

import os
import time
from contextlib import nullcontext

import streamlit as st

from pages.router import LOOK, PAGES, ensure_router, menu

started = time.perf_counter()
ensure_router()   # first, before the imports below: a cold server's legacy run ends here (pages/router.py)

from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from access.roles import ANONYMOUS, can
from loaders import logs
from pages import ministry_filter, upkeep, widget_texts
from pages.data import data_version, snapshot
from pages.language import LANGS, fixed_for_run, t
from pages.run_gate import GATE
from pages.sign_in import sidebar_box, sign_in_required
from pages.url_state import from_url, to_url

upkeep.start()
st.set_page_config(page_title="NDP Tracker", page_icon=":material/hub:", layout="wide")
# A metric's label wraps instead of ending in "…" (at 1024 px three metrics a row cut every label);
# captions in a grey readable at WCAG AA (the default is 3.9:1 on white; axe-core, tests/browser).
# (drawn with the widget texts' stylesheet below: one element)
APP_CSS = ("[data-testid=stMetricLabel] * {white-space: normal !important; overflow: visible !important;"
           " text-overflow: clip !important}"
           " [data-testid=stCaptionContainer] {color: #5f5e5c !important; opacity: 1 !important}"
           # a collapsed sidebar (a phone) is off screen: out of the Tab order too (12 hidden stops
           # before "Expand sidebar"); a menu link focused by the keyboard shows it
           " [data-testid=stSidebar][data-collapsed=true], [data-testid=stSidebar][data-collapsed=true] *"
           " {visibility: hidden !important}"
           " [data-testid=stSidebarNavLink]:focus-visible {outline: 2px solid #1c4e80 !important; outline-offset: -2px}"
           # a page's sections are h2 under its h1 (axe-core: heading-order), drawn at the size
           # Streamlit gives a subheader
           " [data-testid=stMain] [data-testid=stHeading] h2 {font-size: 1.75rem; padding: 0.5rem 0 0.25rem}")

# Pages whose runs mostly wait (a sandboxed read, a write, a password check) leave their turn
# while they run; every other run takes its turn at the gate (pages/run_gate.py).
STEP_OUT = {"imports", "admin", "recognition"}


def serve(waited: float) -> None:
    """One script run: the chrome (language, sign-in, menu, ministry filter) and the page."""
    from_url("lang", LANGS, "vi")
    with st.sidebar:
        st.segmented_control("Ngôn ngữ / Language", LANGS, key="lang", required=True,
                             format_func=lambda v: {"vi": "Tiếng Việt", "en": "English"}[v])
    to_url("lang", "vi")
    with fixed_for_run():   # the language is settled for this run: asked without a session lookup
        _draw(waited)


def _draw(waited: float) -> None:
    """The rest of a run, in the language chosen: the stylesheet, sign-in, menu, page and filter."""
    widget_texts.localise(APP_CSS)   # Streamlit's own English widget texts, in the reader's language

    snap = snapshot()
    user = sidebar_box()
    # /admin is hidden from everyone else but still answers: the page refuses and audits the attempt
    hidden = set() if can(user, "view_audit") else {"pages/admin.py"}
    # A read replica (NDP_ROLE=reader, docs/deploy.md) offers no page whose purpose is to write.
    writer = os.environ.get("NDP_ROLE", "writer") != "reader"
    shown = {p: url for p, url in PAGES.items() if writer or p not in ("pages/imports.py", "pages/admin.py")}
    navigation = st.navigation(menu({p: t(LOOK[p][0]) for p in shown}, hidden, shown))
    if sign_in_required() and user is ANONYMOUS:
        st.info(t("auth.required"))
        st.stop()

    ministry_filter.seed(snap)
    # The ministry filter keeps its place in the sidebar but is drawn after the page: on a filter
    # change the browser gets the page's chart before the filter's own redraw (pages read the choice
    # from session state, which holds it before the widget is drawn: pages/ministry_filter.py). ~15%
    # less time from a choice to the new chart in the browser (bench/run.py, docs/benchmarks.md).
    # No page draws in the sidebar: the end of the sidebar is the filter's place, without a container
    # of its own (one element less a run).
    filter_slot = st.sidebar
    upkeep.release_left_pages(navigation.url_path)
    outcome = "ok"
    try:
        with GATE.stepped_out() if navigation.url_path in STEP_OUT else nullcontext():
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
        ministry_filter.draw(snap, filter_slot)
        logs.event("page_view", page=navigation.url_path or "overview", outcome=outcome,
                   duration_ms=round((time.perf_counter() - started) * 1000, 1), waited_ms=round(waited * 1000, 1),
                   data_version=logs.version_id(data_version()), lang=st.session_state.get("lang"),
                   ministries=len(st.session_state.get("ministry") or []))


try:
    with GATE.admitted() as waited_s:
        serve(waited_s)
except RerunException:   # Streamlit reruns on this thread: its next turn comes first
    GATE.first_next()
    raise
