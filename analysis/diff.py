"""Compare two versions of a list (any two imports): added, removed, renamed, owner changed.

Owners are compared through ministry lineage (both mapped to the bodies of the later date), so
a 2024 list naming the Ministry of Transport and a 2025 list naming Construction do not show an
owner change, while a function that moved (driver licences: Transport -> Public Security) does.
"""
from __future__ import annotations

import pandas as pd
from rapidfuzz import fuzz, process

from loaders.text import fold

# A removed and an added name are one renamed platform when their owners (after lineage) agree
# and they are this similar (rapidfuzz WRatio, 0-100): "Cổng thông tin điện tử" -> "... quốc gia"
# scores 95; "... đường bộ" vs "... đường thủy", two platforms, scores 89.
RENAMED = 90
COLUMNS = ["change", "name_a", "name_b", "ministry_a", "ministry_b", "score"]


def compare(a: pd.DataFrame, b: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """``a`` the older version, ``b`` the newer: platform rows with name, name_key, ministry_code."""
    owner = lambda code: mapping.get(code, code) if isinstance(code, str) else None  # noqa: E731
    a_by, b_by = a.set_index("name_key"), b.set_index("name_key")
    rows = []
    for k in a_by.index.intersection(b_by.index):
        ma, mb = a_by.at[k, "ministry_code"], b_by.at[k, "ministry_code"]
        if owner(ma) != owner(mb):
            rows.append(("owner_changed", a_by.at[k, "name"], b_by.at[k, "name"], ma, mb, 100))
    gone = a_by.loc[a_by.index.difference(b_by.index)]
    new = b_by.loc[b_by.index.difference(a_by.index)]
    candidates = {fold(n): k for k, n in zip(new.index, new["name"])}
    paired = set()
    for _k, row in gone.iterrows():
        same_owner = [c for c, nk in candidates.items()
                      if nk not in paired and owner(new.at[nk, "ministry_code"]) == owner(row["ministry_code"])]
        match = process.extractOne(fold(row["name"]), same_owner, scorer=fuzz.WRatio, score_cutoff=RENAMED)
        if match:
            nk = candidates[match[0]]
            paired.add(nk)
            rows.append(("renamed", row["name"], new.at[nk, "name"], row["ministry_code"], new.at[nk, "ministry_code"],
                         round(match[1])))
        else:
            rows.append(("removed", row["name"], None, row["ministry_code"], None, None))
    for nk, row in new.iterrows():
        if nk not in paired:
            rows.append(("added", None, row["name"], None, row["ministry_code"], None))
    order = {"added": 0, "removed": 1, "renamed": 2, "owner_changed": 3}
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.sort_values("change", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
