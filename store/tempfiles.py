"""The private copies a write works on (``<db>.tmp-PID`` and its ``.wal``): removed on every failure
path, swept when their writer is dead, and the operating system's refusals turned into messages
that say what to do (a full disk, a folder the service may not write)."""
from __future__ import annotations

import errno
import os
import re
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


def sweep(db_path: Path) -> list[Path]:
    """Remove the copies left by writers that died (kill -9, power loss); returns what went.
    Call it holding the writers' lock, so no live writer's copy is touched."""
    gone = []
    for path in db_path.parent.glob(f"{db_path.name}.tmp-*"):
        match = _PID.search(path.name)
        if match and not _alive(int(match.group(1))):
            try:
                path.unlink()
                gone.append(path)
            except OSError:
                pass
    return gone


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
