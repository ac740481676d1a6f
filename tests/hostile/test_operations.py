"""A missing or damaged database is an operator's event; temp copies never pile up; a full disk
or a denied write is a message that says what to do; production settings hide error details."""
from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from datetime import date
from pathlib import Path

import duckdb
import pytest

from actions.build import ensure_built
from loaders.messages import LoaderError
from store import db as store  # writable() lives in store.db
from store.schema import marker_path
from store.writer import writable
from tests.apptest import runner
from tests.files import copy_fills_the_disk
from tests.test_cli import ROOT, cli, digest
from views import admin


def leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.glob(db.name + ".tmp-*"))


# --- a missing or damaged database ----------------------------------------------------------
def test_a_database_that_existed_is_never_rebuilt_on_its_own(built_db, tmp_path, monkeypatch):
    db = tmp_path / "ndp.duckdb"
    shutil.copyfile(built_db, db)
    marker_path(db).write_text("built\n")
    db.unlink()
    with pytest.raises(LoaderError) as err:
        ensure_built(db)
    assert err.value.message.code == "db_missing" and "python -m actions build" in err.value.text("en")
    out = cli("ingest", ROOT / "data" / "lists" / "shared-2025.csv", "--list", "shared-2025", "--db", db)
    assert out.returncode == 2 and "Restore it from a backup" in out.stderr and not db.exists()
    monkeypatch.setenv("NDP_DB", str(db))
    at = runner()                                                       # a page view
    assert not db.exists()
    shown = " ".join(e.value for e in at.error)
    assert "Người vận hành cần khôi phục cơ sở dữ liệu" in shown and str(tmp_path) not in shown


def test_the_build_leaves_the_marker(built_db):
    assert marker_path(built_db).exists()


def test_a_damaged_database_shows_a_plain_message_without_paths(tmp_path, monkeypatch):
    db = tmp_path / "ndp.duckdb"
    db.write_bytes(b"DUCK" + os.urandom(40_000))
    marker_path(db).write_text("built\n")
    monkeypatch.setenv("NDP_DB", str(db))
    at = runner()
    shown = " ".join(e.value for e in at.error)
    assert "Dữ liệu tạm thời không truy cập được" in shown and str(tmp_path) not in shown and "Traceback" not in shown


def test_production_settings_hide_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


# --- temp copies, full disks, denied writes -----------------------------------------------------
def test_a_full_disk_during_the_copy_leaves_nothing_and_says_what_to_do(db, monkeypatch):
    before = digest(db)
    copy_fills_the_disk(monkeypatch)
    with pytest.raises(LoaderError) as err:
        with writable(db):
            pass
    assert err.value.message.code == "disk_full" and "Free some space" in err.value.text("en")
    assert "giải phóng dung lượng" in err.value.text("vi")
    assert leftovers(db) == [] and digest(db) == before


def test_a_denied_replace_leaves_nothing_and_says_what_to_do(db, monkeypatch):
    before = digest(db)

    def denied(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(store.os, "replace", denied)
    with pytest.raises(LoaderError) as err:
        with writable(db) as con:
            con.execute("CREATE TABLE x AS SELECT 1 AS a")
    assert err.value.message.code == "no_permission" and "write access" in err.value.text("en")
    assert leftovers(db) == [] and digest(db) == before


def test_a_full_disk_inside_duckdb_is_the_same_message(db):
    with pytest.raises(LoaderError) as err:
        with writable(db):
            raise duckdb.IOException("IO Error: Could not write file: No space left on device")
    assert err.value.message.code == "disk_full" and leftovers(db) == []


def test_a_failed_write_removes_its_copy_and_wal(db):
    with pytest.raises(RuntimeError):
        with writable(db) as con:
            con.execute("CREATE TABLE y AS SELECT range AS a FROM range(1000)")
            raise RuntimeError("the import failed half-way")
    assert leftovers(db) == []


def test_copies_of_killed_writers_are_swept_by_the_next_write(db):
    """kill -9 in the middle of a write leaves its copy; the next write removes it (the writer is
    dead), and never touches the copy of a writer that is alive."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; sys.path.insert(0, sys.argv[2]); from store.writer import writable\n"
        "with writable(sys.argv[1]) as con:\n    print('writing', flush=True); time.sleep(60)"), str(db), str(ROOT)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert holder.stdout.readline().strip() == "writing"
    assert leftovers(db) == [f"{db.name}.tmp-{holder.pid}"]
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert leftovers(db) == [f"{db.name}.tmp-{holder.pid}"]             # what kill -9 leaves
    alive = db.with_name(f"{db.name}.tmp-1")                            # pid 1 is alive: not ours to remove
    alive.write_bytes(b"x")
    started = time.monotonic()
    with writable(db):
        pass
    assert leftovers(db) == [alive.name] and time.monotonic() - started < 30
    # the administrators' audit page names it: one row, in either language
    today = date.today()
    guarded = admin.guarded_events(db, today)
    assert admin.audit_actions(db, guarded, "vi")["interrupted_write"].startswith("ghi dở bị ngắt")
    shown = admin.view_audit(db, guarded, today, today, ["interrupted_write"], [], "", "en")
    assert shown["Action"].tolist() == ["interrupted write (temporary copy removed)"]
    assert shown["Target"].tolist() == [f"{db.name}.tmp-{holder.pid}"] and shown["Actor"].tolist() == ["system"]
