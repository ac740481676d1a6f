"""The records of the recognition workflow (dispatch 2291/BTTTT-KTS&XHS) as entered, and their
checks (pure: no database). A record that fails a check raises ``LoaderError`` naming the field."""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date

from analysis.recognition import ASSESSOR_KINDS, OUTCOMES, OWNERSHIP, POPULAR_SHARE, RESULTS
from loaders.dates import parse_day
from loaders.messages import LoaderError
from loaders.text import clean

from .recognition_rows import on_item

MAX_TEXT = 2000
MAX_SHORT = 300


@dataclass(frozen=True)
class Proposal:
    platform_name: str
    body_code: str
    ownership: str
    list_id: str
    proposed_on: date | str
    owner_enterprise: str | None = None
    purpose: str | None = None
    document_no: str | None = None
    document_url: str | None = None
    doc_ids: str | None = None            # ids of the document register, comma-separated
    proposal_id: int | None = None        # set: a new revision of this proposal


@dataclass(frozen=True)
class Criterion:
    group: int | str
    text: str
    measure: str | None = None
    popular_user: bool = False


@dataclass(frozen=True)
class CriteriaSet:
    proposal_id: int
    document_no: str
    issued_on: date | str
    criteria: tuple[Criterion, ...] = ()
    document_url: str | None = None


@dataclass(frozen=True)
class Plan:
    proposal_id: int
    document_no: str
    issued_on: date | str
    assessment_due: date | str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ItemResult:
    criterion_no: int
    result: str = "not_assessed"
    evidence: str | None = None
    evidence_url: str | None = None
    market_share: float | str | None = None


@dataclass(frozen=True)
class Assessment:
    proposal_id: int
    assessor_kind: str
    assessed_on: date | str
    items: tuple[ItemResult, ...] = field(default_factory=tuple)
    assessor_name: str | None = None
    document_no: str | None = None


@dataclass(frozen=True)
class Outcome:
    proposal_id: int
    outcome: str
    decided_on: date | str
    decision_no: str | None = None
    note: str | None = None


def text(value, name: str, *, required: bool = False, limit: int = MAX_SHORT) -> str | None:
    out = clean(value) if value is not None else ""
    if not out:
        if required:
            raise LoaderError("rec_missing", field=name)
        return None
    if len(out) > limit:
        raise LoaderError("rec_too_long", field=name, limit=limit)
    return out


def day(value, name: str, today: date, *, required: bool = True, future_ok: bool = False) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise LoaderError("rec_missing", field=name)
        return None
    parsed = parse_day(value)
    if parsed is None or (parsed > today and not future_ok) or parsed.year < 2000:
        raise LoaderError("rec_bad_date", field=name, value=str(value)[:40])
    return parsed


def choice(value, name: str, allowed: tuple[str, ...]) -> str:
    out = (clean(value) if value is not None else "").lower().replace(" ", "_").replace("-", "_")
    if out not in allowed:
        if not out:
            raise LoaderError("rec_missing", field=name)
        raise LoaderError("rec_bad_value", field=name, value=str(value)[:60], allowed=", ".join(allowed))
    return out


def url(value, name: str = "link") -> str | None:
    out = text(value, name, limit=MAX_SHORT)
    if out and not out.lower().startswith(("http://", "https://")):
        raise LoaderError("rec_bad_url", value=out[:80])
    return out


def share(value) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        out = float(str(value).replace("%", "").replace(",", ".").strip())
    except ValueError:
        raise LoaderError("rec_bad_share", value=str(value)[:40]) from None
    if math.isnan(out) or not 0 <= out <= 100:
        raise LoaderError("rec_bad_share", value=str(value)[:40])
    return out


def check_proposal(p: Proposal, today: date) -> Proposal:
    return replace(p, platform_name=text(p.platform_name, "platform_name", required=True),
                   body_code=(text(p.body_code, "body_code", required=True) or "").upper(),
                   ownership=choice(p.ownership, "ownership", OWNERSHIP),
                   owner_enterprise=text(p.owner_enterprise, "owner_enterprise"),
                   purpose=text(p.purpose, "purpose", limit=MAX_TEXT), list_id=text(p.list_id, "list_id", required=True),
                   proposed_on=day(p.proposed_on, "proposed_on", today), document_no=text(p.document_no, "document_no"),
                   document_url=url(p.document_url, "document_url"), doc_ids=text(p.doc_ids, "document_no"))


def check_criteria(c: CriteriaSet, today: date) -> CriteriaSet:
    criteria = []
    for i, crit in enumerate(c.criteria):
        with on_item(i):
            criteria.append(_criterion(crit))
    if not criteria:
        raise LoaderError("rec_no_group")
    return replace(c, document_no=text(c.document_no, "document_no", required=True),
                   issued_on=day(c.issued_on, "issued_on", today), criteria=tuple(criteria),
                   document_url=url(c.document_url, "document_url"))


def _criterion(crit: Criterion) -> Criterion:
    try:
        group = int(str(crit.group).strip())
    except ValueError:
        raise LoaderError("rec_bad_value", field="group", value=str(crit.group)[:20], allowed="1-6") from None
    if not 1 <= group <= 6:
        raise LoaderError("rec_bad_value", field="group", value=str(group), allowed="1-6")
    return Criterion(group, text(crit.text, "text", required=True, limit=MAX_TEXT),
                     text(crit.measure, "measure", limit=MAX_TEXT), bool(crit.popular_user))


def check_plan(p: Plan, today: date) -> Plan:
    return replace(p, document_no=text(p.document_no, "document_no", required=True),
                   issued_on=day(p.issued_on, "issued_on", today),
                   assessment_due=day(p.assessment_due, "assessment_due", today, required=False, future_ok=True),
                   note=text(p.note, "note", limit=MAX_TEXT))


def check_assessment(a: Assessment, today: date, popular: dict[int, bool]) -> Assessment:
    """``popular``: the set's criterion numbers -> whether it is the popular-user criterion. Every
    criterion gets a result; the popular-user criterion's result follows its measured share."""
    seen, items = set(), []
    for i, item in enumerate(a.items):
        with on_item(i):
            items.append(_item_result(item, popular))
        seen.add(item.criterion_no)
    missing = sorted(set(popular) - seen)
    if missing:
        raise LoaderError("rec_not_all_assessed", n=len(popular), missing=", ".join(map(str, missing[:20])))
    return replace(a, assessor_kind=choice(a.assessor_kind, "assessor_kind", ASSESSOR_KINDS),
                   assessed_on=day(a.assessed_on, "assessed_on", today), items=tuple(items),
                   assessor_name=text(a.assessor_name, "assessor_kind"), document_no=text(a.document_no, "document_no"))


def _item_result(item: ItemResult, popular: dict[int, bool]) -> ItemResult:
    if item.criterion_no not in popular:
        raise LoaderError("rec_unknown_criterion", criterion_no=item.criterion_no, set_id="-")
    result, measured = choice(item.result, "result", RESULTS), share(item.market_share)
    if popular[item.criterion_no] and measured is not None:
        result = "met" if measured >= POPULAR_SHARE else "not_met"
    elif popular[item.criterion_no] and result != "not_assessed":
        raise LoaderError("rec_missing", field="market_share")   # the popular-user level is a measured share
    return ItemResult(item.criterion_no, result, text(item.evidence, "evidence", limit=MAX_TEXT),
                      url(item.evidence_url, "evidence"), measured)


def check_outcome(o: Outcome, today: date) -> Outcome:
    outcome = choice(o.outcome, "outcome", OUTCOMES)
    return replace(o, outcome=outcome, decided_on=day(o.decided_on, "decided_on", today),
                   decision_no=text(o.decision_no, "decision_no", required=outcome != "withdrawn"),
                   note=text(o.note, "note", limit=MAX_TEXT))
