"""Who may change what: roles enforced in the write paths, users and sign-in, the audit trail,
hostile input. Called without Streamlit, as the issue asks."""
from __future__ import annotations

import io
import re
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from access import guard
from access.roles import ANONYMOUS, SESSION_IDLE, SESSION_MAX, User, session_valid
from access.users import NewUser, add_user, set_active, sign_in, user_for_email
from actions.commits import commit_import, register_list, review_match, safe_file_name
from actions.ingest import ingest_adoption_file, ingest_file, ingest_progress_file, preview
from actions.register import Registration
from loaders import read
from loaders.messages import LoaderError
from tests.files import ADMIN, HEADER, csv_bytes
from tests.test_cli import ROOT, cli

MOF_EDITOR = User("ke.toan@mof.gov.vn", "ministry_editor", body_code="MOF")
REVIEWER_40 = User("ra.soat@nghean.gov.vn", "province_reviewer", province_code="40")
REVIEWER_42 = User("ra.soat@hatinh.gov.vn", "province_reviewer", province_code="42")
PASSWORD = "mật khẩu đủ dài 2026"


def rows(db, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def audit(db) -> list[tuple]:
    return rows(db, "SELECT actor, role, action, result FROM audit_log WHERE action <> 'build' ORDER BY audit_id")


def data_tables(db) -> dict:
    """Everything users read (not the audit trail)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.table(t).fetchall(), key=repr)
                for t in ("import_log", "platform", "rejected_row", "platform_event", "overlap_decision", "platform_list",
                          "adoption", "app_user")}
    finally:
        con.close()


LIST = csv_bytes([HEADER, [1, "Nền tảng thử của Bộ Tài chính", "Bộ Tài chính"],
                  [2, "Nền tảng thử thứ hai", "BTC"], [3, "Nền tảng thử của Bộ Công an", "Bộ Công an"]])


# --- roles --------------------------------------------------------------------------------
def test_a_viewer_cannot_import_and_the_attempt_is_audited(db):
    before = data_tables(db)
    with pytest.raises(LoaderError) as err:
        ingest_file(io.BytesIO(LIST), "ds.csv", db, "shared-2025", user=ANONYMOUS)
    assert err.value.message.code == "forbidden" and "may not import a platform list" in err.value.text("en")
    assert data_tables(db) == before
    # an anonymous refusal is audited in the guard store: a stranger never makes the database be rewritten
    assert audit(db) == []
    assert [(e[1], e[2], e[4]) for e in guard.events(db)] == [("anonymous", "import_list", "refused")]


def test_the_mof_editor_cannot_import_mps_rows_and_keeps_the_other_bodies_rows(db):
    def owners():
        return dict(rows(db, "SELECT ministry_code, count(*) FROM platform_current WHERE list_id = 'shared-2025' "
                             "GROUP BY ALL"))
    before = owners()
    outcome = ingest_file(io.BytesIO(LIST), "mof.csv", db, "shared-2025", user=MOF_EDITOR,
                          remove_missing=True)   # the editor confirmed that the rows not in the file leave
    assert (outcome.rows_loaded, outcome.rows_rejected) == (2, 1)
    reason = rows(db, "SELECT row_no, reason FROM rejected_row WHERE import_id = ?", [outcome.import_id])
    assert reason == [(4, "row 4: 'Nền tảng thử của Bộ Công an' belongs to Ministry of Public Security; "
                          "this account may only import Ministry of Finance's rows")]
    after = owners()
    assert after["MOF"] == 2 and {k: v for k, v in after.items() if k != "MOF"} == {
        k: v for k, v in before.items() if k != "MOF"}                 # MPS, GO ... untouched
    assert rows(db, "SELECT actor FROM import_log WHERE import_id = ?", [outcome.import_id]) == [(MOF_EDITOR.email,)]
    assert audit(db) == [(MOF_EDITOR.email, "ministry_editor", "import_list", "ok")]


def test_the_preview_shows_the_rows_an_editor_may_not_import(db):
    parsed, _ = preview(io.BytesIO(LIST), db, "shared-2025", user=MOF_EDITOR)
    assert [r["name"] for r in parsed.rows] == ["Nền tảng thử của Bộ Tài chính", "Nền tảng thử thứ hai"]
    assert [(r, m.code) for r, m in parsed.rejected] == [(4, "not_your_body")]


def test_an_editor_may_write_for_bodies_merged_into_theirs(db):
    file = csv_bytes([HEADER, [1, "Hệ thống đăng ký đầu tư thử", "Bộ Kế hoạch và Đầu tư"]])
    outcome = ingest_file(io.BytesIO(file), "mpi.csv", db, "national-2024", user=MOF_EDITOR)   # 2024: MPI existed
    assert (outcome.rows_loaded, outcome.rows_rejected) == (1, 0)


@pytest.mark.parametrize("call", [
    lambda db: ingest_file(io.BytesIO(LIST), "p.csv", db, "province-40-2025", user=MOF_EDITOR),
    lambda db: register_list(db, Registration("p-42", "provincial", "T", date(2026, 1, 1), province_code="42"),
                             user=MOF_EDITOR),
    lambda db: register_list(db, Registration("p-42", "provincial", "T", date(2026, 1, 1), province_code="42"),
                             user=REVIEWER_40),
    lambda db: ingest_file(io.BytesIO(LIST), "p.csv", db, "shared-2025", user=REVIEWER_40),
    lambda db: ingest_adoption_file(io.BytesIO(b"x"), "a.csv", db, "shared-2025", user=MOF_EDITOR),
    lambda db: add_user(db, NewUser("x@y.vn", "admin"), PASSWORD, MOF_EDITOR),
], ids=["editor-provincial-list", "editor-register", "reviewer-register", "reviewer-import", "editor-adoption",
        "editor-add-user"])
def test_bound_roles_stay_in_their_lane(db, call):
    before = data_tables(db)
    with pytest.raises(LoaderError) as err:
        call(db)
    assert err.value.message.code == "forbidden"
    assert data_tables(db) == before
    assert [a[3] for a in audit(db)] == ["refused"]


def test_the_mof_editor_progress_for_mps_platforms_is_rejected(db):
    file = csv_bytes([["Tên nền tảng", "Giai đoạn", "Ngày hoàn thành"],
                      ["Nền tảng khai thuế điện tử", "kế hoạch", "01/10/2025"],          # MOF
                      ["Cổng dữ liệu quốc gia", "kế hoạch", "01/10/2025"]])             # MPS
    outcome = ingest_progress_file(io.BytesIO(file), "p.csv", db, "shared-2025", user=MOF_EDITOR, today=date(2026, 1, 1))
    assert (outcome.rows_loaded, outcome.rows_rejected) == (1, 1)
    assert rows(db, "SELECT platform_name FROM platform_event WHERE import_id = ?", [outcome.import_id]) == [
        ("Nền tảng khai thuế điện tử",)]
    assert audit(db)[-1] == (MOF_EDITOR.email, "ministry_editor", "import_progress", "ok")


def candidate(db) -> tuple:
    return rows(db, "SELECT list_id, name_key, central_list_id, central_key FROM provincial_overlap "
                    "WHERE classification = 'possible_duplicate'")[0]


def test_a_reviewer_reviews_their_province_only(db):
    list_id, name_key, central_list_id, central_key = candidate(db)
    args = dict(list_id=list_id, name_key=name_key, central_list_id=central_list_id, central_key=central_key,
                decision="dismiss", note="khác lĩnh vực")
    with pytest.raises(LoaderError) as err:
        review_match(db, **args, user=REVIEWER_42)
    assert err.value.message.code == "forbidden" and rows(db, "SELECT * FROM overlap_decision") == []
    with pytest.raises(LoaderError):
        review_match(db, **args, user=MOF_EDITOR)
    review_match(db, **args, user=REVIEWER_40)
    assert rows(db, "SELECT decided_by FROM overlap_decision") == [(REVIEWER_40.email,)]
    assert audit(db) == [(REVIEWER_42.email, "province_reviewer", "review", "refused"),
                         (MOF_EDITOR.email, "ministry_editor", "review", "refused"),
                         (REVIEWER_40.email, "province_reviewer", "review", "ok")]


def test_a_reviewer_reports_adoption_for_their_province_only(db):
    file = csv_bytes([["Tỉnh/thành phố", "Tên nền tảng", "Trạng thái", "Ngày cập nhật"],
                      ["Nghệ An", "Cổng Dịch vụ công quốc gia", "đang sử dụng", "15/09/2025"],
                      ["Hà Tĩnh", "Cổng Dịch vụ công quốc gia", "đang sử dụng", "15/09/2025"]])
    outcome = ingest_adoption_file(io.BytesIO(file), "a.csv", db, "shared-2025", user=REVIEWER_40,
                                   today=date(2026, 1, 1))
    assert (outcome.rows_loaded, outcome.rows_rejected) == (1, 1)
    assert rows(db, "SELECT current_province_code FROM adoption") == [("40",)]


def test_each_action_leaves_an_audit_row(db, tmp_path):
    ingest_file(io.BytesIO(LIST), "ds.csv", db, "national-2024", user=ADMIN)
    register_list(db, Registration("p-42", "provincial", "Hà Tĩnh", date(2026, 1, 1), province_code="42"), user=ADMIN)
    list_id, name_key, central_list_id, central_key = candidate(db)
    review_match(db, list_id=list_id, name_key=name_key, central_list_id=central_list_id, central_key=central_key,
                 decision="confirm", user=ADMIN)
    add_user(db, NewUser("ke.toan@mof.gov.vn", "ministry_editor", body_code="MOF"), PASSWORD, ADMIN)
    set_active(db, "ke.toan@mof.gov.vn", False, ADMIN)
    assert [(a[2], a[3]) for a in audit(db)] == [("import_list", "ok"), ("register_list", "ok"), ("review", "ok"),
                                                 ("user_add", "ok"), ("user_disable", "ok")]
    detail = rows(db, "SELECT target, detail FROM audit_log WHERE action = 'import_list'")[0]
    assert detail[0].startswith("national-2024 #") and '"file": "ds.csv"' in detail[1] and '"loaded": 3' in detail[1]


def test_the_cli_writes_as_the_operating_system_user(db, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(LIST)
    assert cli("ingest", path, "--list", "shared-2025", "--db", db).returncode == 0
    actor = rows(db, "SELECT actor FROM import_log ORDER BY import_id DESC LIMIT 1")[0][0]
    assert actor.startswith("os:")
    assert audit(db)[-1] == (actor, "admin", "import_list", "ok")


# --- users and sign-in ----------------------------------------------------------------------
def test_no_user_and_no_password_ship(built_db):
    assert rows(built_db, "SELECT count(*) FROM app_user") == [(0,)]


def test_users_add_from_the_cli_stores_an_argon2id_hash(db):
    out = cli("users", "add", "Ra.Soat@NgheAn.gov.vn", "--role", "province_reviewer", "--province", "40",
              "--password-stdin", "--db", db, input_text=PASSWORD + "\n")
    assert out.returncode == 0, out.stderr
    (email, role, province, hashed), = rows(db, "SELECT email, role, province_code, password_hash FROM app_user")
    assert (email, role, province) == ("ra.soat@nghean.gov.vn", "province_reviewer", "40")
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    assert sign_in(db, "ra.soat@nghean.gov.vn", PASSWORD) == REVIEWER_40
    assert "ra.soat@nghean.gov.vn" in cli("users", "list", "--db", db).stdout


@pytest.mark.parametrize("args, message", [
    (["x@y.vn", "--role", "ministry_editor"], "needs --body CODE: the body the user works for, e.g. --body MOF"),
    (["x@y.vn", "--role", "province_reviewer"], "needs --province CODE"),
    (["x@y.vn", "--role", "ministry_editor", "--body", "MPI"], "needs the code of a body"),      # merged away
    (["x@y.vn", "--role", "province_reviewer", "--province", "45"], "one of the 34 provinces"),
    (["x@y.vn", "--role", "admin", "--body", "MOF"], "not bound to a body"),
    (["not-an-email", "--role", "viewer"], "not a valid e-mail"),
])
def test_users_add_refusals(db, args, message):
    out = cli("users", "add", *args, "--password-stdin", "--db", db, input_text=PASSWORD + "\n")
    assert out.returncode == 2 and out.stderr.startswith("error:") and message in out.stderr
    assert rows(db, "SELECT count(*) FROM app_user") == [(0,)]


def test_a_short_password_is_refused(db):
    with pytest.raises(LoaderError, match="at least 12 characters"):
        add_user(db, NewUser("a@b.vn", "viewer"), "ngắn", ADMIN)


def test_failed_sign_ins_are_refused_recorded_and_delayed(db):
    add_user(db, NewUser("a@b.vn", "admin"), PASSWORD, ADMIN)
    before = Path(db).stat().st_mtime_ns
    now = datetime(2026, 11, 22, 9, 0)
    for attempt in range(guard.FREE_PAIR):
        with pytest.raises(LoaderError, match="wrong e-mail or password"):
            sign_in(db, "a@b.vn", "sai mật khẩu", now=now + timedelta(seconds=attempt))
    with pytest.raises(LoaderError, match="wait 2 seconds"):
        sign_in(db, "a@b.vn", PASSWORD, now=now + timedelta(seconds=2))        # even the right password
    assert sign_in(db, "a@b.vn", PASSWORD, now=now + timedelta(seconds=5)) == User("a@b.vn", "admin")
    assert Path(db).stat().st_mtime_ns == before            # the database file was never rewritten
    assert [(e[2], e[4]) for e in guard.events(db)] == [("sign_in", "ok"), *[("sign_in", "refused")] * 4]


def test_unknown_and_disabled_users_get_the_same_refusal(db):
    add_user(db, NewUser("a@b.vn", "viewer"), PASSWORD, ADMIN)
    set_active(db, "a@b.vn", False, ADMIN)
    for email in ("a@b.vn", "nobody@b.vn"):
        with pytest.raises(LoaderError) as err:
            sign_in(db, email, PASSWORD)
        assert err.value.message.code == "bad_credentials"


def test_an_identity_provider_email_gets_its_role_from_the_user_table(db):
    add_user(db, NewUser("ke.toan@mof.gov.vn", "ministry_editor", body_code="MOF"), None, ADMIN)
    con = duckdb.connect(str(db), read_only=True)
    assert user_for_email(con, "Ke.Toan@MOF.gov.vn") == MOF_EDITOR
    assert user_for_email(con, "someone@else.vn") is None
    con.close()
    with pytest.raises(LoaderError):   # no password: the provider is the only way in
        sign_in(db, "ke.toan@mof.gov.vn", "")


def test_sessions_expire():
    start = datetime(2026, 11, 22, 8, 0)
    assert session_valid(start, start + timedelta(minutes=20), start + timedelta(minutes=40))
    assert not session_valid(start, start, start + SESSION_IDLE + timedelta(seconds=1))
    assert not session_valid(start, start + SESSION_MAX, start + SESSION_MAX + timedelta(seconds=1))


def test_a_rebuild_keeps_users_and_the_audit_trail(db):
    from actions.build import build
    add_user(db, NewUser("a@b.vn", "admin"), PASSWORD, ADMIN)
    build(db)
    assert rows(db, "SELECT email FROM app_user") == [("a@b.vn",)]
    assert [a[2] for a in audit(db)] == ["user_add"]


# --- hostile input ------------------------------------------------------------------------
@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\x\\ds.xlsx", "ds.xlsx"), ("a\x00b\nc.csv", "abc.csv"), ("", "upload"),
    ("x" * 500 + ".csv", "x" * 200),
])
def test_an_uploaded_file_name_is_only_ever_text(name, expected):
    assert safe_file_name(name) == expected


def test_hostile_names_are_stored_as_typed(db):
    hostile = ["=HYPERLINK(\"http://x\")", "<script>alert(1)</script>", "**đậm** [liên kết](javascript:alert(1))"]
    file = csv_bytes([HEADER, *[[i, n, "Bộ Tài chính"] for i, n in enumerate(hostile, 1)]])
    ingest_file(io.BytesIO(file), "<img src=x>.csv", db, "national-2024", user=ADMIN)
    names = [r[0] for r in rows(db, "SELECT name FROM platform_current WHERE list_id = 'national-2024' ORDER BY row_no")]
    assert names == hostile
    assert rows(db, "SELECT file_name FROM import_log ORDER BY import_id DESC LIMIT 1") == [("<img src=x>.csv",)]


def test_uploads_are_capped_in_the_browser_and_the_loader_alike():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == read.MAX_BYTES


def test_writes_in_pages_go_through_the_checked_paths():
    """Pages never call the unchecked store writes directly."""
    for page in (ROOT / "pages").glob("*.py"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"\bwrite_(import|progress|adoption)\b|\bwritable\(|record_decision\(", text), page.name


def test_commit_refuses_without_a_user_argument(db):
    with pytest.raises(TypeError):
        commit_import(db, None, list_id="shared-2025", as_of=date(2025, 1, 1), file_name="x")  # the user is required
    assert Path(db).exists()
