"""Sign-in that holds under concurrency, costs the database nothing, and cannot be turned against
an administrator; the sign-in cookie's token; refusals audited within bounds."""
from __future__ import annotations

import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from access import audit, guard, session_token
from access.roles import ANONYMOUS, SESSION_IDLE, SESSION_MAX, User
from access.users import NewUser, add_user, sign_in
from actions.ingest import ingest_file
from loaders.messages import LoaderError
from tests.files import ADMIN, HEADER, csv_bytes

PASSWORD = "mật khẩu đủ dài 2026"
BOSS = "quan.tri@mst.gov.vn"


@pytest.fixture
def admin_db(db):
    add_user(db, NewUser(BOSS, "admin"), PASSWORD, ADMIN)
    return db


NOW = datetime(2026, 11, 29, 9, 0)   # one instant for a whole storm: what counts is the order, not the machine's speed


def _attempt(db, password: str, address: str) -> str:
    try:
        sign_in(db, BOSS, password, now=NOW, address=address)
    except LoaderError as exc:
        return exc.message.code
    return "signed_in"


def _storm(db, wrong_addresses: list[str], right_address: str, wait_for: int) -> tuple[list[str], str, float]:
    """Wrong passwords from ``wrong_addresses`` released at once; the right one joins the storm
    once ``wait_for`` attempts are recorded (so it is not simply the first in the queue). Every
    attempt is stamped ``NOW``: a loaded machine that takes seconds between two attempts must not
    let a delay run out in the middle of the storm."""
    barrier = threading.Barrier(len(wrong_addresses))

    def wrong(address):
        barrier.wait()
        return _attempt(db, "sai mật khẩu rồi", address)

    def right():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if len(guard.events(db)) >= wait_for:
                break
            time.sleep(0.005)
        return _attempt(db, PASSWORD, right_address)

    started = time.monotonic()
    with ThreadPoolExecutor(len(wrong_addresses) + 1) as pool:
        wrongs = [pool.submit(wrong, a) for a in wrong_addresses]
        last = pool.submit(right)
        results = [f.result() for f in wrongs]
        return results, last.result(), time.monotonic() - started


def test_30_concurrent_wrong_sign_ins_and_a_right_one_end_delayed_without_a_sign_in(admin_db):
    before = Path(admin_db).stat().st_mtime_ns
    wrong, right, seconds = _storm(admin_db, ["10.0.0.9"] * 30, "10.0.0.9", wait_for=guard.FREE_PAIR)
    assert right == "sign_in_wait"                                     # the right password came too late
    assert wrong.count("bad_credentials") == guard.FREE_PAIR             # only 3 passwords were ever checked
    assert wrong.count("sign_in_wait") == 30 - guard.FREE_PAIR
    assert "signed_in" not in wrong
    assert Path(admin_db).stat().st_mtime_ns == before                 # the database file was not rewritten
    assert seconds < 20


def test_a_distributed_storm_is_bounded_per_e_mail(admin_db):
    wrong, right, _ = _storm(admin_db, [f"10.1.0.{i}" for i in range(30)], "10.2.0.1", wait_for=guard.FREE_EMAIL)
    assert wrong.count("bad_credentials") == guard.FREE_EMAIL and right == "sign_in_wait"


def test_a_stranger_cannot_lock_the_administrator_out_at_her_usual_address(admin_db):
    assert sign_in(admin_db, BOSS, PASSWORD, now=NOW, address="192.168.1.20") == User(BOSS, "admin")   # her desk
    wrong, at_a_new_place, _ = _storm(admin_db, [f"10.1.0.{i}" for i in range(30)], "10.9.9.9",
                                      wait_for=guard.FREE_EMAIL + 1)
    assert wrong.count("bad_credentials") == guard.FREE_EMAIL and at_a_new_place == "sign_in_wait"
    assert sign_in(admin_db, BOSS, PASSWORD, now=NOW, address="192.168.1.20") == User(BOSS, "admin")   # still gets in


def test_delays_double_and_stop_at_the_cap(admin_db):
    now = datetime(2026, 11, 29, 9, 0)
    waits = []
    while guard.MAX_DELAY not in waits and len(waits) < 40:
        try:
            sign_in(admin_db, BOSS, "sai", now=now, address="10.0.0.1")
            pytest.fail("a wrong password signed in")
        except LoaderError as exc:
            if exc.message.code == "sign_in_wait":
                waits.append(exc.message.params["seconds"])
                now += timedelta(seconds=exc.message.params["seconds"])   # wait exactly as told, then retry
    assert waits[:4] == [2, 4, 8, 16] and max(waits) == guard.MAX_DELAY
    assert sign_in(admin_db, BOSS, PASSWORD, now=now + timedelta(seconds=guard.MAX_DELAY), address="10.0.0.1")


def test_delayed_attempts_are_recorded_at_most_max_quiet_times(admin_db):
    now = datetime(2026, 11, 29, 9, 0)
    for _ in range(guard.FREE_PAIR + 200):
        with pytest.raises(LoaderError):
            sign_in(admin_db, BOSS, "sai", now=now, address="10.0.0.2")
    assert len(guard.events(admin_db)) == guard.FREE_PAIR + guard.MAX_QUIET


# --- the sign-in cookie's token ---------------------------------------------------------------
def test_a_token_holds_for_its_session_and_not_after(db):
    start = datetime(2026, 11, 29, 8, 0)
    token = session_token.issue(db, BOSS, start, start + timedelta(minutes=20))
    assert session_token.read(db, token, start + timedelta(minutes=45)) == (BOSS, start, start + timedelta(minutes=20))
    assert session_token.read(db, token, start + timedelta(minutes=20) + SESSION_IDLE + timedelta(seconds=1)) is None
    late = session_token.issue(db, BOSS, start, start + SESSION_MAX)
    assert session_token.read(db, late, start + SESSION_MAX + timedelta(seconds=1)) is None


@pytest.mark.parametrize("forge", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),                          # signature changed
    lambda t: t.replace(t.split(".")[0], t.split(".")[0][:-4] + "AAAA"),                 # claims changed
    lambda t: "x" * 5000, lambda t: "", lambda t: "a.b.c", lambda t: "!!!.???",
])
def test_a_forged_token_is_nobody(db, forge):
    now = datetime.now()
    assert session_token.read(db, forge(session_token.issue(db, BOSS, now, now)), now) is None


def test_a_token_from_another_installation_is_nobody(db, tmp_path):
    now = datetime.now()
    other = session_token.issue(tmp_path / "other.duckdb", BOSS, now, now)
    assert session_token.read(db, other, now) is None
    assert oct(session_token.key_path(db).stat().st_mode & 0o777) == "0o600"


# --- refusals are audited, within bounds ------------------------------------------------------
def test_anonymous_refusals_are_audited_without_rewriting_the_database_and_bounded(db):
    before = Path(db).stat().st_mtime_ns
    data = csv_bytes([HEADER, [1, "Nền tảng", "BCA"]])
    for _ in range(guard.MAX_QUIET + 30):
        with pytest.raises(LoaderError):
            ingest_file(io.BytesIO(data), "x" * 100_000 + ".csv", db, "shared-2025", user=ANONYMOUS)
    assert Path(db).stat().st_mtime_ns == before
    recorded = guard.events(db)
    assert len(recorded) == guard.MAX_QUIET
    assert all(len(e[3]) <= guard.MAX_FIELD and len(e[5]) <= guard.MAX_FIELD + 20 for e in recorded)


def test_a_signed_in_users_refusals_reach_the_audit_trail_within_a_quota(db):
    viewer = User("xem@test.vn", "viewer")
    for _ in range(guard.MAX_QUIET + 5):
        audit.refused(db, viewer, "import_list", "y" * 10_000, LoaderError("forbidden", action="import_list",
                                                                           role="viewer", who=viewer.email))
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT target FROM audit_log WHERE actor = ? AND result = 'refused'", [viewer.email]).fetchall()
    con.close()
    assert len(rows) == guard.MAX_QUIET and max(len(r[0]) for r in rows) <= audit.MAX_TEXT


def test_admin_opened_by_someone_else_is_refused_and_audited(writable_app, db):
    at = writable_app("pages/admin.py", user=User("xem@test.vn", "viewer"))
    assert any("quản trị viên" in w.value for w in at.warning) and not at.dataframe
    assert [(e[1], e[2], e[3]) for e in guard.events(db)] == [("xem@test.vn", "open_admin", "/admin")]
