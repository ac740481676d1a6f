"""Corrections: anyone signed in flags; the owner body's editor or an admin resolves; audited."""
from __future__ import annotations

import duckdb
import pytest

from access.roles import ANONYMOUS, User
from actions.corrections import flag, resolve
from analysis.recognition import open_flags
from loaders.messages import LoaderError
from tests.test_recognition import ADMIN, ASSESSOR, EDITOR, OTHER_EDITOR, VIEWER, audit_rows, records


@pytest.mark.parametrize("user", [VIEWER, EDITOR, ASSESSOR, ADMIN, User("x@y.vn", "province_reviewer", None, "40")])
def test_anyone_signed_in_may_flag(db, user):
    fid = flag(db, target_kind="platform", target_ref="shared-2025/congdulieuquocgia", body_code="MPS",
               note="Tên sai", link="https://example.vn/a", user=user)
    assert fid == 1 and audit_rows(db, "flag")[-1] == (user.email, "ok")
    assert list(open_flags(records(db))["flag_id"]) == [1]


def test_anonymous_may_not_flag(db):
    with pytest.raises(LoaderError) as exc:
        flag(db, target_kind="count", target_ref="national-2024/MOF", body_code="MOF", note="x", user=ANONYMOUS)
    assert exc.value.message.code == "forbidden"
    assert audit_rows(db, "flag")[-1] == ("anonymous", "refused")


@pytest.mark.parametrize("user, allowed", [(EDITOR, False), (OTHER_EDITOR, True), (ADMIN, True), (ASSESSOR, False),
                                           (VIEWER, False)])
def test_owner_body_editor_or_admin_resolves(db, user, allowed):
    fid = flag(db, target_kind="platform", target_ref="shared-2025/congdulieuquocgia", body_code="MPS",
               note="Tên sai", user=VIEWER)
    if allowed:
        resolve(db, flag_id=fid, resolution="rejected", reason="Tên đúng theo 2618/QĐ-BKHCN", user=user)
        assert open_flags(records(db)).empty
        assert audit_rows(db, "resolve_flag")[-1] == (user.email, "ok")
    else:
        with pytest.raises(LoaderError) as exc:
            resolve(db, flag_id=fid, resolution="rejected", reason="r", user=user)
        assert exc.value.message.code in ("forbidden", "flag_not_your_body")
        assert audit_rows(db, "resolve_flag")[-1] == (user.email, "refused")
        assert len(open_flags(records(db))) == 1


def test_accepting_says_what_changed_and_a_flag_resolves_once(db):
    fid = flag(db, target_kind="document", target_ref="qd-2618-2025", note="Ngày sai", user=VIEWER)
    with pytest.raises(LoaderError) as exc:
        resolve(db, flag_id=fid, resolution="accepted", reason="Đúng", user=ADMIN)
    assert exc.value.message.code == "flag_no_change"
    resolve(db, flag_id=fid, resolution="accepted", reason="Đúng", change_made="documents.csv sửa ngày",
            changes={"issued_on": "2025-10-15"}, user=ADMIN)
    with pytest.raises(LoaderError) as exc:
        resolve(db, flag_id=fid, resolution="rejected", reason="x", user=ADMIN)
    assert exc.value.message.code == "flag_resolved"
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT resolution, change_made FROM correction_resolution").fetchall() == [
            ("accepted", "documents.csv sửa ngày")]
    finally:
        con.close()
