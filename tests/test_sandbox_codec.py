"""The child's answer travels as columns (``sandbox.encode_rows``): what the parent rebuilds is
exactly what the child read, types included, for any sheet; and a sheet held as columns reads the
same as one held as rows (``read.Sheet``), so ``table`` finds the same header and rows either way."""
from __future__ import annotations

import io
import pickle
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.read import Sheet, read_sheets
from loaders.sandbox import _SEP, decode_columns, decode_rows, encode_rows
from loaders.table import locate_table
from tests.hostile.hostile import LIST_ROWS, list_with_stray

texts = st.one_of(st.text(max_size=6), st.sampled_from(["", _SEP, f"a{_SEP}b", "Bộ Tài chính", "1"]))
values = st.one_of(texts, st.integers(-10, 10), st.floats(allow_nan=False), st.booleans(), st.none(),
                   st.dates(), st.datetimes(), st.times(), st.timedeltas(max_value=timedelta(days=3)))
# columns that are all texts, mostly texts, or mostly other values: every encoding is reached
columns = st.one_of(st.just(texts), st.just(values), st.just(st.one_of(texts, texts, texts, st.floats(allow_nan=False))))


def typed(rows):
    """Rows compared with the type of every cell (1 == 1.0 == True otherwise)."""
    return [[(type(v), v) for v in r] for r in rows]


@st.composite
def sheets(draw):
    width = draw(st.integers(0, 5))
    kinds = [draw(columns) for _ in range(width)]
    n = draw(st.integers(0, 12))
    rows = [[draw(k) for k in kinds] for _ in range(n)]
    if draw(st.booleans()) and rows:     # a ragged sheet (an HTML table)
        rows[draw(st.integers(0, len(rows) - 1))].append(draw(values))
    return rows


@settings(max_examples=200, deadline=None)
@given(rows=sheets())
def test_the_columns_answer_rebuilds_the_rows(rows):
    sent = pickle.loads(pickle.dumps(encode_rows(rows), protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301
    assert typed(decode_rows(sent)) == typed(rows)


@settings(max_examples=200, deadline=None)
@given(rows=sheets(), start=st.integers(0, 14), n=st.integers(0, 14))
def test_a_sheet_held_as_columns_reads_as_the_same_rows(rows, start, n):
    encoded = encode_rows(rows)
    as_rows = Sheet("s", [list(r) for r in rows])
    as_columns = Sheet("s", encoded[1]) if encoded[0] == "rows" else \
        Sheet("s", columns=decode_columns(encoded), height=encoded[1])
    assert as_columns.height == as_rows.height == len(rows)
    assert typed(as_columns.head(n)) == typed(as_rows.head(n)) == typed(rows[:n])
    assert [typed([c]) for c in as_columns.columns(start)] == [typed([c]) for c in as_rows.columns(start)]
    assert typed(as_columns.rows) == typed(rows)


def test_rows_made_from_columns_are_the_cells_afterwards():
    sheet = Sheet("s", columns=[["a", "b"], [1.0, 2.0]], height=2)
    sheet.rows[1][0] = "c"                      # a change to the rows is what columns() then gives
    assert sheet.columns() == [["a", "c"], [1.0, 2.0]]


def test_a_workbook_read_through_the_child_locates_the_same_table():
    data = list_with_stray("F40")
    sheet = read_sheets(io.BytesIO(data))[0]
    again = Sheet(sheet.name, [list(r) for r in sheet.rows])
    a, b = locate_table([sheet]), locate_table([again])
    assert a.blocks[0].cells == b.blocks[0].cells and a.row_nos() == b.row_nos() and a.columns == b.columns
    assert a.blocks[0].cells["name"][:2] == [LIST_ROWS[1][1], LIST_ROWS[2][1]]


def test_dates_and_times_travel_as_values():
    rows = [["x", date(2024, 1, 2)], ["y", datetime(2024, 1, 2, 3, 4)], ["z", time(5, 6)]]
    assert typed(decode_rows(encode_rows(rows))) == typed(rows)


@settings(max_examples=150, deadline=None)
@given(rows=sheets())
def test_a_sheet_held_as_columns_travels_as_its_rows(rows):
    from loaders.sandbox import encode_sheet
    if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
        return
    held = Sheet("s", columns=[list(c) for c in zip(*rows)], height=len(rows))
    assert held.held_as_columns
    assert typed(decode_rows(encode_sheet(held))) == typed(decode_rows(encode_rows(rows))) == typed(rows)


@settings(max_examples=150, deadline=None)
@given(rows=sheets(), limit=st.integers(0, 4))
def test_the_column_measure_of_cell_lengths_is_the_cell_walk(rows, limit):
    """``_short_cells`` (C-speed, a column at a time) says a sheet is fine exactly when the walk
    ``_check_cells`` refuses nothing."""
    from loaders import read
    from loaders.messages import LoaderError
    if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(read, "MAX_CELL", limit)
        try:
            read._check_cells(rows)
            walked = True
        except LoaderError:
            walked = False
        assert read._short_cells([list(c) for c in zip(*rows)]) == walked
