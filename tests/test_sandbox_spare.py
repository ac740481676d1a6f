"""The waiting child (``sandbox._spare``): started only after a read that got an answer, used once
for the next file with the same limits, replaced when it died while waiting, never started for a
file refused before reading, and it keeps the limits it set before the file came."""
from __future__ import annotations

import io

import pytest

from loaders import read, sandbox
from loaders.messages import LoaderError
from tests.hostile.hostile import list_with_stray


@pytest.fixture(autouse=True)
def no_spares():
    sandbox._end_spares()
    yield
    sandbox._end_spares()


def test_a_read_leaves_one_spare_and_the_next_read_uses_it():
    read.read_sheets(io.BytesIO(list_with_stray("F40")))
    (command, spare), = sandbox._spare.items()
    assert spare.poll() is None
    sheets = read.read_sheets(io.BytesIO(list_with_stray("F41")))
    assert len(sheets[0].rows) == 41 and spare.wait(timeout=10) == 0     # the spare read it and ended
    (again,) = sandbox._spare.values()
    assert again is not spare and again.poll() is None                   # and a new one waits


def test_a_file_refused_by_its_extent_starts_no_child():
    with pytest.raises(LoaderError) as err:
        read.read_sheets(io.BytesIO(list_with_stray("XFD150000")))
    assert err.value.message.code == "sheet_too_large" and sandbox._spare == {}


def test_a_spare_that_died_while_waiting_is_replaced():
    read.read_sheets(io.BytesIO(list_with_stray("F40")))
    (spare,) = sandbox._spare.values()
    spare.kill()
    spare.wait()
    assert len(read.read_sheets(io.BytesIO(list_with_stray("F42")))[0].rows) == 42


def test_the_spare_keeps_its_memory_limit():
    """A spare started with 256 MB still refuses a file that needs ~800 MB."""
    sandbox.parse_in_child("workbook", list_with_stray("F40"), memory=256 * 2**20)
    assert len(sandbox._spare) == 1
    with pytest.raises(LoaderError) as err:
        sandbox.parse_in_child("workbook", list_with_stray("ALL20000"), memory=256 * 2**20)
    assert err.value.message.code == "read_too_costly" and "256 MB" in err.value.text("en")


def test_a_child_given_no_file_ends_quietly():
    proc = sandbox._start(sandbox._command("workbook", sandbox.MEMORY, sandbox.SECONDS))
    out, _ = proc.communicate(b"", timeout=60)
    assert proc.returncode == 0 and out == b""
