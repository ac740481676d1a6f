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
from pages.common import lang, plain, t

INFERRED = c.INFERRED


def _docs() -> pd.DataFrame:
    from pages.common import snapshot
    return snapshot().document


def links(source: object) -> tuple[str, str]:
    """(Markdown of the source's documents as links, the hover text)."""
    cits = c.cite(_docs(), source, lang())
    parts, hover = [], []
    for cit in cits:
        text = plain(c.mark(cit.label, cit.basis))   # a document whose number or date is inferred
        parts.append(f"[{text}]({cit.url})" if cit.url else text)
        if cit.doc_id:
            hover.append(f"{cit.label}: {cit.hover}")
    return " · ".join(parts), "\n\n".join(hover)


def mark(text: str, basis: object) -> str:
    """``text`` with the inferred mark when ``basis`` is an inference."""
    return c.mark(text, basis)


def caption(source: object, basis: object = None, container=None) -> None:
    """``Nguồn: <links>`` under a figure, with the basis when it is not plainly published."""
    body, hover = links(source)
    if not body:
        return
    text = f"{t('common.source')}: {body}"
    kind = c.basis_kind(basis)
    if basis is not None and kind != "published":
        why = plain(c.basis_label(basis, lang()))
        text += f" — :gray[{INFERRED if kind == 'inferred' else ''} {why}]".replace("[ ", "[")
        hover = f"{c.basis_label(basis, lang())}\n\n{hover}"
    (container or st).caption(text, help=hover or None)


def footnote(sources: Iterable, container=None) -> None:
    """One caption naming every document behind a table's rows (each once, in order)."""
    seen: dict[str, str] = {}   # document id -> the reference shown (a row's note dropped: it is the row's)
    for s in sources:
        if isinstance(s, str) and s:
            for part in (p.strip() for p in s.split(c.SEPARATOR)):
                seen.setdefault(part.split(" (", 1)[0], part.split(" (", 1)[0])
    if seen:
        caption(c.SEPARATOR.join(seen.values()), container=container)


def basis_column(values: pd.Series) -> pd.Series:
    """A ``basis`` column for a table or download: ``≈ Suy luận: …`` for inferences."""
    return values.map(lambda b: c.basis_text(b, lang()))


def source_column(sources: pd.Series) -> pd.Series:
    return c.source_column(_docs(), sources, lang())


def stage_note(stages: pd.DataFrame, container=None) -> None:
    """Where the lifecycle stages come from; the inferred ones named with their reason."""
    footnote(stages["source"], container)
    name = "name_en" if lang() == "en" else "name_vi"
    for row in stages[stages["basis"].map(c.is_inferred)].to_dict("records"):
        (container or st).caption(f":gray[{INFERRED} {plain(row[name])}: {plain(c.basis_label(row['basis'], lang()))}]")
