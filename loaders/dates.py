"""Dates as people type them in Vietnamese spreadsheets."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .text import fold

MERGER_DAY = date(2025, 7, 1)   # provinces before this date: the 63; from it: the 34
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_day(value: object) -> date | None:
    """A cell as a date: Excel dates, ``2025-10-15``, ``15/10/2025``, ``15-10-2025``, ``15.10.2025``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.match(text):
            return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    return None


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTH = re.compile(r"^(?:thang )?(\d{1,2})(?: nam | )(\d{4})$")
_QUARTER = re.compile(r"^(?:quy|q) ?(i{1,3}|iv|[1-4])(?: nam | )(\d{4})$")
_YEAR = re.compile(r"^(?:nam )?(\d{4})$")


def parse_period(value: object) -> date | None:
    """The last day of a month, quarter or year written as offices write a date they know only
    partly: ``tháng 6/2025``, ``6/2025``, ``Quý II/2025``, ``Q2-2025``, ``năm 2025``, ``2025``."""
    if isinstance(value, (date, datetime)) or value is None:
        return None
    text = fold(value)
    try:
        if m := _MONTH.match(text):
            month, year = int(m[1]), int(m[2])
        elif m := _QUARTER.match(text):
            month, year = 3 * (_ROMAN.get(m[1]) or int(m[1])), int(m[2])
        elif m := _YEAR.match(text):
            month, year = 12, int(m[1])
        else:
            return None
        if not (1 <= month <= 12 and 1900 < year < 2200):
            return None
        return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
    except ValueError:
        return None
