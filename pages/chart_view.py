"""A chart as every page shows it: the Plotly figure without its hover toolbar (on a phone it
covered the title), a text alternative, and the figures behind it in a table in an expander."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pages.common import t

CONFIG = {"displayModeBar": False, "responsive": True}


def show_chart(fig: go.Figure, key: str, data: pd.DataFrame, *, dates: tuple[str, ...] = ()) -> None:
    """Draw ``fig`` and, folded under it, ``data`` (already in the reader's language): the same
    figures as a table a screen reader or a copy-paste can use. ``dates`` are date columns shown
    as dd/mm/yyyy."""
    title = fig.layout.title.text or ""
    st.plotly_chart(fig, key=key, config=CONFIG, alt=t("chart.alt", title=title))
    with st.expander(t("chart.data", title=title), icon=":material/table:"):
        st.dataframe(data, hide_index=True, key=f"{key}_data",
                     column_config={c: st.column_config.DateColumn(c, format="DD/MM/YYYY") for c in dates})
