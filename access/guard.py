"""The guard store: sign-in attempts and refused requests that changed nothing, kept in a small
SQLite file beside the database (``<db>.guard.sqlite``), never in the database itself.

Why a separate file: every write to the DuckDB file copies, fsyncs and renames the whole file
and makes every session reload its data, so an anonymous stranger must not be able to cause one.
SQLite appends a row in place, and ``BEGIN IMMEDIATE`` makes "count, decide, record" one atomic
step across threads and processes (several app replicas share the file).

Sign-in limits (stated in the README): an attempt is recorded as ``pending`` - counted as a
failure - *before* the password is checked, so 30 concurrent guesses see each other. Failures
are counted over ``WINDOW`` per (e-mail, client address), per client address and per e-mail.
Each counter allows some free failures, then every further password check must wait a delay that
doubles with each failure (``BASE_DELAY`` … ``MAX_DELAY``); nothing is ever locked for good.
The per-e-mail counter does not apply from an address the account has signed in from before
(within ``TRUSTED_FOR``): a stranger guessing an administrator's password elsewhere delays
himself and new addresses, not the administrator at the desk she uses.

Size: rows older than ``KEEP`` are deleted on every write; refusals that are only rate-limited are
recorded at most ``MAX_QUIET`` times per address and window; every text field is truncated.
"""
from __future__ import annotations

import logging
import math
import sqlite3
from contextlib import closing, contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from loaders.messages import LoaderError

FREE_PAIR = 3              # failures for one e-mail from one address before delays start
FREE_ADDRESS = 20          # failures from one address, any e-mail
FREE_EMAIL = 10            # failures for one e-mail from addresses it never signed in from
BASE_DELAY = 2.0           # seconds, doubled for each further failure
MAX_DELAY = 15 * 60.0
WINDOW = timedelta(minutes=30)
TRUSTED_FOR = timedelta(days=30)
KEEP = timedelta(days=90)
MAX_QUIET = 20             # rate-limited refusals recorded per address per window
MAX_FIELD = 200
FAILED = ("pending", "failed")
_LOG = logging.getLogger("ndp.guard")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempt (
    id INTEGER PRIMARY KEY, at REAL NOT NULL, email TEXT NOT NULL, address TEXT NOT NULL,
    result TEXT NOT NULL);  -- pending (counted as a failure), failed, ok, delayed
CREATE INDEX IF NOT EXISTS attempt_email ON attempt (email, at);
CREATE INDEX IF NOT EXISTS attempt_address ON attempt (address, at);
CREATE TABLE IF NOT EXISTS refusal (
    id INTEGER PRIMARY KEY, at REAL NOT NULL, actor TEXT NOT NULL, address TEXT NOT NULL,
    action TEXT NOT NULL, target TEXT, detail TEXT);
CREATE INDEX IF NOT EXISTS refusal_address ON refusal (address, at);
CREATE TABLE IF NOT EXISTS sign_out (email TEXT PRIMARY KEY, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS quota (who TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS quota_who ON quota (who, at);
"""


class Delayed(Exception):
    def __init__(self, seconds: int):
        super().__init__(f"wait {seconds} s")
        self.seconds = seconds


def store_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".guard.sqlite")


@contextmanager
def _store(db_path: Path | str):
    """One immediate (write-locked) transaction on the guard store. A store that cannot be opened
    or written (a read-only folder) is ``no_permission``: a sign-in that cannot be counted is not
    checked."""
    try:
        con = sqlite3.connect(store_path(db_path), timeout=30, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.executescript(_SCHEMA)
    except sqlite3.OperationalError as exc:
        raise LoaderError("no_permission") from exc
    with closing(con):
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def _cut(text: object) -> str:
    return str(text or "")[:MAX_FIELD]


# The three counters (limits per e-mail and address, per address, per e-mail from untrusted
# addresses): each a whole statement, so no SQL is put together from pieces.
_COUNTERS = {
    "pair": "SELECT count(*), max(at) FROM attempt WHERE email = ? AND address = ? AND result IN (?, ?) AND at >= ?",
    "address": "SELECT count(*), max(at) FROM attempt WHERE address = ? AND result IN (?, ?) AND at >= ?",
    "email": "SELECT count(*), max(at) FROM attempt WHERE email = ? AND address NOT IN (SELECT address FROM attempt "
             "WHERE email = ? AND result = 'ok' AND at >= ?) AND result IN (?, ?) AND at >= ?",
}


def _one(con, sql: str, params: list) -> tuple | None:
    """The first row of ``sql``, the result read to its end (one place, like store.db.one)."""
    rows = con.execute(sql, params).fetchall()
    return rows[0] if rows else None


def _wait(con, counter: str, params: list, free: int, now: float) -> float:
    """Seconds still to wait under one counter (0: a password check may go ahead)."""
    n, last = _one(con, _COUNTERS[counter], [*params, *FAILED, now - WINDOW.total_seconds()])
    if n < free:
        return 0.0
    return max(0.0, last + min(BASE_DELAY * 2 ** (n - free), MAX_DELAY) - now)


def begin_attempt(db_path: Path | str, email: str, address: str, now: datetime) -> int:
    """Record a sign-in attempt as pending (a failure until ``finish_attempt`` says otherwise) and
    return its id, or raise ``Delayed`` (recorded too) when a counter says wait."""
    email, address, at = _cut(email), _cut(address) or "-", now.timestamp()
    with _store(db_path) as con:
        con.execute("DELETE FROM attempt WHERE at < ?", [at - KEEP.total_seconds()])
        con.execute("DELETE FROM refusal WHERE at < ?", [at - KEEP.total_seconds()])
        trusted = _one(con, "SELECT count(*) FROM attempt WHERE email = ? AND address = ? AND result = 'ok' "
                              "AND at >= ?", [email, address, at - TRUSTED_FOR.total_seconds()])[0]
        waits = [_wait(con, "pair", [email, address], FREE_PAIR, at),
                 _wait(con, "address", [address], FREE_ADDRESS, at)]
        if not trusted:
            waits.append(_wait(con, "email", [email, email, at - TRUSTED_FOR.total_seconds()], FREE_EMAIL, at))
        wait = max(waits)
        if wait > 0:
            quiet = _one(con, "SELECT count(*) FROM attempt WHERE address = ? AND result = 'delayed' AND at >= ?",
                                [address, at - WINDOW.total_seconds()])[0]
            if quiet < MAX_QUIET:
                con.execute("INSERT INTO attempt (at, email, address, result) VALUES (?, ?, ?, 'delayed')",
                            [at, email, address])
        else:
            attempt_id = _one(con, "INSERT INTO attempt (at, email, address, result) VALUES (?, ?, ?, 'pending') "
                                     "RETURNING id", [at, email, address])[0]
    if wait > 0:
        raise Delayed(math.ceil(wait))
    return attempt_id


def finish_attempt(db_path: Path | str, attempt_id: int, ok: bool) -> None:
    with _store(db_path) as con:
        con.execute("UPDATE attempt SET result = ? WHERE id = ?", ["ok" if ok else "failed", attempt_id])


def record_refusal(db_path: Path | str, actor: str, address: str, action: str, target: str | None,
                   detail: str | None, now: datetime | None = None) -> bool:
    """Record a refused request that changed nothing (a forged submit, /admin as anonymous).
    At most ``MAX_QUIET`` per address per window; returns whether it was recorded. Never raises:
    failing to note a refusal must not turn it into another error."""
    try:
        return _record_refusal(db_path, actor, address, action, target, detail, now)
    except (LoaderError, sqlite3.Error) as exc:
        _LOG.warning("refusal not recorded: %s", exc)
        return False


def _record_refusal(db_path, actor, address, action, target, detail, now) -> bool:
    at = (now or datetime.now()).timestamp()
    address = _cut(address) or "-"
    with _store(db_path) as con:
        con.execute("DELETE FROM refusal WHERE at < ?", [at - KEEP.total_seconds()])
        recent = _one(con, "SELECT count(*) FROM refusal WHERE address = ? AND at >= ?",
                             [address, at - WINDOW.total_seconds()])[0]
        if recent >= MAX_QUIET:
            return False
        con.execute("INSERT INTO refusal (at, actor, address, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)",
                    [at, _cut(actor), address, _cut(action), _cut(target), _cut(detail)])
    return True


def events(db_path: Path | str, since: datetime | None = None) -> list[tuple]:
    """Sign-ins and recorded refusals as audit rows: (occurred_at, actor, action, target, result, detail)."""
    if not store_path(db_path).exists():
        return []
    at = (since or datetime.min.replace(year=1971)).timestamp()
    with _store(db_path) as con:
        rows = con.execute(
            "SELECT at, email, 'sign_in', email, CASE result WHEN 'ok' THEN 'ok' ELSE 'refused' END, "
            "CASE result WHEN 'ok' THEN 'signed in' WHEN 'delayed' THEN 'delayed: too many failures' "
            "ELSE 'bad credentials' END || ' from ' || address FROM attempt WHERE at >= ? "
            "UNION ALL SELECT at, actor, action, target, 'refused', coalesce(detail, '') || ' from ' || address "
            "FROM refusal WHERE at >= ? ORDER BY 1 DESC", [at, at]).fetchall()
    return [(datetime.fromtimestamp(r[0]), *r[1:]) for r in rows]


def last_sign_ins(db_path: Path | str) -> dict[str, datetime]:
    if not store_path(db_path).exists():
        return {}
    with _store(db_path) as con:
        rows = con.execute("SELECT email, max(at) FROM attempt WHERE result = 'ok' GROUP BY email").fetchall()
    return {email: datetime.fromtimestamp(at).replace(microsecond=0) for email, at in rows}


def record_sign_out(db_path: Path | str, email: str, now: datetime | None = None) -> None:
    """Sign-in tokens issued to ``email`` before now are no longer honoured."""
    with _store(db_path) as con:
        con.execute("INSERT INTO sign_out VALUES (?, ?) ON CONFLICT (email) DO UPDATE SET at = excluded.at",
                    [_cut(email), (now or datetime.now()).timestamp()])


def signed_out_at(db_path: Path | str, email: str) -> datetime | None:
    if not store_path(db_path).exists():
        return None
    with _store(db_path) as con:
        row = _one(con, "SELECT at FROM sign_out WHERE email = ?", [_cut(email)])
    return datetime.fromtimestamp(row[0]) if row else None


def within_quota(db_path: Path | str, who: str, now: datetime | None = None) -> bool:
    """True (and counted) for the first ``MAX_QUIET`` refusals of ``who`` in a window: beyond that a
    refusal is not written anywhere, so nobody can grow the audit trail without bound."""
    at = (now or datetime.now()).timestamp()
    try:
        return _within_quota(db_path, _cut(who), at)
    except (LoaderError, sqlite3.Error) as exc:
        _LOG.warning("refusal quota not counted: %s", exc)
        return True


def _within_quota(db_path, who: str, at: float) -> bool:
    with _store(db_path) as con:
        con.execute("DELETE FROM quota WHERE at < ?", [at - WINDOW.total_seconds()])
        n = _one(con, "SELECT count(*) FROM quota WHERE who = ?", [who])[0]
        if n >= MAX_QUIET:
            return False
        con.execute("INSERT INTO quota VALUES (?, ?)", [who, at])
    return True
