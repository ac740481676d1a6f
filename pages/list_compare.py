"""The progress page's comparison of two versions of a list (what each import added, changed or
removed), drawn from ``views.progress.view_compare``."""
from __future__ import annotations

import streamlit as st

from pages.data import platforms_of
from pages.language import lang, relabel, t
from pages.tables import table
from store.snapshot import Snapshot
from views import progress


def compare_versions(snap: Snapshot, list_id: str) -> None:
    """An expander choosing two versions of ``list_id`` and the table of what differs. Computed only
    while the section is open (a closed one costs no computing and sends nothing: ~7 messages a run,
    for a section most visits never open)."""
    compare = st.expander(t("shared.compare"), key="compare_open", on_change="rerun")
    if compare.open:
        with compare:
            versions = progress.list_versions(snap, list_id)
            ids, label = versions["ids"], versions["labels"]
            a_col, b_col = st.columns(2)
            relabel("cmp_a")
            a = a_col.selectbox(t("shared.version_a"), ids, index=versions["a"], key="cmp_a", format_func=label.get,
                                placeholder=t("widget.choose"))
            relabel("cmp_b")
            b = b_col.selectbox(t("shared.version_b"), ids, index=versions["b"], key="cmp_b", format_func=label.get,
                                placeholder=t("widget.choose"))
            diff = progress.view_compare(snap, a, b, lambda: platforms_of(a), lambda: platforms_of(b), lang())
            st.caption(t("shared.compare_note"))
            if diff.empty:
                st.info(t("shared.compare_same"))
            else:
                table(diff, "so-sanh", "diff_table", list_id)
