"""A chart as every page shows it: the Plotly figure without its hover toolbar (on a phone it
covered the title), a text alternative, and the figures behind it in a table in an expander (drawn
when opened)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pages.language import lang
from pages.tables import plain_table
from views.charts import Shown, shown
from views.cites import plain

CONFIG = {"displayModeBar": False, "responsive": True}


def draw(chart: Shown, key: str) -> None:
    """Draw a chart a view prepared (``views.charts.shown``): nothing is rebuilt here."""
    if chart.title:
        st.markdown(f"**{plain(chart.title)}**")
    st.plotly_chart(chart.figure, key=key, config=CONFIG, alt=chart.alt)
    if chart.data is None:
        return
    # Drawn only while open (most readers never open it): a closed expander is one message a run,
    # and the table in it no longer goes to the browser on every run of every session.
    box = st.expander(chart.data_title, icon=":material/table:", key=f"{key}_data_open", on_change="rerun")
    if box.open:
        with box:
            plain_table(chart.data, f"{key}_data")


def show_chart(fig: go.Figure, key: str, data: pd.DataFrame | None) -> None:
    """Draw ``fig`` and, folded under it, ``data`` (already in the reader's language): the same
    figures as a table a screen reader or a copy-paste can use. ``None``: the page shows the
    chart's table right under it already (with its downloads). Prepares the figure on every run:
    a page that can should draw a view's prepared chart (``draw``)."""
    draw(shown(fig, data, lang()), key)
