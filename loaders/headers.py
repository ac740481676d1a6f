"""Header cells -> fields, by meaning: ``header_vocabulary.csv`` holds, per field, key phrases and
exclusions (as written; compared folded, word by word).

A header cell scores for a field when it contains one of the field's key phrases and none of its
exclusions, read in the words before a "của" (of) qualifier: first by the longest phrase it contains
(``Tên tiếng Anh`` is the English name, not the name: the longer phrase wins), then by the share of
its words the field's phrases cover. A header row is the row (or two rows: a group cell above its
sub-columns) whose cells are the most header-like and that has a name column; each column takes its
best field and each field its best column. Two columns tying for the name is refused, naming both.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .messages import LoaderError
from .text import fold

VOCABULARY_CSV = Path(__file__).with_name("header_vocabulary.csv")
# Recognised so that they are not taken for another field, but not loaded.
NOT_LOADED = frozenset({"operator", "partner", "count", "description", "address"})
MAX_HEADER_WORDS = 16      # a longer cell is a title or prose, not a header
# A cell numbering a row ("A", "II", "3"): its row is a group, section or platform, not a header
# ("A | NỀN TẢNG SỐ QUỐC GIA" reads like a name heading).
_TOTALS = ("tong so", "tong cong", "total")
_ROW_NUMBER = re.compile(r"^(?:[A-H]|[IVX]+|\d{1,3})(?:[.)]?$|[.)]\s+\S)")   # "A", "II.", "3", "A. NỀN TẢNG ..."


@dataclass(frozen=True)
class Vocabulary:
    keys: dict[str, tuple[tuple[str, ...], ...]]      # field -> key phrases, as folded words
    exclusions: dict[str, tuple[tuple[str, ...], ...]]
    heads: dict[str, tuple[tuple[str, ...], ...]]     # field -> words that mark a heading ("Tên", "Name")
    symbols: dict[str, str]                           # a header with no letters ("#") -> field
    written: dict[str, list[str]]                     # field -> key phrases as written


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    keys: dict[str, list] = {}
    exclusions: dict[str, list] = {}
    heads: dict[str, list] = {}
    symbols: dict[str, str] = {}
    written: dict[str, list[str]] = {}
    with VOCABULARY_CSV.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            words = tuple(fold(r["phrase"]).split())
            if r["kind"] in ("not", "head"):
                (exclusions if r["kind"] == "not" else heads).setdefault(r["field"], []).append(words)
                continue
            written.setdefault(r["field"], []).append(r["phrase"])
            if words:
                keys.setdefault(r["field"], []).append(words)
            else:
                symbols[r["phrase"].strip()] = r["field"]
    return Vocabulary({f: tuple(p) for f, p in keys.items()}, {f: tuple(p) for f, p in exclusions.items()},
                      {f: tuple(p) for f, p in heads.items()}, symbols, written)


def expected_headers(field_name: str) -> list[str]:
    """The field's key phrases as written (for "expected a column such as" messages)."""
    return vocabulary().written.get(field_name, [])


def _spans(words: tuple[str, ...], phrase: tuple[str, ...]) -> list[int]:
    """Where ``phrase`` starts in ``words`` (whole words, contiguous)."""
    n = len(phrase)
    return [i for i in range(len(words) - n + 1) if words[i:i + n] == phrase]


def _head(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words a header's meaning rests on: those before "của" (of), which only qualifies them.
    "Tên nền tảng số dùng chung của ngành, lĩnh vực" names the platform, not the sector; "Tên đơn
    vị vận hành của nền tảng" the operator, not the platform."""
    at = words.index("cua") if "cua" in words else 0
    return words[:at] if at > 0 else words


def _excluded(words: tuple[str, ...], present: set[str], covered: set[int], exclusions) -> bool:
    """Whether an exclusion phrase is written outside the field's own key phrases: "Phường" keeps
    "Xã/phường" from being the province, but not "Địa phương" (whose "phương" is part of the key)."""
    return any(p[0] in present and any(not set(range(start, start + len(p))) <= covered for start in _spans(words, p))
               for p in exclusions)


@lru_cache(maxsize=8192)
def field_scores(text: str) -> dict[str, float]:
    """Field -> score for one header cell (absent: the cell does not name the field). The score's
    whole part is the longest key phrase found, its fraction the share of words covered."""
    vocab = vocabulary()
    if text.strip() in vocab.symbols:
        return {vocab.symbols[text.strip()]: 2.0}
    words = tuple(fold(text).split())
    if not words or len(words) > MAX_HEADER_WORDS:
        return {}
    words = _head(words)
    scores: dict[str, float] = {}
    present = set(words)
    for name, phrases in vocab.keys.items():
        longest, covered = 0, set()
        for p in phrases:
            if p[0] not in present:
                continue
            for start in _spans(words, p):
                longest = max(longest, len(p))
                covered.update(range(start, start + len(p)))
        if longest and _excluded(words, present, covered, vocab.exclusions.get(name, ())):
            continue
        if longest:
            scores[name] = longest + len(covered) / (len(words) + 1)
    return scores


@lru_cache(maxsize=8192)
def is_heading(text: str, field_name: str) -> bool:
    """Whether a cell reads as a column heading for the field rather than as a value that happens
    to use its words ("Cơ sở dữ liệu quốc gia về dân cư" is a platform, "Tên nền tảng" a heading):
    it holds one of the field's heading words, or nothing but the field's phrases."""
    vocab = vocabulary()
    if field_name not in vocab.heads:
        return True
    words = tuple(fold(text).split())
    if any(_spans(words, h) for h in vocab.heads[field_name]):
        return True
    covered: set[int] = set()
    for p in vocab.keys[field_name]:
        for start in _spans(words, p):
            covered.update(range(start, start + len(p)))
    return len(covered) == len(words)


@lru_cache(maxsize=8192)
def heading_field(text: str) -> str | None:
    """The field a cell is nothing but the heading of ("Cơ quan chủ quản", "Ghi chú", "STT"; its
    words all within the field's phrases), or None."""
    vocab = vocabulary()
    if text.strip() in vocab.symbols:
        return vocab.symbols[text.strip()]
    words = _head(tuple(fold(text).split()))
    scores = field_scores(text)
    if not words or not scores:
        return None
    best = max(scores, key=scores.get)
    covered: set[int] = set()
    for p in vocab.keys[best]:
        for start in _spans(words, p):
            covered.update(range(start, start + len(p)))
    return best if len(covered) == len(words) else None


def coverage(score: float) -> float:
    """How much of a cell a field's phrases cover (0-1): how header-like the cell is."""
    return score - int(score)


@dataclass
class Header:
    row: int                     # index of the first header row in the sheet
    height: int                  # 1 or 2
    columns: dict[str, int]      # field -> column (fields that are loaded only)
    texts: list[str]             # each column's header as written (a group cell joined to its sub-cell)
    rank: float


def _column_texts(upper: list[str], lower: list[str] | None) -> list[list[str]]:
    """Per column, the texts the header may mean: one row's cell; for two rows "upper lower" and
    the lower cell (or the upper cell where the lower one is blank or the same: merged down)."""
    if lower is None:
        return [[t] for t in upper]
    out = []
    for c in range(max(len(upper), len(lower))):
        u = upper[c] if c < len(upper) else ""
        lo = lower[c] if c < len(lower) else ""
        out.append([u] if (u == lo or not lo) else ([lo] if not u else [f"{u} {lo}", lo]))
    return out


def _assign(options: list[list[str]]) -> tuple[dict[str, int], list[str], float, list[int]]:
    """(field -> column, each column's text, rank, columns tying for the name). A column whose
    text repeats the one to its left (a cell merged across) is the same column."""
    texts: list[str] = []
    best: list[tuple[float, str, dict[str, float]]] = []     # per column: (score, field, all scores)
    for c, texts_c in enumerate(options):
        scored = [(max(field_scores(t).items(), key=lambda kv: kv[1], default=(None, 0.0)), t) for t in texts_c]
        (top_field, top), text = max(scored, key=lambda s: s[0][1])
        texts.append(text)
        if c and text and text == texts[c - 1]:
            best.append((0.0, "", {}))
            continue
        best.append((top, top_field or "", field_scores(text)))
    pairs = sorted(((s, c, f) for c, (_top, _f, scores) in enumerate(best) for f, s in scores.items()),
                   key=lambda p: (-p[0], p[1]))
    columns: dict[str, int] = {}
    taken: set[int] = set()
    for s, c, f in pairs:
        if f not in columns and c not in taken and s == best[c][0]:
            columns[f] = c
            taken.add(c)
    names = sorted((c for c, b in enumerate(best) if b[1] == "name"), key=lambda c: -best[c][0])
    ties = names[:2] if len(names) > 1 and best[names[0]][0] == best[names[1]][0] else []
    rank = sum(coverage(best[c][0]) for c in taken)
    return columns, texts, rank, ties


def _list_rows(rows: list[list[str]]) -> bool:
    """Whether candidate header rows are rows of the list: a cell numbers a row ("A", "II", "3",
    "A. NỀN TẢNG SỐ QUỐC GIA"), or the second row is a "TỔNG SỐ" total under the header."""
    if any(_ROW_NUMBER.match(t) for r in rows for t in r):
        return True
    return len(rows) == 2 and fold(next((t for t in rows[1] if t), "")).startswith(_TOTALS)


def find_header(rows: list[list[str]], sheet: str) -> Header | None:
    """The best header among ``rows`` (cleaned texts of a sheet's top rows), or None where no row
    names a platform-name column. Two-row headers count only where they read more than the rows
    alone. Raises ``LoaderError("header_name_tie")`` where the best header has two name columns."""
    def read(idx: int, height: int) -> tuple[Header, list[int]] | None:
        if _list_rows(rows[idx:idx + height]):
            return None
        options = _column_texts(rows[idx], rows[idx + 1] if height == 2 else None)
        columns, texts, rank, ties = _assign(options)
        ties = [c for c in ties if is_heading(texts[c], "name")]
        if len(ties) < 2:
            ties = []
        if ("name" not in columns or not is_heading(texts[columns["name"]], "name")) and not ties:
            return None
        loaded = {f: c for f, c in columns.items() if f not in NOT_LOADED}
        return Header(idx, height, loaded, texts, rank), ties

    def rank(found) -> float:
        return found[0].rank if found else -1.0

    singles = [read(idx, 1) for idx in range(len(rows))]
    best: tuple[Header, list[int]] | None = None
    for idx, single in enumerate(singles):
        candidates = [single]
        if idx + 1 < len(rows):
            double = read(idx, 2)
            if rank(double) > max(rank(single), rank(singles[idx + 1])) + 1e-9:
                candidates.append(double)
        for found in candidates:
            if rank(found) > rank(best) + 1e-9:
                best = found
    if best and best[1]:
        header, (a, b) = best
        raise LoaderError("header_name_tie", sheet=sheet, first=header.texts[a], second=header.texts[b],
                          col_a=column_letter(a), col_b=column_letter(b))
    return best[0] if best else None


def column_letter(c: int) -> str:
    """0 -> A, 26 -> AA (as Excel names columns)."""
    out = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        out = chr(65 + r) + out
    return out
