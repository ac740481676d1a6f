"""The one place where what the pages and reports show is memoised: bounded, shared by every
session, computed once.

A value is kept under the snapshot it was derived from (``Snapshot.serial``: one per data version
read by this process) and a key saying what it is: a view's name, the language, the ministry
filter, and any other choice it depends on (a list, a date, a province). Fifty people opening the
same page cost one computation, not fifty; when many ask for the same key at the same moment the
others wait for the first instead of computing it again (single flight). The least recently used
values are dropped beyond ``MEMO_ENTRIES`` and every value of a superseded snapshot when a newer
one is asked for, so a crawl over every date × filter cannot grow the server without end.

Values are shared: never modify one (copy it first).
"""
from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from datetime import date

from store.snapshot import Snapshot

MEMO_ENTRIES = 400   # values kept in all (views × languages × filters × dates × data versions):
# a new data version's first views (views/warm.py) take ~161 (~322 while the former is kept); the rest: what visitors ask
OBJECT_ENTRIES = 1024   # what pages derive from a view's frames to draw them (``of_object``), kept apart:
# a view's frames come with two to four of these (a table's drawing, its marks), which in the
# views' own bound pushed views out (32 bodies x 2 languages of the filter alone fill it)
MAX_FILTER = 16      # a filter of more bodies than this is not worth keeping: computed, not stored


class Memo:
    """Bounded (least recently used dropped first), thread-safe, single-flight memo."""

    def __init__(self, size: int = MEMO_ENTRIES) -> None:
        self.size = size
        self._values: OrderedDict = OrderedDict()
        self._pending: dict = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key) -> bool:
        return key in self._values

    def keys(self) -> list:
        with self._lock:
            return list(self._values)

    def drop(self, keep) -> None:
        """Drop every value whose key ``keep(key)`` refuses (a superseded data version)."""
        with self._lock:
            for key in [k for k in self._values if not keep(k)]:
                del self._values[key]

    def get(self, key, compute):
        while True:
            with self._lock:
                if key in self._values:
                    self._values.move_to_end(key)
                    return self._values[key]
                waiting = self._pending.get(key)
                if waiting is None:
                    done = self._pending[key] = threading.Event()
                    break
            waiting.wait()   # another session is computing it; if that failed, try ourselves
        try:
            value = compute()
            with self._lock:
                self._values[key] = value
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._pending[key]
            done.set()


MEMO = Memo()
OBJECTS = Memo(OBJECT_ENTRIES)
_newest = [0]   # the highest snapshot serial asked for: older snapshots' values go when it changes


def derived(snap: Snapshot, key: tuple, compute):
    """``compute()`` once per snapshot and ``key``, kept in ``MEMO``."""
    if snap.serial > _newest[0]:
        _newest[0] = newest = snap.serial   # a new data version: the previous one is kept for the
        MEMO.drop(lambda k: not isinstance(k[0], int) or k[0] >= newest - 1)   # sessions still on it
    return MEMO.get((snap.serial, *key), compute)


def of_object(obj, name: str, compute):
    """``compute()`` once per ``obj`` (a frame a view returned, shared by every session) and
    ``name``: what a page derives from it to draw it (its column rules, which rows are muted).
    Kept while ``obj`` lives, in a bound of its own (``OBJECTS``, least recently used dropped);
    an object that cannot be weakly referenced is computed every time."""
    try:
        ref = weakref.ref(obj)
    except TypeError:
        return compute()
    key = ("object", name, id(obj))
    kept = OBJECTS.get(key, lambda: (ref, compute()))
    if kept[0]() is obj:
        return kept[1]
    OBJECTS.drop(lambda k: k != key)   # the id of a freed object, reused: replace what was kept
    return OBJECTS.get(key, lambda: (ref, compute()))[1]


def choice(value) -> object:
    """A user's choice as part of a key, bounded: dates are days (no time), texts are cut, a
    list of bodies is sorted; anything else must be hashable already."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, str):
        return value[:200]
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(sorted(str(v)[:40] for v in value))
    return value


def view(snap: Snapshot, name: str, compute, *parts):
    """A page's view (``compute()``) once per data version, ``name`` and ``parts`` (the language,
    the filter, the page's choices; see ``choice``). A filter of more than ``MAX_FILTER`` bodies
    is computed but not kept (a crafted URL must not fill the memo)."""
    key = tuple(choice(p) for p in parts)
    if any(isinstance(p, tuple) and len(p) > MAX_FILTER for p in key):
        return compute()
    return derived(snap, ("view", name, *key), compute)
