"""Who has and has not published a list, against the roster of bodies on a date.

Never guesses: a body the sources do not name, and that has no items in the loaded list,
is ``unknown``.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from .lineage import roster

STATUSES = ("published", "not_published", "unknown")


def publication_table(bodies: pd.DataFrame, statuses: pd.DataFrame, counts: pd.DataFrame,
                      list_id: str, on: date) -> pd.DataFrame:
    """One row per body on the roster (plus any body the sources name): status, basis, source."""
    named = statuses[statuses["list_id"] == list_id].set_index("body_code")
    with_items = set(counts.loc[counts["basis"] == "items", "body_code"]) if len(counts) else set()
    codes = list(roster(bodies, on)["code"]) + [c for c in named.index if c not in set(bodies["code"])]
    codes += [c for c in named.index if c not in codes]
    rows = []
    for code in codes:
        if code in named.index:
            r = named.loc[code]
            rows.append((code, r["status"], r["basis"], r["source"]))
        elif code in with_items:
            rows.append((code, "published", "items in the loaded list", None))
        else:
            rows.append((code, "unknown", "not named in the sources", None))
    df = pd.DataFrame(rows, columns=["body_code", "status", "basis", "source"])
    order = {s: i for i, s in enumerate(STATUSES)}
    return df.sort_values(["status", "body_code"], key=lambda s: s.map(order) if s.name == "status" else s
                          ).reset_index(drop=True)


def status_summary(table: pd.DataFrame) -> dict[str, int]:
    counts = table["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}
