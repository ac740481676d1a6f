"""The data a page reads: one snapshot per version of the database file (re-read when an import
or a build replaces it), one import's rows, the recognition records."""
from __future__ import annotations

import logging
import os
import threading
import time

import pandas as pd
import streamlit as st

from access.roles import User
from access.users import active_user
from actions.build import ensure_built
from actions.recognition import read_records
from loaders.messages import LoaderError
from loaders.paths import default_db
from pages import upkeep
from pages.language import lang, t
from store.db import DatabaseError, read_with
from store.schema import check_schema
from store.snapshot import Snapshot, platforms_of_import, read_snapshot, rejected_rows
from views.warm import first_views

_LOG = logging.getLogger("ndp.pages")


@st.cache_resource(max_entries=2, show_spinner=False)
def _load(path: str, version: tuple) -> tuple[Snapshot | None, LoaderError | None]:
    """The snapshot, or why this database cannot be shown (an older version made it)."""
    return read_with(path, _checked)


def _checked(con) -> tuple[Snapshot | None, LoaderError | None]:
    try:
        check_schema(con)
        return read_snapshot(con), None
    except LoaderError as exc:
        return None, exc


_PATHS: dict[str | None, str] = {}   # NDP_DB as set -> the database path (asked ~10 times a run)


def db_path() -> str:
    raw = os.environ.get("NDP_DB")
    path = _PATHS.get(raw)
    if path is None:
        path = _PATHS[raw] = str(default_db())
    return path


_last: tuple | None = None   # ((path, version), snapshot) last read by this process


def snapshot() -> Snapshot:
    """The current data; re-read when the file changes. Built from data/ only the very first time
    (a fresh clone): once a database has existed, a missing or unreadable one is the operator's to
    restore, and the page says so plainly (no path, no traceback; the log has the details)."""
    path = db_path()
    try:
        try:
            version = data_version()   # one stat a call, not two (the file there, then its version)
        except FileNotFoundError:
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
        warm_up(snap)
    if refused is not None:
        st.error(refused.text(lang()))   # our own text (no data in it): its `command` shows as code
        st.stop()
    return snap


_warmed: set[int] = set()   # snapshot serials whose first views were started
_warm_lock = threading.Lock()


def warm_up(snap: Snapshot) -> None:
    """Compute what visitors open first for a newly read data version (``views.warm``), once, in a
    thread beside the runs, and only in a server (not under AppTest). It stops when a newer version
    is read."""
    with _warm_lock:
        if snap.serial in _warmed or not upkeep.serving():
            return
        _warmed.add(snap.serial)

    def run() -> None:
        def newer() -> bool:   # under the lock: another run may be adding a newer version
            with _warm_lock:
                return max(_warmed) > snap.serial
        try:
            started = time.perf_counter()
            asked, failed = first_views(snap, newer)
            _LOG.info("first views computed", extra={"event": "warm", "views": asked, "failed": failed,
                                                     "duration_ms": round((time.perf_counter() - started) * 1000)})
        except Exception:   # a view that fails here fails again, visibly, when a page asks for it
            _LOG.exception("first views failed", extra={"event": "error", "where": "warm"})

    threading.Thread(target=run, name=f"ndp-warm-{snap.serial}", daemon=True).start()


def data_version() -> tuple:
    """Changes whenever an import or a build replaces the database file."""
    stat = os.stat(db_path())
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


_PER_IMPORT = {"rejected": rejected_rows, "platforms": platforms_of_import}


@st.cache_resource(max_entries=32, show_spinner=False)
def _per_import(path: str, version: tuple, what: str, import_id: int) -> pd.DataFrame:
    return read_with(path, _PER_IMPORT[what], import_id)


def rejected_for(import_id: int) -> pd.DataFrame:
    """The rejected rows of one import."""
    return _per_import(db_path(), data_version(), "rejected", int(import_id))


def platforms_of(import_id: int) -> pd.DataFrame:
    """The platform rows of one import (any version of any list)."""
    return _per_import(db_path(), data_version(), "platforms", int(import_id))


@st.cache_resource(max_entries=2, show_spinner=False)
def _recognition(path: str, version: tuple):
    return read_with(path, read_records)


_accounts: tuple | None = None   # ((path, version), {e-mail: User or None}) as last read


def account(email: str) -> User | None:
    """The active account with this e-mail as the current data version has it (None: disabled,
    removed or never there). Read once per e-mail and version: a signed-in session asks on every
    run, and any change to a user (an admin's write) makes a new version."""
    global _accounts
    key = (db_path(), data_version())
    kept = _accounts
    if kept is None or kept[0] != key:
        kept = _accounts = (key, {})
    known = kept[1]
    if email not in known:
        if len(known) > 10_000:   # more distinct e-mails than accounts: start again
            known.clear()
        known[email] = active_user(key[0], email)
    return known[email]


_last_records: tuple | None = None   # ((path, version), records) last read by this process


def recognition_records():
    """The recognition records (dispatch 2291) of the current database version (the common case,
    the version read last, without Streamlit's cache lookup: asked two or three times a run)."""
    global _last_records
    key = (db_path(), data_version())
    last = _last_records
    if last is not None and last[0] == key:
        return last[1]
    records = _recognition(*key)
    _last_records = (key, records)
    return records
