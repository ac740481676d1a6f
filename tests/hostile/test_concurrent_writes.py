"""Writes at the same moment, and a writer killed in the middle: the record is one whole state or
the next, never half of each.

- Two editors of the same ministry, each on a preview of a different file, click import at the
  same instant: the writes run one after the other, each keeps what its editor confirmed (the
  other's additions are not removed as "missing"), both are in the import log and the audit.
- The CLI import killed with SIGKILL while it writes (its private copy exists): the database is
  the old list, byte for byte, and the next import (a restart) writes the new one and sweeps the
  dead copy, recording it in the audit trail (an interrupted write: its name, size and last change).
"""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime

from access.roles import User
from actions import pipeline
from actions.ingest import ingest_file
from tests.files import ADMIN, HEADER, csv_bytes
from tests.hostile.test_stale_preview import mof_names, q
from tests.test_cli import ROOT, digest

LIST = pipeline.KINDS["list"]
ONE = User("mot@mof.gov.vn", "ministry_editor", "MOF")
TWO = User("hai@mof.gov.vn", "ministry_editor", "MOF")


def _file(names: list[str]) -> bytes:
    return csv_bytes([HEADER, *[[i, n, "Bộ Tài chính"] for i, n in enumerate(names, 1)]])


def _race(db) -> tuple[list[str], list[str], dict]:
    """Two MOF editors, each on a preview of a different file (each drops a different platform
    and adds one of its own), click import at the same instant. The names before, after, and the
    outcomes by user."""
    names = mof_names(db)
    assert len(names) >= 3
    files = {ONE: names[1:] + ["Nền tảng của người thứ nhất"], TWO: [names[0], *names[2:], "Nền tảng của người thứ hai"]}
    previews = {u: pipeline.preview(LIST, io.BytesIO(_file(f)), db, "shared-2025", user=u) for u, f in files.items()}
    barrier, outcomes, errors = threading.Barrier(2), {}, []

    def click(user):
        barrier.wait()
        try:
            outcomes[user] = pipeline.commit(previews[user], db, user=user, file_name=f"{user.email}.csv",
                                             remove_missing=True)
        except Exception as exc:   # noqa: BLE001 - any failure is the finding
            errors.append(exc)

    threads = [threading.Thread(target=click, args=(u,)) for u in (ONE, TWO)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors and len(outcomes) == 2
    return names, mof_names(db), outcomes


def test_two_editors_of_one_ministry_commit_at_the_same_moment(db):
    names, after, outcomes = _race(db)
    last = max(outcomes, key=lambda u: outcomes[u].import_id)
    dropped_by_last = names[0] if last is ONE else names[1]
    assert dropped_by_last not in after                                 # the last write is whole
    assert {"Nền tảng của người thứ nhất", "Nền tảng của người thứ hai"} <= set(after)   # the first's addition kept
    assert set(names[2:]) <= set(after)
    logged = q(db, "SELECT actor FROM import_log WHERE list_id = 'shared-2025' ORDER BY import_id DESC LIMIT 2")
    assert sorted(r[0] for r in logged) == sorted([ONE.email, TWO.email])
    audited = q(db, "SELECT actor FROM audit_log WHERE action = 'import_list' AND result = 'ok'")
    assert {ONE.email, TWO.email} <= {r[0] for r in audited}


def test_the_second_commit_does_not_silently_re_add_what_the_first_removed(db):
    """Found by this pass: the second commit re-added the platform the first had removed a moment
    before, although its preview showed it unchanged (fixed in actions/, main 6d380cc)."""
    names, after, _ = _race(db)
    assert names[0] not in after and names[1] not in after


def test_an_import_killed_while_it_writes_leaves_the_old_list_and_the_next_one_writes(db, tmp_path):
    new = tmp_path / "shared-2025.csv"
    new.write_bytes(_file(["Nền tảng sau khi khởi động lại"]))
    before = digest(db)
    imports_before = q(db, "SELECT count(*) FROM import_log")[0][0]
    command = [sys.executable, "-m", "actions", "ingest", str(new), "--list", "shared-2025", "--db", str(db)]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    copy = db.with_name(f"{db.name}.tmp-{proc.pid}")
    deadline = time.monotonic() + 60
    while not copy.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    assert copy.exists(), "the import never started writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    left = [p for p in (copy, copy.with_name(copy.name + ".wal")) if p.exists()]
    left_bytes = sum(p.stat().st_size for p in left)
    left_at = max(datetime.fromtimestamp(p.stat().st_mtime) for p in left).replace(microsecond=0)
    assert digest(db) == before                                          # the old list, byte for byte
    assert q(db, "SELECT count(*) FROM import_log")[0][0] == imports_before
    with new.open("rb") as fp:                                           # the restart's import
        outcome = ingest_file(fp, new.name, db, "shared-2025", user=ADMIN)
    assert outcome.rows_loaded == 1 and not outcome.duplicate
    assert mof_names(db) == ["Nền tảng sau khi khởi động lại"]
    assert not copy.exists()                                             # the dead writer's copy swept
    assert q(db, "SELECT count(*) FROM import_log")[0][0] == imports_before + 1
    # the audit holds the import that happened (the killed one's row was in its own transaction)
    assert q(db, "SELECT actor, target FROM audit_log WHERE action = 'import_list' ORDER BY audit_id DESC LIMIT 1") == [
        (ADMIN.email, f"shared-2025 #{outcome.import_id}")]
    # and the killed one's copy, found and removed by the restart's import: one row, before its own
    interrupted = q(db, "SELECT occurred_at, actor, target, result, detail, audit_id FROM audit_log "
                        "WHERE action = 'interrupted_write'")
    assert len(interrupted) == 1
    found, actor, target, result, detail, audit_id = interrupted[0]
    assert (actor, target, result) == ("system", copy.name, "failed")
    assert json.loads(detail) == {"what": "interrupted write", "size_bytes": left_bytes,
                                  "modified_at": left_at.isoformat(sep=" ")}
    assert left_at <= found <= datetime.now()
    assert audit_id < q(db, "SELECT max(audit_id) FROM audit_log WHERE action = 'import_list'")[0][0]
