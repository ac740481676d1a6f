"""Serving many readers: the HAProxy configuration, the read-replica role, and a short run of the
load test (2 sessions, a few seconds: its JSON shape and no errors; never a timing assertion)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from deploy.replicas import COOKIE, HAPROXY, haproxy_config
from tests.apptest import ROOT


@pytest.mark.skipif(not os.path.exists(HAPROXY), reason="haproxy is installed by make serve")
def test_the_haproxy_configuration_is_valid_and_pins_a_browser_by_cookie(tmp_path):
    cfg = haproxy_config(8501, [9001, 9002, 9003])
    (tmp_path / "haproxy.cfg").write_text(cfg)
    checked = subprocess.run([HAPROXY, "-c", "-f", str(tmp_path / "haproxy.cfg")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"cookie {COOKIE} insert" in cfg and "option httpchk GET /_stcore/health" in cfg
    assert [line.split()[1] for line in cfg.splitlines() if line.strip().startswith("server ")] == ["r1", "r2", "r3"]


@pytest.mark.skipif(not os.path.exists(HAPROXY), reason="haproxy is installed by make serve")
def test_a_replica_behind_haproxy_sees_the_clients_address_never_one_the_client_chose(tmp_path):
    """Sign-in limits count by client address (pages/sign_in.client_address): behind the balancer
    a replica must get the address HAProxy saw, whatever X-Forwarded-For the client sent."""
    import http.server
    import threading
    import time
    import urllib.request

    from deploy.replicas import free_ports
    seen: list[str | None] = []

    class Replica(http.server.BaseHTTPRequestHandler):
        def do_GET(self):   # noqa: N802 - the http.server API
            if self.path == "/probe":
                seen.append(self.headers.get("X-Forwarded-For"))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    front, back = free_ports(2)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", back), Replica)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    (tmp_path / "haproxy.cfg").write_text(haproxy_config(front, [back]))
    proxy = subprocess.Popen([HAPROXY, "-db", "-f", str(tmp_path / "haproxy.cfg")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                for spoofed in (None, "10.9.0.0", "10.9.0.0, 203.0.113.7"):
                    request = urllib.request.Request(f"http://127.0.0.1:{front}/probe",
                                                     headers={"X-Forwarded-For": spoofed} if spoofed else {})
                    urllib.request.urlopen(request, timeout=5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "haproxy did not answer"
                seen.clear()
                time.sleep(0.2)
    finally:
        proxy.terminate()
        proxy.wait(5)
        server.shutdown()
    assert seen == ["127.0.0.1"] * 3


def test_a_read_replica_offers_no_writing_page(app, monkeypatch):
    """NDP_ROLE=reader (docs/deploy.md): Imports and Administration are not registered."""
    from tests.files import ADMIN
    monkeypatch.setenv("NDP_ROLE", "reader")
    at = app(user=ADMIN)
    with pytest.raises(Exception):   # noqa: B017, PT011 - AppTest refuses a page that is not registered
        at.switch_page("pages/imports.py").run()
    monkeypatch.setenv("NDP_ROLE", "writer")
    assert not app("pages/imports.py", user=ADMIN).exception


@pytest.mark.skipif(shutil.which("haproxy") is None and not os.path.exists(HAPROXY), reason="needs haproxy")
def test_a_short_load_run_with_a_replica_killed_prints_one_json_line_and_no_errors():
    env = {**os.environ, "NDP_UPKEEP_SECONDS": "1"}   # the upkeep rounds run (and log no error) during it
    done = subprocess.run([sys.executable, "bench/load.py", "--sessions", "2", "--seconds", "4", "--after-minutes", "0.05",
                           "--replicas", "2", "--kill-replica-at", "1", "--writes", "2"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=400)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == 0, result
    run = result["runs"][0]
    for side in ("hello", "app", "replicas"):
        assert run[side]["views"] > 0 and run[side]["errors"] == 0
        assert {"p50", "p95", "views_per_s", "pages"} <= set(run[side])
    assert set(run["app"]["pages"]) == {"overview", "catalogue", "provinces", "ministries", "ministries+filter",
                                        "progress", "overview+lang"} or run["app"]["views"] < 7
    failover = run["replicas"]["failover"]
    assert failover["writes"] == 2 and failover["writes_lost"] == 0
    assert failover["recovered"] == failover["sessions_on_it"]
    assert {"rss_start_mb", "rss_before_mb", "rss_after_mb", "p95_ratio_median", "views_ratio_median"} <= set(result)
