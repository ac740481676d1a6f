"""A list's columns cleaned for reading (``clean`` on every cell), a column at a time and as fast as
the column allows: each distinct text cleaned once where a column repeats, a column already clean
found with C-speed checks, numbers turned into their text."""
from __future__ import annotations

import unicodedata

from .text import clean


def clean_column(values: list[object]) -> list[str]:
    """``[clean(v) for v in values]``, cleaning each distinct text once where a column repeats
    (bodies, statuses and sources run down a list: the rows then share one string object each,
    which later lookups hash once), else checking the whole column at once."""
    distinct = set(values)
    if len(distinct) * 2 < len(values):
        memo = {v: clean(v) for v in distinct if type(v) is str}   # 1, 1.0 and True hash alike
        try:
            return [memo[v] for v in values]
        except KeyError:                                            # numbers among the texts
            return [memo[v] if type(v) is str else clean(v) for v in values]
    if clean_already(values):
        return list(values)
    kinds = set(map(type, values))
    if kinds == {float}:            # Excel's numbers (a row-number column): 1.0 -> "1"
        if all(map(float.is_integer, values)):
            return list(map(str, map(int, values)))
        return [str(int(v)) if v.is_integer() else clean(v) for v in values]
    if kinds == {int}:
        return list(map(str, values))
    return [clean(v) for v in values]


def clean_already(values) -> bool:
    """Whether every value is a text ``clean`` would return unchanged, decided on the column joined
    by "|" with C-speed checks only: all texts, printable (no line breaks, tabs, NBSP, invisible
    characters), no double spaces, no space at either end of a cell, NFC ("|" is a starter: no
    character composes across it)."""
    try:
        joined = "|".join(values)
    except TypeError:                 # numbers, dates or blanks among the texts
        return False
    return (joined.isprintable() and "  " not in joined and " |" not in joined and "| " not in joined
            and joined[:1] != " " and joined[-1:] != " "
            and (joined.isascii() or unicodedata.is_normalized("NFC", joined)))


def all_numbered(numbers: list[str], start: int) -> bool:
    """Whether every row from ``start`` on has a number (digits only), checked in C: such rows are
    kept without any other test, so the loop of ``_extract`` would keep them all."""
    rest = numbers[start:]
    return all(rest) and "".join(rest).isdecimal()
