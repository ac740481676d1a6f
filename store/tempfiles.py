"""The private copies a write works on (``<db>.tmp-PID`` and its ``.wal``): removed on every failure
path, swept when their writer is dead (each one swept is an interrupted write, recorded in the
audit trail by ``record_swept``), and the operating system's refusals turned into messages that
say what to do (a full disk, a folder the service may not write)."""
from __future__ import annotations

import errno
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from loaders.messages import LoaderError

_PID = re.compile(r"\.tmp-(\d+)(?:\.wal)?$")
_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


def temp_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.tmp-{os.getpid()}")


def remove(tmp: Path) -> None:
    """Remove a private copy and its WAL; never raises (it runs while another error is raised)."""
    for path in (tmp, tmp.with_name(tmp.name + ".wal")):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:     # someone else's live process
        return True
    return True


@dataclass(frozen=True)
class Swept:
    """A dead writer's copy (with its ``.wal``, if one was left), as it was when found and removed."""
    name: str
    size: int               # bytes, the copy and its WAL together
    modified: datetime      # the last change to either
    found: datetime


def sweep(db_path: Path) -> list[Swept]:
    """Remove the copies left by writers that died (kill -9, power loss); returns what went, one
    entry per copy. Call it holding the writers' lock, so no live writer's copy is touched."""
    copies: dict[str, list] = {}
    for path in sorted(db_path.parent.glob(f"{db_path.name}.tmp-*")):
        match = _PID.search(path.name)
        if match and not _alive(int(match.group(1))):
            try:
                found = path.stat()
                path.unlink()
            except OSError:
                continue
            sizes = copies.setdefault(path.name.removesuffix(".wal"), [0, 0.0])
            sizes[0] += found.st_size
            sizes[1] = max(sizes[1], found.st_mtime)
    now = datetime.now().replace(microsecond=0)
    return [Swept(name, size, datetime.fromtimestamp(mtime).replace(microsecond=0), now)
            for name, (size, mtime) in copies.items()]


def record_swept(con: duckdb.DuckDBPyConnection, swept: list[Swept]) -> int:
    """One ``audit_log`` row per copy swept (actor ``system``, action ``interrupted_write``, result
    ``failed``; the file's size and last change in the detail), on a connection whose transaction
    commits them; a database without an audit trail (an older or foreign file) gets none."""
    if not swept or not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'audit_log' "
                                    "AND schema_name = 'main'").fetchall()[0][0]:
        return 0
    for gone in swept:
        detail = json.dumps({"what": "interrupted write", "size_bytes": gone.size,
                             "modified_at": gone.modified.isoformat(sep=" ")})
        con.execute("INSERT INTO audit_log SELECT coalesce(max(audit_id), 0) + 1, ?, 'system', NULL, "
                    "'interrupted_write', ?, 'failed', ? FROM audit_log", [gone.found, gone.name, detail])
    return len(swept)


def as_message(exc: BaseException, db_path: Path) -> LoaderError | None:
    """A full disk or a denied write as a message (None for anything else)."""
    code = getattr(exc, "errno", None)
    text = str(exc)
    if code in _FULL or (isinstance(exc, duckdb.Error) and ("No space left" in text or "Disk quota" in text)):
        size = db_path.stat().st_size if db_path.exists() else 0
        return LoaderError("disk_full", need_mb=max(1, 2 * size // 2**20))
    if code in _DENIED or (isinstance(exc, duckdb.Error) and ("Permission denied" in text or "Read-only file" in text)):
        return LoaderError("no_permission")
    return None
