"""Headline figures with the document each comes from."""
from __future__ import annotations

import pandas as pd


def headlines(figures: pd.DataFrame, lists: pd.DataFrame) -> pd.DataFrame:
    """``published_figure`` joined to its list's document number, date and titles."""
    meta = lists[["list_id", "kind", "title_vi", "title_en", "document_no", "issued_on"]]
    return figures.merge(meta, on="list_id", how="left")


def figure(table: pd.DataFrame, list_id: str, key: str) -> dict | None:
    row = table[(table["list_id"] == list_id) & (table["figure_key"] == key)]
    return None if row.empty else row.iloc[0].to_dict()


def document_label(row: dict, lang: str = "vi") -> str:
    """``2765/BTTTT-CĐSQG (15/07/2024)``, or the source when no document number is public."""
    doc, issued = row.get("document_no"), row.get("issued_on")
    if isinstance(doc, str) and doc:
        when = pd.Timestamp(issued).strftime("%d/%m/%Y") if pd.notna(issued) else ""
        prefix = "Văn bản" if lang == "vi" else "Document"
        return f"{prefix} {doc}" + (f" ({when})" if when else "")
    return ("Nguồn: " if lang == "vi" else "Source: ") + str(row.get("source", ""))
