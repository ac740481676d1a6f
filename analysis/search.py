"""Catalogue search that ignores case, diacritics, tone-mark placement, đ/d and spacing."""
from __future__ import annotations

import pandas as pd

from loaders.text import key

MAX_QUERY = 200      # characters of a search that are used (a 1 MB query once took 2 minutes of CPU)
MAX_WORDS = 12      # distinct words of a search that are used


def search(df: pd.DataFrame, query: str, columns: list[str]) -> pd.DataFrame:
    """Rows where every word of ``query`` appears in one of ``columns`` (folded)."""
    words = list(dict.fromkeys(k for k in (key(w) for w in bounded(query).split()) if k))[:MAX_WORDS]
    if not words or df.empty:
        return df
    haystack = df[columns].fillna("").astype(str).agg(" ".join, axis=1).map(key)
    mask = pd.Series(True, index=df.index)
    for w in words:
        mask &= haystack.str.contains(w, regex=False)
    return df[mask]


def bounded(query: str | None) -> str:
    """The part of ``query`` a search uses: its first ``MAX_QUERY`` characters."""
    return (query or "")[:MAX_QUERY]
