"""The recognition workflow of dispatch 2291/BTTTT-KTS&XHS, computed from its dated records (pure:
DataFrames in, DataFrames out; no database, no Streamlit).

Steps of a proposal: proposed -> criteria issued -> planned -> assessed -> an outcome (recognised,
potential platform under Decision 1864/QĐ-BTTTT, not recognised, or withdrawn). The records are
append-only; the latest proposal revision, criteria set, plan, assessment and outcome count.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

import pandas as pd

# The documents the workflow rests on (ids of the document register, ../shared/reference/documents.csv).
DOC_GUIDANCE = "cv-2291-2024"      # the six steps, the sixteen addressees
DOC_ARTICLE = "art-2291-2024"      # the article the guidance is known from
DOC_CRITERIA = "qd-1230-2023"      # Annex 1: the six criteria groups
DOC_POTENTIAL = "qd-1864-2023"     # potential platforms (popular-user level below 50%)
DOC_PORTAL = "portal-ndp"          # step 5: the national portal

POPULAR_SHARE = 50.0               # popular-user level: at least 50% of the potential market
STEPS = ("proposed", "criteria", "planned", "assessed")
OUTCOMES = ("recognised", "potential", "not_recognised", "withdrawn")
FUNNEL = (*STEPS, "recognised", "potential", "not_recognised")
RESULTS = ("met", "not_met", "not_assessed")
ASSESSOR_KINDS = ("council", "expert_group", "competent_unit")
OWNERSHIP = ("enterprise", "state")


def verdict(items: Iterable[tuple[str, bool]]) -> str:
    """What an assessment supports, from each criterion's (result, is the popular-user criterion):
    ``not_recognised`` if any other criterion is not met; ``incomplete`` if any is not assessed;
    ``potential`` if only the popular-user level is not met (Decision 1864); else ``recognised``."""
    items = list(items)
    if not items:
        return "incomplete"
    if any(result == "not_met" and not popular for result, popular in items):
        return "not_recognised"
    if any(result == "not_assessed" for result, _ in items):
        return "incomplete"
    if any(result == "not_met" for result, _ in items):
        return "potential"
    return "recognised"


def share_result(share: float | None, written: str | None) -> str:
    """The popular-user criterion's result from its measured market share (percent)."""
    if share is None:
        return written or "not_assessed"
    return "met" if share >= POPULAR_SHARE else "not_met"


@dataclass(frozen=True)
class Records:
    """The recognition tables as read (every row; the latest of each record is chosen here)."""
    proposal: pd.DataFrame
    criteria_set: pd.DataFrame
    criterion: pd.DataFrame
    plan: pd.DataFrame
    assessment: pd.DataFrame
    item: pd.DataFrame
    outcome: pd.DataFrame
    flag: pd.DataFrame
    resolution: pd.DataFrame
    addressee: pd.DataFrame
    criteria_groups: pd.DataFrame
    change: pd.DataFrame | None = None     # what accepted corrections changed (correction_change)


def _latest(df: pd.DataFrame, by: str, order: list[str]) -> pd.DataFrame:
    if df.empty:
        return df
    return df.sort_values(order).groupby(by, as_index=False).tail(1).set_index(by, drop=False)


def current_proposals(rec: Records) -> pd.DataFrame:
    """One row per proposal (its latest revision) with its step, dates and latest outcome."""
    props = _latest(rec.proposal, "proposal_id", ["proposal_id", "revision"])
    if props.empty:
        return pd.DataFrame(columns=[*rec.proposal.columns, "step", "criteria_on", "planned_on", "assessed_on",
                                     "decided_on", "outcome", "decision_no", "verdict", "assessment_due", "set_id"])
    sets = _latest(rec.criteria_set, "proposal_id", ["issued_on", "set_id"])
    plans = _latest(rec.plan, "proposal_id", ["issued_on", "plan_id"])
    assess = _latest(rec.assessment, "proposal_id", ["assessed_on", "assessment_id"])
    outs = _latest(rec.outcome, "proposal_id", ["decided_on", "outcome_id"])
    out = props.copy()
    ids = out["proposal_id"]
    out["set_id"] = ids.map(sets["set_id"]) if not sets.empty else None
    out["criteria_on"] = ids.map(sets["issued_on"]) if not sets.empty else None
    out["planned_on"] = ids.map(plans["issued_on"]) if not plans.empty else None
    out["assessment_due"] = ids.map(plans["assessment_due"]) if not plans.empty else None
    out["assessed_on"] = ids.map(assess["assessed_on"]) if not assess.empty else None
    out["verdict"] = ids.map(assessment_verdicts(rec)) if not assess.empty else None
    out["decided_on"] = ids.map(outs["decided_on"]) if not outs.empty else None
    out["outcome"] = ids.map(outs["outcome"]) if not outs.empty else None
    out["decision_no"] = ids.map(outs["decision_no"]) if not outs.empty else None
    out["step"] = [step_of(o, a, p, c) for o, a, p, c in zip(out["outcome"], out["assessed_on"], out["planned_on"],
                                                             out["criteria_on"])]
    return out.reset_index(drop=True)


def step_of(outcome, assessed_on, planned_on, criteria_on) -> str:
    """The step a proposal has reached: its outcome, else the furthest record it has."""
    if isinstance(outcome, str):
        return outcome
    for step, when in (("assessed", assessed_on), ("planned", planned_on), ("criteria", criteria_on)):
        if when is not None and not pd.isna(when):
            return step
    return "proposed"


def assessment_verdicts(rec: Records) -> dict[int, str]:
    """proposal_id -> the verdict of its latest assessment."""
    latest = _latest(rec.assessment, "proposal_id", ["assessed_on", "assessment_id"])
    out = {}
    for proposal_id, assessment_id, set_id in zip(latest["proposal_id"], latest["assessment_id"], latest["set_id"]):
        out[proposal_id] = verdict(_items_of(rec, assessment_id, set_id))
    return out


def _items_of(rec: Records, assessment_id: int, set_id: int) -> list[tuple[str, bool]]:
    popular = rec.criterion[rec.criterion["set_id"] == set_id].set_index("criterion_no")["popular_user"]
    items = rec.item[rec.item["assessment_id"] == assessment_id]
    return [(r, bool(popular.get(n, False))) for r, n in zip(items["result"], items["criterion_no"])]


def reached(props: pd.DataFrame) -> pd.DataFrame:
    """Per proposal and funnel step, the date it was reached (missing: not reached)."""
    rows = []
    for p in props.itertuples():
        dates = {"proposed": p.proposed_on, "criteria": p.criteria_on, "planned": p.planned_on,
                 "assessed": p.assessed_on}
        if isinstance(p.outcome, str) and p.outcome in FUNNEL:
            dates[p.outcome] = p.decided_on
        for step, when in dates.items():
            if when is not None and not pd.isna(when):
                rows.append({"proposal_id": p.proposal_id, "body_code": p.body_code, "step": step,
                             "date": pd.Timestamp(when).date()})
    return pd.DataFrame(rows, columns=["proposal_id", "body_code", "step", "date"])


def funnel(props: pd.DataFrame, on: date | None = None) -> pd.DataFrame:
    """How many proposals have reached each step (by ``on``)."""
    steps = reached(props)
    if on is not None:
        steps = steps[steps["date"] <= on]
    counts = steps.groupby("step")["proposal_id"].nunique()
    return pd.DataFrame({"step": list(FUNNEL), "count": [int(counts.get(s, 0)) for s in FUNNEL]})


def funnel_by_body(props: pd.DataFrame) -> pd.DataFrame:
    """Body x step: proposals that have reached the step."""
    steps = reached(props)
    out = steps.groupby(["body_code", "step"])["proposal_id"].nunique().rename("count").reset_index()
    out["order"] = out["step"].map({s: i for i, s in enumerate(FUNNEL)})
    return out.sort_values(["body_code", "order"]).drop(columns="order").reset_index(drop=True)


def funnel_over_time(props: pd.DataFrame) -> pd.DataFrame:
    """At each date something happened: the proposals that had reached each step by then."""
    steps = reached(props)
    if steps.empty:
        return pd.DataFrame(columns=["date", "step", "count"])
    rows = []
    for day in sorted(steps["date"].unique()):
        done = steps[steps["date"] <= day].groupby("step")["proposal_id"].nunique()
        rows += [{"date": day, "step": s, "count": int(done.get(s, 0))} for s in FUNNEL]
    return pd.DataFrame(rows)


def overdue(props: pd.DataFrame, on: date) -> pd.Series:
    """Whether each proposal's plan set an assessment date that has passed with no assessment."""
    # compared as timestamps: a column with no date at all stays datetime64 under ``.dt.date``
    # (pandas 3), which cannot be compared with a ``date``
    due = pd.to_datetime(props["assessment_due"])
    return due.notna() & (due < pd.Timestamp(on)) & props["assessed_on"].isna() & props["outcome"].isna()


def addressees(rec: Records, props: pd.DataFrame, on: date) -> pd.DataFrame:
    """The sixteen bodies of 2291: proposals, the furthest step any reached, overdue proposals."""
    order = {s: i for i, s in enumerate((*STEPS, "not_recognised", "potential", "recognised"))}
    late = overdue(props, on) if not props.empty else pd.Series(dtype=bool)
    rows = []
    for a in rec.addressee.sort_values("ordinal").itertuples():
        mine = props[props["body_code"] == a.body_code]
        live = mine[mine["step"] != "withdrawn"]
        furthest = max(live["step"], key=order.get) if len(live) else None
        rows.append({"ordinal": a.ordinal, "body_code": a.body_code, "proposals": len(mine),
                     "furthest": furthest or "none", "recognised": int((mine["step"] == "recognised").sum()),
                     "overdue": int(late[mine.index].sum()) if len(mine) else 0, "doc_id": a.doc_id})
    return pd.DataFrame(rows)


def criteria_matrix(rec: Records, proposal_id: int) -> pd.DataFrame:
    """The proposal's latest criteria set, one row per criterion under its group, with one column
    per assessment (oldest first): result, and the market share where measured."""
    sets = rec.criteria_set[rec.criteria_set["proposal_id"] == proposal_id]
    if sets.empty:
        return pd.DataFrame(columns=["group", "criterion_no", "text", "measure", "popular_user"])
    set_id = sets.sort_values(["issued_on", "set_id"]).iloc[-1]["set_id"]
    crit = rec.criterion[rec.criterion["set_id"] == set_id].sort_values(["group", "criterion_no"])
    out = crit[["group", "criterion_no", "text", "measure", "popular_user"]].reset_index(drop=True)
    assess = rec.assessment[(rec.assessment["proposal_id"] == proposal_id) & (rec.assessment["set_id"] == set_id)]
    for a in assess.sort_values(["assessed_on", "assessment_id"]).itertuples():
        items = rec.item[rec.item["assessment_id"] == a.assessment_id].set_index("criterion_no")
        label = f"{pd.Timestamp(a.assessed_on):%Y-%m-%d} #{a.assessment_id}"
        out[label] = [_cell(items, n) for n in out["criterion_no"]]
    return out


def _cell(items: pd.DataFrame, criterion_no: int) -> str:
    if criterion_no not in items.index:
        return ""
    row = items.loc[criterion_no]
    share = row["market_share"]
    return row["result"] + (f" ({share:g}%)" if share is not None and not pd.isna(share) else "")


def timeline(rec: Records, proposal_id: int) -> pd.DataFrame:
    """Every record of a proposal in date order: what, when, document, who recorded it."""
    def pick(df, kind, when, doc):
        rows = df[df["proposal_id"] == proposal_id]
        return pd.DataFrame({"kind": kind(rows) if callable(kind) else kind, "date": rows[when],
                             "document_no": rows[doc] if doc else None, "recorded_by": rows["recorded_by"],
                             "recorded_at": rows["recorded_at"]})
    parts = [pick(rec.proposal, "proposed", "proposed_on", "document_no"),
             pick(rec.criteria_set, "criteria", "issued_on", "document_no"),
             pick(rec.plan, "planned", "issued_on", "document_no"),
             pick(rec.assessment, lambda r: "assessed:" + r["assessor_kind"], "assessed_on", "document_no"),
             pick(rec.outcome, lambda r: r["outcome"], "decided_on", "decision_no")]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=["kind", "date", "document_no", "recorded_by", "recorded_at"])
    return pd.concat(parts).sort_values(["date", "recorded_at"]).reset_index(drop=True)


def open_flags(rec: Records) -> pd.DataFrame:
    """Correction flags with no resolution yet."""
    return rec.flag[~rec.flag["flag_id"].isin(rec.resolution["flag_id"])].sort_values("flagged_at")
