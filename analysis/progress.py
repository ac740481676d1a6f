"""Progress of a list's platforms through the lifecycle stages, at any date, from dated events.

Everything is recomputed from ``platform_event`` for the date asked: a platform's stage on ``d``
is the highest stage it had reached by ``d`` (the same rule as the ``platform_status_at`` macro).
Platforms a decision counts but does not name (published count above the items loaded) are
"unnamed" and counted as listed from the list's date, never given invented names.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

STATUS_COLUMNS = ["list_id", "name", "ministry_code", "stage_id", "stage_ordinal", "stage_date"]


def status_at(events: pd.DataFrame, stages: pd.DataFrame, platforms: pd.DataFrame, list_id: str,
              on: date) -> pd.DataFrame:
    """Each named platform's highest stage reached on ``on`` (platforms with no event yet are absent)."""
    ev = events[(events["list_id"] == list_id) & (pd.to_datetime(events["event_date"]).dt.date <= on)]
    if ev.empty:
        return pd.DataFrame(columns=STATUS_COLUMNS)
    ev = ev.merge(stages[["stage_id", "ordinal"]], on="stage_id")
    ev = ev.sort_values(["ordinal", "event_date", "event_id"], ascending=False)
    top = ev.drop_duplicates(["platform_key"])
    plat = platforms[platforms["list_id"] == list_id][["list_id", "name", "name_key", "ministry_code"]]
    out = plat.merge(top, left_on="name_key", right_on="platform_key", suffixes=("", "_e"))
    out = out.rename(columns={"ordinal": "stage_ordinal", "event_date": "stage_date"})
    return out[STATUS_COLUMNS].sort_values(["stage_ordinal", "name"], ascending=[False, True]).reset_index(drop=True)


def unnamed(counts: pd.DataFrame, listed_on: date | None, on: date) -> pd.DataFrame:
    """Bodies whose published count exceeds the platforms loaded: [body_code, count, basis]."""
    if listed_on is None or on < listed_on or counts.empty:
        return pd.DataFrame(columns=["body_code", "count", "basis"])
    gap = counts.assign(count=counts["published"].fillna(0) - counts["items"].fillna(0))
    return gap[gap["count"] > 0][["body_code", "count", "basis"]].reset_index(drop=True)


def stage_counts(status: pd.DataFrame, stages: pd.DataFrame, unnamed_count: int = 0) -> pd.DataFrame:
    """Per stage: platforms that have reached it (at or beyond) and platforms at it now.
    Unnamed platforms are counted as listed."""
    rows = []
    for s in stages.sort_values("ordinal").itertuples():
        listed = unnamed_count if s.ordinal == 1 else 0
        rows.append({"stage_id": s.stage_id, "ordinal": s.ordinal,
                     "reached": int((status["stage_ordinal"] >= s.ordinal).sum()) + listed,
                     "at_stage": int((status["stage_ordinal"] == s.ordinal).sum()) + listed})
    return pd.DataFrame(rows)


def per_ministry(status: pd.DataFrame, unnamed_rows: pd.DataFrame) -> pd.DataFrame:
    """[body_code, stage_id, count]: platforms of each body at each stage (for stacked bars)."""
    named = status.groupby(["ministry_code", "stage_id"]).size().reset_index(name="count")
    named = named.rename(columns={"ministry_code": "body_code"})
    extra = unnamed_rows.assign(stage_id="listed")[["body_code", "stage_id", "count"]]
    out = pd.concat([named, extra], ignore_index=True)
    return out.groupby(["body_code", "stage_id"], as_index=False)["count"].sum()


def burnup(events: pd.DataFrame, stages: pd.DataFrame, platforms: pd.DataFrame, list_id: str, on: date,
           unnamed_count: int = 0, listed_on: date | None = None) -> pd.DataFrame:
    """[date, stage_id, ordinal, reached]: how many platforms had reached each stage by each date
    an event happened (a platform reaching a later stage counts for the earlier ones)."""
    keys = set(platforms.loc[platforms["list_id"] == list_id, "name_key"])
    ev = events[(events["list_id"] == list_id) & events["platform_key"].isin(keys)].merge(
        stages[["stage_id", "ordinal"]], on="stage_id")
    ev = ev.assign(event_date=pd.to_datetime(ev["event_date"]).dt.date)
    ev = ev[ev["event_date"] <= on]
    dates = sorted(set(ev["event_date"]) | {on})
    rows = []
    for s in stages.sort_values("ordinal").itertuples():
        first = ev[ev["ordinal"] >= s.ordinal].groupby("platform_key")["event_date"].min()
        for d in dates:
            extra = unnamed_count if s.ordinal == 1 and listed_on and d >= listed_on else 0
            rows.append({"date": d, "stage_id": s.stage_id, "ordinal": s.ordinal,
                         "reached": int((first <= d).sum()) + extra})
    return pd.DataFrame(rows)


def overdue(targets: pd.DataFrame, status: pd.DataFrame, stages: pd.DataFrame, list_id: str,
            on: date) -> pd.DataFrame:
    """Targets due before ``on`` for a stage the platform had not reached by ``on``."""
    t = targets[(targets["list_id"] == list_id) & (pd.to_datetime(targets["target_date"]).dt.date < on)]
    t = t.merge(stages[["stage_id", "ordinal"]], on="stage_id")
    reached = dict(zip(status["name"], status["stage_ordinal"]))
    late = t.loc[pd.Series([reached.get(n, 0) < o for n, o in zip(t["platform_name"], t["ordinal"])],
                           index=t.index, dtype=bool)]
    return late[["platform_name", "stage_id", "target_date", "document_no"]].reset_index(drop=True)


def timeline(events: pd.DataFrame, targets: pd.DataFrame, stages: pd.DataFrame, list_id: str,
             platform_key: str, on: date) -> pd.DataFrame:
    """One platform's steps up to ``on`` and its targets: [kind, stage_id, date, document_no, note, overdue]."""
    ev = events[(events["list_id"] == list_id) & (events["platform_key"] == platform_key)]
    ev = ev[pd.to_datetime(ev["event_date"]).dt.date <= on]
    done = ev.merge(stages[["stage_id", "ordinal"]], on="stage_id")
    best = int(done["ordinal"].max()) if len(done) else 0
    steps = pd.DataFrame({"kind": "done", "stage_id": done["stage_id"], "date": done["event_date"],
                          "document_no": done["document_no"], "note": done["note"], "overdue": False})
    tg = targets[(targets["list_id"] == list_id) & (targets["platform_key"] == platform_key)]
    tg = tg.merge(stages[["stage_id", "ordinal"]], on="stage_id")
    due = pd.DataFrame({"kind": "target", "stage_id": tg["stage_id"], "date": tg["target_date"],
                        "document_no": tg["document_no"], "note": None,
                        "overdue": [pd.Timestamp(d).date() < on and o > best for d, o in zip(tg["target_date"], tg["ordinal"])]})
    out = pd.concat([steps, due], ignore_index=True)
    return out.sort_values("date", key=lambda s: pd.to_datetime(s)).reset_index(drop=True)
