"""One wake-up of the server's event loop per batch of a session's messages, not two per message.

Streamlit hands every message a script run sends (each element, each block) from the script's
thread to the event loop with its own ``call_soon_threadsafe`` (``AppSession._call_soon_on_event_loop``),
and the loop, having queued it for the browser, wakes its sending loop with another one
(``Runtime._enqueued_some_message``): two writes to the loop's wake-up socket, two loop turns and
a hand-over of the interpreter lock between the threads for every message. With ~40 messages a
view and 50 sessions that was a large part of a warm view's time (py-spy of the server under
``bench/load.py``, docs/benchmarks.md "Ninth session").

``install`` puts two things in front of those functions, in this process only:

- a session's callbacks go into one first-in-first-out list, and the loop is woken once for all
  that arrived before it ran them: every callback still runs on the loop, once, in the order it
  was handed over (the same order as before for that session; nothing else depends on an order
  between sessions);
- on the loop's own thread, the sending loop's event is set directly (a call from another thread
  still goes through ``call_soon_threadsafe``).

A callback that raises is reported to the loop's exception handler, as the loop does for its own.
"""
from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable

from streamlit.runtime.app_session import AppSession
from streamlit.runtime.runtime import Runtime

_lock = threading.Lock()
_original: dict[str, Callable] = {}
BATCH = "_ndp_batch"   # an AppSession's attribute: its pending callbacks


class _Batch:
    __slots__ = ("lock", "pending", "scheduled")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: deque[Callable[[], None]] = deque()
        self.scheduled = False


def _batch_of(session: AppSession) -> _Batch:
    batch = session.__dict__.get(BATCH)
    if batch is None:
        with _lock:
            batch = session.__dict__.setdefault(BATCH, _Batch())
    return batch


def call_soon_batched(session: AppSession, callback: Callable[[], None]) -> None:
    """``callback`` queued for ``session``'s loop; the loop woken only if no drain is pending."""
    batch = _batch_of(session)
    with batch.lock:
        batch.pending.append(callback)
        if batch.scheduled:
            return
        batch.scheduled = True
    try:
        session._event_loop.call_soon_threadsafe(_drain, session._event_loop, batch)
    except RuntimeError:   # the loop is closed (shutdown): dropped, as Streamlit drops it
        with batch.lock:
            batch.pending.clear()
            batch.scheduled = False
        if not session._event_loop.is_closed():
            raise


def _drain(loop: asyncio.AbstractEventLoop, batch: _Batch) -> None:
    with batch.lock:
        callbacks = list(batch.pending)
        batch.pending.clear()
        batch.scheduled = False   # one handed over from now on wakes the loop again, and runs after these
    for callback in callbacks:
        try:
            callback()
        except Exception as exc:  # noqa: BLE001 - reported as the loop reports a callback's error
            loop.call_exception_handler({"message": "Exception in callback", "exception": exc})


def _enqueued_some_message(runtime: Runtime) -> None:
    """The sending loop's event set directly on the loop's thread, through the loop otherwise."""
    objs = runtime._get_async_objs()
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is objs.eventloop:
        objs.need_send_data.set()
    else:
        objs.eventloop.call_soon_threadsafe(objs.need_send_data.set)


def install() -> None:
    """In front of Streamlit's two per-message wake-ups (once per process)."""
    with _lock:
        if _original:
            return
        _original.update(call_soon=AppSession._call_soon_on_event_loop, enqueued=Runtime._enqueued_some_message)
        AppSession._call_soon_on_event_loop = call_soon_batched
        Runtime._enqueued_some_message = _enqueued_some_message
