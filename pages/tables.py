"""Tables as every page shows them: dates dd/mm/yyyy, links as links, inferred rows muted (which
are which: views/table_marks.py), and exactly the rows shown offered as CSV and Excel under a
"Download" button (``table``)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from pages import arrow_kept
from pages.data import snapshot
from pages.filter_state import selected_ministries
from pages.language import lang, t
from reports.files import csv_bytes, xlsx_bytes
from reports.names import file_name
from views import memo
from views.file_about import about_rows
from views.table_marks import link_columns, muted_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_TITLE = "page_title"   # session state: the title of the page being drawn (pages.common.page_start)


def date_columns(df: pd.DataFrame) -> dict:
    """One rule for dates in tables: dd/mm/yyyy (with the time where the column has one)."""
    config = {}
    for col in df.columns:
        values = df[col].dropna()
        if pd.api.types.is_datetime64_any_dtype(df[col]):
            has_time = bool(len(values)) and bool((values != values.dt.normalize()).any())
            config[col] = st.column_config.DatetimeColumn(col, format="DD/MM/YYYY HH:mm" if has_time else "DD/MM/YYYY")
        elif len(values) and all(isinstance(v, date) for v in values.head(20)):
            config[col] = st.column_config.DateColumn(col, format="DD/MM/YYYY")
    return config


def column_rules(df: pd.DataFrame) -> dict:
    """Dates as dd/mm/yyyy, and the first column (the name) no wider than "medium", so on a phone
    the next column (the match, the ministry) shows beside it, not only after a scroll."""
    config = date_columns(df)
    if len(df.columns) > 1 and df.columns[0] not in config:
        config[df.columns[0]] = st.column_config.Column(df.columns[0], width="medium")
    return config


def table(df: pd.DataFrame, what: str, key: str, list_id: str | None = None, on: date | None = None) -> None:
    """Show ``df`` and offer exactly its rows as CSV and Excel (in a popover under it, drawn when
    opened), named for what and when. What the
    table needs to be drawn (column rules, link columns, muted rows) is worked out once per frame:
    a view's frame is shared by every session and drawn on every run."""
    rules, links, data = drawable(df)
    config = dict(rules)   # dates dd/mm/yyyy, the name column "medium"
    for c in links:   # web addresses shown as links, never as bare URLs
        config[c] = st.column_config.LinkColumn(c, display_text=t("common.open_source"))
    st.dataframe(data(), hide_index=True, key=key, column_config=config)
    if df.empty:
        return
    # One "Download" button under the table opening CSV and Excel: the two are drawn only while it
    # is open (a closed popover is one message a run, against three for a row of two buttons on
    # every run of every session: bench/load.py, docs/benchmarks.md "Ninth session").
    box = st.popover(t("common.download"), icon=":material/download:", key=f"{key}_downloads", on_change="rerun")
    if not box.open:
        return
    name = lambda ext: file_name(what, list_id, selected_ministries(), on or date.today(), ext)  # noqa: E731
    box.download_button("CSV", data=lambda: csv_bytes(df), file_name=name("csv"), mime="text/csv",
                        on_click="ignore", key=f"{key}_csv", icon=":material/download:")
    title, ministries, lang_now = st.session_state.get(PAGE_TITLE, what), selected_ministries(), lang()
    box.download_button("Excel", data=lambda: xlsx_bytes({what[:31]: df}, about=about_rows(
                            snapshot(), title, df, list_id, ministries, on or date.today(), lang_now)),
                        file_name=name("xlsx"), mime=XLSX,
                        on_click="ignore", key=f"{key}_xlsx", icon=":material/download:")


def plain_table(df: pd.DataFrame, key: str) -> None:
    """Show ``df`` as it is (dates dd/mm/yyyy, the name column "medium"), without downloads or
    muted rows; what drawing it needs is worked out once per shared frame (``drawable``)."""
    rules, _, data = drawable(df, mute=False)
    st.dataframe(data(), hide_index=True, key=key, column_config=dict(rules))


def drawable(df: pd.DataFrame, mute: bool = True) -> tuple[dict, list[str], object]:
    """What drawing ``df`` needs, worked out once per frame (``views.memo.of_object``): its column
    rules, its link columns, and the data to hand to ``st.dataframe`` (a function giving a Styler
    muting the inferred rows, or the frame as an Arrow table, either serialised once and reused by
    every draw: ``pages.arrow_kept``). ``mute=False``: never styled."""
    def compute():
        mask = muted_rows(df) if mute else None
        kept = arrow_kept.keep_table(df) if mask is None else arrow_kept.keep_styler(df, lambda s: _styled(s, mask))
        return column_rules(df), link_columns(df), lambda: kept
    return memo.of_object(df, "table" if mute else "table_plain", compute)


def _styled(styler: Styler, mask) -> Styler:
    """``styler`` muting the rows of ``mask``. Made with ``cell_ids=False`` (``arrow_kept``): only
    the muted cells carry an id, so Streamlit rewrites their display values and no others."""
    style = "color: #6e7781; font-style: italic"
    return styler.apply(lambda frame: pd.DataFrame([[style if m else ""] * frame.shape[1] for m in mask],
                                                   index=frame.index, columns=frame.columns), axis=None)
