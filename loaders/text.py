"""Vietnamese text normalisation: what is stored (``clean``) and what is compared (``fold``)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and invisible characters that survive copy-paste from Word and web portals.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")          # in str patterns \s includes NBSP, line breaks, tabs
_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile("[\u0300-\u036f]")
_BEYOND_MARKS = re.compile("[^\x00-\x7f\u0300-\u036f]")


# ASCII punctuation -> space (what _NON_WORD does, for the all-ASCII fast path of fold).
_ASCII_PUNCT = {c: " " for c in range(128) if not chr(c).isalnum()}


def clean(value: object) -> str:
    """Text as stored: NFC, invisible characters removed, whitespace collapsed and trimmed.

    Whole floats (Excel numbers) become integers: ``1.0`` -> ``"1"``. ``None`` -> ``""``.
    """
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            value = int(value)
    text = value if isinstance(value, str) else str(value)
    # Fast path, C-speed checks only: printable means no line breaks, tabs, NBSP or invisible
    # characters (they are all non-printable), so only runs of spaces and NFC can be wrong.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            return text
        return unicodedata.normalize("NFC", text)
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    return _SPACES.sub(" ", text).strip()


def fold(value: object) -> str:
    """Text as compared: lower case, no diacritics (so tone-mark placement does not
    matter: hoá = hóa), đ = d, punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFD", clean(value).lower().replace("đ", "d"))
    if not text.isascii():
        if _BEYOND_MARKS.search(text):   # letters beyond ASCII (ø, ª, other scripts) are kept
            return " ".join(_NON_WORD.sub(" ", _COMBINING.sub("", text)).split())
        text = text.encode("ascii", "ignore").decode("ascii")   # only marks to drop: C speed
    return " ".join(text.translate(_ASCII_PUNCT).split())


@lru_cache(maxsize=8192)
def key(value: object) -> str:
    """``fold`` without any spaces: for exact matching that ignores spacing (cached: the same
    body or header is written thousands of times in a list)."""
    return fold(value).replace(" ", "")
