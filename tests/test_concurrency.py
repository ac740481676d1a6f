"""Readers never wait for writers; writers never lose each other's imports."""
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.files import HEADER, csv_bytes

ROOT = Path(__file__).resolve().parents[1]


def ingest_proc(path: Path, list_id: str, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "actions", "ingest", str(path), "--list", list_id, "--db", str(db)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def big_list(tmp_path: Path, n: int, prefix: str) -> Path:
    f = tmp_path / f"{prefix}.csv"
    f.write_bytes(csv_bytes([HEADER] + [[i, f"{prefix} {i}", "Bộ Tài chính"] for i in range(1, n + 1)]))
    return f


def count(con, list_id: str) -> int:
    return con.execute("SELECT count(*) FROM platform_current WHERE list_id = ?", [list_id]).fetchone()[0]


def test_reader_keeps_answering_while_an_import_runs(db, tmp_path):
    reader = duckdb.connect(str(db), read_only=True)
    before = count(reader, "shared-2025")
    proc = ingest_proc(big_list(tmp_path, 20000, "Nền tảng"), "shared-2025", db)
    answers = 0
    while proc.poll() is None:
        assert count(reader, "shared-2025") == before   # the open reader keeps its data, never blocks
        answers += 1
    assert proc.returncode == 0, proc.stderr.read()
    assert answers > 0
    reader.close()
    fresh = duckdb.connect(str(db), read_only=True)
    assert count(fresh, "shared-2025") == 20000           # a new connection sees the import
    fresh.close()


def test_concurrent_imports_both_land(db, tmp_path):
    a = ingest_proc(big_list(tmp_path, 5000, "Nền tảng A"), "shared-2025", db)
    b = ingest_proc(big_list(tmp_path, 5000, "Nền tảng B"), "national-2024", db)
    assert a.wait(timeout=120) == 0 and b.wait(timeout=120) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert count(con, "shared-2025") == 5000 and count(con, "national-2024") == 5000
    con.close()
