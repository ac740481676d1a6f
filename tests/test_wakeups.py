"""One wake-up per batch (pages/wakeups.py) delivers what Streamlit's own per-message wake-up
did: every callback of a session once, on the loop, in the order each thread handed it over, and
nothing after the loop is closed."""
from __future__ import annotations

import asyncio
import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from pages import wakeups


class FakeSession:
    """What ``call_soon_batched`` uses of an AppSession: its event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._event_loop = loop


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=4))
def test_every_callback_runs_once_on_the_loop_in_each_threads_order(per_thread):
    seen: list[tuple[int, int, bool]] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()
        session = FakeSession(loop)
        loop_thread = threading.get_ident()

        def hand_over(t: int, n: int) -> None:
            for i in range(n):
                wakeups.call_soon_batched(session, lambda t=t, i=i: seen.append((t, i, threading.get_ident() == loop_thread)))

        threads = [threading.Thread(target=hand_over, args=(t, n)) for t, n in enumerate(per_thread)]
        for thread in threads:
            thread.start()
        await asyncio.to_thread(lambda: [thread.join() for thread in threads])
        for _ in range(50):   # the drains scheduled last
            await asyncio.sleep(0)

    asyncio.run(main())
    assert sorted(seen) == [(t, i, True) for t, n in enumerate(per_thread) for i in range(n)]   # each once, on the loop
    for t, n in enumerate(per_thread):
        assert [i for s, i, _ in seen if s == t] == list(range(n))   # in the order handed over


def test_a_batch_wakes_the_loop_once_and_a_raising_callback_does_not_stop_the_rest():
    ran, errors = [], []

    async def main() -> None:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _loop, context: errors.append(context["exception"]))
        session = FakeSession(loop)
        for i in range(5):
            wakeups.call_soon_batched(session, (lambda: 1 / 0) if i == 2 else (lambda i=i: ran.append(i)))
        assert len(loop._ready) == 1   # one drain scheduled for the five
        await asyncio.sleep(0)

    asyncio.run(main())
    assert ran == [0, 1, 3, 4] and len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)


def test_a_closed_loop_drops_the_callback():
    loop = asyncio.new_event_loop()
    loop.close()
    wakeups.call_soon_batched(FakeSession(loop), lambda: None)   # no error, as Streamlit drops it
