"""URL state: stable codes in the URL (?lang=en&ministry=MOF&ministry=MPS).

Streamlit's bind="query-params" writes the *formatted label* to the URL, which would make a
shared link depend on the viewer's language; these helpers keep codes instead."""
from __future__ import annotations

import streamlit as st

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


def chosen_list(key: str, options: list[str], default: str) -> str:
    """The value of the list chooser ``key`` before it is drawn (seeded from the URL, checked
    against ``options``), for a page that draws its controls after its content."""
    from_url(key, options, default)
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    return st.session_state[key]
