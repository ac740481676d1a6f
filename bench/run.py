"""The dashboard against its baselines, in one run.

    python bench/run.py [--scale N ...] [--repeat 5]

For each scale (default 1, 10, 100 × the real sizes: 103 national and 55 shared platforms, so
about 10,000 platforms at 100×; names are visibly synthetic) it builds a database through the
real loaders, with a province × commune × platform adoption table (34 provinces × ``scale``
communes × up to 80 shared platforms: 272,000 rows at 100×, imported as one file per province
through the real adoption loader), then measures:
- script_ms: each page's rerun time on the server side (AppTest, in process), median and p95;
- first_chart_ratio: browser time from navigation to the first chart drawn, over the same for a
  one-chart hello page (bench/hello_app.py), same run;
- interaction_ratio: browser time from choosing a ministry in the filter to the updated chart,
  over choosing an option of the hello page's selectbox, same run;
- peak_rss_mb of the dashboard's server process.
Plus ingest_speedup (bench/ingest.py, 50,000 rows). Last line: one JSON object.
"""
from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from access.roles import cli_user  # noqa: E402
from actions.build import build  # noqa: E402
from actions.ingest import ingest_adoption_file, ingest_file, ingest_progress_file  # noqa: E402
from bench.serve import CHROMIUM_ARGS, ROOT, start_server  # noqa: E402

PAGES = ["pages/overview.py", "pages/ministries.py", "pages/shared_platforms.py", "pages/catalogue.py",
         "pages/provinces.py", "pages/imports.py"]
NATIONAL = {"Bộ Tài chính": 31, "Bộ Công an": 11, "Bộ Xây dựng": 10, "Bộ Nội vụ": 9, "Bộ Tư pháp": 9,
            "Bộ Giao thông vận tải": 8, "Bộ Kế hoạch và Đầu tư": 7, "Bộ Giáo dục và Đào tạo": 7, "Bộ Quốc phòng": 3,
            "Bộ Khoa học và Công nghệ": 2, "Thanh tra Chính phủ": 2, "Ủy ban Dân tộc": 2,
            "Đài Truyền hình Việt Nam": 1, "Đài Tiếng nói Việt Nam": 1}
STAGES = ["kế hoạch", "Ban hành quy định về chức năng", "Thiết kế kiến trúc", "Đưa vào vận hành"]


def _csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    for r in rows:
        out.write(",".join(f'"{v}"' for v in r) + "\n")
    return out.getvalue().encode("utf-8")


def make_db(scale: int, folder: Path) -> Path:
    db = folder / f"bench-{scale}x.duckdb"
    build(db)
    rows, n = [["STT", "Tên nền tảng", "Cơ quan chủ quản"]], 0
    for body, count in NATIONAL.items():
        for _ in range(count * scale):
            n += 1
            rows.append([n, f"Nền tảng giả lập {n} (dữ liệu tổng hợp để đo)", body])
    ingest_file(io.BytesIO(_csv(rows)), "synthetic-national.csv", db, "national-2024", as_of=None, user=cli_user())
    shared = [["STT", "Tên nền tảng", "Cơ quan chủ quản"]] + [
        [i, f"Nền tảng dùng chung giả lập {i} (dữ liệu tổng hợp)", body]
        for i, body in enumerate((b for b, c in NATIONAL.items() for _ in range(c)), 1)][: 55 * scale]
    ingest_file(io.BytesIO(_csv(shared)), "synthetic-shared.csv", db, "shared-2025", as_of=None, user=cli_user())
    progress = [["Tên nền tảng", "Giai đoạn", "Ngày hoàn thành"]] + [
        [row[1], STAGES[i % len(STAGES)], f"{1 + i % 28:02d}/{1 + i % 12:02d}/2026"] for i, row in enumerate(shared[1:])]
    ingest_progress_file(io.BytesIO(_csv(progress)), "synthetic-progress.csv", db, "shared-2025", user=cli_user())
    adoption_rows = make_adoption(db, scale, [r[1] for r in shared[1:81]])
    return db, adoption_rows


ADOPTION_STATUSES = ["đang sử dụng", "thí điểm", "kế hoạch", "chưa sử dụng"]


def make_adoption(db: Path, scale: int, platforms: list[str]) -> int:
    """34 provinces x ``scale`` synthetic communes x ``platforms``, one file per province (each under
    the 20 MB upload limit), through the real adoption loader."""
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    provinces = [r[0] for r in con.execute("SELECT name_vi FROM province_2025 ORDER BY code").fetchall()]
    con.close()
    total = 0
    for p_i, province in enumerate(provinces):
        rows = [["DỮ LIỆU MINH HỌA (DEMO) — synthetic adoption for bench/run.py"],
                ["Tỉnh/thành phố", "Xã/phường", "Tên nền tảng", "Trạng thái", "Ngày cập nhật"]]
        for c in range(scale):
            for k, name in enumerate(platforms):
                rows.append([province, f"Xã giả lập {c + 1}", name, ADOPTION_STATUSES[(p_i + c + k) % 4],
                             f"{1 + (c + k) % 28:02d}/{1 + k % 9:02d}/2025"])
        outcome = ingest_adoption_file(io.BytesIO(_csv(rows)), f"synthetic-adoption-{p_i}.csv", db, "shared-2025",
                                       user=cli_user())
        total += outcome.rows_loaded
    return total


def script_ms(db: Path, repeat: int) -> dict:
    import os

    from streamlit.testing.v1 import AppTest
    os.environ["NDP_DB"] = str(db)
    out = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["list"] = "national-2024"
        at.run()
        if page != PAGES[0]:
            at.switch_page(page)
            at.run()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        out[Path(page).stem] = {"median": round(statistics.median(times), 1),
                                "p95": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1)}
    return out


def _first_chart(browser, url: str) -> float:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    start = time.perf_counter()
    page.goto(url)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=120_000)
    elapsed = time.perf_counter() - start
    ctx.close()
    return elapsed


def _interaction(browser, url: str, prepare, act, expected_points: int) -> float:
    """Time from the choice being made (``act``) to the updated chart drawn; opening the
    dropdown and typing into it (``prepare``) happen before the clock starts."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    page.goto(url)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=120_000)
    expect(page.locator("[data-testid=stStatusWidget]")).to_have_count(0, timeout=120_000)
    prepare(page)
    start = time.perf_counter()
    act(page)
    expect(page.locator(".js-plotly-plot").first.locator("g.point")).to_have_count(expected_points, timeout=120_000)
    elapsed = time.perf_counter() - start
    ctx.close()
    return elapsed


def _open_ministries(page) -> None:
    page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").click()
    page.keyboard.type("Bộ Tài chính (MOF)")
    expect(page.get_by_role("option", name="Bộ Tài chính (MOF)")).to_be_visible()


def _pick_ministry(page) -> None:
    page.get_by_role("option", name="Bộ Tài chính (MOF)").click()


def _open_hello(page) -> None:
    page.locator("[data-testid=stSelectbox]").click()
    expect(page.get_by_role("option", name="one")).to_be_visible()


def _pick_hello(page) -> None:
    page.get_by_role("option", name="one").click()


def browser_ratios(app_url: str, hello_url: str, proc: psutil.Process, repeat: int) -> dict:
    peak = 0.0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        first_app, first_hello, act_app, act_hello = [], [], [], []
        for _ in range(repeat):
            first_app.append(_first_chart(browser, app_url + "/ministries?list=national-2024"))
            first_hello.append(_first_chart(browser, hello_url))
            act_app.append(_interaction(browser, app_url + "/ministries?list=national-2024", _open_ministries,
                                        _pick_ministry, 2))
            act_hello.append(_interaction(browser, hello_url, _open_hello, _pick_hello, 2))
            peak = max(peak, proc.memory_info().rss / 2**20)
        browser.close()
    med = statistics.median
    return {"first_chart_s": (round(med(first_app), 3), round(med(first_hello), 3)),
            "interaction_s": (round(med(act_app), 3), round(med(act_hello), 3)),
            "first_chart_ratio": round(med(first_app) / med(first_hello), 2),
            "interaction_ratio": round(med(act_app) / med(act_hello), 2), "peak_rss_mb": round(peak, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, action="append", help="1, 10, 100 by default")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()
    scales = args.scale or [1, 10, 100]
    result = {"scales": scales, "script_ms": {}, "first_chart_ratio": {}, "interaction_ratio": {}, "peak_rss_mb": {}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        hello = start_server(ROOT / "bench" / "hello_app.py", None, tmp / "hello.log")
        try:
            for scale in scales:
                start = time.perf_counter()
                db, adoption_rows = make_db(scale, tmp)
                result.setdefault("adoption_rows", {})[scale] = adoption_rows
                result.setdefault("build_s", {})[scale] = round(time.perf_counter() - start, 1)
                result["script_ms"][scale] = script_ms(db, args.repeat)
                app = start_server(ROOT / "server.py", db, tmp / f"app-{scale}.log")
                try:
                    ratios = browser_ratios(app.url, hello.url, psutil.Process(app.proc.pid), args.repeat)
                finally:
                    app.stop()
                for k in ("first_chart_ratio", "interaction_ratio", "peak_rss_mb"):
                    result[k][scale] = ratios[k]
                print(f"{scale:>4}x  database with {adoption_rows:,} adoption rows built in {result['build_s'][scale]} s",
                      flush=True)
                print(f"{scale:>4}x  first chart {ratios['first_chart_s'][0]:.2f}s vs hello {ratios['first_chart_s'][1]:.2f}s"
                      f" (ratio {ratios['first_chart_ratio']}); filter {ratios['interaction_s'][0]:.2f}s vs hello "
                      f"{ratios['interaction_s'][1]:.2f}s (ratio {ratios['interaction_ratio']}); "
                      f"server RSS {ratios['peak_rss_mb']} MB", flush=True)
                for page, t in result["script_ms"][scale].items():
                    print(f"       {page:<18} rerun median {t['median']:>7.1f} ms  p95 {t['p95']:>7.1f} ms", flush=True)
        finally:
            hello.stop()
    if not args.skip_ingest:
        from bench.ingest import ingest_speedup
        result["ingest_speedup"] = ingest_speedup(50_000, 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
