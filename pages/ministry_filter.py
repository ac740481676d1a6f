"""The sidebar's ministry filter: one state, the chosen body codes in ``st.session_state["ministry"]``.

The widget only shows and edits that state. Its own key (``ministry_pick``) holds what the browser
sent, which Streamlit keeps as the *labels* of the options: a label is in the reader's language, so
after a language switch the browser would send back labels that no longer exist and Streamlit would
drop them (the filter lost on a switch, issue 17). So the codes live outside the widget, the widget
is re-seeded from them before it is drawn, and a change goes back through ``on_change``.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from analysis.lineage import filter_order
from loaders.text import fold
from pages.language import lang, t
from pages.url_state import from_url, to_url
from store.snapshot import Snapshot
from views.memo import derived
from views.tables import body_names

KEY, WIDGET = "ministry", "ministry_pick"


def options(snap: Snapshot, language: str, on: date) -> dict[str, str]:
    """code -> option label, current bodies first then former ones, each by Vietnamese name. The
    label carries the name folded (``bo tai chinh``) where that differs, so typing without
    diacritics finds it, as the catalogue search does; a former body says so."""
    def build() -> dict[str, str]:
        names = body_names(snap, language)
        out = {}
        for code, current in filter_order(snap.body, on):
            name = names[code]
            label = f"{name} ({code})"
            if fold(name) != " ".join(name.casefold().split()):
                label += f" · {fold(name)}"
            out[code] = label if current else f"{label} — {t('sidebar.former')}"
        return out
    return derived(snap, ("ministry_options", language, on.isoformat()), build)


def seed(snap: Snapshot) -> None:
    """The filter's codes from the URL, once per session, before any page reads them (the known
    codes are worked out only then, once per data version: a run that has them asks nothing)."""
    if KEY not in st.session_state:
        from_url(KEY, derived(snap, ("body_codes",), lambda: frozenset(snap.body["code"])), [], multi=True)


def _picked() -> None:
    st.session_state[KEY] = list(st.session_state[WIDGET])


def draw(snap: Snapshot, container) -> None:
    """The multiselect showing ``st.session_state["ministry"]``, and the URL mirroring it."""
    labels = options(snap, lang(), date.today())
    chosen = [c for c in st.session_state.get(KEY) or [] if c in labels]
    st.session_state[KEY] = chosen
    st.session_state[WIDGET] = chosen
    container.multiselect(t("sidebar.ministry"), list(labels), key=WIDGET, on_change=_picked,
                          format_func=labels.get, placeholder=t("sidebar.all"), help=t("sidebar.ministry_help"),
                          select_all=False)
    to_url(KEY, [])
