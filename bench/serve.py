"""Start ``streamlit run`` on a free loopback port and wait until it answers (used by the browser
tests and the benchmarks)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass
class Server:
    url: str
    db: Path | None
    proc: subprocess.Popen

    def stop(self) -> None:
        """Ask it to stop; killed if it has not within 20 s (bounded: at most 30 s in all)."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)   # polling the health endpoint until it answers
    raise TimeoutError("streamlit did not become healthy")


def start_server(script: Path, db: Path | None, log: Path, extra: tuple[str, ...] = (), port: int | None = None,
                 root: Path = ROOT, env: dict[str, str] | None = None) -> Server:
    """``script`` served on ``port`` (a free one if None) with the database ``db`` (``NDP_DB``) and
    ``env`` over this process's environment, its output in ``log``; returned once healthy. A server
    that does not become healthy is stopped before the error is raised."""
    port = port or free_port()
    env = {**os.environ, **({"NDP_DB": str(db)} if db else {}), **(env or {})}
    with log.open("w") as out:   # the child keeps its own handle
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1",
             "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false", *extra],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", db, proc)
    try:
        wait_healthy(server.url, proc)
    except BaseException:
        server.stop()
        raise
    return server
