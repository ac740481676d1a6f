"""CPU a view costs: the server process's and this load client's, per view, for the hello page
and NDP Tracker, each measured alone under the same load (bench/load.py's sessions and visit).

    python bench/view_cpu.py [--sessions 50] [--seconds 15]

Each server is started, warmed (one visit, then 5 s of the load), then its process CPU time
(user + system, ``psutil``) and this process's (the client: websockets and protobuf decoding)
are read around ``--seconds`` of load and divided by the views served. Loopback only; run it under
``flock /tmp/ndp-bench.lock`` like every benchmark. Prints one line per page and, last, a JSON object.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load import build_db  # noqa: E402
from bench.serve import ROOT, start_server  # noqa: E402
from bench.sessions import SERVER_ARGS, app_visit, hello_visit, run_sessions  # noqa: E402


def measure(name: str, script: Path, db: Path | None, visit, tmp: Path, sessions: int, seconds: float) -> dict:
    server = start_server(script, db, tmp / f"{name}.log", SERVER_ARGS)
    try:
        asyncio.run(run_sessions(server.url, 1, None, visit))
        asyncio.run(run_sessions(server.url, sessions, 5, visit))
        proc = psutil.Process(server.proc.pid)
        before, mine = proc.cpu_times(), time.process_time()
        stats, wall = asyncio.run(run_sessions(server.url, sessions, seconds, visit))
        after, mine = proc.cpu_times(), time.process_time() - mine
    finally:
        server.stop()
    views = max(stats.views, 1)
    server_s = after.user + after.system - before.user - before.system
    return {"views": stats.views, "views_per_s": round(stats.views / wall, 1), "errors": len(stats.errors),
            "server_ms_per_view": round(1000 * server_s / views, 2), "client_ms_per_view": round(1000 * mine / views, 2)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args(argv)
    args.sessions, args.seconds = max(1, min(args.sessions, 200)), max(1.0, min(args.seconds, 120.0))
    tmp = Path(tempfile.mkdtemp(prefix="ndp-cpu-"))
    try:
        db = build_db(tmp)
        result = {"hello": measure("hello", ROOT / "bench" / "hello_app.py", None, hello_visit, tmp, args.sessions, args.seconds),
                  "app": measure("app", ROOT / "server.py", db, app_visit, tmp, args.sessions, args.seconds)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for name, row in result.items():
        print(f"{name}: {row['views']} views, {row['views_per_s']}/s; server {row['server_ms_per_view']} ms a view, "
              f"client {row['client_ms_per_view']} ms a view; errors {row['errors']}")
    result["server_ratio"] = round(result["app"]["server_ms_per_view"] / result["hello"]["server_ms_per_view"], 2)
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
