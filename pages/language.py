"""The reader's language (vi by default, en): the one place a page asks which it is, and its words."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from i18n.catalogue import coded, tr

LANGS = ("vi", "en")


def lang() -> str:
    value = st.session_state.get("lang")
    return value if value in LANGS else "vi"


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
