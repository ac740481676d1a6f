"""The CLI import makes its writable copy while the file is parsed (``store.db.WritableAhead``,
``actions.pipeline.ingest``): it stores what the preview-then-commit path stores, a file that
fails leaves no copy and no held lock, and a copy that could not be made is the error the commit
reports, as ``writable`` would have reported it."""
from __future__ import annotations

import fcntl
import io
import shutil
from pathlib import Path

import duckdb
import pytest

from actions import pipeline
from actions.kind_list import LIST
from loaders.messages import LoaderError
from store import db as store
from tests.files import ADMIN, GOOD_ROWS, HEADER, copy_fills_the_disk, xlsx_bytes
from tests.test_cli import digest

FILE = xlsx_bytes([HEADER, *GOOD_ROWS, [4, "Nền tảng thử nghiệm D", "Bộ Không Có"]])
# what an import stores, without the moment it was written
STORED = {"platform": "SELECT * EXCLUDE (import_id) FROM platform ORDER BY ALL",
          "import_log": "SELECT * EXCLUDE (imported_at) FROM import_log ORDER BY import_id",
          "rejected_row": "SELECT * FROM rejected_row ORDER BY ALL",
          "audit_log": "SELECT actor, role, action, target, result, detail FROM audit_log ORDER BY ALL"}


def leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.glob(db.name + ".tmp-*"))


def lock_is_free(db: Path) -> bool:
    with open(db.with_name(db.name + ".lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(lock, fcntl.LOCK_UN)
        return True


def stored(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in STORED.items()}
    finally:
        con.close()


@pytest.mark.parametrize("choices", [{}, {"remove_missing": False}])
def test_ingest_stores_what_preview_then_commit_stores(built_db, tmp_path, choices):
    ahead_db, after_db = tmp_path / "ahead.duckdb", tmp_path / "after.duckdb"
    shutil.copyfile(built_db, ahead_db)
    shutil.copyfile(built_db, after_db)
    outcome = pipeline.ingest(LIST, io.BytesIO(FILE), "f.xlsx", ahead_db, "national-2024", user=ADMIN, **choices)
    prev = pipeline.preview(LIST, io.BytesIO(FILE), after_db, "national-2024")
    expected = pipeline.commit(prev, after_db, user=ADMIN, file_name="f.xlsx", **choices)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (expected.rows_loaded, expected.rows_rejected) == (3, 1)
    assert stored(ahead_db) == stored(after_db) and stored(ahead_db) != stored(built_db)
    assert leftovers(ahead_db) == [] and lock_is_free(ahead_db)


@pytest.mark.parametrize("data", [b"PK\x03\x04 not a zip", FILE], ids=["damaged", "strict"])
def test_a_file_refused_leaves_no_copy_and_frees_the_lock(db, data):
    before = digest(db)
    with pytest.raises(LoaderError) as err:
        pipeline.ingest(LIST, io.BytesIO(data), "f.xlsx", db, "national-2024", user=ADMIN, strict=True)
    assert err.value.message.code in ("corrupt_workbook", "strict_rejected")
    assert leftovers(db) == [] and lock_is_free(db)
    if err.value.message.code == "corrupt_workbook":     # a refusal in the commit is audited, as before
        assert digest(db) == before


def test_a_copy_that_could_not_be_made_is_the_commits_error(db, monkeypatch):
    before = digest(db)
    copy_fills_the_disk(monkeypatch)
    with pytest.raises(LoaderError) as err:
        pipeline.ingest(LIST, io.BytesIO(FILE), "f.xlsx", db, "national-2024", user=ADMIN)
    assert err.value.message.code == "disk_full" and leftovers(db) == [] and lock_is_free(db)
    assert digest(db) == before
    # a file that cannot be read is reported as such, whatever happened to the copy meanwhile
    with pytest.raises(LoaderError) as err:
        pipeline.ingest(LIST, io.BytesIO(b"PK\x03\x04 not a zip"), "f.xlsx", db, "national-2024", user=ADMIN)
    assert err.value.message.code == "corrupt_workbook" and leftovers(db) == [] and lock_is_free(db)


def test_a_block_opened_ahead_is_used_once(db):
    ahead = store.WritableAhead(db)
    with ahead.use() as con:
        con.execute("CREATE TABLE ahead_probe AS SELECT 1 AS a")
    with pytest.raises(RuntimeError):
        with ahead.use():
            pass
    ahead.close()
    assert stored(db)["platform"] and leftovers(db) == [] and lock_is_free(db)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT a FROM ahead_probe").fetchall() == [(1,)]
    con.close()
