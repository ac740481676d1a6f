"""The child's answer is streamed a column at a time (``sandbox.write_answer``/``read_answer``):
the sheets the parent rebuilds are the sheets the child read, held the same way, types included,
for any number of sheets held as rows or as columns; an answer cut anywhere before its end is no
answer (``read_too_costly``), never a shorter sheet."""
from __future__ import annotations

import io
import sys
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import sandbox
from loaders.messages import LoaderError
from loaders.read import Sheet, parse_workbook, read_sheets
from tests.hostile.hostile import list_with_stray
from tests.test_sandbox_codec import sheets as sheet_rows
from tests.test_sandbox_codec import typed


@st.composite
def held_sheets(draw):
    """Sheets held as rows (any shape) or as columns (one width), as the child holds them."""
    out = []
    for i in range(draw(st.integers(0, 3))):
        rows = draw(sheet_rows())
        even = rows and rows[0] and all(len(r) == len(rows[0]) for r in rows)
        if even and draw(st.booleans()):
            out.append(Sheet(f"s{i}", columns=[list(c) for c in zip(*rows)], height=len(rows)))
        else:
            out.append(Sheet(f"s{i}", [list(r) for r in rows]))
    return out


def sent(sheets) -> bytes:
    out = io.BytesIO()
    sandbox.write_answer(out, sheets)
    return out.getvalue()


@settings(max_examples=200, deadline=None)
@given(sheets=held_sheets(), cut=st.floats(0, 1, exclude_max=True))
def test_the_streamed_answer_rebuilds_the_sheets_and_a_cut_one_is_none(sheets, cut):
    data = sent(sheets)
    status, got = sandbox.read_answer(io.BytesIO(data))
    assert status == "ok" and [s.name for s in got] == [s.name for s in sheets]
    for a, b in zip(got, sheets):
        assert a.height == b.height and typed(a.rows) == typed(b.rows)
    assert sandbox.read_answer(io.BytesIO(data[:int(len(data) * cut)])) is None


def test_an_error_answer_is_the_childs_message():
    out = io.BytesIO()
    sandbox._send(out, ("error", ("corrupt_workbook", {"detail": "x"})))
    assert sandbox.read_answer(io.BytesIO(out.getvalue())) == ("error", ("corrupt_workbook", {"detail": "x"}))


def test_a_workbook_through_the_child_is_the_workbook_read_here():
    data = list_with_stray("F40")
    (through,), (here,) = read_sheets(io.BytesIO(data)), parse_workbook(data)
    assert through.held_as_columns and typed(through.rows) == typed(here.rows) and through.name == here.name


def test_a_child_that_ends_without_a_whole_answer_is_too_costly(monkeypatch):
    script = ("import pickle, sys; sys.stdin.buffer.read(); "
              "pickle.dump(('columns', 's', 2, 2), sys.stdout.buffer); pickle.dump(('text', 'a\\x00b'), sys.stdout.buffer)")
    monkeypatch.setattr(sandbox, "_command", lambda kind, memory, seconds: [sys.executable, "-c", script])
    with pytest.raises(LoaderError) as err:
        sandbox.parse_in_child("workbook", b"PK" * 100_000)
    assert err.value.message.code == "read_too_costly"
    sandbox._end_spares()


def test_a_whole_answer_is_read_without_waiting_for_the_child_to_exit(monkeypatch):
    """The child's exit (the teardown of its memory) is not waited for once its answer is whole;
    a child that then lingers is ended by the reaper after ``seconds``."""
    script = ("import pickle, sys, time; sys.stdin.buffer.read(); pickle.dump(('end',), sys.stdout.buffer); "
              "sys.stdout.flush(); time.sleep(30)")
    monkeypatch.setattr(sandbox, "_command", lambda kind, memory, seconds: [sys.executable, "-c", script])
    started = time.monotonic()
    assert sandbox.parse_in_child("workbook", b"PK", seconds=2) == []
    assert time.monotonic() - started < 2
    (reaper,) = [t for t in threading.enumerate() if t.name == "sandbox-reaper"]
    reaper.join(timeout=10)
    assert not reaper.is_alive()
    sandbox._end_spares()
