"""The write matrix's review decisions on each kind of list and user changes (tests/writes_matrix.py)."""
from __future__ import annotations

import pytest

from access.users import NewUser, add_user, set_active, set_password
from actions.commits import review_match
from loaders.messages import LoaderError
from tests.files import ADMIN
from tests.writes_matrix import (
    LISTS,
    MOF_EDITOR,
    PASSWORD,
    REVIEWER_40,
    audit_tail,
    data_tables,
    q,
)


# --- review decisions ---------------------------------------------------------------------
@pytest.mark.parametrize("kind", LISTS)
def test_review_decision_on_each_kind_of_list(writes_db, kind):
    list_id = LISTS[kind]
    candidates = q(writes_db, "SELECT name_key, central_list_id, central_key FROM overlap_candidate WHERE list_id = ? "
                            "ORDER BY 1, 2, 3 LIMIT 1", [list_id])
    if kind != "provincial":                   # only a provincial list's platforms have central candidates
        assert not candidates
        before = data_tables(writes_db)
        with pytest.raises(LoaderError):
            review_match(writes_db, list_id=list_id, name_key="x", central_list_id="shared-2025", central_key="y",
                         decision="confirm", user=ADMIN)
        assert data_tables(writes_db) == before
        return
    name_key, central_list_id, central_key = candidates[0]
    args = dict(list_id=list_id, name_key=name_key, central_list_id=central_list_id, central_key=central_key)
    first = review_match(writes_db, **args, decision="confirm", user=REVIEWER_40)
    second = review_match(writes_db, **args, decision="dismiss", user=REVIEWER_40)   # a decision again: appended
    assert second == first + 1
    assert q(writes_db, "SELECT decision_id, list_id, name_key, central_key, decision, decided_by FROM overlap_decision "
                      "ORDER BY decision_id") == [(first, list_id, name_key, central_key, "confirm", REVIEWER_40.email),
                                                  (second, list_id, name_key, central_key, "dismiss", REVIEWER_40.email)]


# --- user changes -------------------------------------------------------------------------
def test_user_changes_write_the_user_and_the_audit_row(writes_db):
    add_user(writes_db, NewUser("Ke.Toan@MOF.gov.vn", "ministry_editor", "mof"), PASSWORD, ADMIN)
    assert q(writes_db, "SELECT email, role, body_code, active FROM app_user") == [
        ("ke.toan@mof.gov.vn", "ministry_editor", "MOF", True)]
    before = data_tables(writes_db)
    with pytest.raises(LoaderError) as err:                 # the same user again
        add_user(writes_db, NewUser("ke.toan@mof.gov.vn", "admin"), PASSWORD, ADMIN)
    assert err.value.message.code == "user_exists" and data_tables(writes_db) == before
    old_hash = q(writes_db, "SELECT password_hash FROM app_user")[0][0]
    set_password(writes_db, "ke.toan@mof.gov.vn", PASSWORD + " mới", ADMIN)
    set_active(writes_db, "ke.toan@mof.gov.vn", False, ADMIN)
    assert q(writes_db, "SELECT active, password_hash <> ? FROM app_user", [old_hash]) == [(False, True)]
    assert audit_tail(writes_db, 3) == [(ADMIN.email, "user_add", "ok"), (ADMIN.email, "user_password", "ok"),
                                      (ADMIN.email, "user_disable", "ok")]
    with pytest.raises(LoaderError):                        # an editor may not manage users
        set_active(writes_db, "ke.toan@mof.gov.vn", True, MOF_EDITOR)
    assert q(writes_db, "SELECT active FROM app_user") == [(False,)]
    assert audit_tail(writes_db) == [(MOF_EDITOR.email, "user_enable", "refused")]
