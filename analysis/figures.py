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
