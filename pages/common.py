"""What every page does first (``page_start``: route, read the data, title, filter note), the
list choosers and titles, a body's name, and a page's memoised view."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.data import snapshot
from pages.filter_state import filter_note, selected_ministries
from pages.language import lang, relabel, t
from pages.router import ensure_router
from pages.url_state import chosen_list, to_url
from store.snapshot import Snapshot
from views import memo
from views.scope import body_names
from views.tables import list_title as content_list_title

DATE_WIDTH = 220   # px: a date chooser beside a list chooser in one row (the list takes the rest)


def view(name: str, compute, *parts):
    """``compute()`` once per data version, language, ministry filter and ``parts`` (anything
    else the view depends on: a list, a date, a province), shared by every session, in the one
    bounded memo (``views.memo``). The result is shared: never modify it."""
    return memo.view(snapshot(), name, compute, lang(), selected_ministries(), *parts)


def body_name(snap: Snapshot, code: str | None) -> str:
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return "—"
    return body_names(snap, lang()).get(code, str(code))


def list_titles(snap: Snapshot, extra: dict[str, str] | None = None) -> dict[str, str]:
    """list_id -> title in the current language, computed now: widgets' ``format_func`` must not
    read session state when called (AppTest calls it outside the script run)."""
    language = lang()
    titles = memo.derived(snap, ("list_titles", language), lambda: {
        i: content_list_title(snap, i, language) for i in snap.platform_list["list_id"]})
    return {**(extra or {}), **titles}


def list_title(snap: Snapshot, list_id: str) -> str:
    return content_list_title(snap, list_id, lang())


def page_start(title_label: str, *, filter_note_shown: bool = True) -> Snapshot:
    """What every page does first: route through app.py, read the data, title, filter note."""
    ensure_router()
    snap = snapshot()
    st.title(t(title_label))
    st.session_state["page_title"] = t(title_label)   # what a table's Excel says it comes from (pages.tables)
    if filter_note_shown:
        filter_note(snap)
    return snap


def list_selector(snap: Snapshot, label: str, key: str, options: list[str], default: str,
                  extra: dict[str, str] | None = None, container=st) -> str:
    """A list chooser kept in the URL (``?key=list_id``), values checked against ``options``."""
    chosen_list(key, options, default)
    relabel(key)
    chosen = container.selectbox(t(label), options, key=key, format_func=list_titles(snap, extra).get,
                                 placeholder=t("widget.choose"))
    to_url(key, default)
    return chosen
