"""N Streamlit processes behind HAProxy on one machine: ``make serve REPLICAS=N``.

    python -m deploy.replicas --replicas 3 --port 8501 [--address 127.0.0.1]

HAProxy listens on ``--port`` and sends each browser to one replica for good: it sets a cookie
(``ndp_replica``) on the first response, and every later request of that browser — the websocket
and the HTTP requests beside it (file uploads, downloads, media) — goes to the same replica, which
is the only one that knows the session. A replica that stops answering ``/_stcore/health`` is
taken out within ~2 s; its browsers reconnect through HAProxy to another replica (the cookie is
re-issued) and, since every view lives in the URL, come back on the same view. This supervisor
restarts a replica that exits. All replicas read the same database file (``NDP_DB``) and follow a
new version of it; writers queue on its lock file (store/writer.py). Stop with Ctrl-C (SIGINT) or
SIGTERM: every process started here is stopped.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
COOKIE = "ndp_replica"


def haproxy_config(port: int, replica_ports: list[int], address: str = "127.0.0.1") -> str:
    """The HAProxy configuration: cookie affinity, health checks, websocket-friendly timeouts."""
    servers = "\n".join(f"    server r{i} 127.0.0.1:{p} check cookie r{i}" for i, p in enumerate(replica_ports, 1))
    return f"""# written by deploy/replicas.py
global
    maxconn 4096

defaults
    mode http
    option redispatch
    retries 2
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    # a websocket lives as long as its tab: keep idle tunnels (Streamlit pings them)
    timeout tunnel 1h
    timeout http-request 10s

frontend ndp
    bind {address}:{port}
    # the replicas see the browser's own address (uvicorn takes X-Forwarded-For from 127.0.0.1):
    # whatever a client wrote there itself is dropped, then the address HAProxy saw is added
    http-request del-header X-Forwarded-For
    option forwardfor
    default_backend streamlit

backend streamlit
    balance roundrobin
    # one cookie names the replica that holds the browser's session; re-issued on failover
    cookie {COOKIE} insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk GET /_stcore/health
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
{servers}
"""


def streamlit_command(port: int, extra: tuple[str, ...] = ()) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(ROOT / "server.py"), "--server.address", "127.0.0.1",
            "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false", *extra]


def free_ports(n: int) -> list[int]:
    import socket
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


@dataclass
class ReplicaSet:
    """The running replicas and HAProxy (also used by bench/load.py)."""
    port: int
    replica_ports: list[int]
    workdir: Path
    extra: tuple[str, ...] = ()
    env: dict = field(default_factory=dict)
    log_files: bool = True        # False: replicas and HAProxy write to this process's stdout/stderr
    replicas: list[subprocess.Popen] = field(default_factory=list)
    haproxy: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start_replica(self, i: int) -> subprocess.Popen:
        log = (self.workdir / f"replica{i + 1}.log").open("a") if self.log_files else None
        return subprocess.Popen(streamlit_command(self.replica_ports[i], self.extra), cwd=ROOT,
                                # behind HAProxy, which replaces any X-Forwarded-For with the
                                # address it saw: the wire limits and sign-in count per person
                                env={**os.environ, "NDP_TRUST_PROXY": "1", **self.env, "NDP_REPLICA": f"r{i + 1}"},
                                stdout=log,
                                stderr=subprocess.STDOUT if log else None)

    def start(self, address: str = "127.0.0.1", timeout: float = 90) -> None:
        from bench.serve import wait_healthy
        cfg = self.workdir / "haproxy.cfg"
        cfg.write_text(haproxy_config(self.port, self.replica_ports, address))
        self.replicas = [self.start_replica(i) for i in range(len(self.replica_ports))]
        try:
            for proc, p in zip(self.replicas, self.replica_ports):
                wait_healthy(f"http://127.0.0.1:{p}", proc, timeout)
            log = (self.workdir / "haproxy.log").open("w") if self.log_files else None
            self.haproxy = subprocess.Popen([HAPROXY, "-db", "-f", str(cfg)], stdout=log,
                                            stderr=subprocess.STDOUT if log else None)
            wait_healthy(self.url, self.haproxy, timeout)
        except BaseException:
            self.stop()
            raise

    def pids(self) -> list[int]:
        return [p.pid for p in self.replicas]

    def kill(self, i: int) -> None:
        """Kill replica ``i`` at once (SIGKILL: as a crash, no clean shutdown)."""
        self.replicas[i].kill()
        self.replicas[i].wait(10)

    def restart_exited(self) -> list[int]:
        restarted = []
        for i, proc in enumerate(self.replicas):
            if proc.poll() is not None:
                self.replicas[i] = self.start_replica(i)
                restarted.append(i)
        return restarted

    def stop(self) -> None:
        for proc in [*self.replicas, self.haproxy]:
            if proc is not None and proc.poll() is None:
                proc.terminate()
        for proc in [*self.replicas, self.haproxy]:
            if proc is not None:
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit processes (1-16)")
    parser.add_argument("--port", type=int, default=8501, help="the port HAProxy listens on")
    parser.add_argument("--address", default="127.0.0.1", help="the address HAProxy listens on")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= 16:
        parser.error("--replicas must be between 1 and 16")
    if not (shutil.which("haproxy") or os.path.exists(HAPROXY)):
        parser.error("HAProxy is not installed: run 'make serve' (it installs Debian's haproxy) "
                     "or 'apt-get install haproxy'")
    workdir = Path(tempfile.mkdtemp(prefix="ndp-serve-"))
    replicas = ReplicaSet(args.port, free_ports(args.replicas), workdir, log_files=False)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    try:
        replicas.start(args.address)
        print(f"NDP Tracker: {args.replicas} replicas behind HAProxy on http://{args.address}:{args.port}", flush=True)
        while not stopping:
            time.sleep(1)
            for i in replicas.restart_exited():
                print(f"replica {i + 1} exited; restarted", flush=True)
            if replicas.haproxy.poll() is not None:
                print("haproxy exited; stopping", file=sys.stderr, flush=True)
                break
    except KeyboardInterrupt:
        pass
    finally:
        replicas.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
