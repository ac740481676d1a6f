"""store/dates.py: a nullable date column read back as ``datetime.date`` whatever it holds: no date
at all, some, all; as dates, timestamps, ISO text or datetime64 (how DuckDB hands a DATE column)."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from store.dates import as_dates

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))
MISSING = st.sampled_from([None, pd.NaT, float("nan")])
FORMS = {"date": lambda d: d, "text": lambda d: d.isoformat(), "timestamp": pd.Timestamp,
         "datetime": lambda d: datetime(d.year, d.month, d.day)}


@st.composite
def columns(draw):
    """(a column, the dates it holds: None where missing). Its values in one form, or in a mix of
    them; or datetime64, as a DATE column comes from DuckDB."""
    days = draw(st.lists(st.one_of(DAYS, st.none()), max_size=12))
    form = draw(st.sampled_from([*FORMS, "mixed", "datetime64"]))
    if form == "datetime64":
        return pd.Series(pd.to_datetime(pd.Series(days, dtype=object)), name="due"), days
    values = []
    for d in days:
        shape = FORMS[draw(st.sampled_from(list(FORMS)))] if form == "mixed" else FORMS[form]
        values.append(draw(MISSING) if d is None else shape(d))
    return pd.Series(values, dtype=object, name="due", index=[i * 3 for i in range(len(values))]), days


@settings(max_examples=150, deadline=None)
@given(columns(), DAYS)
@example((pd.Series([None, None], dtype=object, name="due"), [None, None]), date(2026, 1, 1))       # no date at all
@example((pd.Series([pd.NaT, pd.NaT], name="due"), [None, None]), date(2026, 1, 1))                # ... as datetime64
@example((pd.Series(["2025-03-04", None], name="due"), [date(2025, 3, 4), None]), date(2026, 1, 1))  # text
def test_a_date_column_reads_as_dates_whatever_it_holds(column, on):
    values, days = column
    out = as_dates(values)
    assert out.dtype == object and out.name == values.name and out.index.equals(values.index)
    for got, want in zip(out, days):
        assert got is pd.NaT if want is None else (type(got) is date and got == want)
    # comparable with a date, whether or not the column holds any (pandas 3 keeps an all-missing
    # column datetime64 under a bare .dt.date, and that comparison raises)
    assert list(out < on) == [d is not None and d < on for d in days]
    if any(d is not None for d in days):   # where the bare conversion already gave dates, the same
        bare = pd.to_datetime(values).dt.date
        assert [None if pd.isna(v) else v for v in bare] == days


def test_a_format_is_kept():
    out = as_dates(pd.Series(["2025-07-01", None]), format="%Y-%m-%d")
    assert out[0] == date(2025, 7, 1) and out[1] is pd.NaT
