"""What a row under a list's header is when it is not a platform: the "(1) (2) (3)" row, a "Cộng"
subtotal, a "Tổng cộng" / "Ghi chú" / "Nơi nhận" trailer, a footnote or a signature; and whether a
sheet's top rows are an instructions sheet's table of columns rather than a list's header."""
from __future__ import annotations

import re

from .headers import heading_field
from .text import fold

_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")
_NUMBERED = re.compile(r"^\d+\.?$")
# A footnote under the table, keyed to a mark in the header: "(*) ...", "* ...", "(1) ...", "¹ ...".
_FOOTNOTE = re.compile(r"^(?:\(\*+\)|\*+|\(\d{1,2}\)|[\u00b9\u00b2\u00b3\u2070-\u207e]+)\s*\S")
# A subtotal under a block ("Cộng", "Cộng:", "Cộng (I)", "Cộng: 5 nền tảng"): passed over, the list
# goes on. Read with its diacritics: "Cổng dịch vụ công" and "Cộng đồng số" are platforms.
_SUBTOTAL = re.compile(r"^cộng(?:\s*$|\s*[:(\-]|\s+(?:[ivxlc]+|\d+|[a-h])\b)")
_TRAILER_WORDS = ("tong cong", "tong so", "total", "ghi chu", "note", "nguoi lap", "noi nhan",
                  # a signature block: "KT. BỘ TRƯỞNG / THỨ TRƯỞNG", "TM. ỦY BAN NHÂN DÂN", "(Đã ký)"
                  "kt ", "tm ", "tl ", "q bo truong", "bo truong", "thu truong", "chu tich", "giam doc",
                  "da ky", "ky ten", "signed")


def _is_trailer(number: str, texts: list[str]) -> bool:
    """A "Tổng cộng" / "Ghi chú" / "Nơi nhận" row (``texts``: its distinct non-empty cells), unless
    it is numbered like a platform."""
    if _NUMBERED.match(number):
        return False
    return bool(texts) and (fold(texts[0]).startswith(_TRAILER_WORDS) or bool(_FOOTNOTE.match(texts[0])))


def is_trailer_text(text: str) -> bool:
    """A trailer's first text: a total, a note, a footnote or a signature."""
    return fold(text).startswith(_TRAILER_WORDS) or bool(_FOOTNOTE.match(text))


def _is_subtotal(number: str, texts: list[str]) -> bool:
    """A "Cộng" row under a block of platforms (``texts``: its distinct non-empty cells)."""
    return not number and bool(texts) and bool(_SUBTOTAL.match(texts[0].lower()))


def _is_column_numbers(values: list[str]) -> bool:
    """"(1) (2) (3)" or "1 2 3" under the header ("(1)" alone in a one-column table)."""
    if len(values) == 1:
        return values[0][:1] == "(" and bool(_COLUMN_NUMBERS.match(values[0]))
    return len(values) >= 2 and all(_COLUMN_NUMBERS.match(v) for v in values)


def is_glossary(texts: list[list[str]]) -> bool:
    """Whether a sheet's top rows are an instructions sheet's table of columns ("Tên nền tảng |
    Ghi tên đầy đủ ...", "Cơ quan chủ quản | Ghi tên bộ, ngành ..."): the name's heading and
    another field's heading one under the other in the same column, each the only heading of its
    row. A list's header runs across a row (a group cell over two headings is one of several); a
    "Tổng số" row under it is a total, not the count's heading."""
    headings = [[heading_field(t) if t else None for t in r] for r in texts]
    lone = [len(set(r) - {None}) == 1 for r in headings]
    width = max(map(len, texts), default=0)
    for c in range(width):
        cells = [(r, f[c]) for r, f in enumerate(headings) if c < len(f) and texts[r][c]]
        for (r1, f1), (r2, f2) in zip(cells, cells[1:]):
            pair = {f1, f2}
            if "name" in pair and len(pair) == 2 and not pair & {None, "count"} and lone[r1] and lone[r2]:
                return True
    return False


def passed_over(number: str, texts: list[str], values: tuple[str, ...], rows_kept: int,
                 header: set[tuple[str, ...]]) -> str | None:
    """"skip" for a row that is not a platform and does not end the list: a "(1) (2) (3)" row under
    the header (or under the header repeated), the header repeated where a table copied from Word
    or a PDF breaks across pages, a "Cộng" subtotal, a "Tổng cộng" row above the first platform;
    "end" for a trailer ("Tổng cộng", "Ghi chú", a footnote, a signature) after platforms."""
    if _is_column_numbers(texts) and (rows_kept < 3 or all(t[:1] == "(" for t in texts)):
        return "skip"
    if _is_subtotal(number, texts) or tuple(map(fold, values)) in header:
        return "skip"
    if _is_trailer(number, texts):
        return "end" if rows_kept else "skip"
    return None
