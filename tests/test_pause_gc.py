"""The collector is paused while files are parsed and always comes back as it was."""
import gc
import threading

import pytest

from loaders.pause_gc import paused_gc


def test_paused_inside_and_restored_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with paused_gc():
            assert not gc.isenabled()
            raise ValueError("bad file")
    assert gc.isenabled()


def test_nested_and_concurrent_parses_resume_only_when_the_last_ends():
    inside, release = threading.Event(), threading.Event()

    def other_parse():
        with paused_gc():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other_parse)
    worker.start()
    inside.wait(5)
    with paused_gc():
        assert not gc.isenabled()
    assert not gc.isenabled()          # the other thread's parse is still running
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_parsers_run_with_the_collector_paused(monkeypatch):
    import loaders.table
    from tests.files import GOOD_ROWS, HEADER, csv_bytes
    from tests.test_parse import parse
    seen = []
    real = loaders.table.locate_table
    monkeypatch.setattr("loaders.parse.locate_table", lambda *a: seen.append(gc.isenabled()) or real(*a))
    parse(csv_bytes([HEADER, *GOOD_ROWS]))
    assert seen == [False] and gc.isenabled()
