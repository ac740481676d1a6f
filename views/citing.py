"""What the reports and pages cite: the documents behind a list's figures, a figure's sources as
text, the published counts' sources, each ministry's last list import, a platform's note in words."""
from __future__ import annotations

import pandas as pd

from analysis import citations
from store.snapshot import Snapshot
from views.memo import derived


def last_updated(snap: Snapshot, list_id: str) -> dict[str, object]:
    """body code -> when a list holding its platforms was last imported (the sources ask each
    ministry to keep its entry current)."""
    def compute():
        rows = snap.platform_current[(snap.platform_current["list_id"] == list_id)
                                     & snap.platform_current["ministry_code"].notna()]
        when = rows.merge(snap.import_log[["import_id", "imported_at"]], on="import_id", how="left")
        return when.groupby("ministry_code")["imported_at"].max().to_dict()
    return derived(snap, ("last_updated", list_id), compute)


def count_sources(snap: Snapshot, list_id: str) -> pd.Series:
    """The published counts' sources of a list (what a per-ministry table or chart rests on)."""
    pub = snap.published_count
    return pub.loc[pub["list_id"] == list_id, "source"]


def note_text(note: object, lang: str) -> str:
    """A platform's note; an inference or identification in the reader's language, inferences marked."""
    if not isinstance(note, str):
        return ""
    if note.startswith(("owner inferred:", "inferred:", "identified:")):
        return citations.basis_text(note.removeprefix("owner "), lang)
    return note


def figure_sources(snap: Snapshot, row: dict, lang: str) -> str:
    """A headline figure's documents as text, with the basis when it is not plainly published."""
    text = citations.source_text(snap.document, row.get("source"), lang)
    basis = row.get("basis")
    if citations.basis_kind(basis) != "published":
        text += " — " + citations.basis_text(basis, lang)
    return text


def list_citations(snap: Snapshot, list_ids: list[str], lang: str) -> list[citations.Citation]:
    """The documents behind the lists' figures, each once: the lists' own, their headline
    figures' and their published counts'."""
    sources = []
    for frame in (snap.platform_list, snap.published_figure, snap.published_count):
        sources += list(frame.loc[frame["list_id"].isin(list_ids), "source"].dropna())
    seen: dict[str, citations.Citation] = {}
    for source in sources:
        for cit in citations.cite(snap.document, source, lang):
            seen.setdefault(cit.doc_id or cit.label, cit)
    return list(seen.values())


def detail(cit: citations.Citation, lang: str) -> str:
    """What a report says after a cited document's label: the edition read, the document's caveat
    (an inference's reason in the reader's words, as the pages give it) and what the citation
    points at."""
    return " · ".join(p for p in (cit.edition, cit.caveat, cit.note) if p)
