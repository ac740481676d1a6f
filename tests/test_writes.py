"""Every write, on every kind of list: the result and the rows in the database.

The matrix: list, progress and adoption imports for each list kind (national_deployed, shared,
provincial) x {first import, re-import of the same file, rows rejected, a bound user's partial
file}; list registration for each kind; review decisions; user changes. One template database
(the built one plus a loaded national list) is copied for each case.
"""
from __future__ import annotations

import io
import shutil
from datetime import date

import pytest

from access.roles import User
from access.users import NewUser, add_user, set_active, set_password
from actions.commits import register_list, review_match
from actions.ingest import ingest_adoption_file, ingest_file, ingest_progress_file
from actions.register import Registration
from loaders.messages import LoaderError, stored_text
from store.db import reading, rows
from tests.files import ADMIN, HEADER, csv_bytes

MOF_EDITOR = User("ke.toan@mof.gov.vn", "ministry_editor", body_code="MOF")
REVIEWER_40 = User("ra.soat@nghean.gov.vn", "province_reviewer", province_code="40")
LISTS = {"national_deployed": "national-2024", "shared": "shared-2025", "provincial": "province-40-2025"}
REGISTER_KIND = {"national_deployed": "national", "shared": "shared", "provincial": "provincial"}
TODAY = date(2026, 1, 15)
PASSWORD = "mật khẩu đủ dài 2026"

# The national list ships empty (its items were never published): the template loads this one.
NATIONAL_BASE = csv_bytes([
    ["STT", "Tên nền tảng", "Tên tiếng Anh", "Cơ quan chủ quản"],
    [1, "Hệ thống khai thuế thử nghiệm", "Trial tax filing system", "Bộ Tài chính"],
    [2, "Nền tảng kho bạc thử nghiệm", "Trial treasury platform", "Bộ Tài chính"],
    [3, "Hệ thống hải quan thử nghiệm", "Trial customs system", "Bộ Tài chính"],
    [4, "Nền tảng định danh thử nghiệm", "Trial identity platform", "Bộ Công an"],
    [5, "Cơ sở dữ liệu hộ tịch thử nghiệm", "Trial civil status database", "Bộ Tư pháp"]])


def q(db, sql: str, params: list | None = None) -> list[tuple]:
    with reading(db) as con:
        return rows(con, sql, params or [])


def data_tables(db) -> dict:
    """Everything users read (not the audit trail)."""
    tables = ("import_log", "platform", "rejected_row", "platform_event", "stage_target", "overlap_decision",
              "platform_list", "adoption", "app_user")
    with reading(db) as con:
        return {t: sorted(rows(con, f"SELECT * FROM {t}"), key=repr) for t in tables}  # noqa: S608 (fixed names)


def current(db, list_id: str) -> list[tuple]:
    return q(db, "SELECT name, ministry_code FROM platform_current WHERE list_id = ? ORDER BY name", [list_id])


def audit_tail(db, n: int = 1) -> list[tuple]:
    return q(db, "SELECT actor, action, result FROM audit_log ORDER BY audit_id DESC LIMIT ?", [n])[::-1]


@pytest.fixture(scope="module")
def template(built_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("writes") / "ndp.duckdb"
    shutil.copyfile(built_db, path)
    ingest_file(io.BytesIO(NATIONAL_BASE), "base.csv", path, "national-2024", user=ADMIN)
    return path


@pytest.fixture
def case_db(template, tmp_path):
    path = tmp_path / "ndp.duckdb"
    shutil.copyfile(template, path)
    return path


def body_cell(code: str | None) -> str:
    return {"MOF": "Bộ Tài chính", "MPS": "Bộ Công an", "MOJ": "Bộ Tư pháp", None: ""}.get(code, code)


def existing(db, list_id: str, body: str | None = "any", n: int = 2) -> list[tuple]:
    """``n`` current platforms of the list (of ``body`` unless 'any'; '!MOF': of another body)."""
    found = q(db, "SELECT name, ministry_code FROM platform_current WHERE list_id = ? ORDER BY row_no", [list_id])
    return [r for r in found if body == "any" or r[1] == body or (body.startswith("!") and r[1] != body[1:])][:n]


# --- list imports -------------------------------------------------------------------------
def list_file(rows_: list[tuple]) -> bytes:
    return csv_bytes([HEADER, *([i, name, body_cell(code)] for i, (name, code) in enumerate(rows_, start=1))])


def new_rows(kind: str, tag: str) -> list[tuple]:
    code = None if kind == "provincial" else "MOF"
    return [(f"Nền tảng {tag} số {i}", code) for i in (1, 2, 3)]


@pytest.mark.parametrize("kind", LISTS)
def test_list_first_import_of_a_newly_registered_list(case_db, kind):
    list_id = f"{REGISTER_KIND[kind]}-test-2026".replace("national", "national-deployed")
    reg = Registration(list_id, REGISTER_KIND[kind], f"Danh sách thử {kind}", date(2026, 1, 5),
                       province_code="40" if kind == "provincial" else None, document_no="01/QĐ-THU")
    registered = register_list(case_db, reg, ADMIN)
    assert (registered["list_id"], registered["kind"]) == (list_id, kind)
    assert q(case_db, "SELECT kind, document_no FROM platform_list WHERE list_id = ?", [list_id]) == [(kind, "01/QĐ-THU")]
    file = new_rows(kind, "mới")
    outcome = ingest_file(io.BytesIO(list_file(file)), "first.csv", case_db, list_id, user=ADMIN)
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (3, 0, False)
    assert outcome.changes.counts() == {"added": 3, "changed": 0, "unchanged": 0, "removed": 0, "kept": 0}
    assert current(case_db, list_id) == sorted(file)
    assert q(case_db, "SELECT status, rows_loaded, actor FROM import_log WHERE list_id = ?", [list_id]) == [
        ("loaded", 3, ADMIN.email)]
    listed = q(case_db, "SELECT event_date, document_no FROM platform_event WHERE list_id = ? AND stage_id = 'listed'",
               [list_id])
    assert listed == ([(date(2026, 1, 5), "01/QĐ-THU")] * 3 if kind == "shared" else [])   # shared lists only
    assert audit_tail(case_db, 2) == [(ADMIN.email, "register_list", "ok"), (ADMIN.email, "import_list", "ok")]


@pytest.mark.parametrize("kind", LISTS)
def test_list_reimport_of_the_same_file_creates_nothing(case_db, kind):
    list_id = LISTS[kind]
    file = list_file(existing(case_db, list_id) + new_rows(kind, "tái nạp")[:1])
    first = ingest_file(io.BytesIO(file), "v2.csv", case_db, list_id, user=ADMIN)
    before = data_tables(case_db)
    again = ingest_file(io.BytesIO(file), "v2-copy.csv", case_db, list_id, user=ADMIN)
    assert again.duplicate and again.import_id == first.import_id and (again.rows_loaded, again.rows_rejected) == (0, 0)
    assert again.warnings[0].code == "already_imported"
    assert data_tables(case_db) == before
    assert len(current(case_db, list_id)) == 3


@pytest.mark.parametrize("kind", LISTS)
def test_list_with_rejected_rows_loads_the_rest_and_records_each_rejection(case_db, kind):
    list_id = LISTS[kind]
    good = existing(case_db, list_id)
    file = csv_bytes([HEADER, *([i, n, body_cell(c)] for i, (n, c) in enumerate(good, start=1)),
                      [3, "", body_cell(good[0][1])], [4, good[0][0], body_cell(good[0][1])]])
    outcome = ingest_file(io.BytesIO(file), "rejects.csv", case_db, list_id, user=ADMIN)
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (2, 2, False)
    assert q(case_db, "SELECT row_no, reason_code FROM rejected_row WHERE import_id = ? ORDER BY row_no",
             [outcome.import_id]) == [(4, "empty_name"), (5, "repeat")]
    assert q(case_db, "SELECT status, rows_loaded, rows_rejected FROM import_log WHERE import_id = ?",
             [outcome.import_id]) == [("loaded_with_rejections", 2, 2)]
    assert current(case_db, list_id) == sorted(good)          # an administrator's file: the whole new list


@pytest.mark.parametrize("kind", ["national_deployed", "shared"])
@pytest.mark.parametrize("remove", [False, True])
def test_list_editor_partial_file_changes_only_their_rows_and_removes_only_when_told(case_db, kind, remove):
    list_id = LISTS[kind]
    mof_before = existing(case_db, list_id, "MOF", n=100)
    others_before = [r for r in current(case_db, list_id) if r[1] != "MOF"]
    kept_name, renamed = mof_before[0][0], mof_before[1][0]
    english = dict(q(case_db, "SELECT name, name_en FROM platform_current WHERE list_id = ?", [list_id]))
    sources = dict(q(case_db, "SELECT name, source FROM platform_current WHERE list_id = ?", [list_id]))
    file = csv_bytes([HEADER, [1, kept_name, "Bộ Tài chính"], [2, renamed.upper(), "BTC"],
                      [3, "Nền tảng mới của Bộ Tài chính", "Bộ Tài chính"], [4, "Nền tảng của Bộ Công an", "Bộ Công an"]])
    outcome = ingest_file(io.BytesIO(file), "mof.csv", case_db, list_id, user=MOF_EDITOR, remove_missing=remove)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (3, 1)
    missing = len(mof_before) - 2
    assert outcome.changes.counts() == {"added": 1, "changed": 1, "unchanged": 1,
                                        "removed": missing if remove else 0, "kept": 0 if remove else missing}
    assert q(case_db, "SELECT reason_code FROM rejected_row WHERE import_id = ?", [outcome.import_id]) == [("not_your_body",)]
    mof_after = sorted(n for n, c in current(case_db, list_id) if c == "MOF")
    expected = {kept_name, renamed.upper(), "Nền tảng mới của Bộ Tài chính"}
    if not remove:
        expected |= {n for n, _ in mof_before[2:]}
    assert mof_after == sorted(expected)
    assert [r for r in current(case_db, list_id) if r[1] != "MOF"] == others_before       # other bodies untouched
    after_en = dict(q(case_db, "SELECT name, name_en FROM platform_current WHERE list_id = ?", [list_id]))
    assert after_en[kept_name] == english[kept_name] and after_en[renamed.upper()] == english[renamed]   # kept
    after_source = dict(q(case_db, "SELECT name, source FROM platform_current WHERE list_id = ?", [list_id]))
    assert sources[kept_name] or kind != "shared"   # the shared list's rows are cited to their documents
    assert after_source[kept_name] == sources[kept_name]   # sent again unchanged: still cited to its document
    assert after_source[renamed.upper()] == sources[renamed]
    message = stored_text(q(case_db, "SELECT message FROM import_log WHERE import_id = ?", [outcome.import_id])[0][0], "en")
    assert f"{missing} " + ("platform(s) not in the file removed" if remove else "current platform(s) not in the file kept") \
        in message
    assert audit_tail(case_db) == [(MOF_EDITOR.email, "import_list", "ok")]


def test_list_editor_partial_file_for_a_provincial_list_is_refused_and_audited(case_db):
    before = data_tables(case_db)
    file = list_file(new_rows("national_deployed", "tỉnh"))
    with pytest.raises(LoaderError) as err:
        ingest_file(io.BytesIO(file), "p.csv", case_db, LISTS["provincial"], user=MOF_EDITOR)
    assert err.value.message.code == "forbidden"
    assert data_tables(case_db) == before
    assert audit_tail(case_db) == [(MOF_EDITOR.email, "import_list", "refused")]


# --- progress imports ---------------------------------------------------------------------
PROGRESS_HEADER = ["Tên nền tảng", "Giai đoạn", "Ngày hoàn thành", "Hạn hoàn thành", "Số văn bản", "Ghi chú"]


def progress_file(items: list[list]) -> bytes:
    return csv_bytes([PROGRESS_HEADER, *items])


def progress_rows(db, list_id: str, body: str | None = "any") -> list[list]:
    return [[name, "Ban hành kế hoạch triển khai chi tiết", "15/10/2025", "", f"KH-{i}", ""]
            for i, (name, _code) in enumerate(existing(db, list_id, body), start=1)]


def events_of(db, import_id: int) -> list[tuple]:
    return q(db, "SELECT platform_name, stage_id, event_date FROM platform_event WHERE import_id = ? ORDER BY 1",
             [import_id])


def refused_for_non_shared(db, list_id: str) -> None:
    """Progress applies to shared lists only (actions.guards): refused, nothing written."""
    before = data_tables(db)
    with pytest.raises(LoaderError) as err:
        ingest_progress_file(io.BytesIO(progress_file(progress_rows(db, list_id))), "p.csv", db, list_id, user=ADMIN,
                             today=TODAY)
    assert err.value.message.code == "progress_wrong_kind" and data_tables(db) == before


@pytest.mark.parametrize("kind", LISTS)
def test_progress_first_import(case_db, kind):
    list_id = LISTS[kind]
    if kind != "shared":
        return refused_for_non_shared(case_db, list_id)
    items = progress_rows(case_db, list_id)
    outcome = ingest_progress_file(io.BytesIO(progress_file(items)), "p.csv", case_db, list_id, user=ADMIN, today=TODAY)
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (2, 0, False)
    assert events_of(case_db, outcome.import_id) == sorted((i[0], "plan", date(2025, 10, 15)) for i in items)
    assert q(case_db, "SELECT kind, status, list_id FROM import_log WHERE import_id = ?", [outcome.import_id]) == [
        ("progress", "loaded", list_id)]
    assert audit_tail(case_db) == [(ADMIN.email, "import_progress", "ok")]


@pytest.mark.parametrize("kind", LISTS)
def test_progress_reimport_of_the_same_file_creates_nothing(case_db, kind):
    list_id = LISTS[kind]
    if kind != "shared":
        return refused_for_non_shared(case_db, list_id)
    file = progress_file(progress_rows(case_db, list_id))
    first = ingest_progress_file(io.BytesIO(file), "p.csv", case_db, list_id, user=ADMIN, today=TODAY)
    before = data_tables(case_db)
    again = ingest_progress_file(io.BytesIO(file), "p.csv", case_db, list_id, user=ADMIN, today=TODAY)
    assert again.duplicate and again.import_id == first.import_id
    assert data_tables(case_db) == before


@pytest.mark.parametrize("kind", LISTS)
def test_progress_with_rejected_rows(case_db, kind):
    list_id = LISTS[kind]
    if kind != "shared":
        return refused_for_non_shared(case_db, list_id)
    items = progress_rows(case_db, list_id)
    bad = [[items[0][0], "Giai đoạn không có", "15/10/2025", "", "", ""], ["Nền tảng không có trong danh sách xyz",
                                                                           "Thiết kế kiến trúc", "15/10/2025", "", "", ""]]
    outcome = ingest_progress_file(io.BytesIO(progress_file(items + bad)), "p.csv", case_db, list_id, user=ADMIN,
                                   today=TODAY)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (2, 2)
    assert q(case_db, "SELECT row_no, reason_code FROM rejected_row WHERE import_id = ? ORDER BY row_no",
             [outcome.import_id]) == [(4, "unknown_stage"), (5, "unknown_platform")]
    assert len(events_of(case_db, outcome.import_id)) == 2


@pytest.mark.parametrize("kind", LISTS)
def test_progress_editor_partial_file_keeps_their_platforms_only(case_db, kind):
    list_id = LISTS[kind]
    if kind != "shared":
        return refused_for_non_shared(case_db, list_id)
    mine, theirs = progress_rows(case_db, list_id, "MOF")[:1], progress_rows(case_db, list_id, "!MOF")[:1]
    file = progress_file(mine + theirs)
    assert mine and theirs                    # a provincial list's platforms have line ministries too
    outcome = ingest_progress_file(io.BytesIO(file), "p.csv", case_db, list_id, user=MOF_EDITOR, today=TODAY)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (1, 1)
    assert events_of(case_db, outcome.import_id) == [(mine[0][0], "plan", date(2025, 10, 15))]
    assert q(case_db, "SELECT reason_code FROM rejected_row WHERE import_id = ?", [outcome.import_id]) == [("not_your_body",)]
    assert q(case_db, "SELECT actor FROM import_log WHERE import_id = ?", [outcome.import_id]) == [(MOF_EDITOR.email,)]


# --- adoption imports ---------------------------------------------------------------------
ADOPTION_HEADER = ["Tỉnh/thành phố", "Xã/phường", "Tên nền tảng", "Trạng thái", "Ngày cập nhật", "Ghi chú"]


def adoption_file(db, list_id: str, provinces: list[str]) -> bytes:
    names = existing(db, list_id)
    return csv_bytes([ADOPTION_HEADER, *([p, "", names[i % len(names)][0], "Đang sử dụng", "15/09/2025", ""]
                                         for i, p in enumerate(provinces))])


def adoption_of(db, import_id: int) -> list[tuple]:
    return q(db, "SELECT current_province_code, platform_name, status FROM adoption WHERE import_id = ? ORDER BY 1, 2",
             [import_id])


def adopt(db, kind: str, provinces: list[str], user: User = ADMIN):
    return ingest_adoption_file(io.BytesIO(adoption_file(db, LISTS[kind], provinces)), "a.csv", db, LISTS[kind],
                                user=user, today=TODAY)


def refused_for_provincial(db) -> None:
    before = data_tables(db)
    with pytest.raises(LoaderError) as err:
        adopt(db, "provincial", ["Nghệ An"])
    assert err.value.message.code == "adoption_wrong_kind" and data_tables(db) == before


@pytest.mark.parametrize("kind", LISTS)
def test_adoption_first_import(case_db, kind):
    if kind == "provincial":
        return refused_for_provincial(case_db)
    outcome = adopt(case_db, kind, ["Nghệ An", "Hà Tĩnh"])
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (2, 0, False)
    names = existing(case_db, LISTS[kind])
    assert adoption_of(case_db, outcome.import_id) == [("40", names[0][0], "in_use"), ("42", names[1][0], "in_use")]
    assert audit_tail(case_db) == [(ADMIN.email, "import_adoption", "ok")]


@pytest.mark.parametrize("kind", LISTS)
def test_adoption_reimport_of_the_same_file_creates_nothing(case_db, kind):
    if kind == "provincial":
        return refused_for_provincial(case_db)
    first = adopt(case_db, kind, ["Nghệ An"])
    before = data_tables(case_db)
    again = adopt(case_db, kind, ["Nghệ An"])
    assert again.duplicate and again.import_id == first.import_id and data_tables(case_db) == before


@pytest.mark.parametrize("kind", LISTS)
def test_adoption_with_rejected_rows(case_db, kind):
    if kind == "provincial":
        return refused_for_provincial(case_db)
    outcome = adopt(case_db, kind, ["Nghệ An", "Tỉnh Không Có"])
    assert (outcome.rows_loaded, outcome.rows_rejected) == (1, 1)
    assert q(case_db, "SELECT row_no, reason_code FROM rejected_row WHERE import_id = ?", [outcome.import_id]) == [
        (3, "unknown_province_row")]


@pytest.mark.parametrize("kind", LISTS)
def test_adoption_reviewer_partial_file_keeps_their_province_only(case_db, kind):
    if kind == "provincial":
        return refused_for_provincial(case_db)
    outcome = adopt(case_db, kind, ["Nghệ An", "Hà Tĩnh"], user=REVIEWER_40)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (1, 1)
    assert [r[0] for r in adoption_of(case_db, outcome.import_id)] == ["40"]
    assert q(case_db, "SELECT reason_code FROM rejected_row WHERE import_id = ?", [outcome.import_id]) == [
        ("not_your_province",)]


# --- review decisions ---------------------------------------------------------------------
@pytest.mark.parametrize("kind", LISTS)
def test_review_decision_on_each_kind_of_list(case_db, kind):
    list_id = LISTS[kind]
    candidates = q(case_db, "SELECT name_key, central_list_id, central_key FROM overlap_candidate WHERE list_id = ? "
                            "ORDER BY 1, 2, 3 LIMIT 1", [list_id])
    if kind != "provincial":                   # only a provincial list's platforms have central candidates
        assert not candidates
        before = data_tables(case_db)
        with pytest.raises(LoaderError):
            review_match(case_db, list_id=list_id, name_key="x", central_list_id="shared-2025", central_key="y",
                         decision="confirm", user=ADMIN)
        assert data_tables(case_db) == before
        return
    name_key, central_list_id, central_key = candidates[0]
    args = dict(list_id=list_id, name_key=name_key, central_list_id=central_list_id, central_key=central_key)
    first = review_match(case_db, **args, decision="confirm", user=REVIEWER_40)
    second = review_match(case_db, **args, decision="dismiss", user=REVIEWER_40)   # a decision again: appended
    assert second == first + 1
    assert q(case_db, "SELECT decision_id, list_id, name_key, central_key, decision, decided_by FROM overlap_decision "
                      "ORDER BY decision_id") == [(first, list_id, name_key, central_key, "confirm", REVIEWER_40.email),
                                                  (second, list_id, name_key, central_key, "dismiss", REVIEWER_40.email)]


# --- user changes -------------------------------------------------------------------------
def test_user_changes_write_the_user_and_the_audit_row(case_db):
    add_user(case_db, NewUser("Ke.Toan@MOF.gov.vn", "ministry_editor", "mof"), PASSWORD, ADMIN)
    assert q(case_db, "SELECT email, role, body_code, active FROM app_user") == [
        ("ke.toan@mof.gov.vn", "ministry_editor", "MOF", True)]
    before = data_tables(case_db)
    with pytest.raises(LoaderError) as err:                 # the same user again
        add_user(case_db, NewUser("ke.toan@mof.gov.vn", "admin"), PASSWORD, ADMIN)
    assert err.value.message.code == "user_exists" and data_tables(case_db) == before
    old_hash = q(case_db, "SELECT password_hash FROM app_user")[0][0]
    set_password(case_db, "ke.toan@mof.gov.vn", PASSWORD + " mới", ADMIN)
    set_active(case_db, "ke.toan@mof.gov.vn", False, ADMIN)
    assert q(case_db, "SELECT active, password_hash <> ? FROM app_user", [old_hash]) == [(False, True)]
    assert audit_tail(case_db, 3) == [(ADMIN.email, "user_add", "ok"), (ADMIN.email, "user_password", "ok"),
                                      (ADMIN.email, "user_disable", "ok")]
    with pytest.raises(LoaderError):                        # an editor may not manage users
        set_active(case_db, "ke.toan@mof.gov.vn", True, MOF_EDITOR)
    assert q(case_db, "SELECT active FROM app_user") == [(False,)]
    assert audit_tail(case_db) == [(MOF_EDITOR.email, "user_enable", "refused")]


def test_a_national_list_with_a_rejected_row_loads_the_rest_and_records_the_rejection(db):
    """The crash of issue 15: a one-row read left DuckDB's result open before the next write."""
    file = csv_bytes([HEADER, [1, "Nền tảng thử A", "Bộ Tài chính"], [2, "Nền tảng thử B", "Bộ Không Tồn Tại"]])
    outcome = ingest_file(io.BytesIO(file), "ds.csv", db, "national-2024", user=ADMIN)
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (1, 1, False)
    assert q(db, "SELECT name, ministry_code FROM platform_current WHERE list_id = 'national-2024'") == [
        ("Nền tảng thử A", "MOF")]
    assert q(db, "SELECT row_no, reason_code FROM rejected_row WHERE import_id = ?", [outcome.import_id]) == [
        (3, "unknown_body")]
