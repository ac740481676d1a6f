"""What a shown table's data says about how to draw it, without Streamlit: which columns hold only
web addresses (drawn as links) and which rows hold an inference (drawn muted). pages/tables.py
draws with these."""
from __future__ import annotations

import pandas as pd

from analysis.citations import INFERRED

MUTED_CELLS = 300   # a larger table keeps its "≈" marks but no muted style (a Styler costs ~0.05 ms a cell a draw)


def link_columns(df: pd.DataFrame) -> list[str]:
    """The columns whose every non-empty value is a web address."""
    return [c for c in df.columns if _all_links(df[c])]


def _all_links(values: pd.Series) -> bool:
    if pd.api.types.is_numeric_dtype(values):
        return False
    text = values.dropna().astype(str)
    text = text[text != ""]
    return bool(len(text)) and bool(text.str.match(r"https?://").all())


def muted_rows(df: pd.DataFrame):
    """Which rows hold an inference (None: none, or a frame a Styler cannot take). Up to
    ``MUTED_CELLS`` cells: Streamlit renders a Styler cell by cell on every draw (~30 ms for the
    catalogue's 59 × 8), while the inferred mark at the start of the cell is there at any size."""
    text = df.select_dtypes(include=["object", "string"])
    if text.empty or df.empty or df.size > MUTED_CELLS:
        return None
    mask = text.apply(lambda col: col.astype(str).str.startswith(INFERRED)).any(axis=1).to_numpy()
    if not mask.any() or not (df.index.is_unique and df.columns.is_unique):   # a Styler needs unique labels
        return None
    return mask
