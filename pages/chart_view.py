"""A chart as every page shows it: the Plotly figure without its hover toolbar (on a phone it
covered the title), a text alternative, and the figures behind it in a table in an expander (drawn
when opened)."""
from __future__ import annotations

import threading

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.elements import plotly_chart as plotly_element

from pages.language import lang
from pages.tables import plain_table
from views.charts import Shown, json_digest, shown
from views.cites import plain

CONFIG = {"displayModeBar": False, "responsive": True}
_element_id: list = []   # Streamlit's compute_and_register_element_id, once wrapped
_lock = threading.Lock()


def _named(element_type: str, **kwargs) -> str:
    """Streamlit's element id for a chart, with a kept figure's JSON stood for by its digest
    (``views.charts.json_digest``): the same figure gets the same id run after run, another
    figure another id, without hashing the whole JSON on every draw."""
    digest = json_digest(kwargs.get("plotly_spec"))
    if digest is not None:
        kwargs["plotly_spec"] = digest
    return _element_id[0](element_type, **kwargs)


def install() -> None:
    """Put ``_named`` in front of the id ``st.plotly_chart`` computes (once per process)."""
    with _lock:
        if not _element_id:
            _element_id.append(plotly_element.compute_and_register_element_id)
            plotly_element.compute_and_register_element_id = _named


def draw(chart: Shown, key: str) -> None:
    """Draw a chart a view prepared (``views.charts.shown``): nothing is rebuilt here."""
    install()
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
