"""Open correction flags where the flagged record is shown: a column of ⚑ marks beside rows, a
warning above one record, a note after a line. The lookup is ``analysis.corrections`` on the
recognition records of the current data version; these only lay it out."""
from __future__ import annotations

from typing import Callable, Iterable

import pandas as pd
import streamlit as st

from analysis import corrections
from pages.data import recognition_records
from pages.language import t
from views import memo


def _open() -> dict[tuple[str, str], int]:
    """Open flags by target, once per data version (the records are read once per version)."""
    records = recognition_records()
    return memo.of_object(records, "open_flags", lambda: corrections.flags_by_target(records))


def with_marks(df: pd.DataFrame, kind: str, refs: Iterable | Callable[[], Iterable]) -> pd.DataFrame:
    """``df`` with a first column of ⚑ marks (open flags per row) when any shown row has one;
    ``refs``: each row's reference (``list_id/name``, ``list_id/BODY``), or a function giving
    them. Worked out once per shared frame and data version: the same frame comes back on every
    run (so the table's own drawing is kept too: ``pages.tables.drawable``)."""
    flags = _open()
    label = t("rec.flags_col")

    def marked() -> pd.DataFrame:
        marks = corrections.marks(flags, kind, refs() if callable(refs) else refs)
        if not any(marks):
            return df
        out = df.copy()
        out.insert(0, label, marks)
        return out
    kept = memo.of_object(df, f"with_marks:{kind}", lambda: (flags, label, marked()))
    return kept[2] if kept[0] is flags and kept[1] == label else marked()


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
