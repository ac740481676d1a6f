"""Vietnamese text normalisation: what is stored (``clean``) and what is compared (``fold``)."""
from __future__ import annotations

import re
import unicodedata

# Zero-width and invisible characters that survive copy-paste from Word and web portals.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")  # in str patterns \s includes NBSP, line breaks, tabs
_NON_WORD = re.compile(r"[\W_]+")


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
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def fold(value: object) -> str:
    """Text as compared: lower case, no diacritics (so tone-mark placement does not
    matter: hoá = hóa), đ = d, punctuation as spaces, single spaces."""
    text = clean(value).casefold().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text).split())


def key(value: object) -> str:
    """``fold`` without any spaces: for exact matching that ignores spacing."""
    return fold(value).replace(" ", "")
