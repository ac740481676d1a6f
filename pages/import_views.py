"""What the import page shows of each kind's preview, and the choices each returns for the commit
(``actions.pipeline.commit(prev, ..., **choices)``): a list's changes and removal confirmation, a
progress file's near matches to confirm, the rows to load. The flow itself is one (pages/imports.py);
a kind without a view here gets ``rows_view`` (the counts and rejected rows above it)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from access.roles import User
from actions.pipeline import Preview
from pages.common import body_name
from pages.language import lang, t
from store.changes import ListChanges
from store.snapshot import Snapshot
from views.tables import province_names

FIELD_LABELS = {"name": "col.name", "ministry_code": "col.body", "status": "col.status", "sector": "col.sector",
                "name_en": "col.name_en"}


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
        st.dataframe(pd.DataFrame({t("col.name"): [r["name"] for r in changes.added],
                                   t("col.body"): [body_name(snap, r["ministry_code"]) for r in changes.added]}),
                     hide_index=True, key="preview_added")
    if changes.changed:
        st.markdown(t("imports.changed_rows"))
        items = [(r["name"], f, old, new) for r in changes.changed for f, (old, new) in r["fields"].items()]
        st.dataframe(pd.DataFrame({t("col.name"): [i[0] for i in items],
                                   t("col.change"): [t(FIELD_LABELS[i[1]]) for i in items],
                                   t("col.old_value"): [str(i[2]) if i[2] is not None else "—" for i in items],
                                   t("col.new_value"): [str(i[3]) if i[3] is not None else "—" for i in items]}),
                     hide_index=True, key="preview_changed")
    remove = False
    if changes.missing:
        remove = st.checkbox(t("imports.remove_missing", n=len(changes.missing)), value=False, key="import_remove_missing",
                             help=t("imports.remove_missing_help"))
        st.markdown(t("imports.removed_rows" if remove else "imports.kept_rows"))
        st.dataframe(pd.DataFrame({t("col.name"): [r["name"] for r in changes.missing],
                                   t("col.body"): [body_name(snap, r["ministry_code"]) for r in changes.missing]}),
                     hide_index=True, key="preview_missing")
    return remove


def list_view(prev: Preview, snap: Snapshot, user: User) -> dict:
    remove = changes_section(prev.summary["changes"], snap, user)
    rows = pd.DataFrame(prev.parsed.columns)
    st.markdown(f"**{t('imports.rows_to_load')}**")
    if not rows.empty:
        st.dataframe(pd.DataFrame({
            t("col.row_no"): rows["row_no"], t("col.name"): rows["name"], t("col.as_written"): rows["ministry_as_written"],
            t("col.body"): rows["ministry_code"].map(lambda c: body_name(snap, c))}), hide_index=True, key="preview_rows")
    return {"remove_missing": remove}


def progress_view(prev: Preview, snap: Snapshot, user: User) -> dict:
    parsed = prev.parsed
    accepted: set[int] = set()
    if parsed.pending:
        st.markdown(f"**{t('imports.pending')}**")
        table = pd.DataFrame({t("col.row_no"): [p["row_no"] for p in parsed.pending],
                              t("col.as_written"): [p["written"] for p in parsed.pending],
                              t("imports.suggestion"): [p["platform_name"] for p in parsed.pending],
                              t("col.score"): [p["score"] for p in parsed.pending],
                              t("imports.accept"): False})
        edited = st.data_editor(table, hide_index=True, key="pending_editor",
                                disabled=[c for c in table.columns if c != t("imports.accept")])
        accepted = set(edited.loc[edited[t("imports.accept")], t("col.row_no")])
    stage_name = dict(zip(snap.stage["stage_id"], snap.stage["name_en" if lang() == "en" else "name_vi"]))
    ready = parsed.events + parsed.targets
    if ready:
        st.markdown(f"**{t('imports.rows_to_load')}**")
        st.dataframe(pd.DataFrame({
            t("col.row_no"): [e["row_no"] for e in ready], t("col.name"): [e["platform_name"] for e in ready],
            t("col.stage"): [stage_name[e["stage_id"]] for e in ready], t("col.date"): [e["event_date"] for e in ready],
            t("col.target_date"): [e["target_date"] for e in ready], t("col.document"): [e["document_no"] for e in ready],
        }), hide_index=True, key="preview_rows")
    return {"accepted_rows": accepted}


def adoption_view(prev: Preview, snap: Snapshot, user: User) -> dict:
    if prev.parsed.rows:
        rows = pd.DataFrame(prev.parsed.rows)
        st.markdown(f"**{t('imports.rows_to_load')}**")
        st.dataframe(pd.DataFrame({
            t("col.row_no"): rows["row_no"], t("col.as_written"): rows["province_as_written"],
            t("col.province"): rows["current_province_code"].map(province_names(snap, lang())),
            t("col.commune"): rows["commune"], t("col.name"): rows["platform_name"],
            t("col.status"): rows["status"].map(lambda v: t(f"adoption.{v}")), t("col.date"): rows["status_date"],
        }), hide_index=True, key="preview_rows")
    return {}


VIEWS = {"list": list_view, "progress": progress_view, "adoption": adoption_view}


def rows_view(prev: Preview, snap: Snapshot, user: User) -> dict:
    """A kind without a view of its own: the counts above are its preview."""
    return {}
