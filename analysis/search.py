"""Catalogue search that ignores case, diacritics, tone-mark placement, đ/d and spacing.

Each word of a search matches from the start of a word of the row (``hoa don`` finds "Hóa đơn
điện tử", not "hoạt động": a word inside a longer word is not a match), and every word but the
last must end where a word of the row ends; the last may be the start of one (the search follows
typing: ``hoa d`` finds "hóa đơn"; ``hoa `` with a space after it is a finished word). Spacing
is ignored inside a word of the search: ``hoadon`` and ``hoá  đơn`` find "Hoá đơn" too."""
from __future__ import annotations

import re

import pandas as pd

from loaders.text import fold, key

MAX_QUERY = 200      # characters of a search that are used (a 1 MB query once took 2 minutes of CPU)
MAX_WORDS = 12      # distinct words of a search that are used


def search(df: pd.DataFrame, query: str, columns: list[str]) -> pd.DataFrame:
    """Rows where every word of ``query`` is found in one of ``columns`` (folded), as above."""
    text = bounded(query)
    typed = [k for k in (key(w) for w in text.split()) if k]
    words = list(dict.fromkeys(typed))[:MAX_WORDS]
    if not words or df.empty:
        return df
    # the word being typed: the last one, unless a space after it says it is finished
    typing = typed[-1] if not text[-1:].isspace() else None
    haystack = df[columns].fillna("").astype(str).agg(" ".join, axis=1).map(fold)
    mask = pd.Series(True, index=df.index)
    for w in words:
        mask &= haystack.str.contains(word_pattern(w, whole=w != typing), regex=True)
    return df[mask]


def word_pattern(word: str, whole: bool) -> str:
    """A folded search word as a pattern over folded text: it starts a word, a space may fall
    between any two of its characters, and (``whole``) it ends where a word ends."""
    body = " ?".join(re.escape(c) for c in word)
    return rf"(?<!\w){body}" + (r"(?!\w)" if whole else "")


def bounded(query: str | None) -> str:
    """The part of ``query`` a search uses: its first ``MAX_QUERY`` characters."""
    return (query or "")[:MAX_QUERY]
