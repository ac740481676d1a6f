"""Open correction flags by the record they are about (pure: DataFrames in, no database, no
Streamlit), so every place a record is shown can say it is flagged: a platform row (catalogue,
timeline), a count figure, a document row. A flag's reference is written by a person; it meets a
shown row through one spelling (``target_key``)."""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from loaders.text import key

MARK = "⚑"


def target_key(kind: str, ref: object) -> str:
    """One spelling of a target reference, whatever the case, diacritics or spacing it was typed
    with: ``list_id/<key(name)>`` (platform), ``list_id/BODY`` (count, status), a doc_id in lower
    case (document), a proposal number as written."""
    ref = str(ref or "").strip()
    if kind in ("platform", "count", "status") and "/" in ref:
        list_id, _, rest = ref.partition("/")
        return f"{list_id.strip()}/{key(rest) if kind == 'platform' else rest.strip().upper()}"
    return ref.lower() if kind == "document" else ref


def open_by_target(flag: pd.DataFrame, resolution: pd.DataFrame) -> dict[tuple[str, str], int]:
    """(kind, target_key) -> how many flags on that record are open (no resolution yet)."""
    open_ = flag[~flag["flag_id"].isin(resolution["flag_id"])]
    counts: dict[tuple[str, str], int] = {}
    for kind, ref in zip(open_["target_kind"], open_["target_ref"]):
        k = (kind, target_key(kind, ref))
        counts[k] = counts.get(k, 0) + 1
    return counts


def flags_by_target(rec) -> dict[tuple[str, str], int]:
    """``open_by_target`` of the recognition records (``analysis.recognition.Records``)."""
    return open_by_target(rec.flag, rec.resolution)


def marks(flags: dict[tuple[str, str], int], kind: str, refs: Iterable) -> list[str]:
    """For each shown record (its reference, e.g. ``list_id/name``), ``⚑ n`` when it has n open
    flags, else ''."""
    out = []
    for ref in refs:
        n = flags.get((kind, target_key(kind, ref)), 0)
        out.append(f"{MARK} {n}" if n else "")
    return out


def platform_refs(rows: pd.DataFrame) -> list[str]:
    """The references of platform rows (``list_id/name``)."""
    return [f"{a}/{b}" for a, b in zip(rows["list_id"], rows["name"])]


def corrected_by(change: pd.DataFrame | None) -> dict[tuple[str, str], list[int]]:
    """(kind, target_key) -> the accepted corrections (flag ids) that changed that record."""
    out: dict[tuple[str, str], list[int]] = {}
    if change is None or change.empty:
        return out
    for fid, kind, ref in change[["flag_id", "target_kind", "target_ref"]].drop_duplicates().itertuples(index=False):
        out.setdefault((kind, target_key(kind, ref)), []).append(int(fid))
    return out
