"""The Recognition forms' shared parts: one way to run a write (say the outcome after the rerun,
or why it was refused, in the reader's language) and the proposal chooser."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from loaders.messages import LoaderError
from pages.language import lang, relabel, t
from views.cites import plain


def attempt(write, done_label: str, **params) -> None:
    """Run a write; on success say so after the rerun, else show why (in the user's language)."""
    try:
        result = write()
    except LoaderError as exc:
        st.error(plain(exc.text(lang())))
        return
    st.session_state["rec_done"] = t(done_label, id=result, **params)
    st.rerun()


def proposal_choice(props: pd.DataFrame, key: str, label: str = "rec.platform") -> int | None:
    if props.empty:
        st.caption(t("rec.none_yet"))
        return None
    relabel(key)
    labels = {int(i): f"#{i} {n} ({b})" for i, n, b in zip(props["proposal_id"], props["platform_name"], props["body_code"])}
    return st.selectbox(t(label), list(labels), key=key, format_func=labels.get, placeholder=t("widget.choose"))
