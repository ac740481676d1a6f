"""The provinces page's review form: confirm or dismiss a candidate match of the queue (the
write goes through ``actions.commits.review_match``, which checks the role again)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from access.roles import User
from actions.commits import review_match
from loaders.messages import LoaderError
from pages.data import db_path
from pages.language import lang, relabel, t
from views.cites import plain


def pair_id(row: dict) -> str:
    """A candidate pair by what it is: the local and the central platform's list and key."""
    return "\x1f".join(str(row[c]) for c in ("list_id", "name_key", "central_list_id", "central_key"))


def review_form(queue: pd.DataFrame, user: User) -> None:
    """One decision (confirm or dismiss, with a note) on a pair of the review queue."""
    # The picker's value is the pair itself (list, local key, central list, central key), not a
    # row position: after a decision the queue is one shorter and a position would name another pair.
    pairs = {pair_id(r): r for r in queue.to_dict("records")}
    labels = {k: f"{r['name']} → {r['central_name']} ({r['score']:g})" for k, r in pairs.items()}
    if st.session_state.get("review_pick") not in pairs:
        st.session_state.pop("review_pick", None)
    with st.form("review_form", clear_on_submit=True):
        relabel("review_pick")
        pick = st.selectbox(t("provinces.pick"), list(labels), format_func=labels.get, key="review_pick",
                            placeholder=t("widget.choose"))
        relabel("review_decision")
        decision = st.radio(t("provinces.decision"), ["confirm", "dismiss"], horizontal=True, key="review_decision",
                            format_func={d: t(f"provinces.decision.{d}") for d in ("confirm", "dismiss")}.get)
        note = st.text_area(t("provinces.review_note"), max_chars=1000, key="review_note")
        if st.form_submit_button(t("provinces.submit"), type="primary"):
            r = pairs[pick]
            try:
                with st.spinner(t("provinces.recording")):
                    decision_id = review_match(db_path(), list_id=r["list_id"], name_key=r["name_key"],
                                               central_list_id=r["central_list_id"], central_key=r["central_key"],
                                               decision=decision, user=user, note=note)
            except LoaderError as exc:
                st.error(plain(exc.text(lang())))
            else:
                st.session_state["review_done"] = t("provinces.reviewed", id=decision_id)
                st.rerun()
