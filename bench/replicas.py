"""The replica part of bench/load.py: the app as N processes behind HAProxy (deploy/replicas.py),
measured against the one-process hello page of the same run; optionally one replica killed
mid-run while a writer keeps registering lists, to check failover and that no write is lost."""
from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import duckdb

from bench.load import RssWatch, print_run, server_errors, summary
from bench.serve import ROOT
from bench.sessions import SERVER_ARGS, app_visit, run_sessions
from deploy.replicas import ReplicaSet, free_ports


def register(db: Path, list_id: str) -> bool:
    """One write through the same path an import takes (the lock file, a new database version)."""
    done = subprocess.run([sys.executable, "-m", "actions", "register", list_id, "--kind", "national",
                           "--title", f"Danh sách thử tải {list_id} (dữ liệu tổng hợp)", "--date", "2025-01-01",
                           "--db", str(db)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    return done.returncode == 0


def registered(db: Path, prefix: str) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT list_id FROM platform_list WHERE list_id LIKE ?", [prefix + "%"]).fetchall()
    finally:
        con.close()
    return {r[0] for r in rows}


async def measure_replicas(args, db: Path, tmp: Path, hello: dict, run: int) -> dict:
    port, *ports = free_ports(args.replicas + 1)
    replicas = ReplicaSet(port, ports, tmp / f"replicas{run}", SERVER_ARGS, {"NDP_DB": str(db)})
    replicas.workdir.mkdir(exist_ok=True)
    written: list[str] = []
    failed: list[str] = []   # a write the CLI refused: counted as an error
    killed: dict = {}
    prefix = f"load-{run}-"

    async def kill_and_write(sessions) -> None:
        if args.kill_replica_at is None:
            return
        await asyncio.sleep(args.kill_replica_at)
        killed["at_s"] = args.kill_replica_at
        killed["sessions_on_it"] = sum(1 for s in sessions if s.cookie == "ndp_replica=r1")
        replicas.kill(0)
        for i in range(args.writes):   # writes while the balancer moves the killed replica's sessions
            list_id = f"{prefix}{i}"
            if await asyncio.to_thread(register, db, list_id):
                written.append(list_id)
            else:
                failed.append(list_id)
            await asyncio.sleep(0.5)

    try:
        replicas.start()
        for p in ports:   # one warm-up visit per replica, as the one-process run had
            await run_sessions(f"http://127.0.0.1:{p}", 1, None, app_visit)
        watches = [RssWatch(pid) for pid in replicas.pids()]
        for w in watches:
            w.start()
        stats, wall = await run_sessions(replicas.url, args.sessions, args.seconds, app_visit, seed=run,
                                         during=kill_and_write, affinity=True,
                                         failover=args.kill_replica_at is not None)
        for w in watches:
            await w.stop()
        result = summary(stats, wall)
        result.update({"replicas": args.replicas, "rss_peak_mb_sum": sum(w.peak for w in watches) >> 20,
                       "p95_ratio": round(result["p95"] / hello["p95"], 2),
                       "views_ratio": round(result["views_per_s"] / hello["views_per_s"], 2)})
        if args.kill_replica_at is not None:
            kept = registered(db, prefix)
            result["failover"] = {**killed, "recovered": len(stats.recoveries),
                                  "recovery_max_s": round(max(stats.recoveries), 2) if stats.recoveries else None,
                                  "writes": len(written), "writes_failed": len(failed),
                                  "writes_lost": len(set(written) - kept)}
            result["errors"] += result["failover"]["writes_lost"] + len(failed)
    finally:
        replicas.stop()
    logged = [e for log in sorted(replicas.workdir.glob("replica*.log")) for e in server_errors(log)]
    result["server_errors"] = logged
    result["errors"] += len(logged)
    print_run(f"run {run + 1} app ({args.replicas} replicas behind HAProxy)", result)
    print(f"  p95 ratio {result['p95_ratio']} (against the one-process hello), views/s ratio {result['views_ratio']}")
    if "failover" in result:
        print(f"  failover: {result['failover']}")
    return result
