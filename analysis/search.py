"""Catalogue search that ignores case, diacritics, tone-mark placement, đ/d and spacing."""
from __future__ import annotations

import pandas as pd

from loaders.text import key


def search(df: pd.DataFrame, query: str, columns: list[str]) -> pd.DataFrame:
    """Rows where every word of ``query`` appears in one of ``columns`` (folded)."""
    words = [key(w) for w in (query or "").split() if key(w)]
    if not words or df.empty:
        return df
    haystack = df[columns].fillna("").astype(str).agg(" ".join, axis=1).map(key)
    mask = pd.Series(True, index=df.index)
    for w in words:
        mask &= haystack.str.contains(w, regex=False)
    return df[mask]
