"""Adding, confirming and withdrawing public evidence: role checked on the server, audited,
append-only, kept by a rebuild."""
from datetime import date

import duckdb
import pytest

from access.roles import User
from actions.build import build
from actions.evidence_edit import add_evidence, review_evidence
from loaders.messages import LoaderError
from tests.files import ADMIN

MOF = User("bien.tap@mof.gov.vn", "ministry_editor", body_code="MOF")
VIEWER = User("xem@x.vn", "viewer")
NEW = dict(list_id="shared-2025", platform_name="Nền tảng khai thuế điện tử", stage_id="operation",
           stated_date="2025-10", source_url="https://example.gov.vn/thue-dien-tu", source_publisher="Báo Ví dụ",
           source_date="2025-10-02", quote="đã chính thức vận hành", confidence="likely", today=date(2026, 11, 29))


def q(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def current(db, ekey):
    return q(db, "SELECT confidence, added_by FROM platform_event_current WHERE evidence_key = ?", [ekey])


def test_an_editor_adds_evidence_for_own_body_and_it_is_audited(db):
    ekey = add_evidence(db, MOF, **NEW)
    assert current(db, ekey) == [("likely", MOF.email)]
    assert q(db, "SELECT action, result FROM audit_log WHERE actor = ? ", [MOF.email]) == [("edit_evidence", "ok")]
    (stage,), = q(db, "SELECT stage_id FROM platform_status_current WHERE name = 'Nền tảng khai thuế điện tử'")
    assert stage == "operation"


@pytest.mark.parametrize("user, changes", [
    (VIEWER, {}),
    (MOF, {"platform_name": "Cổng dữ liệu quốc gia"}),          # an MPS platform
])
def test_refused_for_lack_of_rights_is_audited_and_changes_nothing(db, user, changes):
    before = q(db, "SELECT count(*) FROM platform_event")
    with pytest.raises(LoaderError) as err:
        add_evidence(db, user, **{**NEW, **changes})
    assert err.value.message.code == "forbidden"
    assert q(db, "SELECT count(*) FROM platform_event") == before
    assert q(db, "SELECT result FROM audit_log WHERE actor = ?", [user.email]) == [("refused",)]


@pytest.mark.parametrize("changes, code", [
    ({"source_url": "javascript:alert(1)"}, "evidence_bad_url"),
    ({"stated_date": "2027-01-01"}, "evidence_bad_date"),
    ({"stated_date": "01/2025"}, "evidence_bad_date"),
    ({"quote": "  "}, "evidence_missing"),
    ({"confidence": "sure"}, "evidence_bad_confidence"),
    ({"stage_id": "done"}, "evidence_bad_stage"),
    ({"platform_name": "Không có"}, "evidence_no_platform"),
])
def test_bad_evidence_is_refused_with_a_reason_and_the_file_is_untouched(db, changes, code):
    before = db.read_bytes()
    with pytest.raises(LoaderError) as err:
        add_evidence(db, ADMIN, **{**NEW, **changes})
    assert err.value.message.code == code and err.value.text("vi")
    assert db.read_bytes() == before


def test_confirm_and_withdraw_are_new_rows_and_survive_a_rebuild(db):
    (ekey,), = q(db, "SELECT evidence_key FROM platform_event_current WHERE platform_name = 'Cơ chế một cửa quốc gia' "
                     "AND stage_id = 'operation'")
    rows_before = q(db, "SELECT * FROM platform_event ORDER BY event_id")
    review_evidence(db, ADMIN, evidence_key=ekey, action="confirm", note="xem văn bản gốc")
    assert current(db, ekey) == [("confirmed", ADMIN.email)]
    with pytest.raises(LoaderError) as err:
        review_evidence(db, ADMIN, evidence_key=ekey, action="confirm")
    assert err.value.message.code == "evidence_already_confirmed"
    (uncertain,), = q(db, "SELECT evidence_key FROM platform_event_current WHERE platform_name = 'Cổng dữ liệu quốc gia' "
                          "AND origin = 'public_evidence'")
    review_evidence(db, ADMIN, evidence_key=uncertain, action="withdraw")
    assert current(db, uncertain) == []
    rows_after = q(db, "SELECT * FROM platform_event ORDER BY event_id")
    assert rows_after[:len(rows_before)] == rows_before and len(rows_after) == len(rows_before) + 2   # appended only
    build(db)
    assert current(db, ekey) == [("confirmed", ADMIN.email)] and current(db, uncertain) == []
    assert q(db, "SELECT count(*) FROM platform_event_current WHERE origin = 'public_evidence'") == [(31,)]
