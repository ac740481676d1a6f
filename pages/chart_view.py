"""A chart as every page shows it: the Plotly figure without its hover toolbar (on a phone it
covered the title), a text alternative, and the figures behind it in a table in an expander."""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pages.common import column_rules, plain, t

CONFIG = {"displayModeBar": False, "responsive": True}


def show_chart(fig: go.Figure, key: str, data: pd.DataFrame | None) -> None:
    """Draw ``fig`` and, folded under it, ``data`` (already in the reader's language): the same
    figures as a table a screen reader or a copy-paste can use. ``None``: the page shows the
    chart's table right under it already (with its downloads)."""
    title = html.unescape((fig.layout.title.text or "").replace("<br>", " "))
    # The title above the chart as page text: it wraps on a phone, where a Plotly title runs off
    # the edge and the chart's own toolbar covers it.
    if title:
        st.markdown(f"**{plain(title)}**")
    fig = go.Figure(fig).update_layout(title=None, margin={"t": 10})
    st.plotly_chart(fig, key=key, config=CONFIG, alt=t("chart.alt", title=title))
    if data is None:
        return
    with st.expander(t("chart.data", title=title), icon=":material/table:"):
        st.dataframe(data, hide_index=True, key=f"{key}_data", column_config=column_rules(data))
