"""The loader CLI contract, run as users and scripts run it."""
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests import files
from tests.files import GOOD_ROWS, HEADER, TITLE_ROWS, csv_bytes, xlsx_bytes

ROOT = Path(__file__).resolve().parents[1]


def cli(*args, env=None, input_text: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actions", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, **(env or {})}, input=input_text)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def current(db: Path, list_id: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT name, ministry_code FROM platform_current WHERE list_id = ? ORDER BY row_no",
                           [list_id]).fetchall()
    finally:
        con.close()


def test_ingest_file_with_title_rows(db, tmp_path):
    f = tmp_path / "danh-muc.xlsx"
    f.write_bytes(xlsx_bytes([HEADER, ["(1)", "(2)", "(3)"], *GOOD_ROWS], title_rows=TITLE_ROWS))
    out = cli("ingest", f, "--list", "shared-2025", "--db", db)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert {k: result[k] for k in ("list_id", "rows_loaded", "rows_rejected")} == {
        "list_id": "shared-2025", "rows_loaded": 3, "rows_rejected": 0}
    assert isinstance(result["import_id"], int) and isinstance(result["warnings"], list)
    assert current(db, "shared-2025") == [(r[1], c) for r, c in zip(GOOD_ROWS, ["MOF", "MPS", "MOJ"])]


def test_ingest_with_unknown_ministry_skips_and_records_the_row(db, tmp_path):
    f = tmp_path / "list.csv"
    f.write_bytes(csv_bytes([HEADER, *GOOD_ROWS, [4, "Nền tảng D", "Bộ Không Tồn Tại"]]))
    out = cli("ingest", f, "--list", "shared-2025", "--db", db)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert (result["rows_loaded"], result["rows_rejected"]) == (3, 1)
    con = duckdb.connect(str(db), read_only=True)
    rejected = con.execute("SELECT row_no, reason FROM rejected_row WHERE import_id = ?",
                           [result["import_id"]]).fetchall()
    status = con.execute("SELECT status FROM import_log WHERE import_id = ?", [result["import_id"]]).fetchone()
    con.close()
    assert rejected[0][0] == 5 and "Bộ Không Tồn Tại" in rejected[0][1]
    assert status == ("loaded_with_rejections",)


def test_strict_fails_whole_import_and_changes_nothing(db, tmp_path):
    f = tmp_path / "list.csv"
    f.write_bytes(csv_bytes([HEADER, *GOOD_ROWS, [4, "Nền tảng D", "Bộ Không Tồn Tại"]]))
    before = digest(db)
    out = cli("ingest", f, "--list", "shared-2025", "--db", db, "--strict")
    assert out.returncode != 0
    assert out.stderr.startswith("error:") and str(f) in out.stderr and "row 5" in out.stderr
    assert digest(db) == before


@pytest.mark.parametrize("content, needle", [
    (b"", "empty"),
    (b"\x00\x01binary\x02" * 50, "not a spreadsheet"),
    (b"PK\x03\x04" + b"\x00" * 100, "damaged"),
    (xlsx_bytes([HEADER, *GOOD_ROWS])[:400], "damaged"),
    (csv_bytes([["Mã", "Mô tả"], ["1", "x"]]), "Headers found"),
    (files.encrypted_xlsx(), "Save an unprotected copy"),
    (files.xlsx_with_parts({"xl/worksheets/sheet1.xml": files.BILLION_LAUGHS}), "declares XML entities"),
    (files.xlsx_with_parts({"xl/media/pad.bin": b"\0" * (30 * 1024 * 1024)}), "decompression bomb"),
], ids=["empty", "binary", "corrupt-xlsx", "truncated-xlsx", "no-columns", "password", "entities", "zip-bomb"])
def test_unreadable_file_one_error_line_no_traceback_nothing_changed(db, tmp_path, content, needle):
    f = tmp_path / "bad.xlsx"
    f.write_bytes(content)
    before = digest(db)
    out = cli("ingest", f, "--list", "shared-2025", "--db", db)
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {f}") and needle in lines[0]
    assert "Traceback" not in out.stderr + out.stdout
    assert digest(db) == before


def test_error_messages_in_vietnamese(db, tmp_path):
    f = tmp_path / "empty.csv"
    f.write_bytes(b"")
    out = cli("ingest", f, "--list", "shared-2025", "--db", db, env={"NDP_LANG": "vi"})
    assert out.stderr.startswith("error:") and "Tệp trống" in out.stderr


def test_unknown_list_and_missing_file(db, tmp_path):
    f = tmp_path / "list.csv"
    f.write_bytes(csv_bytes([HEADER, *GOOD_ROWS]))
    out = cli("ingest", f, "--list", "no-such-list", "--db", db)
    assert out.returncode != 0 and "unknown list 'no-such-list'" in out.stderr and "shared-2025" in out.stderr
    out = cli("ingest", tmp_path / "missing.csv", "--list", "shared-2025", "--db", db)
    assert out.returncode != 0 and out.stderr.startswith("error:") and "not found" in out.stderr


def test_same_file_twice_creates_no_duplicate_snapshot(db, tmp_path):
    f = tmp_path / "list.csv"
    f.write_bytes(csv_bytes([HEADER, *GOOD_ROWS]))
    first = json.loads(cli("ingest", f, "--list", "shared-2025", "--db", db).stdout.splitlines()[-1])
    again = cli("ingest", f, "--list", "shared-2025", "--db", db)
    second = json.loads(again.stdout.splitlines()[-1])
    assert again.returncode == 0 and second["duplicate"] and second["import_id"] == first["import_id"]
    assert "already imported" in again.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM import_log WHERE sha256 = ?",
                       [hashlib.sha256(f.read_bytes()).hexdigest()]).fetchone() == (1,)
    con.close()


def test_new_db_path_is_created_with_reference_data(tmp_path):
    f = tmp_path / "list.csv"
    f.write_bytes(csv_bytes([HEADER, *GOOD_ROWS]))
    db = tmp_path / "sub" / "fresh.duckdb"
    out = cli("ingest", f, "--list", "national-2024", "--as-of", "2024-07-15", "--db", db)
    assert out.returncode == 0, out.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM body").fetchone()[0] >= 30
    assert con.execute("SELECT sum(count) FROM published_count WHERE list_id = 'national-2024'").fetchone() == (103,)
    con.close()


def test_bad_as_of_date(db, tmp_path):
    f = tmp_path / "list.csv"
    f.write_bytes(csv_bytes([HEADER, *GOOD_ROWS]))
    out = cli("ingest", f, "--list", "shared-2025", "--as-of", "15/07/2024", "--db", db)
    assert out.returncode != 0 and "YYYY-MM-DD" in out.stderr


def test_build_recreates_the_database(tmp_path):
    db = tmp_path / "ndp.duckdb"
    out = cli("build", "--db", db)
    assert out.returncode == 0, out.stderr
    con = duckdb.connect(str(db), read_only=True)
    log = con.execute("SELECT list_id, file_name, rows_loaded FROM import_log ORDER BY list_id").fetchall()
    con.close()
    assert sorted(log) == [("province-40-2025", "data/lists/province-40-2025.csv", 8),
                           ("shared-2025", "data/lists/shared-2025.csv", 51),
                           ("shared-2025", "data/reference/progress_evidence.csv", 32)]   # the public evidence


def test_sigkill_during_import_leaves_previous_data_intact(db, tmp_path):
    """Kill a large import mid-write: the database still opens with the previous rows."""
    rows = [HEADER] + [[i, f"Nền tảng số {i}", "Bộ Tài chính"] for i in range(1, 30001)]
    f = tmp_path / "big.csv"
    f.write_bytes(csv_bytes(rows))
    before = current(db, "shared-2025")
    proc = subprocess.Popen([sys.executable, "-m", "actions", "ingest", str(f), "--list", "shared-2025",
                             "--db", str(db)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    tmp_glob = f"{db.name}.tmp-{proc.pid}"
    while time.monotonic() < deadline and not list(db.parent.glob(tmp_glob)) and proc.poll() is None:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert current(db, "shared-2025") == before


def test_ingest_into_a_database_of_an_older_version_is_refused(db, tmp_path):
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.close()
    before = digest(db)
    f = tmp_path / "list.csv"
    f.write_bytes(csv_bytes([HEADER, *GOOD_ROWS]))
    out = cli("ingest", f, "--list", "shared-2025", "--db", db)
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "python -m actions build" in lines[0], out.stderr
    assert "schema 4" in lines[0] and "Traceback" not in out.stderr
    assert digest(db) == before
