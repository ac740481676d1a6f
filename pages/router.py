"""Leave Streamlit's legacy ``pages/`` mode before anything else runs (imports only streamlit).

Streamlit 1.67 sees the ``pages/`` folder and starts a process in its legacy mode: the first run
after a server start lists every module of ``pages/`` (``app, admin, catalogue, charts, common, …``)
in the sidebar and runs a page file straight from the URL without app.py. The list stayed until
app.py's ``st.navigation`` came, after its imports and the first data load (~3-7 s on a cold
server). Here the legacy run replaces that list at once with the app's own pages, hidden (same
paths, so the URL keeps its page), then runs again as a normal ``st.navigation`` app.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

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
