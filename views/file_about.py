"""What a table's download says of itself, as the page around the table does: the Excel file's
last sheet names the page it comes from, its list, its date, the ministry filter, when it was
made, and the documents behind it (the list's own and those its rows cite), each with its link.
The CSV stays data only (its name says list, filter and date: ``reports.names.file_name``)."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from analysis import citations
from store.documents import SEPARATOR
from store.snapshot import Snapshot
from views.memo import derived
from views.scope import body_names
from views.tables import list_title
from views.words import tr


def about_rows(snap: Snapshot, title: str, df: pd.DataFrame, list_id: str | None, ministries: list[str],
               on: date, lang: str) -> list[tuple[str, object]]:
    """(label, value) rows for ``reports.files.xlsx_bytes``'s ``about`` sheet; a document's value
    is (its label as the pages show it, its web address)."""
    names = body_names(snap, lang)
    rows: list[tuple[str, object]] = [(tr("file.about", lang), title)]
    if list_id:
        rows.append((tr("col.list", lang), list_title(snap, list_id, lang)))
    rows += [(tr("report.as_of", lang), on.strftime("%d/%m/%Y")),
             (tr("report.filters", lang), ", ".join(names.get(c, c) for c in ministries) or tr("sidebar.all", lang)),
             (tr("report.generated", lang), datetime.now().strftime("%d/%m/%Y %H:%M"))]
    return rows + [(tr("report.source", lang), doc) for doc in documents(snap, df, list_id, lang)]


def documents(snap: Snapshot, df: pd.DataFrame, list_id: str | None, lang: str) -> list[tuple[str, str | None]]:
    """(label, link) of the list's documents, then of those the table's source column names (a
    label the pages show: number and date, the inferred mark), each once; free text without a link."""
    links = derived(snap, ("document_links", lang), lambda: {
        citations.mark(c.label, c.basis): c.url for doc_id in snap.document["doc_id"]
        for c in citations.cite(snap.document, doc_id, lang)})
    labels: list[str] = []
    if list_id:
        sources = snap.platform_list.loc[snap.platform_list["list_id"] == list_id, "source"]
        labels += [citations.source_text(snap.document, s, lang) for s in sources.dropna()]
    column = tr("col.source", lang)
    if column in df.columns:
        labels += [str(v) for v in df[column].dropna().unique()]
    parts = [p.strip() for text in labels for p in text.split(SEPARATOR) if p.strip()]
    return [(p, links.get(p)) for p in dict.fromkeys(parts)]
