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


def filter_order(bodies: pd.DataFrame, on: date, name_col: str = "name_vi") -> list[tuple[str, bool]]:
    """(code, current) for the ministry filter: the bodies that exist on ``on`` first, then the
    former ones, each group by name in Vietnamese collation (DuckDB's ICU ``vi``: Đ after D, Ư
    after U), whatever language the labels are in, so an option keeps its place across a switch."""
    from store.db import memory, rows  # the collation only; no database file is opened

    current = set(roster(bodies, on)["code"])
    names = pd.DataFrame({"code": bodies["code"], "name": bodies[name_col]})
    con = memory()
    try:
        con.register("names", names)
        ordered = [row[0] for row in rows(con, "SELECT code FROM names ORDER BY name COLLATE vi, code")]
    finally:
        con.close()
    return [(c, True) for c in ordered if c in current] + [(c, False) for c in ordered if c not in current]
