"""Dates as people type them in Vietnamese spreadsheets."""
from __future__ import annotations

import re
from datetime import date, datetime

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
