"""Date columns of frames read from the database, as ``datetime.date`` whatever they hold."""
from __future__ import annotations

import pandas as pd


def as_dates(values: pd.Series, format: str | None = None) -> pd.Series:
    """Each value (a date, a timestamp, an ISO string in ``format``) as a ``datetime.date``, NaT
    where missing: always an object column. ``pd.to_datetime(...).dt.date`` alone leaves a column
    with no date at all as datetime64 (pandas 3), which cannot be compared with a ``date``."""
    return pd.to_datetime(values, format=format).dt.date.astype(object)
