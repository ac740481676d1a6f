"""The row decisions taken a column at a time give exactly what the row-by-row loops give:
``table._extract`` (numbered rows kept in bulk, ``all_numbered``) and ``parse._parse_rows``
(every row an ordinary platform row with a plainly resolving body, ``_plain_rows``). Generated
tables mix the common rows with what sends a table to the loop: blank and unnumbered rows,
"(1) (2)" rows, trailers, section headings, empty names, a name equal to its body, unknown,
merged, unit-qualified and transferring bodies, repeats."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import parse, table
from loaders.bodies import BodyIndex
from loaders.parse import ParsedList
from loaders.paths import DATA_DIR
from loaders.read import Sheet
from loaders.table import Block, Table
from store.reference import read_reference_csv

_REFERENCE = read_reference_csv(DATA_DIR / "reference" / "bodies.csv", ("valid_from", "valid_to")).to_dict("records")
# the shipped transfers, and one from a body current on both dates (what a settled body must not be)
BODIES = BodyIndex.from_records(_REFERENCE, [
    *read_reference_csv(DATA_DIR / "reference" / "function_transfers.csv", ("effective",)).to_dict("records"),
    {"keyword": "cổng dịch vụ", "from_code": "MOJ", "to_code": "MPS", "effective": date(2024, 1, 1),
     "change": "test: a portal moved from MOJ to MPS"}])

AS_OF = (date(2024, 7, 15), date(2025, 11, 9))
PLAIN_BODIES = ["Bộ Tài chính", "BTC", "bo y te", "Bộ Công an", "Văn phòng Chính phủ"]
ODD_BODIES = ["Bộ Thông tin và Truyền thông",       # merged into MOST on 2025-03-01
              "Bộ Giao thông vận tải",              # functions transferred (driver licences)
              "Bộ Tài chính - Tổng cục Thuế",       # a body with its unit
              "Bộ Không Tồn Tại", "Tổng cục Thuế", "",
              "Bộ Tư pháp"]                         # "Cổng dịch vụ công" of it moves (BODIES' test transfer)
NAMES = ["Hệ thống thông tin giấy phép lái xe", "Cổng dịch vụ công", "Nền tảng số {i}", "Nen tang so {i}",
         "Cơ sở dữ liệu {i}", "Bộ Tài chính", ""]


def _row(i: int, name: str, body: str, numbered: bool = True) -> list[str]:
    return [str(i) if numbered else "", name.format(i=i), body]


plain_rows = st.builds(lambda name, body: (name, body, True), st.sampled_from(NAMES[2:5]), st.sampled_from(PLAIN_BODIES))
odd_rows = st.one_of(
    st.builds(lambda name, body: (name, body, True), st.sampled_from(NAMES), st.sampled_from(PLAIN_BODIES + ODD_BODIES)),
    st.builds(lambda body, n: (body, body, n), st.sampled_from(PLAIN_BODIES), st.booleans()),  # a name equal to its body
    st.just(("Cổng dịch vụ công", "Bộ Tư pháp", True)))                                       # a function moved


@st.composite
def tables(draw) -> Table:
    """Blocks of (row number, name, body) rows: mostly the common rows, sometimes one odd."""
    blocks = []
    for s in range(draw(st.integers(1, 2))):
        rows = draw(st.lists(st.one_of(*[plain_rows] * 8, odd_rows), min_size=1, max_size=25))
        cells = [_row(i + 1, *row) for i, row in enumerate(rows)]
        if draw(st.booleans()):                              # a section heading row
            at = draw(st.integers(0, len(cells) - 1))
            cells[at] = draw(st.sampled_from([["I", "BỘ CÔNG AN", ""], ["", "A. Bộ Tư pháp", ""], ["II", "", "BỘ MỚI"]]))
        fields = ["row_no", "name", "ministry"]
        blocks.append(Block(f"S{s}", fields, dict(zip(fields, map(list, zip(*cells)))), [i + 5 for i in range(len(cells))]))
    return Table([b.sheet for b in blocks], 4, {"row_no": 0, "name": 1, "ministry": 2}, [], blocks)


def _decide(tbl: Table, as_of: date, kind: str) -> tuple:
    parsed = ParsedList("x", "S0", 4, len(tbl))
    sections = parse._parse_rows(parsed, tbl, BODIES, as_of, kind in parse.KINDS_NEEDING_BODY, kind == "provincial")
    return sections, parsed.columns, [(n, asdict(m)) for n, m in parsed.rejected], [asdict(w) for w in parsed.warnings]


@given(tbl=tables(), as_of=st.sampled_from(AS_OF), kind=st.sampled_from(["national_deployed", "shared", "provincial"]))
@settings(max_examples=200, deadline=None)
def test_the_rows_decided_a_column_at_a_time_equal_the_loop(tbl, as_of, kind):
    with pytest.MonkeyPatch.context() as mp:
        fast = _decide(tbl, as_of, kind)
        mp.setattr(parse, "_plain_rows", lambda *args: None)
        assert fast == _decide(tbl, as_of, kind)


def test_a_plain_table_takes_the_column_path(monkeypatch):
    rows = [_row(i, "Nền tảng số {i}", PLAIN_BODIES[i % len(PLAIN_BODIES)]) for i in range(1, 40)]
    tbl = Table(["S"], 4, {"row_no": 0, "name": 1, "ministry": 2}, [],
                [Block("S", ["row_no", "name", "ministry"], dict(zip(["row_no", "name", "ministry"], map(list, zip(*rows)))),
                       list(range(5, 44)))])
    calls = []
    real = parse._plain_rows
    monkeypatch.setattr(parse, "_plain_rows", lambda *a: calls.append(r := real(*a)) or r)
    _, columns, rejected, _ = _decide(tbl, AS_OF[1], "national_deployed")
    assert calls[0] is not None and len(columns["name"]) == 39 and not rejected


cells = st.sampled_from(["", "(1)", "(2)", "3.", "x", "Tổng cộng", "Nơi nhận", "Bộ Tài chính", "I", "7"])
numbered_rows = st.builds(lambda n, name: [str(n), name, "Bộ Tài chính"], st.integers(1, 999), st.sampled_from(["a", "b"]))
any_rows = st.one_of(st.lists(cells, min_size=3, max_size=3), st.just(["", "", ""]), st.just(["", "x", ""]))


@given(rows=st.lists(st.one_of(*[numbered_rows] * 10, any_rows), max_size=30), numbered=st.booleans())
@settings(max_examples=300, deadline=None)
def test_rows_kept_in_bulk_equal_the_loop(rows, numbered):
    sheet = Sheet("S", [["STT", "Tên nền tảng", "Cơ quan"], *rows])
    columns = {"row_no": 0, "name": 1, "ministry": 2} if numbered else {"name": 1, "ministry": 2}
    with pytest.MonkeyPatch.context() as mp:
        block, skipped, _ = table._extract(sheet, 1, columns)
        mp.setattr(table, "all_numbered", lambda numbers, start: False)
        slow, slow_skipped, _ = table._extract(sheet, 1, columns)
    assert (block, skipped) == (slow, slow_skipped)


def test_a_numbered_list_is_kept_in_bulk(monkeypatch):
    rows = [[str(i), f"Nền tảng {i}", "Bộ Tài chính"] for i in range(1, 60)]
    calls = []
    real = table.all_numbered
    monkeypatch.setattr(table, "all_numbered", lambda n, s: calls.append(r := real(n, s)) or r)
    block, _, _ = table._extract(Sheet("S", [["STT", "Tên", "Cơ quan"], *rows]), 1, {"row_no": 0, "name": 1, "ministry": 2})
    assert calls == [True] and len(block) == 59
