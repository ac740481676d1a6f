"""The one module that opens DuckDB connections, and the three query helpers everyone uses.

DuckDB 2.0 keeps a statement's result open until a fetch returns no rows: after
``con.execute(q).fetchone()`` on a one-row result the connection is still busy, and the next
statement on it raises ``ResourceInUseException ... unfinished result from execute()``. The
helpers here always read the whole result, so no caller can leave one open:

- ``one(con, sql, params)``   -> the first row as a tuple, or None
- ``value(con, sql, params)`` -> the first column of the first row, or ``default``
- ``rows(con, sql, params)``  -> every row, as a list of tuples

(``.df()``, ``.fetchall()`` and ``insert_into`` consume their results too.) tests/test_hygiene.py
forbids ``.fetchone()`` and ``duckdb.connect(`` anywhere else in product code.

Connections: ``read_only(path)`` (a closed one is the caller's job; ``reading(path)`` closes it),
``memory()`` (an in-memory database), and ``writable(path)``: every write goes to a private copy
of the database file that atomically replaces the original when the block has committed, so

- a reader (the running app) is never blocked and keeps the old data until it reopens;
- a writer killed at any moment leaves the original file untouched;
- writers queue on a lock file beside the database.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import threading
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import duckdb

from loaders.messages import LoaderError

from . import tempfiles

Params = Sequence[Any] | dict[str, Any] | None
# The names the rest of the product uses for DuckDB's types: only store/ imports duckdb
# (tests/test_layers.py), so a connection is typed ``Connection`` and its errors caught by these.
Connection = duckdb.DuckDBPyConnection
DatabaseError = duckdb.Error
CatalogError = duckdb.CatalogException


# --- queries ------------------------------------------------------------------------------
def rows(con: duckdb.DuckDBPyConnection, sql: str, params: Params = None) -> list[tuple]:
    """Every row of ``sql`` (the result is consumed)."""
    return con.execute(sql, params).fetchall() if params is not None else con.execute(sql).fetchall()


def one(con: duckdb.DuckDBPyConnection, sql: str, params: Params = None) -> tuple | None:
    """The first row of ``sql``, or None (the result is consumed: write queries that return one row)."""
    found = rows(con, sql, params)
    return found[0] if found else None


def value(con: duckdb.DuckDBPyConnection, sql: str, params: Params = None, default: Any = None) -> Any:
    """The first column of the first row of ``sql``, or ``default`` when there is no row."""
    row = one(con, sql, params)
    return row[0] if row is not None else default


# --- connections --------------------------------------------------------------------------
def read_only(db_path: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to ``db_path``; a file that cannot be opened is a ``LoaderError``."""
    try:
        return duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        raise LoaderError("db_unavailable", path=str(db_path), detail=str(exc).splitlines()[0][:200]) from exc


@contextmanager
def reading(db_path: Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """``read_only(db_path)``, closed when the block exits."""
    con = read_only(db_path)
    try:
        yield con
    finally:
        con.close()


def read_with(db_path: Path | str, read, *args) -> Any:
    """``read(con, *args)`` on a read-only connection of its own, closed after (how the pages'
    data layer, pages/data.py, reads the file without opening a connection itself)."""
    with reading(db_path) as con:
        return read(con, *args)


def memory() -> duckdb.DuckDBPyConnection:
    """A private in-memory database."""
    return duckdb.connect()


# What every write runs inside. The app sets it to leave its script run's turn for the time of the
# write (pages/run_gate.py): waiting for the writers' lock (a CLI import may hold it for seconds),
# the file copy, the checkpoint and the fsync then hold no other visitor's view behind them.
_around_writes: Callable[[], AbstractContextManager] = nullcontext


def around_writes(hook: Callable[[], AbstractContextManager]) -> None:
    """Run every ``writable`` block inside ``hook()`` (a context manager factory)."""
    global _around_writes
    _around_writes = hook


@contextmanager
def _locked(db_path: Path) -> Iterator[None]:
    with open(db_path.with_name(db_path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def writable(db_path: Path | str, *, fresh: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a copy of ``db_path`` (an empty file if ``fresh``) that
    replaces ``db_path`` when the block exits without an exception. The copy is removed on every
    failure path and copies of dead writers are swept first (``tempfiles``), each one recorded in
    the audit trail by a write of its own (kept whatever becomes of this one); a full disk or a
    denied write becomes a message."""
    db_path = Path(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with _around_writes(), _locked(db_path):
            swept = tempfiles.sweep(db_path)
            if swept and not fresh and db_path.exists():
                with _replacing(db_path, fresh=False) as con:
                    tempfiles.record_swept(con, swept)
            with _replacing(db_path, fresh=fresh) as con:
                yield con
    except (OSError, duckdb.Error) as exc:
        message = tempfiles.as_message(exc, db_path)
        if message is None:
            raise
        raise message from exc


@contextmanager
def _replacing(db_path: Path, *, fresh: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    """``writable``'s copy, its connection and the replace (the caller holds the writers' lock)."""
    tmp = tempfiles.temp_path(db_path)
    tempfiles.remove(tmp)
    try:
        if not fresh and db_path.exists():
            shutil.copyfile(db_path, tmp)
            wal = db_path.with_name(db_path.name + ".wal")
            if wal.exists():  # someone opened the original read-write (DuckDB CLI): keep their data
                shutil.copyfile(wal, tmp.with_name(tmp.name + ".wal"))
        con = _connect_for_writing(tmp)
    except BaseException:
        tempfiles.remove(tmp)
        raise
    try:
        yield con
        con.execute("CHECKPOINT")
        con.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, db_path)
    except BaseException:
        con.close()
        tempfiles.remove(tmp)
        raise


class _Unused(Exception):
    """Ends a ``writable`` block opened ahead and never used: the copy is removed, nothing replaced."""


class WritableAhead:
    """``writable(db_path)`` entered in a thread of its own while the caller does other work (the
    CLI import parses the file meanwhile: the copy and its connection cost the time of two DuckDB
    openings and a file copy, ~0.05-0.1 s, while the parent only waits on the sandboxed child).
    ``use()`` is then ``writable(db_path)``: the same lock held from the copy to the replace, the
    same copy, the same commit or cleanup; an opening that failed raises its error there, where
    ``writable`` would have. ``close()`` ends a block never used (the copy removed, the original
    untouched, the lock released); it is a no-op after ``use()``."""

    def __init__(self, db_path: Path | str, *, fresh: bool = False):
        self._block = writable(db_path, fresh=fresh)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._error: BaseException | None = None
        self._done = False
        self._thread = threading.Thread(target=self._open, name="writable-ahead", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        try:
            self._con = self._block.__enter__()
        except BaseException as exc:  # raised again by use(), in the caller's thread
            self._error = exc

    @contextmanager
    def use(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self._thread.join()
        if self._done:
            raise RuntimeError("a writable block opened ahead is used once")
        self._done = True
        if self._error is not None:
            raise self._error
        try:
            yield self._con
        except BaseException as exc:
            if not self._block.__exit__(type(exc), exc, exc.__traceback__):
                raise
        else:
            self._block.__exit__(None, None, None)

    def close(self) -> None:
        self._thread.join()
        if self._done:
            return
        self._done = True
        if self._error is None:
            self._block.__exit__(_Unused, _Unused(), None)


# Row groups of this many rows: an append of at least one is written straight into the file,
# compressed, as the rows arrive (DuckDB's optimistic writes), instead of into the WAL and again at
# the checkpoint (a 50,000-row list: 0.13 s where the default 122,880 took 0.23 s). Only the last,
# partial group goes through the WAL. Reading is unaffected (row groups of any size are read alike).
WRITE_ROW_GROUP = 16_384


def _connect_for_writing(path: Path) -> duckdb.DuckDBPyConnection:
    con = memory()
    try:
        con.execute("ATTACH $path AS db (ROW_GROUP_SIZE $rows)", {"path": str(path), "rows": WRITE_ROW_GROUP})
        con.execute("USE db")
    except BaseException:
        con.close()
        raise
    return con
