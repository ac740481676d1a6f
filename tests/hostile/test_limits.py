"""Resource limits before work: each hostile file is refused with a message, at a bounded cost
(peak memory and time as stated in the README, "Hostile input: limits and costs")."""
from __future__ import annotations

import io
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.search import MAX_QUERY, search
from loaders import limits, read, sandbox
from loaders.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, check_workbook_extent, column_letters
from loaders.messages import LoaderError
from tests.files import HEADER, csv_bytes
from tests.hostile.hostile import LIST_ROWS, cost, list_with_stray, sheet_xml, xlsx
from tests.test_cli import cli

# Budgets stated in the README: a refusal by measurement costs the reading process < 150 MB and
# < 3 s and starts no child; a refusal by the child's limits < 150 MB in the parent and < 30 s.
MEASURED_MB, MEASURED_S = 150, 3
CHILD_MB, CHILD_S = 150, 30


@pytest.mark.parametrize("stray", ["XFD150000", "ALL20000", "SS300", "C200001", "XFD1048576"])
def test_a_stray_far_cell_is_refused_before_calamine_sees_it(tmp_path, stray):
    data = list_with_stray(stray)
    assert len(data) < 6_000                                           # a 5 KB file ...
    out = cost(data, tmp_path)
    assert out["code"] == "sheet_too_large", out                       # ... is refused with a message
    assert f"reaches {stray}" in out["en"] and "Ctrl+End" in out["en"] and "Sheet 'Trang 1'" in out["vi"]
    assert out["peak_mb"] < MEASURED_MB and out["cpu_seconds"] < MEASURED_S and out["child_peak_mb"] == 0, out


def test_the_child_limits_turn_an_abort_into_a_message(tmp_path):
    """Without the measurement (as if a file fooled it) calamine asks for ~78 GB and aborts: the
    child dies, the reader gets a message and stays small."""
    code = ("import loaders.read as r\nr.check_workbook_extent = lambda data: None\n"
            "outcome = {'sheets': len(r.read_sheets(io.BytesIO(data)))}")
    out = cost(list_with_stray("XFD150000"), tmp_path, code)
    assert out["code"] == "read_too_costly" and "nothing was imported" in out["en"], out
    assert out["peak_mb"] < CHILD_MB and out["cpu_seconds"] < CHILD_S, out


def test_a_child_over_its_time_is_stopped(monkeypatch):
    monkeypatch.setattr(sandbox, "_command", lambda kind, memory, seconds: [sys.executable, "-c", "import time; time.sleep(60)"])
    with pytest.raises(LoaderError) as err:
        sandbox.parse_in_child("workbook", b"PK", seconds=1)
    assert err.value.message.code == "read_too_costly" and "1 s" in err.value.text("en")


def test_a_child_over_its_memory_gets_a_message():
    with pytest.raises(LoaderError) as err:
        sandbox.parse_in_child("workbook", list_with_stray("ALL20000"), memory=256 * 2**20)   # needs ~800 MB
    assert err.value.message.code == "read_too_costly" and "256 MB" in err.value.text("en")


def test_a_good_workbook_still_reads_through_the_child():
    sheets = read.read_sheets(io.BytesIO(list_with_stray("F40")))
    assert sheets[0].rows[1][:3] == LIST_ROWS[1] and len(sheets[0].rows) == 40 and len(sheets[0].rows[0]) == 6


def test_the_cells_budget_is_per_file(tmp_path):
    per_sheet = f"{column_letters(100)}30000"                           # 3,000,000 cells: within the limits
    out = cost(xlsx(*[sheet_xml(LIST_ROWS, [per_sheet]) for _ in range(2)]), tmp_path)
    assert out["code"] == "too_many_cells" and f"{MAX_CELLS}" in out["en"], out
    assert out["peak_mb"] < MEASURED_MB and out["child_peak_mb"] == 0, out


refs = st.tuples(st.integers(1, 16_384), st.integers(1, 1_048_576))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stray=st.lists(refs, max_size=3), dimension=st.sampled_from([None, "A1:C3", "A1", "A1:XFD1048576"]),
       prefix=st.sampled_from(["", "x:"]), with_refs=st.booleans())
def test_the_measure_is_the_furthest_cell_whatever_the_dimension_says(stray, dimension, prefix, with_refs):
    part = sheet_xml(LIST_ROWS, [f"{column_letters(c)}{r}" for c, r in stray], dimension=dimension, prefix=prefix,
                     with_refs=with_refs)
    rows = max([len(LIST_ROWS), *(r for _, r in stray)])
    cols = max([3, *(c for c, _ in stray)])
    if rows > MAX_ROWS or cols > MAX_COLUMNS or rows * cols > MAX_CELLS:
        with pytest.raises(LoaderError) as err:
            check_workbook_extent(xlsx(part))
        assert err.value.message.code in ("sheet_too_large", "too_many_cells")
    else:
        assert check_workbook_extent(xlsx(part)) == [("Trang 1", rows, cols)]


def test_cells_without_a_reference_take_the_next_place():
    wide = sheet_xml([["x"] * (MAX_COLUMNS + 1)], dimension=None, with_refs=False)
    with pytest.raises(LoaderError) as err:
        check_workbook_extent(xlsx(wide))
    assert err.value.message.code == "sheet_too_large" and f"{MAX_COLUMNS + 1} columns" in err.value.text("en")


def test_the_stream_is_read_in_chunks(monkeypatch):
    monkeypatch.setattr(limits, "_CHUNK", 7)      # every tag split across reads somewhere
    part = sheet_xml(LIST_ROWS * 30, ["K95"])
    assert check_workbook_extent(xlsx(part)) == [("Trang 1", 95, 11)]


# --- delimited text -------------------------------------------------------------------------------
def test_a_csv_field_over_the_csv_module_limit_is_a_message_not_exit_3(tmp_path, built_db):
    path = tmp_path / "ds.csv"
    path.write_bytes(csv_bytes([HEADER, [1, "x" * 140_000, "BCA"]]))
    out = cli("ingest", path, "--list", "shared-2025", "--db", built_db)   # refused before any write
    assert out.returncode == 2 and "characters" in out.stderr and "Traceback" not in out.stderr, out.stderr


@pytest.mark.parametrize("data, code", [
    (csv_bytes([HEADER, [1, "x" * (read.MAX_CELL + 1), "BCA"]]), "cell_too_long"),
    ('STT,Tên nền tảng,Cơ quan chủ quản\n1,"chưa đóng ngoặc'.encode() + b"y" * 200_000 + b",BCA\n", "cell_too_long"),
    (csv_bytes([HEADER + [""] * MAX_COLUMNS, [1, "a", "BCA"]]), "sheet_too_large"),
], ids=["long-cell", "unclosed-quote", "wide"])
def test_delimited_text_is_bounded(tmp_path, data, code):
    out = cost(data, tmp_path)
    assert out["code"] == code, out
    assert out["peak_mb"] < MEASURED_MB and out["cpu_seconds"] < MEASURED_S, out


# --- the catalogue search -------------------------------------------------------------------------
def test_a_megabyte_search_uses_its_first_characters_only(built_snap):
    df = built_snap.platform_current[["name"]]
    query = "hệ thống " * 120_000                       # ~1 MB of words
    assert len(query) > 1_000_000
    assert search(df, query, ["name"]).equals(search(df, query[:MAX_QUERY], ["name"]))
    assert len(search(df, "hệ thống", ["name"])) > 0


cell_tags = st.one_of(
    st.builds(lambda c, r: f'<c r="{column_letters(c)}{r}" t="s"><v>1</v></c>', st.integers(1, 40), st.integers(1, 60)),
    st.just("<c><v>2</v></c>"), st.just('<c t="n"/>'), st.just("<x:c><v>3</v></x:c>"))
row_tags = st.one_of(st.builds(lambda r: f'<row r="{r}">', st.integers(1, 60)), st.just("<row>"))


@given(rows=st.lists(st.tuples(row_tags, st.lists(cell_tags, max_size=6)), max_size=12),
       chunk=st.sampled_from([7, 33, 64, 1 << 20]))
@settings(max_examples=150, deadline=None)
def test_the_fast_measure_equals_the_tag_by_tag_walk(rows, chunk):
    """The bulk path for plain ``r`` attributes gives exactly what the walk gives, chunk by chunk."""
    import io as _io

    xml = ("<worksheet><sheetData>" + "".join(r + "".join(cs) + "</row>" for r, cs in rows)
           + "</sheetData></worksheet>").encode()
    with pytest.MonkeyPatch.context() as mp:     # undone after each example (a fixture's is undone once, at the end)
        mp.setattr(limits, "_CHUNK", chunk)
        fast = limits.sheet_extent(_io.BytesIO(xml))
        mp.setattr(limits, "_plain_chunk", lambda data, end: None)
        assert fast == limits.sheet_extent(_io.BytesIO(xml))
