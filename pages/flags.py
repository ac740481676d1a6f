"""Open correction flags where the flagged record is shown: a column of ⚑ marks beside rows, a
warning above one record, a note after a line. The lookup is ``analysis.corrections`` on the
recognition records of the current data version; these only lay it out."""
from __future__ import annotations

from typing import Iterable

import pandas as pd
import streamlit as st

from analysis import corrections
from pages.data import recognition_records
from pages.language import t


def _open() -> dict[tuple[str, str], int]:
    return corrections.flags_by_target(recognition_records())


def with_marks(df: pd.DataFrame, kind: str, refs: Iterable) -> pd.DataFrame:
    """``df`` with a first column of ⚑ marks (open flags per row) when any shown row has one;
    ``refs``: each row's reference (``list_id/name``, ``list_id/BODY``)."""
    marks = corrections.marks(_open(), kind, refs)
    if not any(marks):
        return df
    out = df.copy()
    out.insert(0, t("rec.flags_col"), marks)
    return out


def warn(kind: str, ref: str, container=None) -> None:
    """A warning above one shown record that has open flags."""
    n = _open().get((kind, corrections.target_key(kind, ref)), 0)
    if n:
        (container or st).warning(t("rec.flags_here", n=n), icon=":material/flag:")


def note(kind: str, ref: str) -> str:
    """Text to append to a line showing one record: its open flags and the corrections applied."""
    k = (kind, corrections.target_key(kind, ref))
    n = _open().get(k, 0)
    fixed = corrections.corrected_by(recognition_records().change).get(k)
    parts = ([f":orange[{corrections.MARK} {t('rec.flags_here', n=n)}]"] if n else []) + (
        [f":gray[{t('rec.corrected', ids=', '.join(map(str, fixed)))}]"] if fixed else [])
    return (" — " + " ".join(parts)) if parts else ""
