"""Text typed in the legacy TCVN3 (ABC) or VNI encodings, which shows up as mojibake in Unicode
files ("Bé Tµi chÝnh", "Boä Taøi chính"): detect such a column and convert it.

The mapping table ``legacy_vietnamese.csv`` comes from the MIT-licensed npm package
vietnamese-conversion 2.0.0 (charsets.js), Copyright (c) Tran Duc Duy.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from .messages import Message, span

TABLE_CSV = Path(__file__).with_name("legacy_vietnamese.csv")
SYLLABLES_TXT = Path(__file__).with_name("syllables.txt")
ENCODINGS = ("tcvn3", "vni")
# Letters only Unicode Vietnamese has (ă đ ĩ ũ ơ ư and the precomposed U+1EA0-U+1EF9): no
# mojibake contains them, and almost any real Vietnamese text does.
_GENUINE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=None)
def _table(encoding: str) -> dict[str, str]:
    with TABLE_CSV.open(encoding="utf-8") as fh:
        return {r[encoding]: r["unicode"] for r in csv.DictReader(fh) if r[encoding] != r["unicode"]}


@lru_cache(maxsize=None)
def _converter(encoding: str):
    mapping = _table(encoding)
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda m: mapping[m.group(0)], text)


@lru_cache(maxsize=1)
def _vietnamese_letters() -> frozenset[str]:
    with TABLE_CSV.open(encoding="utf-8") as fh:
        return frozenset(r["unicode"] for r in csv.DictReader(fh))


def _broken(text: str) -> int:
    """Non-ASCII characters that are not Vietnamese letters (µ ¸ « ø ä ...)."""
    letters = _vietnamese_letters()
    return sum(1 for c in _NON_ASCII.findall(text) if c not in letters)


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    lines = SYLLABLES_TXT.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def _real_syllables(text: str) -> int:
    known = _syllables()
    return sum(1 for w in re.findall(r"\w+", text.lower()) if w in known)


def has_unicode_letters(text: str) -> bool:
    """Whether ``text`` holds a letter only Unicode Vietnamese has (no legacy-font text does)."""
    return bool(_GENUINE.search(text))


def convert(text: str, encoding: str) -> str:
    return _converter(encoding)(text)


def detect(values: list[str]) -> str | None:
    """The legacy encoding a column of texts is in, or None.

    Only a column where no cell has a letter that only Unicode Vietnamese has, and most cells
    with accents hold characters that are not Vietnamese letters at all, is a candidate; the
    encoding chosen is the one whose conversion yields the most real Vietnamese syllables (both
    tables turn most mojibake into *some* Vietnamese letters; only the right one makes words).
    """
    joined = "\n".join(values)      # decided for the whole column at C speed where it can be
    if joined.isascii() or _GENUINE.search(joined):
        return None
    texts = [v for v in values if v and _NON_ASCII.search(v)]
    if not texts:
        return None
    if sum(1 for v in texts if _broken(v)) * 2 < len(texts):
        return None
    scores = {}
    for encoding in ENCODINGS:
        converted = [convert(v, encoding) for v in texts]
        scores[encoding] = sum(_real_syllables(c) - _broken(c) for c in converted)
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else None


def convert_columns(names: list[str], raw: list[list[object]], legacy_fields: tuple[str, ...],
                    sheet_encoding: str | None = None) -> dict[tuple[str, str], list[int]]:
    """Convert, in place and before ``clean`` (TCVN3 writes "ư" as a soft hyphen, which ``clean``
    drops), each column typed in a legacy font; -> (field, encoding) -> the indices of the cells
    changed, for ``legacy_fields`` (the others are converted so that a "Tổng cộng" or footnote
    typed in the same font under the number column still ends the list). A sheet is typed in one
    font: once its header or one column is found in a legacy encoding, every column without a
    Unicode-only letter is read in it (a column of "Bé Y tÕ" alone is too short to tell)."""
    out: dict[tuple[str, str], list[int]] = {}
    columns: list[tuple[str, list, list, str | None]] = []
    for f, column in zip(names, raw):
        try:                         # a column of texts: decided on the column joined, in C
            joined = "\n".join(column)
            texts = column
        except TypeError:            # numbers, dates or blanks among the texts
            texts = [v if type(v) is str else "" for v in column]
            joined = "\n".join(texts)
        if joined.isascii() or has_unicode_letters(joined):
            continue
        columns.append((f, column, texts, detect(texts)))
        sheet_encoding = sheet_encoding or columns[-1][3]
    for f, column, texts, encoding in columns:
        encoding = encoding or sheet_encoding
        if not encoding:
            continue
        changed = out.setdefault((f, encoding), []) if f in legacy_fields else []
        for i, text in enumerate(list(texts)):
            new = convert(text, encoding) if text else text
            if new != text:
                column[i] = new
                changed.append(i)
    return out


def legacy_warnings(table) -> list[Message]:
    """The legacy-font text ``locate_table`` converted as it read the rows: one warning a column."""
    warnings = []
    for (name, encoding), rows in table.legacy.items():
        if not rows:
            continue
        label = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}[encoding]
        warnings.append(Message("legacy_text", {"column": table.labels.get(name, name), "encoding": label,
                                                "n": len(rows), "rows": span(rows)}))
    return warnings
