"""The bulk measure of a sheet's extent (``limits._plain_chunk``) gives exactly what the tag-by-tag
walk gives, chunk by chunk, for tags written any way: plain, with a leading zero or a zero row,
prefixed, another blank or none after the name, self-closing, and texts that look like tags'
pieces (``a:c b``)."""
from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import limits
from loaders.limits import column_letters

refs = st.builds(lambda c, r: f"{column_letters(c)}{r}", st.integers(1, 800), st.integers(1, 300_000))
odd_refs = st.builds(lambda c, r: f"{column_letters(c)}{r}", st.integers(1, 800), st.sampled_from(["0", "01", "007"]))
texts = st.sampled_from(["x", "a:c b", "http:row/", "&lt;c r=&quot;ZZ9&quot;", "Bộ Tài chính"])
plain_cells = st.one_of(st.builds(lambda r, t: f'<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>', refs, texts),
                        st.builds(lambda r: f'<c r="{r}"><v>1</v></c>', refs))
odd_cells = st.one_of(
    st.builds(lambda r, sep: f'<c{sep}r="{r}"/>', refs, st.sampled_from(["\t", "\n", "\r", "\f", "\v", " ", "  "])),
    st.builds(lambda r: f"<x:c r=\"{r}\"><x:v>2</x:v></x:c>", refs), st.builds(lambda r: f'<c r="{r}"/>', odd_refs),
    st.just("<c><v>3</v></c>"), st.just("<c/>"), st.just('<c t="n"/>'), st.just('<c r="b7"/>'))
# mostly plain tags: a chunk reaches the bulk path and its one odd tag must send it to the walk
cells = st.one_of(*[plain_cells] * 6, odd_cells)
row_tags = st.one_of(*[st.builds(lambda r: f'<row r="{r}">', st.integers(1, 300_000))] * 6, st.just("<row>"),
                     st.just('<row r="0">'), st.builds(lambda r: f'<row r="0{r}">', st.integers(1, 99)),
                     st.just('<row\nr="5">'), st.just('<x:row r="6">'))


@given(rows=st.lists(st.tuples(row_tags, st.lists(cells, max_size=6)), max_size=14),
       chunk=st.sampled_from([5, 7, 33, 64, 1 << 20]))
@settings(max_examples=300, deadline=None)
def test_the_bulk_measure_equals_the_walk_for_any_tags(rows, chunk):
    xml = ("<worksheet><sheetData>" + "".join(r + "".join(cs) + "</row>" for r, cs in rows)
           + "</sheetData></worksheet>").encode()
    with pytest.MonkeyPatch.context() as mp:     # undone after each example, not only after the test
        mp.setattr(limits, "_CHUNK", chunk)
        fast = limits.sheet_extent(io.BytesIO(xml))
        mp.setattr(limits, "_plain_chunk", lambda data, end: None)
        assert fast == limits.sheet_extent(io.BytesIO(xml))


def test_a_plain_sheet_takes_the_bulk_path(monkeypatch):
    xml = ("<worksheet><sheetData>" + "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="K{r}" t="s"><v>2</v></c></row>'
                                              for r in range(1, 400)) + "</sheetData></worksheet>").encode()
    calls = []
    real = limits._plain_chunk
    monkeypatch.setattr(limits, "_plain_chunk", lambda data, end: calls.append(r := real(data, end)) or r)
    assert limits.sheet_extent(io.BytesIO(xml)) == (399, 11)
    assert calls and all(c is not None for c in calls)


@given(rows=st.lists(st.tuples(st.builds(lambda r: f'<row r="{r}">', st.integers(1, 300_000)),
                               st.lists(plain_cells, min_size=1, max_size=6)), min_size=1, max_size=14),
       chunk=st.sampled_from([33, 64, 200, 1 << 20]), tail=st.sampled_from([0, 40, 4096]))
@settings(max_examples=300, deadline=None)
def test_the_bulk_measure_of_plain_tags_in_any_order_equals_the_walk(rows, chunk, tail):
    """Every tag plain, references in any order: the chunk's last cell (and the cells just before
    it, ``_TAIL``) are only a candidate."""
    xml = ("<worksheet><sheetData>" + "".join(r + "".join(cs) + "</row>" for r, cs in rows)
           + "</sheetData></worksheet>").encode()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(limits, "_CHUNK", chunk)
        mp.setattr(limits, "_TAIL", tail)
        fast = limits.sheet_extent(io.BytesIO(xml))
        mp.setattr(limits, "_plain_chunk", lambda data, end: None)
        assert fast == limits.sheet_extent(io.BytesIO(xml))
