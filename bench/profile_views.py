"""Where a view's time goes, inside the server, and how many elements each page sends.

    python bench/profile_views.py [--sessions 5] [--seconds 20] [--top 40] [--script app.py]

Starts ``streamlit run`` on a loopback port under a profiler: every script run
(``ScriptRunner._run_script``, in each session's script thread) and the server's event loop
(the main thread: turning messages into bytes and sending them) are profiled with cProfile. Then
``--sessions`` protocol-level sessions (bench/protocol.py) do the load test's visit
(bench/load.py) for ``--seconds``. Prints the messages each page sends (one warm visit, by
element type), the script runs' profile and the event loop's, sorted by own and cumulative time.
Loopback only; the server is stopped at the end.
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def serve(script: str, port: str, out: str) -> None:
    """The server side (run as ``profile_views.py --serve SCRIPT PORT OUT``): streamlit with the
    script runs and the main thread profiled; both written to ``OUT.runs`` / ``OUT.loop`` on SIGUSR1."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    runs: list[cProfile.Profile] = []
    recording = [False]   # set by SIGUSR2: the warm-up visits are not profiled
    lock = threading.Lock()
    original = script_runner.ScriptRunner._run_script

    def profiled(self, rerun_data):
        prof = cProfile.Profile()
        prof.enable()
        try:
            return original(self, rerun_data)
        finally:
            prof.disable()
            with lock:
                if recording[0]:
                    runs.append(prof)

    script_runner.ScriptRunner._run_script = profiled
    loop = [cProfile.Profile()]

    def record(*_):
        with lock:
            recording[0] = True
        loop[0].disable()
        loop[0] = cProfile.Profile()
        loop[0].enable()

    def dump(*_):
        loop[0].disable()
        with lock:
            if runs:
                pstats.Stats(*runs).dump_stats(out + ".runs")
        loop[0].dump_stats(out + ".loop")
        Path(out + ".done").touch()

    signal.signal(signal.SIGUSR1, dump)   # streamlit handles SIGTERM itself
    signal.signal(signal.SIGUSR2, record)
    sys.argv = ["streamlit", "run", script, "--server.address", "127.0.0.1", "--server.port", port,
                "--server.headless", "true", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
    cli.main()


async def count_elements(url: str) -> dict[str, Counter]:
    """One warm visit; per step, the messages the server sent by kind (element type for deltas)."""
    from bench.protocol import Session, message_kind
    from bench.sessions import FILTER, LANG_LABEL, PAGES, VISIT

    session = Session(url)
    counts: dict[str, Counter] = {}
    await session.connect()
    recv = session.ws.recv
    current: list[Counter] = [Counter()]

    async def counting():
        data = await recv()
        current[0][message_kind(data)] += 1
        current[0]["bytes"] += len(data)
        return data

    session.ws.recv = counting
    for visit in range(2):   # the first visit warms the server; the second is counted
        language = "vi"
        for step in VISIT:
            page = PAGES[step.split("+")[0]]
            if step == "ministries+filter":
                session.set(FILTER, [session.option(FILTER, lambda o: o[0])])
            elif step == "overview+lang":
                language = "en" if language == "vi" else "vi"
                session.set("lang", [LANG_LABEL[language]])
            current[0] = Counter()
            await session.view(page)
            if visit:
                counts[step] = current[0]
            if step == "ministries+filter":
                session.set(FILTER, [])
    await session.close()
    return counts


def report(path: str, top: int, title: str) -> None:
    if not Path(path).exists():
        print(f"\n{title}: nothing recorded")
        return
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(path, stream=out).strip_dirs().sort_stats(order).print_stats(top)
        print(f"\n===== {title}, by {order} =====")
        print(out.getvalue())


def main(argv: list[str] | None = None) -> None:
    if argv is None and sys.argv[1:2] == ["--serve"]:
        serve(*sys.argv[2:5])
        return
    from bench.load import build_db
    from bench.serve import ROOT, free_port, wait_healthy
    from bench.sessions import app_visit, run_sessions

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--script", default="app.py", help="app.py or bench/hello_app.py")
    parser.add_argument("--warm", type=float, default=0, help="seconds of the same load before profiling")
    parser.add_argument("--keep", default=None, help="a folder to keep the profiles in (NAME.runs, NAME.loop)")
    args = parser.parse_args(argv)
    args.sessions = max(1, min(args.sessions, 50))
    args.seconds = max(1.0, min(args.seconds, 300.0))
    with tempfile.TemporaryDirectory() as tmp:
        db = build_db(Path(tmp))
        port = free_port()
        out = str(Path(tmp) / "profile")
        env = {**os.environ, "NDP_DB": str(db)}
        log = (Path(tmp) / "server.log").open("w")
        proc = subprocess.Popen([sys.executable, __file__, "--serve", str(ROOT / args.script), str(port), out],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc)
            hello = args.script != "app.py"
            if not hello:
                counts = asyncio.run(count_elements(url))
                print("messages per view (one warm visit), by kind:")
                for step, c in counts.items():
                    kinds = ", ".join(f"{k} {n}" for k, n in c.most_common() if k != "bytes")
                    print(f"  {step:<18} {sum(n for k, n in c.items() if k != 'bytes'):>3} messages, "
                          f"{c['bytes'] / 1024:.0f} KiB: {kinds}")
            from bench.sessions import hello_visit
            if args.warm:   # every session's first visit (and the filtered views) before the profile
                asyncio.run(run_sessions(url, args.sessions, args.warm, hello_visit if hello else app_visit))
            proc.send_signal(signal.SIGUSR2)
            stats, wall = asyncio.run(run_sessions(url, args.sessions, args.seconds,
                                                   hello_visit if hello else app_visit))
            print(f"\n{stats.views} views in {wall:.1f} s ({stats.views / wall:.1f}/s), errors {len(stats.errors)}")
        finally:
            proc.send_signal(signal.SIGUSR1)
            for _ in range(600):
                if Path(out + ".done").exists() or proc.poll() is not None:
                    break
                time.sleep(0.1)   # waiting for the server to write its profiles
            proc.terminate()
            proc.wait(timeout=60)
        if args.keep:
            Path(args.keep).mkdir(parents=True, exist_ok=True)
            for part in ("runs", "loop"):
                if Path(f"{out}.{part}").exists():
                    shutil.copy(f"{out}.{part}", Path(args.keep) / f"{Path(args.script).stem}.{part}")
        report(out + ".runs", args.top, "script runs")
        report(out + ".loop", args.top, "event loop (main thread)")


if __name__ == "__main__":
    main()
