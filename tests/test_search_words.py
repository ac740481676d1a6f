"""The catalogue search on generated names and queries: a query made of a name's words, written
with any case, marks, spacing or a half-typed last word, finds it; a word of the query that is only
the start of a longer word of the name (and is not the last one typed) does not."""
from __future__ import annotations

import unicodedata

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.search import search
from loaders.text import fold, key

SYLLABLES = ["hóa", "hoạt", "đơn", "động", "dịch", "vụ", "công", "cổng", "quốc", "gia", "dữ", "liệu",
             "thuế", "điện", "tử", "bảo", "hiểm", "xã", "hội", "định", "danh", "nền", "tảng", "số", "c06"]

names = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=6).map(" ".join)


def frame(*rows: str) -> pd.DataFrame:
    return pd.DataFrame({"name": list(rows), "name_en": [""] * len(rows)})


def written(word: str, case: int, marks: bool) -> str:
    """A word as a person may type it: upper, title or lower case, with or without its marks."""
    if not marks:
        word = unicodedata.normalize("NFD", word.replace("đ", "d"))
        word = "".join(c for c in word if not unicodedata.combining(c))
    return (word.upper(), word.title(), word)[case]


@settings(max_examples=150, deadline=None)
@given(names, st.data())
def test_a_query_made_of_a_names_words_finds_it(name, data):
    words = name.split()
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    chosen = [written(w, data.draw(st.integers(0, 2)), data.draw(st.booleans())) for w in words[start:end]]
    cut = data.draw(st.integers(1, len(chosen[-1])))
    chosen[-1] = chosen[-1][:cut]                                     # the last word half typed
    glue = data.draw(st.lists(st.sampled_from([" ", "  ", ""]), min_size=len(chosen), max_size=len(chosen)))
    query = "".join(w + (g if i < len(chosen) - 1 else "") for i, (w, g) in enumerate(zip(chosen, glue)))
    assert list(search(frame(name), query, ["name", "name_en"])["name"]) == [name], query


@settings(max_examples=200, deadline=None)
@given(names, st.data())
def test_a_word_that_only_starts_a_longer_word_is_not_a_match(name, data):
    """The search's first word is the start of a longer word of the name, its last word a whole
    word of the name: the name is not found, unless the short word is also a word of the name, or
    the start of a run of its words (spacing is ignored inside a word of the search)."""
    words = [fold(w) for w in name.split()]
    longer = data.draw(st.sampled_from(words))
    short = longer[:data.draw(st.integers(1, len(longer) - 1))] if len(longer) > 1 else ""
    last = data.draw(st.sampled_from(words))
    if not short or key(short) == key(last):
        return   # a one-letter word has no start; a repeated word is searched once
    found = search(frame(name), f"{short} {last}", ["name", "name_en"])
    whole = any("".join(words[i:j]) == short for i in range(len(words)) for j in range(i + 1, len(words) + 1))
    assert found.empty != whole, (name, short, last)


def test_hoa_don_finds_invoices_not_activities():
    df = frame("Hệ thống hóa đơn điện tử", "Nền tảng hoạt động đối ngoại", "Hoá  đơn")
    assert list(search(df, "hoa don", ["name", "name_en"])["name"]) == ["Hệ thống hóa đơn điện tử", "Hoá  đơn"]
    assert list(search(df, "hoadon", ["name", "name_en"])["name"]) == ["Hệ thống hóa đơn điện tử", "Hoá  đơn"]
    assert list(search(df, "HOÁ Đ", ["name", "name_en"])["name"]) == ["Hệ thống hóa đơn điện tử", "Hoá  đơn"]
    assert list(search(df, "hoat", ["name", "name_en"])["name"]) == ["Nền tảng hoạt động đối ngoại"]
    assert list(search(df, "ong", ["name", "name_en"])["name"]) == []   # inside a word: not a match
    assert list(search(df, "hoa ", ["name", "name_en"])["name"]) == ["Hệ thống hóa đơn điện tử", "Hoá  đơn"]
    assert list(search(df, "dong hoa", ["name", "name_en"])["name"]) == ["Nền tảng hoạt động đối ngoại"]   # typing "hoa…"
    assert list(search(df, "dong hoa ", ["name", "name_en"])["name"]) == []
