"""The recognition workflow of dispatch 2291: records, who may write them, the step each proposal
reaches, the 1864 'potential platform' rule, and a recognised platform joining its list."""
from __future__ import annotations

from datetime import date

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from access.roles import ANONYMOUS, User
from actions.recognition import (
    issue_criteria,
    propose,
    read_records,
    record_assessment,
    record_outcome,
    record_plan,
)
from actions.recognition_records import Assessment, CriteriaSet, Criterion, ItemResult, Outcome, Plan, Proposal
from analysis.recognition import addressees, current_proposals, funnel, verdict
from loaders.messages import LoaderError

EDITOR = User("editor@mof.gov.vn", "ministry_editor", "MOF")
OTHER_EDITOR = User("editor@mps.gov.vn", "ministry_editor", "MPS")
ASSESSOR = User("council@most.gov.vn", "assessor")
ADMIN = User("admin@most.gov.vn", "admin")
VIEWER = User("reader@example.vn", "viewer")
TODAY = date(2026, 11, 1)
NAME = "Nền tảng hóa đơn điện tử thử nghiệm"


def records(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return read_records(con)
    finally:
        con.close()


def audit_rows(path, action):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT actor, result FROM audit_log WHERE action = ? ORDER BY audit_id", [action]).fetchall()
    finally:
        con.close()


def proposal(**kw) -> Proposal:
    base = dict(platform_name=NAME, body_code="MOF", ownership="enterprise", list_id="shared-2025",
                proposed_on="15/03/2026", owner_enterprise="Công ty Cổ phần Ví dụ", purpose="Hóa đơn điện tử",
                document_no="123/BTC-CĐS", doc_ids="cv-2291-2024")
    return Proposal(**{**base, **kw})


CRITERIA = (Criterion(1, "Làm chủ công nghệ lõi", "hồ sơ kỹ thuật"), Criterion(2, "Đạt cấp độ 3", "chứng nhận"),
            Criterion(3, "Đủ chức năng", "kiểm thử"), Criterion(4, "Người dùng phổ biến", "thị phần", True),
            Criterion(5, "Doanh nghiệp đủ nguồn lực", "báo cáo tài chính"), Criterion(6, "Bảo đảm lợi ích", "khảo sát"))


def walk_to_assessment(db, share: float, others: str = "met") -> int:
    pid = propose(db, proposal(), EDITOR, TODAY)
    issue_criteria(db, CriteriaSet(pid, "45/QĐ-BTC", "2026-04-01", CRITERIA), EDITOR, TODAY)
    record_plan(db, Plan(pid, "46/KH-BTC", "2026-04-10", assessment_due="2026-09-30"), EDITOR, TODAY)
    items = tuple(ItemResult(n, others if n != 4 else "met", "biên bản", None, share if n == 4 else None)
                  for n in range(1, 7))
    record_assessment(db, Assessment(pid, "council", "2026-10-01", items, "Hội đồng thẩm định"), ASSESSOR, TODAY)
    return pid


def test_walk_to_recognition_adds_a_list_version(db):
    pid = walk_to_assessment(db, 62.5)
    record_outcome(db, Outcome(pid, "recognised", "2026-10-20", "999/QĐ-BKHCN"), ASSESSOR, TODAY)
    rec = records(db)
    props = current_proposals(rec)
    row = props.set_index("proposal_id").loc[pid]
    assert row["step"] == "recognised" and row["decision_no"] == "999/QĐ-BKHCN"
    import_id = int(rec.outcome.iloc[0]["import_id"])
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM platform_current WHERE list_id = 'shared-2025'").fetchall()}
        versions = con.execute("SELECT import_id, as_of FROM import_log WHERE list_id = 'shared-2025' AND kind = 'list' "
                               "ORDER BY import_id").fetchall()
        listed = con.execute("SELECT event_date FROM platform_event WHERE platform_name = ? AND stage_id = 'listed'",
                             [NAME]).fetchall()
    finally:
        con.close()
    assert NAME in names and len(names) == 52
    assert versions[-1][0] == import_id and len(versions) == 2
    assert listed and str(listed[0][0])[:10] == "2026-10-20"
    assert [s for s, c in zip(funnel(props)["step"], funnel(props)["count"]) if c] == [
        "proposed", "criteria", "planned", "assessed", "recognised"]


def test_popular_share_below_half_is_potential_not_recognised(db):
    pid = walk_to_assessment(db, 31.0)
    with pytest.raises(LoaderError) as refused:
        record_outcome(db, Outcome(pid, "recognised", "2026-10-20", "1/QĐ"), ASSESSOR, TODAY)
    assert refused.value.message.code == "rec_outcome_unsupported"
    record_outcome(db, Outcome(pid, "potential", "2026-10-20", "2/QĐ-BKHCN"), ASSESSOR, TODAY)
    props = current_proposals(records(db))
    assert props.iloc[0]["step"] == "potential" and props.iloc[0]["verdict"] == "potential"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["met", "not_met", "not_assessed"]), min_size=0, max_size=8),
       st.one_of(st.none(), st.floats(0, 100)))
def test_verdict_potential_exactly_when_only_the_share_falls_short(others, share):
    popular = "not_assessed" if share is None else ("met" if share >= 50 else "not_met")
    got = verdict([(r, False) for r in others] + [(popular, True)])
    all_met = all(r == "met" for r in others)
    assert (got == "potential") == (all_met and share is not None and share < 50)
    assert (got == "recognised") == (all_met and share is not None and share >= 50)
    if "not_met" in others:
        assert got == "not_recognised"


@pytest.mark.parametrize("user, allowed", [(EDITOR, True), (ADMIN, True), (OTHER_EDITOR, False), (ASSESSOR, False),
                                           (VIEWER, False), (ANONYMOUS, False)])
def test_who_may_propose(db, user, allowed):
    if allowed:
        assert propose(db, proposal(), user, TODAY) == 1
        assert audit_rows(db, "propose")[-1] == (user.email, "ok")
    else:
        with pytest.raises(LoaderError) as exc:
            propose(db, proposal(), user, TODAY)
        assert exc.value.message.code in ("forbidden", "not_your_proposal")
        assert audit_rows(db, "propose")[-1] == (user.email, "refused")
        assert records(db).proposal.empty


@pytest.mark.parametrize("user, allowed", [(EDITOR, True), (ADMIN, True), (OTHER_EDITOR, False), (ASSESSOR, False)])
def test_who_may_issue_criteria_and_plans(db, user, allowed):
    pid = propose(db, proposal(), EDITOR, TODAY)
    for action, call in (("issue_criteria", lambda: issue_criteria(db, CriteriaSet(pid, "45/QĐ", "2026-04-01", CRITERIA),
                                                                    user, TODAY)),
                         ("plan", lambda: record_plan(db, Plan(pid, "46/KH", "2026-04-02"), user, TODAY))):
        if allowed:
            call()
            assert audit_rows(db, action)[-1] == (user.email, "ok")
        else:
            with pytest.raises(LoaderError):
                call()
            assert audit_rows(db, action)[-1] == (user.email, "refused")


@pytest.mark.parametrize("user, allowed", [(ASSESSOR, True), (ADMIN, True), (EDITOR, False), (VIEWER, False)])
def test_who_may_assess_and_decide(db, user, allowed):
    pid = propose(db, proposal(), EDITOR, TODAY)
    issue_criteria(db, CriteriaSet(pid, "45/QĐ", "2026-04-01", CRITERIA[:1]), EDITOR, TODAY)
    assess = Assessment(pid, "expert_group", "2026-05-01", (ItemResult(1, "not_met", "thiếu hồ sơ"),))
    if allowed:
        record_assessment(db, assess, user, TODAY)
        record_outcome(db, Outcome(pid, "not_recognised", "2026-05-02", "3/TB"), user, TODAY)
        assert current_proposals(records(db)).iloc[0]["step"] == "not_recognised"
    else:
        for action, call in (("assess", lambda: record_assessment(db, assess, user, TODAY)),
                             ("decide", lambda: record_outcome(db, Outcome(pid, "withdrawn", "2026-05-02"), user, TODAY))):
            with pytest.raises(LoaderError) as exc:
                call()
            assert exc.value.message.code == "forbidden"
            assert audit_rows(db, action)[-1] == (user.email, "refused")


def test_an_editor_acts_for_a_merged_predecessor(db):
    """MPI merged into MOF: MOF's editor speaks for MPI's proposals."""
    assert propose(db, proposal(body_code="MPI"), EDITOR, TODAY) == 1


@pytest.mark.parametrize("change, code", [
    (dict(platform_name="  "), "rec_missing"), (dict(ownership="public"), "rec_bad_value"),
    (dict(proposed_on="31/02/2026"), "rec_bad_date"), (dict(proposed_on="2030-01-01"), "rec_bad_date"),
    (dict(list_id="province-40-2025"), "rec_list_kind"), (dict(document_url="javascript:alert(1)"), "rec_bad_url"),
    (dict(body_code="XYZ", ), "not_your_proposal")])
def test_bad_proposals_are_refused_in_both_languages(db, change, code):
    with pytest.raises(LoaderError) as exc:
        propose(db, proposal(**change), EDITOR, TODAY)
    assert exc.value.message.code == code
    assert exc.value.text("vi") != exc.value.text("en")
    assert records(db).proposal.empty


def test_assessment_must_cover_every_criterion_and_revisions_append(db):
    pid = propose(db, proposal(), EDITOR, TODAY)
    issue_criteria(db, CriteriaSet(pid, "45/QĐ", "2026-04-01", CRITERIA), EDITOR, TODAY)
    with pytest.raises(LoaderError) as exc:
        record_assessment(db, Assessment(pid, "council", "2026-05-01", (ItemResult(1, "met"),)), ASSESSOR, TODAY)
    assert exc.value.message.code == "rec_not_all_assessed"
    propose(db, proposal(proposal_id=pid, purpose="Mục đích sửa đổi"), EDITOR, TODAY)
    rec = records(db)
    assert list(rec.proposal["revision"]) == [1, 2]
    assert current_proposals(rec).iloc[0]["purpose"] == "Mục đích sửa đổi"


def test_addressees_show_each_body_step_and_overdue_plans(db):
    pid = propose(db, proposal(body_code="MOF"), EDITOR, TODAY)
    issue_criteria(db, CriteriaSet(pid, "45/QĐ", "2026-04-01", CRITERIA), EDITOR, TODAY)
    record_plan(db, Plan(pid, "46/KH", "2026-04-10", assessment_due="2026-06-30"), EDITOR, TODAY)
    rec = records(db)
    table = addressees(rec, current_proposals(rec), TODAY).set_index("body_code")
    assert len(table) == 16 and table.at["MPI", "furthest"] == "none"
    assert "MOF" not in table.index   # MOF is not among the 16 addressees of 2291
    assert set(table["furthest"]) == {"none"}
    pid2 = propose(db, proposal(platform_name="Nền tảng khác", body_code="MPI"), ADMIN, TODAY)
    record_plan(db, Plan(pid2, "47/KH", "2026-04-10", assessment_due="2026-06-30"), ADMIN, TODAY)
    rec = records(db)
    table = addressees(rec, current_proposals(rec), TODAY).set_index("body_code")
    assert table.at["MPI", "furthest"] == "planned" and table.at["MPI", "overdue"] == 1


def test_a_rebuild_keeps_the_records_and_the_recognised_platform_rejoins_its_list(db):
    from actions.build import build
    pid = walk_to_assessment(db, 55.0)
    record_outcome(db, Outcome(pid, "recognised", "2026-10-20", "999/QĐ-BKHCN"), ASSESSOR, TODAY)
    build(db)
    rec = records(db)
    assert current_proposals(rec).iloc[0]["step"] == "recognised" and len(rec.criterion) == 6
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM platform_current WHERE list_id = 'shared-2025'").fetchall()}
    finally:
        con.close()
    assert NAME in names and len(names) == 52


def test_the_popular_user_result_needs_its_measured_share(db):
    pid = propose(db, proposal(), EDITOR, TODAY)
    issue_criteria(db, CriteriaSet(pid, "45/QĐ", "2026-04-01", CRITERIA), EDITOR, TODAY)
    items = tuple(ItemResult(n, "met") for n in range(1, 7))
    with pytest.raises(LoaderError) as exc:
        record_assessment(db, Assessment(pid, "council", "2026-05-01", items), ASSESSOR, TODAY)
    assert exc.value.message.code == "rec_missing" and "Thị phần" in exc.value.text("vi")
    for share, bad in (("120", True), ("abc", True), ("49,5%", False)):
        items = tuple(ItemResult(n, "met", market_share=share if n == 4 else None) for n in range(1, 7))
        if bad:
            with pytest.raises(LoaderError) as exc:
                record_assessment(db, Assessment(pid, "council", "2026-05-01", items), ASSESSOR, TODAY)
            assert exc.value.message.code == "rec_bad_share"
        else:
            record_assessment(db, Assessment(pid, "council", "2026-05-01", items), ASSESSOR, TODAY)
    assert current_proposals(records(db)).iloc[0]["verdict"] == "potential"   # 49.5% is below the popular level


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2027, 12, 31))),
                          st.booleans(), st.booleans()), max_size=6),
       st.dates(date(2024, 1, 1), date(2027, 12, 31)))
def test_overdue_holds_for_any_mix_of_missing_and_set_due_dates(rows, on):
    """A plan's assessment date passed with no assessment nor outcome: overdue. Whatever the mix of
    missing dates (all missing included: pandas keeps such a column datetime64), no error."""
    import pandas as pd

    from analysis.recognition import overdue
    props = pd.DataFrame({"assessment_due": [d for d, _, _ in rows],
                          "assessed_on": [date(2024, 1, 1) if a else None for _, a, _ in rows],
                          "outcome": ["recognised" if o else None for _, _, o in rows]}, dtype=object)
    expected = [d is not None and d < on and not a and not o for d, a, o in rows]
    assert list(overdue(props, on)) == expected


def test_records_are_inserted_into_the_recognition_tables_only():
    """The one insert of the records names its table from an allow-list: anything else is refused
    before any SQL runs."""
    from actions.recognition import _insert
    con = duckdb.connect()
    con.execute("CREATE TABLE app_user (email VARCHAR)")
    for table in ("app_user", "recognition_plan; DROP TABLE app_user", "RECOGNITION_PLAN"):
        with pytest.raises(ValueError, match="not a table of the recognition records"):
            _insert(con, table, ["x@y.vn"])
    assert con.execute("SELECT count(*) FROM app_user").fetchall() == [(0,)]
