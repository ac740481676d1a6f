"""The gate script runs take turns at (pages/run_gate.py): never more runs inside than slots, the
waiting let in in arrival order, a wait bounded, a slot never lost (an error, a timeout, a step out),
and app.py gives its slot back however a run ends."""
from __future__ import annotations

import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from pages.run_gate import GATE, FifoGate
from tests.files import ADMIN


def wait_until(check, seconds: float = 5.0) -> None:
    end = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.001)


@settings(max_examples=25, deadline=None)
@given(slots=st.integers(1, 3), holds=st.lists(st.floats(0, 0.003), min_size=1, max_size=10))
def test_never_more_inside_than_slots_and_the_waiting_go_in_in_arrival_order(slots, holds):
    gate = FifoGate(slots)
    inside, most, admitted, lock, go = [0], [0], [], threading.Lock(), threading.Event()

    def block() -> None:   # holds a slot until ``go``: every run below queues
        with gate.admitted(timeout=10):
            go.wait(10)

    def run(i: int, hold: float) -> None:
        with gate.admitted(timeout=10):
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
                admitted.append(i)
            time.sleep(hold)
            with lock:
                inside[0] -= 1

    blockers = [threading.Thread(target=block) for _ in range(slots)]
    for thread in blockers:
        thread.start()
    wait_until(lambda: gate._free == 0)   # noqa: SLF001
    threads = []
    for i, hold in enumerate(holds):   # one at a time: each is queued before the next starts
        threads.append(threading.Thread(target=run, args=(i, hold)))
        threads[-1].start()
        wait_until(lambda n=i: gate.waiting == n + 1)
    go.set()
    for thread in blockers + threads:
        thread.join(10)
    assert most[0] <= slots
    assert sorted(admitted) == list(range(len(holds)))
    if slots == 1:   # let in in arrival order (with several slots, those let in together race to note it)
        assert admitted == list(range(len(holds)))
    assert gate._free == slots and gate.waiting == 0   # noqa: SLF001 - every slot back


def test_a_wait_is_bounded_and_a_timed_out_waiter_leaves_the_queue():
    gate = FifoGate(1)
    gate.acquire()
    result = []
    thread = threading.Thread(target=lambda: result.append(gate.acquire(timeout=0.05)))
    thread.start()
    thread.join(5)
    assert result == [False] and gate.waiting == 0
    gate.release()
    assert gate._free == 1   # noqa: SLF001 - the slot is not lost to the one who gave up


def test_an_error_inside_gives_the_slot_back():
    gate = FifoGate(1)
    try:
        with gate.admitted():
            raise ValueError("a page failed")
    except ValueError:
        pass
    assert gate._free == 1 and not gate.holding()   # noqa: SLF001


def test_a_run_that_steps_out_lets_the_next_in_and_then_waits_its_turn():
    gate = FifoGate(1)
    order = []
    gate.acquire()
    other = threading.Thread(target=lambda: (gate.acquire(), order.append("other"), time.sleep(0.02),
                                             order.append("other done"), gate.release()))
    other.start()
    wait_until(lambda: gate.waiting == 1)
    with gate.stepped_out():
        wait_until(lambda: "other" in order)   # the waiting run went in while this one stepped out
        assert not gate.holding()
    order.append("back")   # only after the other run left
    assert gate.holding()
    other.join(5)
    gate.release()
    assert order == ["other", "other done", "back"]


def test_a_run_restarted_on_its_thread_goes_before_those_who_came_after_it():
    gate, order = FifoGate(1), []
    gate.acquire()   # the test holds the slot while A, C and D queue in that order

    def a() -> None:
        gate.acquire()
        order.append("A")
        gate.first_next()   # Streamlit asked for a rerun while A waited: A stops at once
        gate.release()
        wait_until(lambda: "C" in order)
        gate.acquire()      # the rerun, on the same thread
        order.append("A again")
        gate.release()

    def other(name: str) -> None:
        gate.acquire()
        order.append(name)
        if name == "C":
            wait_until(lambda: gate.waiting == 2)   # A queued again, behind D or before it
        gate.release()

    threads = [threading.Thread(target=a), threading.Thread(target=other, args=("C",)),
               threading.Thread(target=other, args=("D",))]
    for n, thread in enumerate(threads, 1):
        thread.start()
        wait_until(lambda n=n: gate.waiting == n)
    gate.release()
    for thread in threads:
        thread.join(10)
    assert order == ["A", "C", "A again", "D"]
    assert gate._free == 1   # noqa: SLF001


@pytest.mark.parametrize("leaving", [RerunException(None), StopException(), ValueError("a write refused")])
def test_a_run_leaving_its_step_out_by_a_rerun_or_stop_does_not_wait_a_turn_again(leaving):
    """A rerun or a stop ends the run: it does not queue again. An error does not end it (the page
    shows a message and goes on drawing), so that run takes the next turn again."""
    gate, inside, done = FifoGate(1), threading.Event(), threading.Event()
    gate.acquire()
    other = threading.Thread(target=lambda: (gate.acquire(), inside.set(), done.wait(10), gate.release()))
    other.start()
    wait_until(lambda: gate.waiting == 1)
    ends = not isinstance(leaving, ValueError)
    start = time.monotonic()
    leaver = threading.Timer(0.3, done.set) if not ends else None   # the other run must end for this one to go back in
    if leaver:
        leaver.start()
    try:
        with gate.stepped_out():
            inside.wait(5)
            raise leaving
    except type(leaving):
        pass
    assert gate.holding() is not ends
    assert ends is (time.monotonic() - start < 0.25)
    if ends:
        done.set()
    else:
        gate.release()
    other.join(5)
    assert gate._free == 1   # noqa: SLF001


def test_a_write_leaves_the_turn_while_it_writes_and_comes_back_before_later_arrivals(tmp_path):
    """Every write (store.db.writable) steps out of the global gate: while run W writes, the run
    waiting behind it goes in; W then takes the next turn, before a run L that came during the write."""
    from store.db import writable
    order, events = [], {name: threading.Event() for name in ("writing", "end_write", "a_in", "a_go")}

    def w() -> None:
        with GATE.admitted():
            order.append("W in")
            with writable(tmp_path / "w.duckdb") as con:
                con.execute("CREATE TABLE t AS SELECT 1 AS x")
                events["writing"].set()
                events["end_write"].wait(5)
            order.append("W back")

    def a() -> None:
        with GATE.admitted():
            order.append("A")
            events["a_in"].set()
            events["a_go"].wait(5)

    def later() -> None:
        with GATE.admitted():
            order.append("L")

    threads = {"W": threading.Thread(target=w), "A": threading.Thread(target=a), "L": threading.Thread(target=later)}
    try:
        threads["W"].start()
        wait_until(lambda: order == ["W in"])
        threads["A"].start()
        events["writing"].wait(5)
        wait_until(events["a_in"].is_set)   # A went in while W wrote
        threads["L"].start()
        wait_until(lambda: GATE.waiting == 1)   # L waits
        events["end_write"].set()
        wait_until(lambda: GATE.waiting == 2)   # W is back in the queue
        events["a_go"].set()
    finally:
        for event in events.values():
            event.set()
        for thread in threads.values():
            thread.join(10)
    assert order == ["W in", "A", "W back", "L"]
    assert GATE._free == GATE.slots and GATE.waiting == 0   # noqa: SLF001


def test_a_holder_asking_again_is_not_made_to_wait_for_itself():
    gate = FifoGate(1)
    with gate.admitted():
        with gate.admitted(timeout=0.01) as waited:
            assert waited < 0.01
        assert gate.holding()   # the inner block does not give away the outer one's slot
    assert gate._free == 1   # noqa: SLF001


def test_app_gives_its_slot_back_however_a_run_ends(app, monkeypatch):
    at = app("pages/overview.py")   # a whole run
    assert not at.exception
    at = app("pages/imports.py", user=ADMIN)   # a page that steps out of the gate
    assert not at.exception
    monkeypatch.setenv("NDP_REQUIRE_SIGN_IN", "1")
    at = app("pages/catalogue.py")   # a run stopped at the sign-in (st.stop)
    assert GATE._free == GATE.slots and GATE.waiting == 0   # noqa: SLF001
