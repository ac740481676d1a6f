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
