"""What the import page shows of each kind's preview, and the choices each returns for the commit
(``actions.pipeline.commit(prev, ..., **choices)``): a list's changes and removal confirmation, a
progress file's near matches to confirm, the rows to load. The flow itself is one (pages/imports.py);
a kind without a view here gets ``rows_view`` (the counts and rejected rows above it)."""
from __future__ import annotations

import streamlit as st

from access.roles import User
from actions.pipeline import Preview
from pages.common import body_name
from pages.language import lang, t
from store.changes import ListChanges
from store.snapshot import Snapshot
from views.imports import (
    adoption_rows_frame,
    changed_frame,
    list_rows_frame,
    pending_frame,
    platforms_frame,
    progress_rows_frame,
)


def changes_section(changes: ListChanges, snap: Snapshot, user: User) -> bool:
    """What the file adds, changes and does not contain, against the part of the current list the
    user writes; returns whether the missing platforms are to be removed (an explicit tick)."""
    st.markdown(f"**{t('imports.changes')}**")
    st.caption(t("imports.scope_body", body=body_name(snap, user.body_code)) if user.role == "ministry_editor"
               else t("imports.scope_all"))
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("imports.added"), len(changes.added))
    m2.metric(t("imports.changed"), len(changes.changed))
    m3.metric(t("imports.unchanged"), changes.unchanged)
    m4.metric(t("imports.missing"), len(changes.missing))
    if changes.added:
        st.markdown(t("imports.added_rows"))
        st.dataframe(platforms_frame(snap, changes.added, lang()), hide_index=True, key="preview_added")
    if changes.changed:
        st.markdown(t("imports.changed_rows"))
        st.dataframe(changed_frame(changes.changed, lang()), hide_index=True, key="preview_changed")
    remove = False
    if changes.missing:
        remove = st.checkbox(t("imports.remove_missing", n=len(changes.missing)), value=False, key="import_remove_missing",
                             help=t("imports.remove_missing_help"))
        st.markdown(t("imports.removed_rows" if remove else "imports.kept_rows"))
        st.dataframe(platforms_frame(snap, changes.missing, lang()), hide_index=True, key="preview_missing")
    return remove


def list_view(prev: Preview, snap: Snapshot, user: User) -> dict:
    remove = changes_section(prev.summary["changes"], snap, user)
    rows = list_rows_frame(snap, prev.parsed.columns, lang())
    st.markdown(f"**{t('imports.rows_to_load')}**")
    if not rows.empty:
        st.dataframe(rows, hide_index=True, key="preview_rows")
    return {"remove_missing": remove}


def progress_view(prev: Preview, snap: Snapshot, user: User) -> dict:
    parsed = prev.parsed
    accepted: set[int] = set()
    if parsed.pending:
        st.markdown(f"**{t('imports.pending')}**")
        table = pending_frame(parsed.pending, lang())
        edited = st.data_editor(table, hide_index=True, key="pending_editor",
                                disabled=[c for c in table.columns if c != t("imports.accept")])
        accepted = set(edited.loc[edited[t("imports.accept")], t("col.row_no")])
    ready = parsed.events + parsed.targets
    if ready:
        st.markdown(f"**{t('imports.rows_to_load')}**")
        st.dataframe(progress_rows_frame(snap, ready, lang()), hide_index=True, key="preview_rows")
    return {"accepted_rows": accepted}


def adoption_view(prev: Preview, snap: Snapshot, user: User) -> dict:
    if prev.parsed.rows:
        st.markdown(f"**{t('imports.rows_to_load')}**")
        st.dataframe(adoption_rows_frame(snap, prev.parsed.rows, lang()), hide_index=True, key="preview_rows")
    return {}


VIEWS = {"list": list_view, "progress": progress_view, "adoption": adoption_view}


def rows_view(prev: Preview, snap: Snapshot, user: User) -> dict:
    """A kind without a view of its own: the counts above are its preview."""
    return {}
