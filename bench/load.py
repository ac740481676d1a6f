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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.serve import ROOT, Server, start_server  # noqa: E402
from bench.sessions import SERVER_ARGS, Stats, app_visit, hello_visit, pct, run_sessions  # noqa: E402


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
