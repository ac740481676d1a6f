"""Pause Python's cyclic garbage collector while a file is parsed.

A 50,000-row list makes a few hundred thousand small objects (cells, tuples, dicts), none in a
reference cycle; each allocation burst sets off collections that walk them all again (0.1 s of a
1.5 s ingest, measured with ``bench/ingest.py``). Reference counting still frees everything; the
collector resumes when the last parse running in the process ends (Streamlit parses in several
threads at once, hence the count).
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_active = 0
_was_enabled = True


@contextmanager
def paused_gc() -> Iterator[None]:
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _was_enabled:
                gc.enable()
