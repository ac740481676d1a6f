"""Provinces across the 2025 merger, and what a province's lists say against the centre.

Figures for a date use the provinces that existed on that date (63 before 1 July 2025, 34 from
it); a former province's lists and adoption rows roll up to its successor.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

MERGER_DAY = date(2025, 7, 1)
ADOPTION_LEVEL = {"not_used": 0, "planned": 1, "piloting": 2, "in_use": 3}


def provinces_on(before: pd.DataFrame, after: pd.DataFrame, day: date) -> pd.DataFrame:
    """code, name_vi, name_en of the provinces that existed on ``day``."""
    return (after if day >= MERGER_DAY else before)[["code", "name_vi", "name_en"]].reset_index(drop=True)


def successor(merger: pd.DataFrame, code: str) -> str:
    """The province after the merger that ``code`` (a code on either map) belongs to."""
    found = merger.loc[merger["old_code"] == code, "new_code"]
    return found.iloc[0] if len(found) else code


def former_names(merger: pd.DataFrame, code: str) -> list[str]:
    """Names of the former provinces merged into ``code`` other than its own name."""
    rows = merger[merger["new_code"] == code]
    return [n for n in rows["old_name_vi"] if n not in set(rows["new_name_vi"])]


def lists_of(lists: pd.DataFrame, merger: pd.DataFrame, code: str) -> list[str]:
    """The provincial lists of province ``code`` (after the merger), including those a former
    province issued before it was merged into ``code``."""
    provincial = lists[(lists["kind"] == "provincial") & lists["province_code"].notna()]
    return [r.list_id for r in provincial.itertuples() if successor(merger, r.province_code) == code]


def figures(overlap: pd.DataFrame) -> dict[str, int]:
    """The province page's headline counts from ``provincial_overlap`` rows of its lists."""
    in_use = overlap["status"].fillna("in_use") != "proposed"
    central = overlap["classification"] == "uses_central"
    possible = overlap["classification"] == "possible_duplicate"
    return {
        "platforms": len(overlap),
        "central_in_use": int(overlap.loc[central & in_use, "central_key"].nunique()),
        "awaiting_review": int((possible & (overlap["review"] == "pending")).sum()),
        "proposed_overlap": int(((overlap["status"] == "proposed") & (central | possible)).sum()),
    }


def review_queue(overlap: pd.DataFrame) -> pd.DataFrame:
    """Matches a reviewer should look at: proposed investments first, then by score."""
    queue = overlap[overlap["central_key"].notna() & (overlap["review"] == "pending")]
    order = queue.assign(_proposed=queue["status"] != "proposed").sort_values(["_proposed", "score"],
                                                                                ascending=[True, False])
    return order.drop(columns="_proposed").reset_index(drop=True)


def in_scope(overlap: pd.DataFrame, scope: set[str] | None) -> pd.DataFrame:
    """Rows whose provincial line ministry or matched central platform's ministry is in ``scope``."""
    if scope is None:
        return overlap
    return overlap[overlap["line_ministry_code"].isin(scope) | overlap["central_ministry_code"].isin(scope)]


def adoption_matrix(adoption: pd.DataFrame, provinces: pd.DataFrame) -> pd.DataFrame:
    """Province (rows, by name) x platform (columns): the best status at province level, where a
    commune's status counts for its province. Values are ``ADOPTION_LEVEL`` (NaN: not reported)."""
    if adoption.empty:
        return pd.DataFrame()
    level = adoption.assign(level=adoption["status"].map(ADOPTION_LEVEL))
    best = level.groupby(["current_province_code", "platform_name"])["level"].max().unstack()
    names = dict(zip(provinces["code"], provinces["name_vi"]))
    best.index = [names.get(c, c) for c in best.index]
    return best.sort_index()


def adoption_counts(adoption: pd.DataFrame) -> pd.DataFrame:
    """Per province: communes reporting and platforms per status (the rows behind the heatmap)."""
    if adoption.empty:
        return pd.DataFrame(columns=["current_province_code", "communes", *ADOPTION_LEVEL])
    counts = adoption.pivot_table(index="current_province_code", columns="status", values="platform_key",
                                  aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=list(ADOPTION_LEVEL), fill_value=0)
    communes = adoption.groupby("current_province_code")["commune"].nunique()
    return counts.assign(communes=communes).reset_index()[["current_province_code", "communes", *ADOPTION_LEVEL]]
