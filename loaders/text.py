"""Vietnamese text normalisation: what is stored (``clean``) and what is compared (``fold``)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and invisible characters that survive copy-paste from Word and web portals, and the
# bidirectional controls (marks, embeddings, overrides, isolates): a U+202E in a name displays it
# reversed on every page and in every export (found by the hostile pass).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")          # in str patterns \s includes NBSP, line breaks, tabs
_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile("[\u0300-\u036f]")
_BEYOND_MARKS = re.compile("[^\x00-\x7f\u0300-\u036f]")


# ASCII punctuation -> space (what _NON_WORD does, for the all-ASCII fast path of fold).
_ASCII_PUNCT = {c: " " for c in range(128) if not chr(c).isalnum()}
# fold_many joins a column's texts with this (ASCII, not a letter, not whitespace, a starter in
# Unicode normalisation) and keeps it through the punctuation step.
_SEP = "\x00"
_ASCII_PUNCT_KEEP_SEP = {c: v for c, v in _ASCII_PUNCT.items() if c != ord(_SEP)}


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
    if not text.isprintable():   # any other format character (Unicode category Cf: tags, invisible operators)
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
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


def fold_many(values: list[object], cleaned: bool = False) -> list[str]:
    """``[fold(v) for v in values]``, computed on the whole column at once: case, đ, NFD and the
    accent strip run once over the joined text instead of once a cell (a 50,000-name list folds
    ~5x faster). Falls back to ``fold`` per value where a column holds letters beyond ASCII or
    the separator itself. ``cleaned``: the values are texts ``clean`` returned already."""
    texts = values if cleaned else [clean(v) for v in values]
    joined = _SEP.join(texts)
    if joined.count(_SEP) != len(texts) - 1:
        return [fold(t) for t in texts]
    # đ first, then the marks dropped, then the case: lower() on the ASCII left is C-speed, and it
    # gives what fold's lower() before NFD gives for every character that reaches it (all of them
    # checked: tests/test_import_columns_fast.py)
    text = joined.replace("đ", "d").replace("Đ", "d")
    if not text.isascii():
        text = unicodedata.normalize("NFD", text)
        if _BEYOND_MARKS.search(text):
            return [fold(t) for t in texts]
        text = text.encode("ascii", "ignore").decode("ascii")
    text = text.lower()
    # only spaces are left between the words (every other ASCII blank became one): collapse
    # their runs and trim each piece on the whole column, as " ".join(piece.split()) would
    text = text.translate(_ASCII_PUNCT_KEEP_SEP)
    while "  " in text:        # each pass halves the longest run
        text = text.replace("  ", " ")
    return text.replace(" " + _SEP, _SEP).replace(_SEP + " ", _SEP).strip(" ").split(_SEP)


@lru_cache(maxsize=8192)
def key(value: object) -> str:
    """``fold`` without any spaces: for exact matching that ignores spacing (cached: the same
    body or header is written thousands of times in a list)."""
    return fold(value).replace(" ", "")
