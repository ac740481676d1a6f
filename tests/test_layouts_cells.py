"""The column-at-a-time shortcuts give exactly what cleaning (and legacy detection) cell by cell gives."""
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import legacy
from loaders.column_clean import clean_column
from loaders.text import clean

CELL_TEXT = st.lists(st.sampled_from(list("ab |Đđ\u00a0\n\u200bệ\u0301") + ["e\u0301", "Bộ", "(1)", "  "]),
                     max_size=8).map("".join)
CELLS = st.one_of(CELL_TEXT, st.floats(allow_nan=True), st.integers(-10**6, 10**6), st.none(), st.booleans())


@settings(max_examples=300, derandomize=True, database=None)
@given(st.one_of(st.lists(CELL_TEXT, max_size=12), st.lists(CELLS, max_size=12),
                 st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=6),
                 st.lists(st.integers(-10**20, 10**20), max_size=6)))
def test_clean_column_is_clean_of_each_cell(values):
    assert clean_column(values) == [clean(v) for v in values]


@settings(max_examples=200, derandomize=True, database=None)
@given(st.lists(st.sampled_from(["Bé Tµi chÝnh", "Bé C«ng an", "Bộ Tài chính", "abc", "", "Tæng côc"]), max_size=6))
def test_legacy_detection_on_the_joined_column_matches_cell_by_cell(values):
    texts = [v for v in values if v and legacy._NON_ASCII.search(v)]
    if not texts or any(legacy._GENUINE.search(v) for v in values if v):
        assert legacy.detect(values) is None
    else:
        assert legacy.detect(values) in (*legacy.ENCODINGS, None)
