"""Ministry lineage: which body a code stands for on a date, and which codes led to a body."""
from __future__ import annotations

from datetime import date

import pandas as pd


def successor_map(bodies: pd.DataFrame, on: date) -> dict[str, str]:
    """Each body code -> the body that holds its role on ``on`` (itself if it still exists)."""
    rows = bodies.set_index("code")
    out: dict[str, str] = {}
    for code in rows.index:
        current, seen = code, {code}
        while True:
            valid_to, nxt = rows.at[current, "valid_to"], rows.at[current, "successor_code"]
            if pd.isna(valid_to) or on <= valid_to or pd.isna(nxt) or nxt in seen:
                break
            seen.add(nxt)
            current = nxt
        out[code] = current
    return out


def with_predecessors(bodies: pd.DataFrame, codes: list[str]) -> set[str]:
    """``codes`` plus every body merged (directly or not) into one of them."""
    parent = dict(zip(bodies["code"], bodies["successor_code"]))
    result = set(codes)
    changed = True
    while changed:
        changed = False
        for code, succ in parent.items():
            if code not in result and isinstance(succ, str) and succ in result:
                result.add(code)
                changed = True
    return result


def roster(bodies: pd.DataFrame, on: date) -> pd.DataFrame:
    """The bodies that existed on ``on``."""
    starts = bodies["valid_from"].map(lambda d: pd.isna(d) or d <= on)
    ends = bodies["valid_to"].map(lambda d: pd.isna(d) or on <= d)
    return bodies[starts & ends]
