"""Neutralise cell values a spreadsheet would run as a formula (CSV/formula injection)."""
from __future__ import annotations

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text starting with = + - @ tab or CR gets a leading apostrophe, so a platform named
    ``=HYPERLINK(...)`` is shown as text and never evaluated. Numbers are left alone."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    return df.apply(lambda col: col.map(neutralise) if col.dtype == object or pd.api.types.is_string_dtype(col)
                    else col)
