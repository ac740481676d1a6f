"""Load test: N concurrent sessions speaking Streamlit's websocket protocol (bench/protocol.py)
against NDP Tracker and, in the same run, against the hello page (bench/hello_app.py: one
selectbox, one graph_objects chart, Streamlit's floor).

    python bench/load.py [--sessions 50] [--seconds 60] [--after-minutes 5] [--repeat 1]
                         [--replicas 0] [--kill-replica-at 20]

Every session does a visit with no pause, over and over until ``--seconds`` have passed:
overview → catalogue → provinces → ministries → ministries with a ministry chosen in the sidebar
filter → progress → the language switched (vi ↔ en) on the overview. A hello session changes its
selectbox. A view is timed from the rerun request to ``script_finished``. Loopback only; every
server is started here on a free port and stopped at the end.

Prints p50/p95 per page, views per second, errors, the app server's RSS (at start, after one
warm-up visit = "before", peak under load, and ``--after-minutes`` after the sessions closed) and,
as its last line, one JSON object. With ``--replicas N`` the app also runs as N processes behind
HAProxy (bench/replicas.py) and is measured again; ``--kill-replica-at S`` kills one replica S
seconds into that run and checks that its sessions come back on their view.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import psutil
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.protocol import Session  # noqa: E402
from bench.serve import ROOT, Server, start_server  # noqa: E402

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


class RssWatch:
    """RSS of a server process (and its children), sampled every ``every`` seconds."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        self.proc, self.every, self.peak = psutil.Process(pid), every, 0
        self._task: asyncio.Task | None = None

    def now(self) -> int:
        procs = [self.proc, *self.proc.children(recursive=True)]
        return sum(p.memory_info().rss for p in procs if p.is_running())

    async def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, self.now())
            await asyncio.sleep(self.every)

    def start(self) -> None:
        self.peak = self.now()
        self._task = asyncio.create_task(self._sample())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


def summary(stats: Stats, wall: float) -> dict:
    pages = {page: {"n": len(v), "p50": round(pct(v, 0.5), 3), "p95": round(pct(v, 0.95), 3)}
             for page, v in stats.times.items()}
    every = stats.all_times()
    extra = {"recovered": len(stats.recoveries), "recovery_max_s": round(max(stats.recoveries), 2)
             } if stats.recoveries else {}
    return {**extra, "views": stats.views, "views_per_s": round(stats.views / wall, 2) if wall else 0.0,
            "p50": round(pct(every, 0.5), 3), "p95": round(pct(every, 0.95), 3), "errors": len(stats.errors),
            "error_samples": stats.errors[:5], "pages": pages}


def print_run(name: str, result: dict) -> None:
    print(f"\n{name}: {result['views']} views, {result['views_per_s']} views/s, p50 {result['p50']} s, "
          f"p95 {result['p95']} s, errors {result['errors']}")
    for page, row in result["pages"].items():
        print(f"  {page:<20} n={row['n']:<5} p50 {row['p50']:.3f} s  p95 {row['p95']:.3f} s")
    for sample in result["error_samples"]:
        print("  error:", sample)


def server_errors(log: Path) -> list[str]:
    """Errors the app logged (its JSON log lines at level ERROR; bench/replicas.py adds its own)."""
    found = []
    for line in log.read_text(errors="replace").splitlines() if log.exists() else []:
        if line.startswith("{") and '"level": "ERROR"' in line:
            found.append(line[:300])
    return found


def build_db(tmp: Path) -> Path:
    db = tmp / "ndp.duckdb"
    subprocess.run([sys.executable, "-m", "actions", "build", "--db", str(db)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return db


async def measure(args: argparse.Namespace, tmp: Path) -> dict:
    db = build_db(tmp)
    hello = start_server(ROOT / "bench" / "hello_app.py", None, tmp / "hello.log", SERVER_ARGS)
    app = start_server(ROOT / "server.py", db, tmp / "app.log", SERVER_ARGS)
    servers: list[Server] = [hello, app]
    result: dict = {"sessions": args.sessions, "seconds": args.seconds, "runs": []}
    try:
        watch = RssWatch(app.proc.pid)
        rss_start = watch.now()
        warm = await run_sessions(app.url, 1, None, app_visit)   # one whole visit: imports, snapshot read
        await run_sessions(hello.url, 1, None, hello_visit)
        rss_before = watch.now()
        for r in range(args.repeat):
            h_stats, h_wall = await run_sessions(hello.url, args.sessions, args.seconds, hello_visit, seed=r)
            watch.start()
            a_stats, a_wall = await run_sessions(app.url, args.sessions, args.seconds, app_visit, seed=r)
            await watch.stop()
            run = {"hello": summary(h_stats, h_wall), "app": summary(a_stats, a_wall), "rss_peak_mb": watch.peak >> 20}
            run["p95_ratio"] = round(run["app"]["p95"] / run["hello"]["p95"], 2)
            run["views_ratio"] = round(run["app"]["views_per_s"] / run["hello"]["views_per_s"], 2)
            print_run(f"run {r + 1} hello", run["hello"])
            print_run(f"run {r + 1} app (one process)", run["app"])
            print(f"  p95 ratio {run['p95_ratio']}, views/s ratio {run['views_ratio']}, peak RSS {run['rss_peak_mb']} MB")
            if args.replicas:
                from bench.replicas import measure_replicas
                run["replicas"] = await measure_replicas(args, db, tmp, run["hello"], r)
            result["runs"].append(run)
        after = []
        deadline = time.monotonic() + args.after_minutes * 60
        while time.monotonic() < deadline:
            await asyncio.sleep(min(10, max(0.0, deadline - time.monotonic())))
            after.append(watch.now() >> 20)
        rss_after = watch.now()
        result.update({"warmup_errors": len(warm[0].errors), "rss_start_mb": rss_start >> 20,
                       "rss_before_mb": rss_before >> 20, "rss_after_mb": rss_after >> 20,
                       "after_minutes": args.after_minutes, "rss_after_samples_mb": after,
                       "rss_after_ratio": round(rss_after / rss_before, 2)})
        print(f"\napp RSS: start {rss_start >> 20} MB, before (after one warm-up visit) {rss_before >> 20} MB, "
              f"peak {max(r['rss_peak_mb'] for r in result['runs'])} MB, {args.after_minutes} min after "
              f"{rss_after >> 20} MB ({result['rss_after_ratio']}× before)")
    finally:
        for server in servers:
            server.stop()
    result["server_errors"] = server_errors(tmp / "app.log")
    runs = result["runs"]
    result["p95_ratio_median"] = statistics.median(r["p95_ratio"] for r in runs)
    result["views_ratio_median"] = statistics.median(r["views_ratio"] for r in runs)
    result["errors"] = (sum(r["app"]["errors"] + r["hello"]["errors"] + r.get("replicas", {}).get("errors", 0)
                            for r in runs) + result["warmup_errors"] + len(result["server_errors"]))
    return result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=50, help="concurrent sessions (1-200)")
    parser.add_argument("--seconds", type=float, default=60, help="seconds of load per run (1-600)")
    parser.add_argument("--after-minutes", type=float, default=5, help="RSS measured this long after the load (0-30)")
    parser.add_argument("--repeat", type=int, default=1, help="runs, hello then app each time (1-10)")
    parser.add_argument("--replicas", type=int, default=0, help="also measure N replicas behind HAProxy (0-8)")
    parser.add_argument("--kill-replica-at", type=float, default=None,
                        help="with --replicas: kill one replica this many seconds into the replica run")
    parser.add_argument("--writes", type=int, default=6,
                        help="with --kill-replica-at: lists registered right after the kill (each a new data version)")
    args = parser.parse_args(argv)
    limits = {"sessions": (1, 200), "seconds": (1, 600), "after_minutes": (0, 30), "repeat": (1, 10),
              "replicas": (0, 8), "writes": (0, 50)}
    for name, (low, high) in limits.items():
        if not low <= getattr(args, name) <= high:
            parser.error(f"--{name.replace('_', '-')} must be between {low} and {high}")
    tmp = Path(tempfile.mkdtemp(prefix="ndp-load-"))
    try:
        result = asyncio.run(measure(args, tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
