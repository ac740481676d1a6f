"""Who has and has not published a list, against the roster of bodies on a date.

Never guesses: a body the sources do not name, and that has no items in the loaded list,
is ``unknown``. A body on the date's roster that the list's source does not count (status
``off_roster`` in publication_status.csv, with the reason as its basis) is left out, so the roster
has as many bodies as the source's expected figure (``bodies_expected``).
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from .lineage import roster

STATUSES = ("published", "not_published", "unknown")
OFF_ROSTER = "off_roster"   # on the date's roster of bodies, but not among those the list's source counts


def publication_table(bodies: pd.DataFrame, statuses: pd.DataFrame, counts: pd.DataFrame,
                      list_id: str, on: date) -> pd.DataFrame:
    """One row per body on the roster (plus any body the sources name): status, basis, source."""
    named = statuses[statuses["list_id"] == list_id].set_index("body_code")
    left_off = set(named.index[named["status"] == OFF_ROSTER])
    named = named[named["status"] != OFF_ROSTER]
    with_items = set(counts.loc[counts["basis"] == "items", "body_code"]) if len(counts) else set()
    codes = [c for c in roster(bodies, on)["code"] if c not in left_off]
    codes += [c for c in named.index if c not in set(bodies["code"])]
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


def off_roster(statuses: pd.DataFrame, list_id: str) -> pd.DataFrame:
    """The bodies the list's source does not count though they existed (body_code, basis, source)."""
    rows = statuses[(statuses["list_id"] == list_id) & (statuses["status"] == OFF_ROSTER)]
    return rows[["body_code", "basis", "source"]].reset_index(drop=True)
