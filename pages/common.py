"""Streamlit helpers shared by app.py and the pages: language, the ministry filter, data."""
from __future__ import annotations

import logging
import os
from datetime import date

import pandas as pd
import pyarrow as pa
import streamlit as st
from pandas.io.formats.style import Styler

from actions.build import ensure_built
from actions.recognition import read_records
from analysis.citations import INFERRED
from i18n.catalogue import coded, tr
from loaders.messages import LoaderError
from loaders.paths import default_db
from pages.router import ensure_router
from reports.files import csv_bytes, xlsx_bytes
from reports.names import file_name
from store.db import DatabaseError, read_only
from store.schema import check_schema
from store.snapshot import Snapshot, platforms_of_import, read_snapshot, rejected_rows
from views import memo
from views.cites import plain  # noqa: F401  (the pages' name for it)
from views.scope import Scope, body_names, default_list, describe, scope_codes  # noqa: F401  (default_list: the pages' name)
from views.tables import list_title as content_list_title

LANGS = ("vi", "en")
_LOG = logging.getLogger("ndp.pages")


def lang() -> str:
    value = st.session_state.get("lang")
    return value if value in LANGS else "vi"


def t(label: str, **params) -> str:
    return tr(label, lang(), **params)


# --- URL state: stable codes in the URL (?lang=en&ministry=MOF&ministry=MPS) -----------------
# Streamlit's bind="query-params" writes the *formatted label* to the URL, which would make a
# shared link depend on the viewer's language; these two helpers keep codes instead.
MAX_URL_TEXT = 200


def from_url(key: str, allowed, default, *, multi: bool = False) -> None:
    """Seed ``st.session_state[key]`` from the URL once per session, keeping allowed values only.
    ``allowed=None`` accepts free text (trimmed to ``MAX_URL_TEXT`` characters)."""
    if key in st.session_state:
        return
    raw = st.query_params.get_all(key)
    values = [v[:MAX_URL_TEXT] for v in raw] if allowed is None else [v for v in raw if v in allowed]
    values = list(dict.fromkeys(values))
    st.session_state[key] = values if multi else (values[0] if values else default)


def to_url(key: str, default) -> None:
    """Mirror ``st.session_state[key]`` into the URL (removed when it equals the default)."""
    value = st.session_state.get(key)
    if value in (default, None, "", []):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != (value if isinstance(value, list) else [value]):
        st.query_params[key] = value


# --- data: one snapshot per version of the database file ---------------------------------
@st.cache_resource(max_entries=2, show_spinner=False)
def _load(path: str, version: tuple) -> tuple[Snapshot | None, LoaderError | None]:
    """The snapshot, or why this database cannot be shown (an older version made it)."""
    con = read_only(path)
    try:
        check_schema(con)
        return read_snapshot(con), None
    except LoaderError as exc:
        return None, exc
    finally:
        con.close()


def db_path() -> str:
    return str(default_db())


_last: tuple | None = None   # ((path, version), snapshot) last read by this process


def snapshot() -> Snapshot:
    """The current data; re-read when the file changes. Built from data/ only the very first time
    (a fresh clone): once a database has existed, a missing or unreadable one is the operator's to
    restore, and the page says so plainly (no path, no traceback; the log has the details)."""
    path = db_path()
    try:
        if not os.path.exists(path):
            with st.spinner(t("common.building")):
                ensure_built(path)
        version = data_version()
        last = _last
        if last and last[0] == (path, version):   # the common case, without Streamlit's cache lookup (~1 ms)
            return last[1]
        snap, refused = _load(path, version)
    except (LoaderError, OSError, DatabaseError) as exc:
        _LOG.error("database unavailable: %s", exc)
        st.error(t("common.db_unavailable"), icon=":material/database_off:")
        st.stop()
    if refused is None:
        globals()["_last"] = ((path, version), snap)
    if refused is not None:
        st.error(refused.text(lang()))   # our own text (no data in it): its `command` shows as code
        st.stop()
    return snap


def data_version() -> tuple:
    """Changes whenever an import or a build replaces the database file."""
    stat = os.stat(db_path())
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


_PER_IMPORT = {"rejected": rejected_rows, "platforms": platforms_of_import}


@st.cache_resource(max_entries=32, show_spinner=False)
def _per_import(path: str, version: tuple, what: str, import_id: int) -> pd.DataFrame:
    con = read_only(path)
    try:
        return _PER_IMPORT[what](con, import_id)
    finally:
        con.close()


def rejected_for(import_id: int) -> pd.DataFrame:
    """The rejected rows of one import."""
    return _per_import(db_path(), data_version(), "rejected", int(import_id))


def platforms_of(import_id: int) -> pd.DataFrame:
    """The platform rows of one import (any version of any list)."""
    return _per_import(db_path(), data_version(), "platforms", int(import_id))


@st.cache_resource(max_entries=2, show_spinner=False)
def _recognition(path: str, version: tuple):
    con = read_only(path)
    try:
        return read_records(con)
    finally:
        con.close()


def recognition_records():
    """The recognition records (dispatch 2291) of the current database version."""
    return _recognition(db_path(), data_version())


# --- view models: what a page shows, computed once and shared by every session ------------
def view(name: str, compute, *parts):
    """``compute()`` once per data version, language, ministry filter and ``parts`` (anything
    else the view depends on: a list, a date, a province), shared by every session, in the one
    bounded memo (``views.memo``). The result is shared: never modify it."""
    return memo.view(snapshot(), name, compute, lang(), selected_ministries(), *parts)


# --- bodies and the shared ministry filter -------------------------------------------------
def body_name(snap: Snapshot, code: str | None) -> str:
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return "—"
    return body_names(snap, lang()).get(code, str(code))


def selected_ministries() -> list[str]:
    return list(st.session_state.get("ministry") or [])


def ministry_scope(snap: Snapshot) -> set[str] | None:
    """The body codes the sidebar filter admits (with predecessors), or None for all."""
    return scope_codes(snap, selected_ministries())


def filter_note(snap: Snapshot) -> None:
    """Say which ministries the filter admits. The note's slot is there with or without a filter,
    so choosing a ministry fills it rather than inserting an element above the chart (measured
    ~10 ms less per filter change in the browser, bench/run.py)."""
    box = st.container()
    text = describe(snap, selected_ministries(), lang())
    if text:
        box.info(text)


def label_values(series: pd.Series, prefix: str) -> pd.Series:
    """Translate coded values (``published`` -> ``Đã công bố``) through ``TEXTS``."""
    return coded(series, prefix, lang())


def list_titles(snap: Snapshot, extra: dict[str, str] | None = None) -> dict[str, str]:
    """list_id -> title in the current language, computed now: widgets' ``format_func`` must not
    read session state when called (AppTest calls it outside the script run)."""
    language = lang()
    titles = memo.derived(snap, ("list_titles", language), lambda: {
        i: content_list_title(snap, i, language) for i in snap.platform_list["list_id"]})
    return {**(extra or {}), **titles}


def list_title(snap: Snapshot, list_id: str) -> str:
    return content_list_title(snap, list_id, lang())


def scope_for(list_id: str, on: date | None = None, lineage: bool = False) -> Scope:
    """The report scope of what the user is looking at: list, language, ministry filter, date."""
    return Scope(list_id, lang(), selected_ministries(), on or date.today(), lineage)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    """Show ``df`` and offer exactly its rows as CSV and Excel, named for what and when. What the
    table needs to be drawn (column rules, link columns, muted rows) is worked out once per frame:
    a view's frame is shared by every session and drawn on every run."""
    rules, links, data = drawable(df)
    config = dict(rules)   # dates dd/mm/yyyy, the name column "medium"
    for c in links:   # web addresses shown as links, never as bare URLs
        config[c] = st.column_config.LinkColumn(c, display_text=t("common.open_source"))
    st.dataframe(data(), hide_index=True, key=key, column_config=config)
    if df.empty:
        return
    name = lambda ext: file_name(what, list_id, selected_ministries(), on or date.today(), ext)  # noqa: E731
    row = st.container(horizontal=True)   # buttons at their own width, wrapping: columns cut them to "C…"
    row.download_button("CSV", data=lambda: csv_bytes(df), file_name=name("csv"), mime="text/csv",
                        on_click="ignore", key=f"{key}_csv", icon=":material/download:")
    row.download_button("Excel", data=lambda: xlsx_bytes({what[:31]: df}), file_name=name("xlsx"), mime=XLSX,
                        on_click="ignore", key=f"{key}_xlsx", icon=":material/download:")


def drawable(df: pd.DataFrame, mute: bool = True) -> tuple[dict, list[str], object]:
    """What drawing ``df`` needs, worked out once per frame (``views.memo.of_object``): its column
    rules, its link columns, and the data to hand to ``st.dataframe`` (a function: a Styler muting
    the inferred rows, built per draw because a Styler is not safe to share; otherwise the frame
    as an Arrow table, converted once instead of on every draw). ``mute=False``: never styled."""
    def compute():
        mask = _muted_rows(df) if mute else None
        if mask is not None:
            data = lambda: _styled(df, mask)  # noqa: E731
        else:
            try:
                arrow = pa.Table.from_pandas(df, preserve_index=None)
            except (pa.ArrowException, OverflowError):   # Streamlit's own conversion fixes mixed columns
                arrow = df
            data = lambda: arrow  # noqa: E731
        return column_rules(df), [c for c in df.columns if _all_links(df[c])], data
    return memo.of_object(df, "table" if mute else "table_plain", compute)


def _all_links(values: pd.Series) -> bool:
    """Whether every non-empty value of a text column is a web address."""
    if pd.api.types.is_numeric_dtype(values):
        return False
    text = values.dropna().astype(str)
    text = text[text != ""]
    return bool(len(text)) and bool(text.str.match(r"https?://").all())


MUTED_CELLS = 300   # a larger table keeps its "≈" marks but no muted style (a Styler costs ~0.05 ms a cell a draw)


def _muted_rows(df: pd.DataFrame):
    """Which rows hold an inference (None: none, or a frame a Styler cannot take). Up to
    ``MUTED_CELLS`` cells: Streamlit renders a Styler cell by cell on every draw (~30 ms for the
    catalogue's 59 × 8), while the inferred mark at the start of the cell is there at any size."""
    text = df.select_dtypes(include=["object", "string"])
    if text.empty or df.empty or df.size > MUTED_CELLS:
        return None
    mask = text.apply(lambda col: col.astype(str).str.startswith(INFERRED)).any(axis=1).to_numpy()
    if not mask.any() or not (df.index.is_unique and df.columns.is_unique):   # a Styler needs unique labels
        return None
    return mask


def _styled(df: pd.DataFrame, mask):
    """A Styler muting the rows of ``mask`` (built per draw: a Styler is not safe to share)."""
    if mask is None:
        return df
    style = "color: #6e7781; font-style: italic"
    # cell_ids=False: only the muted cells carry an id, so Streamlit rewrites their display values
    # and no others (it rewrites every cell with an id, ~0.1 ms each, on every draw)
    return Styler(df, cell_ids=False).apply(lambda frame: pd.DataFrame([[style if m else ""] * frame.shape[1] for m in mask],
                                                     index=frame.index, columns=frame.columns), axis=None)


def page_start(title_label: str, *, filter_note_shown: bool = True) -> Snapshot:
    """What every page does first: route through app.py, read the data, title, filter note."""
    ensure_router()
    snap = snapshot()
    st.title(t(title_label))
    if filter_note_shown:
        filter_note(snap)
    return snap


def chosen_list(key: str, options: list[str], default: str) -> str:
    """The value of the list chooser ``key`` before it is drawn (seeded from the URL, checked
    against ``options``), for a page that draws its controls after its content."""
    from_url(key, options, default)
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    return st.session_state[key]


def list_selector(snap: Snapshot, label: str, key: str, options: list[str], default: str,
                  extra: dict[str, str] | None = None, container=st) -> str:
    """A list chooser kept in the URL (``?key=list_id``), values checked against ``options``."""
    chosen_list(key, options, default)
    chosen = container.selectbox(t(label), options, key=key, format_func=list_titles(snap, extra).get)
    to_url(key, default)
    return chosen
