"""Tables serialised once: a frame a view shares with every session is turned into the bytes
``st.dataframe`` sends (its Arrow IPC stream, and for a muted table the pandas Styler's styles and
display values) once, not on every draw of every session.

Streamlit converts what it is handed on each call: a ``pyarrow.Table`` is written to an IPC stream
(1-3 ms a table), and a ``Styler`` is computed, translated, cast to text cell by cell and written
twice (8-30 ms a table; profiled inside the server, docs/benchmarks.md). ``keep_table`` and
``keep_styler`` do that work once and register the result under the object's identity; the two
Streamlit functions that do it per call (``dataframe_util.convert_arrow_table_to_arrow_bytes``,
``convert_pandas_df_to_arrow_bytes``, and the ``marshall_styler`` that ``st.dataframe`` calls)
answer a registered object from the register and anything else as before. An entry goes with its
object (a weak reference), so the register is bounded by the views memo (``views.memo``).

Kept objects are shared between sessions and threads: never modify one.
"""
from __future__ import annotations

import threading
import weakref

import pandas as pd
import pyarrow as pa
from pandas.io.formats.style import Styler
from streamlit import dataframe_util
from streamlit.elements import arrow as arrow_element
from streamlit.elements.lib import pandas_styler_utils
from streamlit.proto.ArrowData_pb2 import ArrowData

_BYTES: dict[int, tuple[weakref.ref, bytes]] = {}   # id(object) -> (the object, its Arrow IPC bytes)
_lock = threading.Lock()
_original: dict[str, object] = {}


MARSHALLED = "_ndp_marshalled"   # a kept Styler's attribute: its styles and display values, marshalled once


def _register(obj, data: bytes) -> None:
    key = id(obj)

    def gone(_ref, key=key) -> None:
        with _lock:
            kept = _BYTES.get(key)
            if kept is not None and kept[0]() is None:
                del _BYTES[key]

    with _lock:
        _BYTES[key] = (weakref.ref(obj, gone), data)


def _kept_bytes(obj) -> bytes | None:
    kept = _BYTES.get(id(obj))
    return kept[1] if kept is not None and kept[0]() is obj else None


def keep_table(df: pd.DataFrame) -> pa.Table | pd.DataFrame:
    """``df`` as an Arrow table whose IPC bytes are written now, once (a frame Arrow cannot take
    as it is comes back unchanged: Streamlit's own conversion fixes mixed columns per draw)."""
    install()
    try:
        table = pa.Table.from_pandas(df, preserve_index=None)
    except (pa.ArrowException, OverflowError):
        return df
    _register(table, _original["table_bytes"](table))
    return table


def keep_styler(df: pd.DataFrame, style) -> Styler:
    """``df`` styled by ``style(styler)``, marshalled now, once: its styles, display values and
    data as ``st.dataframe`` would send them on every draw. (A plain ``Styler`` marked by an
    attribute: Streamlit recognises a Styler by its exact class name.)"""
    install()
    styler = style(Styler(df, cell_ids=False))
    proto = ArrowData()
    _original["marshall_styler"](proto, styler, "")
    setattr(styler, MARSHALLED, proto)
    _register(df, _original["frame_bytes"](df))
    return styler


def _table_bytes(table, *args, **kwargs) -> bytes:
    kept = _kept_bytes(table)
    return kept if kept is not None else _original["table_bytes"](table, *args, **kwargs)


def _frame_bytes(df, *args, **kwargs) -> bytes:
    kept = _kept_bytes(df) if not args and not kwargs else None
    return kept if kept is not None else _original["frame_bytes"](df, *args, **kwargs)


def _marshall_styler(proto, styler, default_uuid) -> None:
    marshalled = getattr(styler, MARSHALLED, None)
    if marshalled is None:
        _original["marshall_styler"](proto, styler, default_uuid)
    else:
        proto.styler.CopyFrom(marshalled.styler)


def install() -> None:
    """Put the register in front of Streamlit's per-call conversions (once per process)."""
    with _lock:
        if _original:
            return
        _original.update(table_bytes=dataframe_util.convert_arrow_table_to_arrow_bytes,
                         frame_bytes=dataframe_util.convert_pandas_df_to_arrow_bytes,
                         marshall_styler=pandas_styler_utils.marshall_styler)
        dataframe_util.convert_arrow_table_to_arrow_bytes = _table_bytes
        dataframe_util.convert_pandas_df_to_arrow_bytes = _frame_bytes
        arrow_element.marshall_styler = _marshall_styler
