"""The reader's language (vi by default, en): the one place a page asks which it is, and its words."""
from __future__ import annotations

import threading
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from i18n.catalogue import coded, tr

LANGS = ("vi", "en")


_RUN = threading.local()   # the language a script run was drawn in, once its chooser is drawn


def lang() -> str:
    fixed = getattr(_RUN, "lang", None)
    if fixed is not None:
        return fixed
    value = st.session_state.get("lang")
    return value if value in LANGS else "vi"


@contextmanager
def fixed_for_run():
    """Within a run, after the language chooser: ``lang()`` answers without reading session state
    (asked ~70 times a run, each a locked lookup). Nothing in a run changes the language once its
    chooser is drawn; a switch is a widget change, so a new run. Widget callbacks run before the
    script, outside this block, and read session state as before."""
    _RUN.lang = lang()
    try:
        yield
    finally:
        _RUN.lang = None


def t(label: str, **params) -> str:
    return tr(label, lang(), **params)


def label_values(series: pd.Series, prefix: str) -> pd.Series:
    """Translate coded values (``published`` -> ``Đã công bố``) through ``TEXTS``."""
    return coded(series, prefix, lang())


def relabel(key: str) -> None:
    """Call before drawing the keyed chooser ``key`` whose option labels are in the reader's
    language. Streamlit's browser side keeps showing the label it last sent back (a selectbox's
    value travels as its label), so after a language switch the chosen option stayed in the former
    language (Vietnamese in the English page) while the options were relabelled. Setting the value
    again once after a switch makes Streamlit send it with the label of the current language."""
    shown = st.session_state.setdefault("_label_lang", {})
    if key in st.session_state and shown.get(key, lang()) != lang():
        st.session_state[key] = st.session_state[key]
    shown[key] = lang()
