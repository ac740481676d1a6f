"""A real server survives a hostile upload: a signed-in editor uploads the 5 KB workbook whose
stray cell at XFD150000 used to abort the whole process; the page says what is wrong, the editor
is still signed in after a reload, and another session is served normally."""
from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from access.users import NewUser
from tests.hostile.hostile import ROOT, list_with_stray
from tests.hostile.server_journey import EDITOR
from tests.servers import server_fixture

SERVER_MB = 1_000          # the server's resident memory after the upload (README budget)

server = server_fixture("server", [(NewUser(EDITOR[0], "ministry_editor", body_code="MOF"), EDITOR[1])])


def rss_mb(pid: int) -> float:
    line = [x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS:")][0]
    return int(line.split()[1]) / 1024


def test_the_wide_sheet_is_refused_on_the_page_and_the_server_lives_on(server, tmp_path):
    """The browser runs in a process of its own (``server_journey.py``): Playwright's sync API
    allows one instance per process, and tests/browser keeps its own open for the whole session."""
    if not shutil.which("chromium"):
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    upload = tmp_path / "danh-sach.xlsx"
    upload.write_bytes(list_with_stray("XFD150000"))
    done = subprocess.run([sys.executable, "-m", "tests.hostile.server_journey", server.url, str(upload)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "journey done" in done.stdout
    assert server.proc.poll() is None                                   # the server process is alive
    assert rss_mb(server.proc.pid) < SERVER_MB
    with urllib.request.urlopen(server.url + "/_stcore/health", timeout=10) as answer:
        assert answer.status == 200
