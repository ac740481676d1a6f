"""Snapshot.derived's memo: bounded, least recently used dropped first, computed once under
concurrency, a failed computation not kept."""
from __future__ import annotations

import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.snapshot import Memo


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=200), st.integers(1, 10))
def test_memo_is_bounded_and_keeps_the_most_recent(keys, size):
    memo, calls = Memo(size), []
    for k in keys:
        assert memo.get(k, lambda k=k: calls.append(k) or k * 2) == k * 2
    assert len(memo) <= size
    recent = list(dict.fromkeys(reversed(keys)))[:size]   # the last `size` distinct keys used
    assert all(k in memo for k in recent)
    assert len(calls) >= len(set(keys))


def test_many_sessions_asking_at_once_compute_once():
    memo, calls, results = Memo(), [], []
    gate = threading.Barrier(8)

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return "view"

    def session():
        gate.wait()
        results.append(memo.get(("overview", "vi"), slow))

    threads = [threading.Thread(target=session) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    assert results == ["view"] * 8
    assert len(calls) == 1


def test_a_failed_computation_is_not_kept_and_does_not_block_others():
    memo = Memo()

    def boom():
        raise ValueError("bad")

    with pytest.raises(ValueError):
        memo.get("k", boom)
    assert "k" not in memo
    assert memo.get("k", lambda: 3) == 3
