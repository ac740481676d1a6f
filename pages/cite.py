"""Citations on screen: one helper for every page (the logic is in ``analysis/citations.py``).

A caption names each document by number and date (an article by publisher and date) as a link;
hovering it says the edition read and the basis. Inferred figures carry ``≈`` and a muted style
everywhere they are shown.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from analysis import citations as c
from pages.language import lang
from views import cites

INFERRED = c.INFERRED


def _docs() -> pd.DataFrame:
    from pages.data import snapshot
    return snapshot().document


def links(source: object) -> tuple[str, str]:
    """(Markdown of the source's documents as links, the hover text)."""
    return cites.links(_docs(), source, lang())


def mark(text: str, basis: object) -> str:
    """``text`` with the inferred mark when ``basis`` is an inference."""
    return c.mark(text, basis)


def joined(*parts) -> tuple[str, str]:
    """One ``(markdown, hover)`` from ``parts``: each a plain note (str), a caption a view computed
    (``(markdown, hover)``) or a list of them; the texts as paragraphs in order, the hovers joined,
    the empty ones dropped."""
    texts, hovers = [], []
    for part in parts:
        for item in [part] if isinstance(part, (str, tuple)) else (part or ()):
            text, hover = (item, "") if isinstance(item, str) else item
            if text:
                texts.append(text)
                if hover and hover not in hovers:
                    hovers.append(hover)
    return "\n\n".join(texts), "\n\n".join(hovers)


def show(*parts, container=None) -> None:
    """Draw notes and the captions a view computed (``views.cites``) as ONE caption (``joined``):
    each document still a link, the hover texts joined. One element, not one per citation: each
    element is a message a run (bench/profile_views.py; docs/benchmarks.md "Tenth session")."""
    text, hover = joined(*parts)
    if text:
        (container or st).caption(text, help=hover or None)


def caption(source: object, basis: object = None, container=None) -> None:
    """``Nguồn: <links>`` under a figure, with the basis when it is not plainly published."""
    show(cites.caption(_docs(), source, lang(), basis), container=container)


def footnote(sources: Iterable, container=None) -> None:
    """One caption naming every document behind a table's rows (each once, in order)."""
    show(cites.footnote(_docs(), sources, lang()), container=container)


def basis_column(values: pd.Series) -> pd.Series:
    """A ``basis`` column for a table or download: ``≈ Suy luận: …`` for inferences."""
    return values.map(lambda b: c.basis_text(b, lang()))


def source_column(sources: pd.Series) -> pd.Series:
    return c.source_column(_docs(), sources, lang())


def stage_note(stages: pd.DataFrame, container=None) -> None:
    """Where the lifecycle stages come from; the inferred ones named with their reason."""
    show(cites.stage_notes(_docs(), stages, lang()), container=container)
