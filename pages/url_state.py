"""URL state: stable codes in the URL (?lang=en&ministry=MOF&ministry=MPS).

Streamlit's bind="query-params" writes the *formatted label* to the URL, which would make a
shared link depend on the viewer's language; these helpers keep codes instead."""
from __future__ import annotations

from datetime import date

import streamlit as st

from loaders.dates import parse_day

MAX_URL_TEXT = 200
KEPT = "_url_kept"   # key -> the value last mirrored into the URL, for a page opened again from the menu


def _kept() -> dict:
    return st.session_state.setdefault(KEPT, {})


def from_url(key: str, allowed, default, *, multi: bool = False) -> None:
    """Seed ``st.session_state[key]`` from the URL, keeping allowed values only. ``allowed=None``
    accepts free text (trimmed to ``MAX_URL_TEXT`` characters). A page opened again without the
    parameter (from the menu, whose links carry only the language and the filter) gets the value
    the reader left it with: Streamlit drops a widget's state once its page is left, and the list,
    the tab or the province chosen there came back as the default (the tab kept, the list lost)."""
    if key in st.session_state:
        return
    raw = st.query_params.get_all(key)
    if not raw and key in _kept():
        kept = _kept()[key]
        raw = [v for v in (kept if isinstance(kept, list) else [kept]) if v not in (None, "")]
    values = [v[:MAX_URL_TEXT] for v in raw] if allowed is None else [v for v in raw if v in allowed]
    values = list(dict.fromkeys(values))
    st.session_state[key] = values if multi else (values[0] if values else default)


def to_url(key: str, default) -> None:
    """Mirror ``st.session_state[key]`` into the URL (removed when it equals the default)."""
    value = st.session_state.get(key)
    _kept()[key] = value
    if value in (default, None, "", []):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != (value if isinstance(value, list) else [value]):
        st.query_params[key] = value


def chosen_list(key: str, options: list[str], default: str) -> str:
    """The value of the list chooser ``key`` before it is drawn (seeded from the URL, checked
    against ``options``), for a page that draws its controls after its content."""
    from_url(key, options, default)
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    return st.session_state[key]


def coded_tabs(key: str, labels: dict[str, str], default: str) -> dict:
    """``st.tabs`` of ``labels`` (code -> label in the reader's language), the open one kept in the
    URL by its code (``?key=code``): a link opens the same tab in either language. Code -> tab."""
    from_url(key, list(labels), default)
    st.session_state[f"{key}_tab"] = labels[st.session_state[key]]

    def changed() -> None:
        picked = st.session_state[f"{key}_tab"]
        st.session_state[key] = next((c for c, label in labels.items() if label == picked), default)

    tabs = dict(zip(labels, st.tabs(list(labels.values()), key=f"{key}_tab", on_change=changed)))
    to_url(key, default)
    return tabs


def day_from_url(key: str, param: str) -> None:
    """Seed the date widget ``key`` once per session from ``?param=2025-12-31`` (never in the future)."""
    if key not in st.session_state:
        asked = parse_day(st.query_params.get(param, "")) or _kept().get(key)   # or as the reader left it
        st.session_state[key] = min(asked, date.today()) if asked else date.today()


def day_to_url(key: str, param: str) -> None:
    """Mirror the date widget ``key`` into ``?param=`` (removed when it is today)."""
    on = st.session_state.get(key)
    _kept()[key] = on
    if on is None or on == date.today():
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = on.isoformat()
