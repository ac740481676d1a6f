"""Ingest speed against the baseline, in one run.

    python bench/ingest.py [--rows 50000] [--repeat 3]

Generates a list of ROWS platforms (10 Vietnamese text columns, clearly synthetic names), then
times, on the same file: a plain ``pandas.read_excel(engine="openpyxl")`` (the baseline), a bare
python-calamine read of the sheet into Python values (the floor: no import can read the file
faster than that) and our full import (``ingest_file``: read, clean, resolve bodies, write a
snapshot into a DuckDB file, with its audit row). Prints the best of ``--repeat`` runs of each and,
as the last line, a JSON object with ``ingest_speedup`` (baseline / ours) and ``floor_ratio``
(ours / floor; the goal is <= 2).

Also timed, and not part of the import: the first read of ``provincial_overlap`` after it (the
candidates are computed when read, here the shipped Nghệ An list against the 50,000 new central
names plus the 55 shared ones), the cost a reader pays once per import. Printed beside the
ratios: the CPU seconds of the floor and of our import (with its sandboxed child; a second
reading that moves less with the machine's load than wall time) and the load average.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402
import python_calamine  # noqa: E402
import xlsxwriter  # noqa: E402

from access.roles import cli_user  # noqa: E402
from actions.build import build  # noqa: E402
from actions.ingest import ingest_file  # noqa: E402

BODIES = ["Bộ Tài chính", "Bộ Công an", "Bộ Xây dựng", "Bộ Nội vụ", "Bộ Tư pháp", "BTC", "bo y te",
          "Bộ Giáo dục và Đào tạo", "Văn phòng Chính phủ", "Bộ Khoa học và Công nghệ"]
HEADER = ["STT", "Tên nền tảng", "Tên tiếng Anh", "Cơ quan chủ quản", "Trạng thái", "Lĩnh vực", "Ghi chú",
          "Nguồn", "Cơ sở tên gọi", "Tên trong nguồn"]


def make_list(path: Path, rows: int) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Danh sách")
    sheet.write_row(0, 0, HEADER)
    for i in range(1, rows + 1):
        sheet.write_row(i, 0, [
            i, f"Nền tảng số tổng hợp dữ liệu chuyên ngành thử nghiệm {i}", f"Synthetic platform {i}",
            BODIES[i % len(BODIES)], "đang sử dụng", "Quản lý nhà nước", f"Ghi chú dòng {i} (dữ liệu giả lập)",
            "bench/ingest.py (synthetic)", "verbatim", f"Tên gốc {i}"])
    book.close()


def cpu_seconds() -> float:
    """CPU time of this process and of its children waited for (the sandboxed reads)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def best_of(repeat: int, run, cpu: list | None = None) -> float:
    """The best wall time of ``repeat`` runs; ``cpu`` (if given) gets each run's CPU time."""
    times = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        run()
        times.append(time.perf_counter() - start)
        if cpu is not None:
            cpu.append(cpu_seconds() - start_cpu)
    return min(times)


def first_overlap_read(db: Path) -> float:
    con = duckdb.connect(str(db), read_only=True)
    try:
        start = time.perf_counter()
        con.execute("SELECT * FROM provincial_overlap").fetchall()
        return time.perf_counter() - start
    finally:
        con.close()


def calamine_read(path: Path) -> list[list]:
    """The floor: the sheet's cells as Python values, nothing else."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_index(0).to_python(skip_empty_area=False)


def measure(rows: int, repeat: int, cpu: dict | None = None) -> tuple[float, float, float, float]:
    """(baseline seconds, our seconds, seconds of the first overlap read after our import, floor
    seconds), best of ``repeat`` each; ``cpu`` (if given) gets the least CPU seconds of a run of
    the floor ("floor") and of our import ("ours", the waiting child it starts included)."""
    cpu_runs: dict[str, list] = {"floor": [], "ours": []}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        xlsx, base_db = tmp / "list.xlsx", tmp / "base.duckdb"
        make_list(xlsx, rows)
        build(base_db)
        baseline = best_of(repeat, lambda: pd.read_excel(xlsx, engine="openpyxl"))
        floor = best_of(repeat, lambda: calamine_read(xlsx), cpu_runs["floor"])
        runs, reads = [], []
        for _ in range(repeat):
            db = tmp / "run.duckdb"
            shutil.copyfile(base_db, db)
            start, start_cpu = time.perf_counter(), cpu_seconds()
            with xlsx.open("rb") as fh:
                outcome = ingest_file(fh, xlsx.name, db, "national-2024", strict=True, user=cli_user())
            runs.append(time.perf_counter() - start)
            cpu_runs["ours"].append(cpu_seconds() - start_cpu)
            assert outcome.rows_loaded == rows, outcome
            reads.append(first_overlap_read(db))
        if cpu is not None:
            cpu.update({k: min(v) for k, v in cpu_runs.items()})
        return baseline, min(runs), min(reads), floor


def ingest_speedup(rows: int = 50_000, repeat: int = 3) -> float:
    baseline, ours, _, _ = measure(rows, repeat)
    return round(baseline / ours, 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()
    cpu: dict = {}
    baseline, ours_s, overlap_s, floor_s = measure(args.rows, args.repeat, cpu)
    speedup = baseline / ours_s
    print(f"{'step':<60}{'seconds':>10}")
    print(f"{'pandas.read_excel(engine=openpyxl) (baseline)':<60}{baseline:>10.2f}")
    print(f"{'our import: read, clean, resolve, write':<60}{ours_s:>10.2f}")
    print(f"{'bare python-calamine read of the same file (the floor)':<60}{floor_s:>10.2f}")
    print(f"{'speedup vs baseline (target >= 5)':<60}{speedup:>10.1f}")
    print(f"{'our import / floor (goal <= 2)':<60}{ours_s / floor_s:>10.2f}")
    print(f"{'not in the import: first read of provincial_overlap after it':<60}{overlap_s:>10.2f}")
    # CPU seconds move less than wall seconds on a shared machine: not the goal, a second reading
    print(f"{'CPU of the floor (best run)':<60}{cpu['floor']:>10.2f}")
    print(f"{'CPU of our import, the sandboxed child included (best run)':<60}{cpu['ours']:>10.2f}")
    print(f"{'load average (1 min) at the start, at the end':<60}{load[0]:>5.2f}{os.getloadavg()[0]:>5.2f}")
    print(json.dumps({"rows": args.rows, "baseline_s": round(baseline, 3), "ingest_s": round(ours_s, 3),
                      "ingest_speedup": round(speedup, 2), "floor_s": round(floor_s, 3),
                      "floor_ratio": round(ours_s / floor_s, 2), "first_overlap_read_s": round(overlap_s, 3),
                      "floor_cpu_s": round(cpu["floor"], 3), "ingest_cpu_s": round(cpu["ours"], 3),
                      "load_start": round(load[0], 2), "load_end": round(os.getloadavg()[0], 2)}))


if __name__ == "__main__":
    main()
