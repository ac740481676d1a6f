"""The load test's sessions: what one person's tab does (the visit, timed view by view), how it
comes back when its replica goes away, and N of them at once from addresses of their own
(bench/load.py runs them against the servers; bench/view_cpu.py and bench/profile_views.py too)."""
from __future__ import annotations

import asyncio
import random
import time
from collections import defaultdict

import websockets

from bench.protocol import Session

VISIT = ["overview", "catalogue", "provinces", "ministries", "ministries+filter", "progress", "overview+lang"]
PAGES = {"overview": "", "catalogue": "catalogue", "provinces": "provinces", "ministries": "ministries",
         "progress": "shared_platforms"}
LANG_LABEL = {"vi": "Tiếng Việt", "en": "English"}
FILTER = "ministry_pick"   # the sidebar filter's widget key (pages/ministry_filter.py)
# measured servers do not watch their source files (an edit elsewhere must not reload them mid-run)
SERVER_ARGS = ("--server.fileWatcherType", "none", "--server.runOnSave", "false")


class Stats:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.views = 0
        self.failover = False              # a lost connection is a replica going away: recover
        self.recoveries: list[float] = []  # seconds from the lost connection to the same view again

    def add(self, page: str, seconds: float) -> None:
        self.times[page].append(seconds)
        self.views += 1

    def all_times(self) -> list[float]:
        return [s for values in self.times.values() for s in values]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def app_visit(session: Session, stats: Stats, rng: random.Random, until: float) -> None:
    """One NDP Tracker session: the visit in ``VISIT`` order, again and again, until ``until``."""
    language = "vi"
    while True:
        for step in VISIT:
            if until is not None and time.monotonic() >= until:
                return
            page = PAGES[step.split("+")[0]]
            if step == "ministries+filter":
                chosen = session.option(FILTER, rng.choice) if FILTER in session.widgets else None
                session.set(FILTER, [chosen] if chosen else [])
            elif step == "overview+lang" and "lang" in session.widgets:
                language = "en" if language == "vi" else "vi"
                session.set("lang", [LANG_LABEL[language]])
            await timed(session, stats, step, page)
            if step == "ministries+filter":
                session.set(FILTER, [])   # the next visit starts unfiltered
        if until is None:   # one visit
            return


async def hello_visit(session: Session, stats: Stats, rng: random.Random, until: float) -> None:
    choice = "all"
    await timed(session, stats, "hello", "")
    while until is not None and time.monotonic() < until:
        choice = "one" if choice == "all" else "all"
        session.set("pick", choice)
        await timed(session, stats, "hello", "")


async def timed(session: Session, stats: Stats, step: str, page: str) -> None:
    try:
        stats.add(step, await session.view(page))
    except (websockets.ConnectionClosed, ConnectionError) as exc:
        if not stats.failover:
            stats.errors.append(f"{step}: {type(exc).__name__}: {exc}"[:300])
        await session.close()
        if stats.failover:
            await recover(session, stats)
    except Exception as exc:  # noqa: BLE001 - a view that failed in any way is an error, counted
        stats.errors.append(f"{step}: {type(exc).__name__}: {exc}"[:300])
        await session.close()   # a browser reconnects after an error; so does this client


RECOVERY_SECONDS = 10


async def recover(session: Session, stats: Stats) -> None:
    """What a browser does when its replica goes away: reconnect (through the balancer, to
    another replica) and rerun the page it shows with the URL it has. The new server session
    knows nothing but that URL, so this checks that the view lives in it: the last view that
    finished comes back with the same page title (page and language) and the same query (the
    ministry filter), within ``RECOVERY_SECONDS``. The view the kill interrupted is not retried."""
    started = time.monotonic()
    if session.done_page is not None:   # back to the last view that finished, with its URL
        session.page, session.query = session.done_page, dict(session.done_query)
    title, query = session.title, dict(session.query)
    session.widgets, session.values = {}, {}
    last = None
    while time.monotonic() - started < RECOVERY_SECONDS:
        try:
            await session.view()
        except Exception as exc:  # noqa: BLE001 - the balancer may not have noticed yet: retry
            last = exc
            await session.close()
            await asyncio.sleep(0.2)
            continue
        if title and (session.title != title or session.query != query):
            stats.errors.append(f"failover: back on another view ({session.title!r} {session.query} "
                                f"instead of {title!r} {query})"[:300])
        stats.recoveries.append(time.monotonic() - started)
        return
    stats.errors.append(f"failover: not back within {RECOVERY_SECONDS} s ({type(last).__name__}: {last})"[:300])


def source_address(i: int) -> str:
    """The loopback address session ``i`` connects from (Linux routes all of 127.0.0.0/8 to lo)."""
    return f"127.0.{2 + i // 250}.{2 + i % 250}"


async def run_sessions(url: str, n: int, seconds: float | None, visit, seed: int = 0,
                       during=None, affinity: bool = False, failover: bool = False) -> tuple[Stats, float]:
    """``n`` sessions doing ``visit`` for ``seconds`` (None: one visit each); (stats, wall seconds).
    ``during(sessions)``: a coroutine run beside them (a replica killed, writes)."""
    stats = Stats()
    stats.failover = failover
    until = None if seconds is None else time.monotonic() + seconds
    # each session from an address of its own on the loopback network (127.0.0.2 ...), as fifty
    # people come from fifty: the server's per-address message limit (access/wire.py) is for one
    # person's tabs, not for everyone at once
    sessions = [Session(url, affinity=affinity, source=source_address(i)) for i in range(n)]

    async def one(i: int) -> None:
        await asyncio.sleep(i * 0.02)   # browsers do not all open in the same millisecond
        try:
            await visit(sessions[i], stats, random.Random(seed * 1000 + i), until)
        finally:
            await sessions[i].close()

    started = time.monotonic()
    beside = asyncio.create_task(during(sessions)) if during is not None else None
    await asyncio.gather(*(one(i) for i in range(n)))
    wall = time.monotonic() - started
    if beside is not None:
        await beside
    return stats, wall
