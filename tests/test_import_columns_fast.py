"""Column-at-a-time forms of per-value steps of an import give what the per-value forms give:
folding a name column (``fold_many``), its keys (``parse._keys``), Excel's whole numbers
(``column_clean.clean_column``), the name-length guard (``guards.bound_names``) and the change preview
(``changes.list_changes``, against the row-by-row comparison it replaced)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from actions.guards import MAX_NAME, bound_names
from loaders import column_clean, parse
from loaders.parse import ParsedList
from loaders.text import clean, fold, fold_many
from store.changes import COMPARED, ListChanges, field_changes, list_changes

# blanks, punctuation and separators around the words, where runs and trims matter
words = st.text(alphabet=" \t\n.-_/()aAbĐđệỆ1\x00\x1f\u00a0", max_size=12)


@given(st.lists(words, max_size=12))
@settings(max_examples=300, deadline=None)
def test_fold_many_collapses_blanks_like_fold(values):
    assert fold_many(values) == [fold(v) for v in values]


def test_fold_many_lowers_after_the_marks_are_dropped_like_fold_for_every_character(monkeypatch):
    """fold lowers, then decomposes; fold_many decomposes, drops the marks, then lowers the ASCII
    left. Every code point whose decomposition is ASCII and marks only (what reaches that step;
    the rest send the column to fold) folds the same both ways, alone and between words."""
    import unicodedata

    from loaders import text
    from loaders.text import _BEYOND_MARKS
    reaching = []
    for c in range(0x110000):
        if 0xD800 <= c <= 0xDFFF:
            continue
        v = clean(chr(c))
        if "\x00" not in v and not _BEYOND_MARKS.search(unicodedata.normalize("NFD", v.replace("đ", "d").replace("Đ", "d"))):
            reaching.append(v)
    assert len(reaching) > 700        # ASCII, Latin letters with marks (Vietnamese among them), marks
    between = [f"A{v}b {v}" for v in reaching]
    expected = [fold(v) for v in reaching], [fold(v) for v in between]
    monkeypatch.setattr(text, "fold", None)     # the whole column takes the joined path
    assert (fold_many(reaching, cleaned=True), fold_many(between, cleaned=True)) == expected


@given(st.lists(st.text(alphabet=" ab\x00", max_size=6), max_size=10))
def test_keys_of_a_column_are_each_fold_without_spaces(folds):
    assert parse._keys(folds) == [f.replace(" ", "") for f in folds]


@given(st.lists(st.one_of(st.integers(-10**6, 10**6).map(float), st.floats(allow_nan=True)), max_size=10))
def test_whole_numbers_are_cleaned_like_clean(values):
    out = column_clean.clean_column(values)
    assert out == [str(int(v)) if v.is_integer() else clean(v) for v in values]


@given(st.lists(st.one_of(st.text(max_size=5), st.integers(MAX_NAME - 2, MAX_NAME + 2).map(lambda n: "x" * n)),
                max_size=8))
@settings(max_examples=150, deadline=None)
def test_the_name_guard_rejects_exactly_the_long_names(names):
    parsed = ParsedList("x", "S", 1, len(names))
    parsed.columns = {**parsed.columns, "name": names, "row_no": list(range(2, len(names) + 2))}
    parsed.columns = {f: v if f in ("name", "row_no") else [None] * len(names) for f, v in parsed.columns.items()}
    out = bound_names(parsed)
    long = [len(n) > MAX_NAME for n in names]
    assert out.columns["name"] == [n for n, bad in zip(names, long) if not bad]
    assert [r for r, _ in out.rejected] == [r for r, bad in zip(parsed.columns["row_no"], long) if bad]


def _changes_row_by_row(current, columns, scope, remove_missing) -> ListChanges:
    """The comparison as it was written before, one row of the file at a time."""
    by_key = {}
    for row in current:
        by_key.setdefault(row["name_key"], row)
    changes = ListChanges(remove_missing=remove_missing)
    keys = columns["name_key"]
    for i, (name_key, name, code) in enumerate(zip(keys, columns["name"], columns["ministry_code"])):
        old = by_key.get(name_key)
        if old is None:
            changes.added.append({"name": name, "ministry_code": code})
            continue
        diff = field_changes(old, {f: columns[f][i] for f in COMPARED})   # the rule shared; the loop is the reference
        if diff:
            changes.changed.append({"name": name, "ministry_code": code, "fields": diff})
        else:
            changes.unchanged += 1
    changes.missing = [{"name": r["name"], "ministry_code": r["ministry_code"], "name_key": r["name_key"]}
                       for r in current if (scope is None or r["ministry_code"] in scope) and r["name_key"] not in set(keys)]
    return changes


small = st.sampled_from(["a", "b", "c", "", None])
rows = st.fixed_dictionaries({"name_key": st.sampled_from(["k1", "k2", "k3", "k4"]), "name": small,
                              "ministry_code": st.sampled_from(["MOF", "MPS", None]), "status": small,
                              "sector": small, "name_en": small})


@given(current=st.lists(rows, max_size=6), file_rows=st.lists(rows, max_size=8),
       scope=st.sampled_from([None, {"MOF"}]), remove=st.booleans())
@settings(max_examples=300, deadline=None)
def test_the_change_preview_equals_the_row_by_row_comparison(current, file_rows, scope, remove):
    columns = \
        {f: [r[f] for r in file_rows] for f in ("name_key", *COMPARED)}
    got, expected = list_changes(current, columns, scope, remove), _changes_row_by_row(current, columns, scope, remove)
    # the added rows are made when first read (``AddedRows``): counted without making them, and
    # made as the columns were when compared, whatever happens to the columns afterwards
    assert len(got.added) == len(expected.added)
    for values in columns.values():
        values[:] = ["later"] * len(values)
    assert list(got.added) == expected.added and got.added == expected.added
    assert got == expected
