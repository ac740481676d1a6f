"""Write and read the recognition records (dispatch 2291/BTTTT-KTS&XHS). Every write: checks the
role, checks the record, appends its rows and an audit row in one write of the database file
(``store.writable``: all of it lands or none); a refusal for lack of rights is audited on its own.

Who: a ministry editor proposes, issues criteria and records plans for its own body's platforms
(its body and those merged into it); an assessor or an administrator records assessments and
outcomes. A recognised platform joins a new version of its list (``recognition_list``).
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from access import audit
from access.roles import User, require
from analysis.lineage import with_predecessors
from analysis.recognition import Records, verdict
from loaders.messages import LoaderError
from loaders.text import key
from store.dates import as_dates
from store.db import CatalogError, Connection
from store.writer import writable

from .recognition_list import join_list
from .recognition_records import (
    Assessment,
    CriteriaSet,
    Outcome,
    Plan,
    Proposal,
    check_assessment,
    check_criteria,
    check_outcome,
    check_plan,
    check_proposal,
)

REFUSALS = ("forbidden", "not_your_proposal", "flag_not_your_body")
LIST_KINDS = ("national_deployed", "shared")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


_IDS = {"recognition_proposal": "proposal_id", "recognition_criteria_set": "set_id", "recognition_plan": "plan_id",
        "recognition_assessment": "assessment_id", "recognition_outcome": "outcome_id"}


def _next(con: Connection, table: str, column: str) -> int:
    """The next id of ``table`` (identifiers from the allow-list ``_IDS`` only)."""
    if _IDS.get(table) != column:
        raise ValueError(f"not an id column of the recognition records: {table}.{column}")
    return con.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchall()[0][0]  # noqa: S608


_TABLES = (*_IDS, "recognition_criterion", "recognition_assessment_item")


def _insert(con: Connection, table: str, *records) -> None:
    """Append ``records`` (each a row's values in the table's column order) to ``table``: a table
    of the allow-list ``_TABLES`` only; the values go as parameters."""
    if table not in _TABLES:
        raise ValueError(f"not a table of the recognition records: {table}")
    if records:
        marks = ", ".join("?" * len(records[0]))
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", [list(r) for r in records])  # noqa: S608


def run(db_path: Path | str, user: User, action: str, target: str, work, detail=None, con: Connection | None = None):
    """``work(con)`` in one write with its audit row; refusals for lack of rights audited. With
    ``con`` (a write already open: a file of records, ``recognition_import``), in a transaction of
    its own on it: a record that fails leaves nothing of itself, its refusal audited there."""
    if con is not None:
        return _run_on(con, user, action, target, work, detail)
    try:
        with writable(db_path) as con:
            result = work(con)
            audit.record(con, user, action, target, "ok", detail(result) if callable(detail) else {"id": result})
            return result
    except LoaderError as exc:
        if exc.message.code in REFUSALS:
            audit.record_alone(db_path, user, action, target, "refused", exc.text("en"))
        raise


def _run_on(con: Connection, user: User, action: str, target: str, work, detail=None):
    con.begin()
    try:
        result = work(con)
        audit.record(con, user, action, target, "ok", detail(result) if callable(detail) else {"id": result})
    except BaseException as exc:
        con.rollback()
        if isinstance(exc, LoaderError) and exc.message.code in REFUSALS:
            audit.record(con, user, action, target, "refused", exc.text("en"))
        raise
    con.commit()
    return result


def owns(con: Connection, user: User, body_code: str | None) -> bool:
    """Whether ``user`` speaks for ``body_code`` (admins and assessors: for every body)."""
    if user.role != "ministry_editor":
        return True
    bodies = con.execute("SELECT code, successor_code FROM body").df()
    return body_code in with_predecessors(bodies, [user.body_code])


def _proposal(con: Connection, proposal_id: int) -> dict:
    rows = con.execute("SELECT * FROM recognition_proposal WHERE proposal_id = ? ORDER BY revision DESC LIMIT 1",
                       [int(proposal_id)]).df().to_dict("records")
    if not rows:
        raise LoaderError("rec_no_proposal", proposal_id=proposal_id)
    return rows[0]


def _require_own(con, user: User, body_code: str, name: str) -> None:
    if not owns(con, user, body_code):
        raise LoaderError("not_your_proposal", name=name, body=body_code, own=user.body_code)


def _own_proposal(con, user: User, right: str, proposal_id: int) -> dict:
    """The proposal, once ``user`` holds ``right`` and speaks for the proposal's body."""
    require(user, right)
    prop = _proposal(con, proposal_id)
    _require_own(con, user, prop["body_code"], prop["platform_name"])
    return prop


def propose(db_path: Path | str, p: Proposal, user: User, today: date | None = None,
            con: Connection | None = None) -> int:
    """Record a proposal (or, with ``proposal_id``, a new revision of one); returns its id."""
    def work(con):
        require(user, "propose")
        q = check_proposal(p, today or date.today())
        _require_own(con, user, q.body_code, q.platform_name)
        if not con.execute("SELECT 1 FROM body WHERE code = ?", [q.body_code]).fetchall():
            raise LoaderError("rec_bad_value", field="body_code", value=q.body_code, allowed="MOF, MPS, ...")
        kind = con.execute("SELECT kind FROM platform_list WHERE list_id = ?", [q.list_id]).fetchall()
        if not kind or kind[0][0] not in LIST_KINDS:
            raise LoaderError("rec_list_kind", list_id=q.list_id)
        if q.proposal_id is not None:
            old = _proposal(con, q.proposal_id)
            _require_own(con, user, old["body_code"], old["platform_name"])
            pid, revision = int(q.proposal_id), int(old["revision"]) + 1
        else:
            same = con.execute("SELECT proposal_id, body_code FROM recognition_proposal WHERE platform_key = ? "
                               "AND list_id = ?", [key(q.platform_name), q.list_id]).fetchall()
            if same:
                raise LoaderError("rec_duplicate", name=q.platform_name, body=same[0][1], proposal_id=same[0][0])
            pid, revision = _next(con, "recognition_proposal", "proposal_id"), 1
        _insert(con, "recognition_proposal", [
            pid, revision, q.platform_name, key(q.platform_name), q.body_code, q.ownership, q.owner_enterprise,
            q.purpose, q.list_id, q.document_no, q.document_url, q.doc_ids, q.proposed_on, user.email, _now(),
            source_of(q)])
        return pid
    return run(db_path, user, "propose", str(p.platform_name)[:200], work, con=con)


def source_of(record) -> str | None:
    return getattr(record, "source", None) or (f"{record.document_no}" if getattr(record, "document_no", None) else None)


def issue_criteria(db_path: Path | str, c: CriteriaSet, user: User, today: date | None = None,
                   source: str | None = None, con: Connection | None = None) -> int:
    """Record a criteria set for a proposal (a newer set supersedes the older); returns its id."""
    def work(con):
        _own_proposal(con, user, "issue_criteria", c.proposal_id)
        q = check_criteria(c, today or date.today())
        set_id = _next(con, "recognition_criteria_set", "set_id")
        _insert(con, "recognition_criteria_set", [
            set_id, int(q.proposal_id), q.document_no, q.issued_on, q.document_url, user.email, _now(),
            source or q.document_no])
        _insert(con, "recognition_criterion", *[
            (set_id, n, cr.group, cr.text, cr.measure, cr.popular_user) for n, cr in enumerate(q.criteria, start=1)])
        return set_id
    return run(db_path, user, "issue_criteria", f"proposal {c.proposal_id}", work, con=con)


def record_plan(db_path: Path | str, p: Plan, user: User, today: date | None = None) -> int:
    def work(con):
        _own_proposal(con, user, "plan", p.proposal_id)
        q = check_plan(p, today or date.today())
        plan_id = _next(con, "recognition_plan", "plan_id")
        _insert(con, "recognition_plan", [
            plan_id, int(q.proposal_id), q.document_no, q.issued_on, q.assessment_due, q.note, user.email, _now(),
            q.document_no])
        return plan_id
    return run(db_path, user, "plan", f"proposal {p.proposal_id}", work)


def _latest_set(con, proposal_id: int) -> tuple[int, dict[int, bool]]:
    rows = con.execute("SELECT set_id FROM recognition_criteria_set WHERE proposal_id = ? "
                       "ORDER BY issued_on DESC, set_id DESC LIMIT 1", [int(proposal_id)]).fetchall()
    if not rows:
        raise LoaderError("rec_no_criteria", proposal_id=proposal_id)
    set_id = rows[0][0]
    popular = dict(con.execute("SELECT criterion_no, popular_user FROM recognition_criterion WHERE set_id = ?",
                               [set_id]).fetchall())
    return set_id, popular


def record_assessment(db_path: Path | str, a: Assessment, user: User, today: date | None = None,
                      con: Connection | None = None) -> int:
    """Record an assessment against the proposal's latest criteria set; returns its id."""
    def work(con):
        require(user, "assess")
        _proposal(con, a.proposal_id)
        set_id, popular = _latest_set(con, a.proposal_id)
        q = check_assessment(a, today or date.today(), popular)
        assessment_id = _next(con, "recognition_assessment", "assessment_id")
        _insert(con, "recognition_assessment", [
            assessment_id, int(q.proposal_id), set_id, q.assessor_kind, q.assessor_name, q.assessed_on,
            q.document_no, user.email, _now(), q.document_no])
        _insert(con, "recognition_assessment_item", *[
            (assessment_id, i.criterion_no, i.result, i.evidence, i.evidence_url, i.market_share) for i in q.items])
        return assessment_id
    return run(db_path, user, "assess", f"proposal {a.proposal_id}", work, con=con)


def latest_verdict(con, proposal_id: int) -> str:
    rows = con.execute("SELECT assessment_id, set_id FROM recognition_assessment WHERE proposal_id = ? "
                       "ORDER BY assessed_on DESC, assessment_id DESC LIMIT 1", [int(proposal_id)]).fetchall()
    if not rows:
        return "incomplete"
    items = con.execute("SELECT i.result, c.popular_user FROM recognition_assessment_item i JOIN recognition_criterion c "
                        "ON c.set_id = ? AND c.criterion_no = i.criterion_no WHERE i.assessment_id = ?",
                        [rows[0][1], rows[0][0]]).fetchall()
    return verdict(items)


def record_outcome(db_path: Path | str, o: Outcome, user: User, today: date | None = None) -> int:
    """Record an outcome. 'recognised' and 'potential' must follow from the latest assessment; a
    recognised platform joins a new version of its list. Returns the outcome id."""
    def work(con):
        require(user, "decide")
        prop = _proposal(con, o.proposal_id)
        q = check_outcome(o, today or date.today())
        prior = con.execute("SELECT outcome, decision_no FROM recognition_outcome WHERE proposal_id = ? "
                            "ORDER BY decided_on DESC, outcome_id DESC LIMIT 1", [int(q.proposal_id)]).fetchall()
        if prior and prior[0][0] in ("recognised", "withdrawn"):
            raise LoaderError("rec_decided", proposal_id=q.proposal_id, outcome=prior[0][0], decision_no=prior[0][1] or "-")
        found = latest_verdict(con, q.proposal_id)
        if q.outcome in ("recognised", "potential") and found != q.outcome:
            raise LoaderError("rec_outcome_unsupported", outcome=q.outcome, verdict=found)
        outcome_id = _next(con, "recognition_outcome", "outcome_id")
        import_id = join_list(con, prop, q, outcome_id, user.email) if q.outcome == "recognised" else None
        _insert(con, "recognition_outcome", [
            outcome_id, int(q.proposal_id), q.outcome, q.decision_no, q.decided_on, q.note, import_id, user.email,
            _now(), q.decision_no])
        return outcome_id
    return run(db_path, user, "decide", f"proposal {o.proposal_id}: {o.outcome}", work)


READS = {
    "proposal": "SELECT * FROM recognition_proposal ORDER BY proposal_id, revision",
    "criteria_set": "SELECT * FROM recognition_criteria_set ORDER BY set_id",
    "criterion": "SELECT * FROM recognition_criterion ORDER BY set_id, criterion_no",
    "plan": "SELECT * FROM recognition_plan ORDER BY plan_id",
    "assessment": "SELECT * FROM recognition_assessment ORDER BY assessment_id",
    "item": "SELECT * FROM recognition_assessment_item ORDER BY assessment_id, criterion_no",
    "outcome": "SELECT * FROM recognition_outcome ORDER BY outcome_id",
    "flag": "SELECT * FROM correction_flag ORDER BY flag_id",
    "resolution": "SELECT * FROM correction_resolution ORDER BY flag_id",
    "addressee": "SELECT * FROM addressee_2291 ORDER BY ordinal",
    "criteria_groups": 'SELECT * FROM criteria_1230 ORDER BY "group"',
}


def read_records(con: Connection) -> Records:
    frames = {name: con.execute(sql).df() for name, sql in READS.items()}
    for name, cols in {"proposal": ["proposed_on"], "criteria_set": ["issued_on"], "plan": ["issued_on", "assessment_due"],
                       "assessment": ["assessed_on"], "outcome": ["decided_on"]}.items():
        for col in cols:
            frames[name][col] = as_dates(frames[name][col])
    frames["item"]["market_share"] = frames["item"]["market_share"].astype("float64")
    try:   # a database written before correction_change existed has none
        frames["change"] = con.execute("SELECT * FROM correction_change ORDER BY flag_id, field").df()
    except CatalogError:
        frames["change"] = None
    return Records(**frames)
