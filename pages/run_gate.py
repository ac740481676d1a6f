"""Script runs admitted in turn: a first-in, first-out gate with few slots (one by default).

Streamlit starts one thread per script run. Fifty people clicking at once are fifty threads taking
turns on one interpreter lock: every run progresses, every run ends late, and the unlucky ones much
later than the rest (the lock is not handed out in order). Admitting runs in arrival order, a slot
at a time, serves the same work with less switching and a short, even wait: on the load test's
fifty busy sessions the slowest views come closer to the typical one (docs/benchmarks.md, tenth
session). The wait is bounded (``WAIT_SECONDS``): a run that waited that long goes ahead anyway, so
nothing can be stuck behind a run that never ends.

Pages whose work waits on something else (an import's sandboxed read) leave their slot for the
time of that work (``stepped_out``) so views go on meanwhile, and so does every write of any page
(``store.db.around_writes``: the writers' lock, the file copy, the fsync); a run coming back from
a step-out takes its next turn first, since it already had one. A run Streamlit restarts on
the same thread (a rerun asked for while it waited or ran) takes its next turn first
(``first_next``), not behind everyone again. Fragment and dialog runs (the sign-in dialog's
password check) do not run app.py and so do not pass the gate.
"""
from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from store import db

SLOTS = max(1, int(os.environ.get("NDP_SCRIPT_SLOTS", "1") or 1))
WAIT_SECONDS = float(os.environ.get("NDP_GATE_WAIT_SECONDS", "10") or 10)


class FifoGate:
    """``slots`` runs at a time; the others wait and are let in in the order they came. A slot
    freed goes straight to the first waiter (no newcomer can take it first)."""

    def __init__(self, slots: int = SLOTS) -> None:
        self.slots = slots
        self._free = slots
        self._queue: deque[threading.Event] = deque()
        self._lock = threading.Lock()
        self._held = threading.local()

    @property
    def waiting(self) -> int:
        with self._lock:
            return len(self._queue)

    def holding(self) -> bool:
        """Whether the calling thread holds a slot."""
        return getattr(self._held, "slot", False)

    def acquire(self, timeout: float = WAIT_SECONDS) -> bool:
        """Wait for a slot in turn; False when ``timeout`` passed first (the caller goes ahead
        without one). A thread that already holds a slot is not made to wait for a second."""
        if self.holding():
            return True
        first, self._held.first = getattr(self._held, "first", False), False
        with self._lock:
            if self._free and not self._queue:
                self._free -= 1
                self._held.slot = True
                return True
            turn = threading.Event()
            if first:   # a rerun of a run that already had its turn
                self._queue.appendleft(turn)
            else:
                self._queue.append(turn)
        if not turn.wait(max(0.0, timeout)):
            with self._lock:
                if turn in self._queue:   # still waiting: leave the queue
                    self._queue.remove(turn)
                    return False
            # handed a slot between the timeout and the lock: it is ours
        self._held.slot = True
        return True

    def first_next(self) -> None:
        """The calling thread's next wait goes to the front of the queue (Streamlit reruns a
        script on the thread that ran it)."""
        self._held.first = True

    def release(self) -> None:
        """Give the calling thread's slot to the first waiter, or back to the free ones."""
        if not self.holding():
            return
        self._held.slot = False
        with self._lock:
            if self._queue:
                self._queue.popleft().set()
            else:
                self._free += 1

    @contextmanager
    def admitted(self, timeout: float = WAIT_SECONDS) -> Iterator[float]:
        """Hold a slot for the block (or go ahead without one after ``timeout``); yields the
        seconds waited."""
        start = time.perf_counter()
        held_before = self.holding()
        self.acquire(timeout)
        try:
            yield time.perf_counter() - start
        finally:
            if not held_before:
                self.release()

    @contextmanager
    def stepped_out(self) -> Iterator[None]:
        """Leave the slot for the block (work that waits on a process, a disk or a lock) and take
        the next turn after it (before those who came meanwhile: this run already had its turn)."""
        held = self.holding()
        if held:
            self.release()
        try:
            yield
        except (RerunException, StopException):   # the run ends here: waiting a turn for it would be
            held = False                          # for nothing (an error is shown and the run goes on)
            raise
        finally:
            if held:
                self.first_next()
                self.acquire()


GATE = FifoGate()
db.around_writes(GATE.stepped_out)   # a page's write leaves its turn while it writes
