"""What the About page says about the data: the register, the bases in use, the known gaps."""
from __future__ import annotations

import pandas as pd

from analysis.citations import basis_kind, document_label


def gaps(figures: pd.DataFrame, counts: pd.DataFrame, national: str, shared: str) -> dict:
    """The gaps the sources leave on the ``national`` list (2024) and the ``shared`` one (the 55):
    publishers without a count, platforms beyond the 103, and the shared platforms named only by
    body and sector."""
    def value(list_id: str, key: str) -> int | None:
        row = figures[(figures["list_id"] == list_id) & (figures["figure_key"] == key)]
        return None if row.empty else int(row.iloc[0]["value"])

    counted = int(((counts["list_id"] == national) & counts["body_code"].notna()).sum())
    published, expected = value(national, "bodies_published"), value(national, "bodies_expected")
    every, bodies = value(national, "platforms_all"), value(national, "platforms_bodies")
    unnamed = counts[(counts["list_id"] == shared) & counts["sector"].notna()]
    return {"published": published, "expected": expected, "counted": counted,
            "missing": None if published is None else published - counted,
            "all": every, "bodies": bodies, "beyond": None if every is None or bodies is None else every - bodies,
            "unnamed": unnamed[["body_code", "count", "sector", "basis", "source"]].reset_index(drop=True)}


def name_bases(platforms: pd.DataFrame) -> dict[str, int]:
    """How many loaded platform names are verbatim, translated, identified."""
    return platforms["name_basis"].value_counts().to_dict()


def inferences(snap, lang: str = "vi") -> list[tuple[str, str]]:
    """(what, why) for every inferred value in the reference data shown by the product."""
    out, en = [], lang == "en"
    for r in snap.platform_list.to_dict("records"):
        if basis_kind(r.get("basis")) == "inferred":
            out.append((f"{r['list_id']}", r["basis"]))
    for r in snap.published_count.to_dict("records"):
        if basis_kind(r.get("basis")) == "inferred":
            out.append((f"{r['list_id']} · {r['body_code']} = {r['count']}", r["basis"]))
    for r in snap.stage.to_dict("records"):
        if basis_kind(r.get("basis")) == "inferred":
            out.append((r["name_en" if en else "name_vi"], r["basis"]))
    for r in snap.known_item.to_dict("records"):
        out.append((f"{r['name_en' if en else 'name_vi']} → {r['body_code']}", r["owner_basis"]))
    notes = snap.platform_current[snap.platform_current["note"].fillna("").str.startswith("owner inferred")]
    for r in notes.to_dict("records"):
        name = r["name_en"] if en and isinstance(r["name_en"], str) else r["name"]
        out.append((f"{r['list_id']} · {name}", r["note"].removeprefix("owner ")))
    for r in snap.document.to_dict("records"):
        if basis_kind(r.get("basis")) == "inferred":
            out.append((document_label(r, lang), r["basis"]))
    return out
