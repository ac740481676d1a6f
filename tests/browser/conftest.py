"""A real server (``streamlit run app.py`` on a free port, on a private copy of the database) and
Debian's Chromium driven by Playwright. Every wait is on a condition, never a fixed sleep."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass
class Server:
    url: str
    db: Path
    proc: subprocess.Popen


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


def start_server(db: Path, log: Path) -> Server:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "NDP_DB": str(db)}, stdout=log.open("w"), stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", db, proc)
    wait_healthy(server.url, proc)
    return server


@pytest.fixture(scope="session")
def server(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    db = folder / "ndp.duckdb"
    shutil.copyfile(built_db, db)
    srv = start_server(db, folder / "streamlit.log")
    yield srv
    srv.proc.terminate()
    srv.proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="vi-VN")
    pg = context.new_page()
    yield pg
    context.close()
