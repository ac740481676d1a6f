"""Memory a long-running server gives back, so fifty visitors do not leave it fifty visitors larger.

- What a page keeps in a session only while it is open (an import's parsed preview) is dropped
  when the user goes to another page (``release_left_pages``).
- Disconnected sessions: Streamlit keeps a closed tab's session for ``server.disconnectedSessionTTL``
  (120 s) so a reconnect finds its state, but its storage only removes an expired session when a
  new one arrives; a quiet server after a burst would keep them all. Every ``EVERY_SECONDS`` the
  upkeep thread asks the storage to expire them (on Streamlit's event loop, which owns it), then
  runs the cyclic collector and returns freed heap pages to the operating system (glibc's
  ``malloc_trim``), which Python's allocator alone does not do.
- The cyclic collector runs less often (``GC_THRESHOLDS``): a view allocates tens of thousands of
  short-lived objects (messages, frames' slices), and Python's default (a young collection every 700
  net allocations, an older one every 10 of those) spent ~8% of a busy server's time collecting and
  stopped every session for each older collection. The periodic round above still collects all.
Measured with ``bench/load.py`` (RSS ``--after-minutes`` after the load; docs/benchmarks.md).
"""
from __future__ import annotations

import ctypes
import gc
import os
import threading
import time

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.runtime import RuntimeState

from loaders.logs import setup

GC_THRESHOLDS = (20_000, 50, 100)   # young, middle, old generations (Python's default: 700, 10, 10)
EVERY_SECONDS = float(os.environ.get("NDP_UPKEEP_SECONDS", "60"))
# session-state keys a page keeps only while it is the page shown (url path -> keys)
PAGE_STATE = {"imports": ("import_preview",)}

_log = setup().getChild("upkeep")


def release_left_pages(current: str) -> None:
    """Drop what pages other than ``current`` (a url path) keep in this session."""
    for page, keys in PAGE_STATE.items():
        if page != current:
            for key in keys:
                st.session_state.pop(key, None)


def _expire_sessions() -> int:
    """Remove expired disconnected sessions from Streamlit's session storage; how many are left.
    Relies on Streamlit 1.67's MemorySessionStorage (tests/test_upkeep.py fails if that changes)."""
    storage = Runtime.instance()._session_mgr._session_storage   # noqa: SLF001
    cache = storage._cache                                        # noqa: SLF001
    cache.expire()
    return len(cache)


def _trim() -> None:
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):   # not glibc: nothing to trim
        pass


def serving() -> bool:
    """Whether a Streamlit server runs in this process (not AppTest, not starting or stopping)."""
    runtime = Runtime.instance() if Runtime.exists() else None   # AppTest puts a mock Runtime there:
    state = getattr(runtime, "state", None)                        # its state is no RuntimeState
    return isinstance(state, RuntimeState) and state in (RuntimeState.NO_SESSIONS_CONNECTED,
                                                         RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED)


def release() -> int | None:
    """One round of upkeep; the number of sessions Streamlit still stores (None without a server,
    as under AppTest)."""
    runtime = Runtime.instance() if serving() else None
    loop = runtime._async_objs.eventloop if runtime and runtime._async_objs else None   # noqa: SLF001
    if loop is None or loop.is_closed():   # no server (AppTest), not started yet, or shutting down
        gc.collect()
        _trim()
        return None
    done = threading.Event()
    left = []

    def on_loop() -> None:
        try:
            left.append(_expire_sessions())
        finally:
            done.set()

    try:
        loop.call_soon_threadsafe(on_loop)
    except RuntimeError:   # the loop closed between the check and the call: the server is stopping
        return None
    done.wait(10)
    gc.collect()
    _trim()
    _log.debug("upkeep", extra={"event": "upkeep", "stored_sessions": left[0] if left else None})
    return left[0] if left else None


def _loop() -> None:
    while True:
        time.sleep(EVERY_SECONDS)
        try:
            release()
        except Exception:   # upkeep must never take the server down; the log has the traceback
            _log.exception("upkeep failed", extra={"event": "error", "where": "upkeep"})


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread:
    """Start the upkeep thread once per server process (and set the collector's thresholds)."""
    gc.set_threshold(*GC_THRESHOLDS)
    thread = threading.Thread(target=_loop, name="ndp-upkeep", daemon=True)
    thread.start()
    return thread
