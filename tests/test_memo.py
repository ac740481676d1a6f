"""Snapshot.derived's memo: bounded, least recently used dropped first, computed once under
concurrency, a failed computation not kept."""
from __future__ import annotations

import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from views.memo import Memo


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


# --- the views' memo: keyed on the data version and bounded in what a user can choose ----------
def test_a_view_is_computed_once_per_data_version_and_choice(built_snap, monkeypatch):
    from datetime import date

    from views import memo as views_memo
    monkeypatch.setattr(views_memo, "MEMO", Memo(8))
    calls = []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    first = views_memo.view(built_snap, "page", compute, "vi", ["MOF"], date(2025, 3, 1))
    assert views_memo.view(built_snap, "page", compute, "vi", ["MOF"], date(2025, 3, 1)) == first
    assert len(calls) == 1
    views_memo.view(built_snap, "page", compute, "en", ["MOF"], date(2025, 3, 1))   # another language
    assert len(calls) == 2


@settings(max_examples=30, deadline=None)
@given(st.lists(st.dates(), max_size=60), st.lists(st.text(max_size=300), max_size=30))
def test_every_date_and_text_a_user_picks_keeps_the_memo_bounded(days, texts):
    from views import memo as views_memo
    memo = Memo(16)
    for value in [*days, *texts]:
        key = views_memo.choice(value)
        assert len(str(key)) <= 200
        memo.get(("page", key), lambda: object())
    assert len(memo) <= 16


def test_a_filter_of_very_many_bodies_is_computed_but_not_kept(built_snap, monkeypatch):
    from views import memo as views_memo
    monkeypatch.setattr(views_memo, "MEMO", Memo())
    many = [f"B{i}" for i in range(views_memo.MAX_FILTER + 1)]
    assert views_memo.view(built_snap, "page", lambda: "x", "vi", many) == "x"
    assert len(views_memo.MEMO) == 0
    views_memo.view(built_snap, "page", lambda: "x", "vi", many[:2])
    assert len(views_memo.MEMO) == 1


def test_a_new_data_version_drops_the_views_of_versions_before_the_previous(built_db, monkeypatch):
    from tests.conftest import snapshot_of
    from views import memo as views_memo
    monkeypatch.setattr(views_memo, "MEMO", Memo())
    old, previous, new = snapshot_of(built_db), snapshot_of(built_db), snapshot_of(built_db)
    assert old.serial < previous.serial < new.serial
    for snap in (old, previous, new):
        views_memo.view(snap, "page", lambda: "x", "vi")
    assert {k[0] for k in views_memo.MEMO.keys()} == {previous.serial, new.serial}
