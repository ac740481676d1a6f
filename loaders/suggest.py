""""Did you mean": the choices closest to a text as written, compared folded (case, diacritics,
spacing and punctuation ignored), for bodies, progress stages and provinces alike."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz

from .text import fold

CUTOFF = 75      # 0-100: below this a choice is not worth proposing


def closeness(written: str, choice: str) -> float:
    """0-100 for two folded texts: the whole texts compared (in any word order), or, where the
    text written is shorter, how well it matches a part of the choice ("van hnah" in "dua vao van
    hanh"), a little discounted."""
    score = max(fuzz.ratio(written, choice), fuzz.token_sort_ratio(written, choice))
    if 4 <= len(written) < len(choice):
        score = max(score, 0.9 * fuzz.partial_ratio(written, choice))
    return score


def did_you_mean(written: str, choices: Iterable[str] | Mapping[str, str], limit: int = 3,
                 cutoff: float = CUTOFF) -> list[str]:
    """Up to ``limit`` choices closest to ``written``, best first. ``choices``: the texts to
    propose, or a mapping of texts to compare (abbreviations, aliases) -> the text to propose
    for each (several may propose the same one)."""
    pairs = choices.items() if isinstance(choices, Mapping) else ((c, c) for c in choices)
    target = fold(written)
    if not target:
        return []
    best: dict[str, float] = {}
    for compared, shown in pairs:
        score = closeness(target, fold(compared))
        if score >= cutoff and score > best.get(shown, -1):
            best[shown] = score
    return sorted(best, key=lambda s: -best[s])[:limit]
