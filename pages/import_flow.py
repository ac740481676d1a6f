"""The import page's flow for one uploaded file: its preview (parsed once while the file sits in
the uploader), the kind's view (pages/import_views.py), the commit through ``actions.pipeline``
and its log line (layout and session state only; every choice comes in as an argument)."""
from __future__ import annotations

import io
import time
from datetime import date

import streamlit as st

from access.roles import User
from actions import pipeline
from loaders import logs
from loaders.messages import LoaderError
from pages.data import data_version, db_path
from pages.import_views import VIEWS, rows_view
from pages.language import lang, t
from pages.preview_budget import BUDGET
from store.snapshot import Snapshot
from views.cites import plain
from views.imports import found_in, rejected_frame


def show_header(parsed, loaded: int) -> None:
    st.header(t("imports.preview"))
    st.caption(plain(found_in(parsed, lang())))
    m1, m2, m3 = st.columns(3)
    m1.metric(t("imports.read"), parsed.rows_read)
    m2.metric(t("imports.to_load"), loaded)
    m3.metric(t("imports.rejected"), len(parsed.rejected))
    for warning in parsed.warnings:
        st.warning(plain(warning.text(lang())))
    if parsed.rejected:
        st.markdown(f"**{t('imports.rows_rejected')}**")
        st.dataframe(rejected_frame(parsed.rejected, lang()), hide_index=True, key="preview_rejected")


def finish(commit, *, kind: str, list_id: str | None, file_name: str) -> None:
    """Run ``commit()``, log it, and say what happened (on the next run, the uploader emptied)."""
    started = time.perf_counter()
    try:
        outcome = commit()
    except LoaderError as exc:
        logs.event("import", kind=kind, list_id=list_id, outcome="refused", reason=exc.message.code,
                   duration_ms=round((time.perf_counter() - started) * 1000, 1))
        st.error(f"{plain(file_name)}: {plain(exc.text(lang()))}")
        return
    logs.event("import", kind=kind, list_id=list_id, import_id=outcome.import_id, outcome="duplicate" if outcome.duplicate
               else "loaded", rows_loaded=outcome.rows_loaded, rows_rejected=outcome.rows_rejected,
               duration_ms=round((time.perf_counter() - started) * 1000, 1), data_version=logs.version_id(data_version()))
    key = "imports.duplicate" if outcome.duplicate else "imports.committed"
    st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1
    st.session_state["import_done"] = [t(key, import_id=outcome.import_id, loaded=outcome.rows_loaded,
                                         rejected=outcome.rows_rejected)]
    if outcome.changes and not outcome.duplicate:
        st.session_state["import_done"].append(t("imports.committed_changes", **outcome.changes.counts()))
    st.rerun()


def previewed(kept_under: str, key: tuple, compute):
    """The preview of the file in the uploader, parsed once while it sits there: a rerun (the
    strict box, the language, a table sorted) reuses it. ``key``: the upload (Streamlit gives each
    upload its own id, so a file is not hashed again on every rerun), what it is imported as, the
    user and the database version; a refusal is kept too. Kept in ``st.session_state[kept_under]``
    (the page's key: pages/upkeep.py drops it when the page is left, pages/imports.py when the file
    is removed or committed); counted against the server's budget of preview rows
    (``pages.preview_budget``) while it lives. A preview refused for that budget is tried again
    on a run ``RETRY_BUSY_SECONDS`` later, not on every run."""
    kept = st.session_state.get(kept_under)
    busy = kept is not None and kept[2] is not None and kept[2].message.code == "preview_busy"
    if kept is None or kept[0] != key or (busy and time.monotonic() - kept[3] > RETRY_BUSY_SECONDS):
        if kept is None or kept[0] != key:
            st.session_state.pop("import_remove_missing", None)   # a removal is confirmed for one file, never carried over
        st.session_state.pop(kept_under, None)   # the former file's preview is let go before the next is made
        kept = None
        try:
            prev = compute()
        except LoaderError as exc:
            kept = (key, None, exc, time.monotonic())
        else:
            if BUDGET.admit(prev, prev.loaded + len(getattr(prev.parsed, "rejected", ()))):
                kept = (key, prev, None, time.monotonic())
            else:   # not kept; the refusal is, so a rerun does not parse the file again before the retry time
                kept = (key, None, LoaderError("preview_busy", held=BUDGET.held, limit=BUDGET.rows), time.monotonic())
            del prev
        st.session_state[kept_under] = kept
    if kept[2] is not None:
        raise kept[2]
    return kept[1]


RETRY_BUSY_SECONDS = 30   # a preview refused for the server's budget is tried again after this


def import_flow(upload, snap: Snapshot, user: User, kind: str, list_id: str | None, as_of: date | None,
                strict: bool, kept_under: str) -> None:
    """Preview (kept while the file sits in the uploader), the kind's view, commit; a refusal is
    said under the file's name."""
    try:
        data = upload.getvalue()
        prev = previewed(kept_under, (kind, upload.file_id, list_id, as_of, user, data_version()), lambda: pipeline.preview(
            pipeline.KINDS[kind], io.BytesIO(data), db_path(), list_id, user=user, as_of=as_of))
        show_header(prev.parsed, prev.loaded)
        choices = VIEWS.get(kind, rows_view)(prev, snap, user)
        if st.button(t("imports.commit"), type="primary", key="import_commit"):
            finish(lambda: pipeline.commit(prev, db_path(), user=user, file_name=upload.name, strict=strict, **choices),
                   kind=kind, list_id=list_id, file_name=upload.name)
    except LoaderError as exc:
        st.error(f"{plain(upload.name)}: {plain(exc.text(lang()))}")
