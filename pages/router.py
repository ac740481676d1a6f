"""Leave Streamlit's legacy ``pages/`` mode before anything else runs (imports only streamlit).

Streamlit 1.67 sees the ``pages/`` folder and starts a process in its legacy mode: the first run
after a server start lists every module of ``pages/`` (``app, admin, catalogue, charts, common, …``)
in the sidebar and runs a page file straight from the URL without app.py. The list stayed until
app.py's ``st.navigation`` came, after its imports and the first data load (~3-7 s on a cold
server). Here the legacy run replaces that list at once with the app's own pages, hidden (same
paths, so the URL keeps its page), then runs again as a normal ``st.navigation`` app.
"""
from __future__ import annotations

import copy
import threading

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

# A page is registered here, in two entries (CONTRIBUTING.md, "Add a page"); the order is the menu's.
# page file -> URL path ("" for the default page)
PAGES = {"pages/overview.py": "", "pages/ministries.py": "ministries", "pages/shared_platforms.py": "shared_platforms",
         "pages/catalogue.py": "catalogue", "pages/provinces.py": "provinces", "pages/imports.py": "imports",
         "pages/recognition.py": "recognition", "pages/about.py": "about", "pages/admin.py": "admin"}

# page file -> (the catalogue key of its title, its icon); app.py draws the menu from both
LOOK = {"pages/overview.py": ("nav.overview", ":material/dashboard:"),
        "pages/ministries.py": ("nav.ministries", ":material/account_balance:"),
        "pages/shared_platforms.py": ("nav.shared", ":material/timeline:"),
        "pages/catalogue.py": ("nav.catalogue", ":material/search:"),
        "pages/provinces.py": ("nav.provinces", ":material/location_city:"),
        "pages/imports.py": ("nav.imports", ":material/upload_file:"),
        "pages/recognition.py": ("nav.recognition", ":material/verified:"),
        "pages/about.py": ("nav.about", ":material/menu_book:"),
        "pages/admin.py": ("nav.admin", ":material/admin_panel_settings:")}


def ensure_router() -> None:
    """Route every run through app.py's ``st.navigation`` (see the module doc)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.navigation([st.Page(path, url_path=url or None, default=not url) for path, url in PAGES.items()],
                      position="hidden")
        st.rerun()


_MADE: dict[tuple, list] = {}   # (titles, hidden, shown, the app's folder) -> the menu's st.Page objects
_made_lock = threading.Lock()


def menu(titles: dict[str, str], hidden: set[str], shown: dict[str, str]) -> list:
    """The ``st.Page`` objects of the menu: ``shown`` (page file -> URL path) titled by ``titles``,
    those in ``hidden`` out of the menu but still answering. Built once per process and set of
    titles (a page resolves its file on the disk: ~2 ms for nine, on every run of every session)
    and copied for each run: ``st.navigation`` marks the page it returns, so a run never shares
    one with another session."""
    ctx = get_script_run_ctx()
    key = (tuple(titles[p] for p in shown), frozenset(hidden), tuple(shown.items()),
           str(ctx.pages_manager.main_script_parent) if ctx else "")
    made = _MADE.get(key)
    if made is None:
        made = [st.Page(p, title=titles[p], icon=LOOK[p][1], url_path=url or None, default=not url,
                        visibility="hidden" if p in hidden else "visible") for p, url in shown.items()]
        with _made_lock:
            if len(_MADE) >= 16:   # two languages x who sees /admin x writer or reader: a few
                _MADE.clear()
            _MADE[key] = made
    return [copy.copy(page) for page in made]
