"""Progress of a list's platforms through the lifecycle stages, at any date, from dated events.

Everything is recomputed from the events in force (view ``platform_event_current``) for the date
asked: a platform's stage on ``d`` is the highest stage it had reached by ``d`` (the same rule as
the ``platform_status_at`` macro). Only ``COUNTED`` confidences count (uncertain evidence never
does), and a step reached before the platform was listed counts for the list's progress from the
listing date (its own date is kept for the timeline). Platforms a decision counts but does not
name (published count above the items loaded) are "unnamed" and counted as listed from the list's
date, never given invented names.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from store.dates import as_dates

STATUS_COLUMNS = ["list_id", "name", "ministry_code", "stage_id", "stage_ordinal", "stage_date", "confidence",
                  "stated_date", "date_basis"]   # the date as the evidence gives it (a month, "by" a date)
COUNTED = ("confirmed", "likely")     # what a figure counts; "uncertain" is shown only when asked
CONFIRMED = ("confirmed",)


def counted_events(events: pd.DataFrame, list_id: str, confidences: tuple[str, ...] = COUNTED) -> pd.DataFrame:
    """The list's events of ``confidences``, with ``counts_from``: the later of the step's date and
    the platform's listing date (the date it counts from for the list's progress)."""
    ev = events[events["list_id"] == list_id]
    ev = ev[ev["confidence"].isin(confidences)] if "confidence" in ev else ev
    day = as_dates(ev["event_date"])
    listed = ev.loc[ev["stage_id"] == "listed"].assign(d=day).groupby("platform_key")["d"].min()
    start = ev["platform_key"].map(listed)
    counts_from = [max(d, s) if isinstance(s, date) else d for d, s in zip(day, start)]
    return ev.assign(event_date=day, counts_from=pd.Series(counts_from, index=ev.index, dtype=object))


def status_at(events: pd.DataFrame, stages: pd.DataFrame, platforms: pd.DataFrame, list_id: str,
              on: date, confidences: tuple[str, ...] = COUNTED) -> pd.DataFrame:
    """Each named platform's highest stage reached on ``on`` (platforms with no event yet are absent);
    ``stage_date`` is the true date of that step."""
    ev = counted_events(events, list_id, confidences)
    ev = ev[ev["counts_from"] <= on]
    if ev.empty:
        return pd.DataFrame(columns=STATUS_COLUMNS)
    if "confidence" not in ev:
        ev = ev.assign(confidence="confirmed")
    ev = ev.assign(**{c: None for c in ("stated_date", "date_basis") if c not in ev})
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


def stage_counts(status: pd.DataFrame, stages: pd.DataFrame, unnamed_count: int = 0,
                 confirmed: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per stage: platforms that have reached it (at or beyond) and platforms at it now; with
    ``confirmed`` (the status from confirmed steps only), how many of those reached it on
    confirmed evidence. Unnamed platforms are counted as listed (by the decision: confirmed)."""
    rows = []
    for s in stages.sort_values("ordinal").itertuples():
        listed = unnamed_count if s.ordinal == 1 else 0
        row = {"stage_id": s.stage_id, "ordinal": s.ordinal,
               "reached": int((status["stage_ordinal"] >= s.ordinal).sum()) + listed,
               "at_stage": int((status["stage_ordinal"] == s.ordinal).sum()) + listed}
        if confirmed is not None:
            row["confirmed"] = int((confirmed["stage_ordinal"] >= s.ordinal).sum()) + listed
        rows.append(row)
    return pd.DataFrame(rows)


def per_ministry(status: pd.DataFrame, unnamed_rows: pd.DataFrame) -> pd.DataFrame:
    """[body_code, stage_id, confidence, count]: platforms of each body at each stage, by how sure
    their current stage is (for stacked bars; unnamed platforms are listed by the decision)."""
    named = status.assign(confidence=status["confidence"] if "confidence" in status else "confirmed")
    named = named.groupby(["ministry_code", "stage_id", "confidence"]).size().reset_index(name="count")
    named = named.rename(columns={"ministry_code": "body_code"})
    extra = unnamed_rows.assign(stage_id="listed", confidence="confirmed")[["body_code", "stage_id", "confidence", "count"]]
    out = pd.concat([named, extra], ignore_index=True)
    return out.groupby(["body_code", "stage_id", "confidence"], as_index=False)["count"].sum()


def burnup(events: pd.DataFrame, stages: pd.DataFrame, platforms: pd.DataFrame, list_id: str, on: date,
           unnamed_count: int = 0, listed_on: date | None = None,
           confidences: tuple[str, ...] = COUNTED) -> pd.DataFrame:
    """[date, stage_id, ordinal, reached]: how many platforms had reached each stage by each date
    a step counted from (a platform reaching a later stage counts for the earlier ones; a step
    before the listing counts from the listing date)."""
    keys = set(platforms.loc[platforms["list_id"] == list_id, "name_key"])
    ev = counted_events(events, list_id, confidences)
    ev = ev[ev["platform_key"].isin(keys)].merge(stages[["stage_id", "ordinal"]], on="stage_id")
    ev = ev[ev["counts_from"] <= on]
    dates = sorted(set(ev["counts_from"]) | {on})
    rows = []
    for s in stages.sort_values("ordinal").itertuples():
        first = ev[ev["ordinal"] >= s.ordinal].groupby("platform_key")["counts_from"].min()
        for d in dates:
            extra = unnamed_count if s.ordinal == 1 and listed_on and d >= listed_on else 0
            rows.append({"date": d, "stage_id": s.stage_id, "ordinal": s.ordinal,
                         "reached": int((first <= d).sum()) + extra})
    return pd.DataFrame(rows)


def overdue(targets: pd.DataFrame, status: pd.DataFrame, stages: pd.DataFrame, list_id: str,
            on: date) -> pd.DataFrame:
    """Targets due before ``on`` for a stage the platform had not reached by ``on``."""
    t = targets[(targets["list_id"] == list_id) & (as_dates(targets["target_date"]) < on)]
    t = t.merge(stages[["stage_id", "ordinal"]], on="stage_id")
    reached = dict(zip(status["name"], status["stage_ordinal"]))
    late = t.loc[pd.Series([reached.get(n, 0) < o for n, o in zip(t["platform_name"], t["ordinal"])],
                           index=t.index, dtype=bool)]
    return late[["platform_name", "stage_id", "target_date", "document_no"]].reset_index(drop=True)


TIMELINE_EXTRA = ["origin", "confidence", "source_url", "source_publisher", "source_date", "quote", "stated_date",
                  "date_basis", "evidence_key", "source", "import_id"]


def timeline(events: pd.DataFrame, targets: pd.DataFrame, stages: pd.DataFrame, list_id: str,
             platform_key: str, on: date, confidences: tuple[str, ...] = COUNTED) -> pd.DataFrame:
    """One platform's steps up to ``on`` (at their true dates, of ``confidences``) and its targets:
    [kind, stage_id, date, document_no, note, overdue] and, for steps, where they were read
    (``TIMELINE_EXTRA``)."""
    ev = counted_events(events, list_id, confidences)
    ev = ev[(ev["platform_key"] == platform_key) & (ev["event_date"] <= on)]   # its own history, true dates
    done = ev.merge(stages[["stage_id", "ordinal"]], on="stage_id")
    best = int(done.loc[done["confidence"].isin(COUNTED), "ordinal"].max()) if len(done) else 0
    steps = pd.DataFrame({"kind": "done", "stage_id": done["stage_id"], "date": done["event_date"],
                          "document_no": done["document_no"], "note": done["note"], "overdue": False,
                          **{c: done[c] if c in done else None for c in TIMELINE_EXTRA}})
    tg = targets[(targets["list_id"] == list_id) & (targets["platform_key"] == platform_key)]
    tg = tg.merge(stages[["stage_id", "ordinal"]], on="stage_id")
    due = pd.DataFrame({"kind": "target", "stage_id": tg["stage_id"], "date": as_dates(tg["target_date"]),
                        "document_no": tg["document_no"], "note": None,
                        "overdue": [pd.Timestamp(d).date() < on and o > best for d, o in zip(tg["target_date"], tg["ordinal"])]})
    out = pd.concat([steps, due], ignore_index=True) if len(due) else steps
    return out.sort_values("date", key=lambda s: pd.to_datetime(s)).reset_index(drop=True)
