"""The three users' journeys end to end in Chromium, on a server of their own (the upload test in
test_browser.py changes its server's data), asserting what a person would check; then every page
on a phone and a small laptop, and axe-core's accessibility check in both languages."""
from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pypdf
import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from access.users import NewUser
from tests.browser.conftest import ACCOUNTS
from tests.browser.test_browser import SHOTS, choose, grid, no_errors, open_page, settle, sign_in, switch_language
from tests.conftest import snapshot_of
from tests.servers import server_fixture
from views.scope import Scope
from views.tables import progress_tables

PAGES = ["/", "/ministries", "/shared_platforms", "/catalogue", "/provinces", "/imports", "/recognition", "/about", "/admin"]
SIDEBAR = "[data-testid=stSidebar]"
FILTER = f"{SIDEBAR} [data-testid=stMultiSelect]"

server = server_fixture("server", [(NewUser(ACCOUNTS["reviewer"][0], "province_reviewer", province_code="40"),
                                    ACCOUNTS["reviewer"][1])])


def choose_ministry(page: Page, typed: str) -> None:
    page.locator(FILTER).click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)


def chart_basis(page: Page) -> dict[str, str]:
    """body (full name, from the bars' hover data) -> the legend name of its bar's trace."""
    page.wait_for_function("() => { const p = document.querySelector('.js-plotly-plot'); return p && p.data && p.data.length }",
                           timeout=60_000)
    return page.evaluate("""() => { const out = {};
        for (const t of document.querySelector('.js-plotly-plot').data)
            (t.customdata || []).forEach(name => { out[name] = t.name; });
        return out; }""")


def open_options(page: Page, box) -> list[str]:
    """Open a selectbox's list (again if a click landed during a redraw) and read its options."""
    settle(page)
    for attempt in range(3):
        box.click()
        try:
            expect(page.get_by_role("option").first).to_be_visible(timeout=10_000)
            return page.get_by_role("option").all_inner_texts()
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            settle(page)
    return []


def metric(page: Page, label: str) -> str:
    box = page.locator("[data-testid=stMetric]").filter(has_text=label)
    expect(box).to_have_count(1, timeout=30_000)
    return box.locator("[data-testid=stMetricValue]").inner_text()


# --- MST staff: overview -> progress -> English and back -> PDF and Excel --------------------
def test_mst_staff_reads_the_same_basis_on_the_page_in_the_pdf_and_in_the_excel(server, page):
    open_page(page, server.url + "/")
    assert metric(page, "nền tảng số dùng chung (2025)") == "55"
    page.get_by_role("link", name="Tiến độ 55 nền tảng").click()
    settle(page)
    expect(page.locator("h1").first).to_have_text(re.compile("Tiến độ"))
    switch_language(page, "English")
    expect(page.locator("h1").first).to_have_text(re.compile("Progress"))
    switch_language(page, "Tiếng Việt")
    expect(page.locator("h1").first).to_have_text(re.compile("Tiến độ"))
    no_errors(page)

    open_page(page, server.url + "/ministries?list=shared-2025")
    shown = chart_basis(page)      # the page: each body's bar is coloured by its basis
    assert len(shown) >= 10 and set(shown.values()) <= {"theo danh sách đã nạp", "suy luận", "theo số liệu công bố"}
    open_page(page, server.url + "/")
    choose(page, page.locator("[data-testid=stSelectbox]").filter(has_text="Danh sách").last, re.compile(r"\(shared-2025\)"))
    # The choice reruns the page: a click during the redraw may be lost or get the previous list's file.
    for attempt in range(4):
        try:
            with page.expect_download(timeout=30_000) as pdf_info:
                page.get_by_role("button", name="Bản tóm tắt (PDF)").click()
            if pdf_info.value.suggested_filename.startswith("tom-tat_shared-2025"):
                break
        except PlaywrightTimeout:
            if attempt == 3:
                raise
        settle(page)
    with page.expect_download(timeout=90_000) as xlsx_info:
        page.get_by_role("button", name="Báo cáo đầy đủ (Excel)").click()
    assert pdf_info.value.suggested_filename.startswith("tom-tat_shared-2025")
    lines = [x for p in pypdf.PdfReader(pdf_info.value.path()).pages for x in p.extract_text().splitlines()]
    book = openpyxl.load_workbook(io.BytesIO(Path(xlsx_info.value.path()).read_bytes()))
    excel = {r[0]: r[3] for r in book["Theo bộ, ngành"].iter_rows(min_row=2, values_only=True)}
    # the inferred figures carry "≈" everywhere (Excel basis "≈ suy luận", the bar "≈ name 5"); "*" a published one
    mark = {"theo danh sách đã nạp": "", "theo số liệu công bố": "*", "≈ suy luận": "≈"}
    assert excel == {b: ("≈ " if v == "suy luận" else "") + v for b, v in shown.items()}
    for body, basis in excel.items():     # the Excel's basis column says what the page's colours say,
        line = next(m for m in (re.fullmatch(r"(?:(≈) )?" + re.escape(body) + r"(?: (\*))? \d+", x) for x in lines) if m)
        assert (line.group(1) or "") + (line.group(2) or "") == mark[basis], line.group(0)   # and the PDF's marks
    assert sum(1 for b in excel.values() if b.startswith("≈")) == 5


# --- MST staff: the progress on a past date, taken to a meeting as that date's report ---------
def test_mst_staff_takes_the_report_of_the_date_chosen_on_the_progress_page(server, page):
    """On the progress page at 30/09/2025 (fewer steps reached than today), the link to the report
    opens the overview's report section on that list and date; the workbook downloaded from it says
    30/09/2025 and counts exactly what the page counted on that date."""
    open_page(page, server.url + "/shared_platforms?d=2025-09-30")
    heads, rows = grid(page.locator("[data-testid=stDataFrame]").filter(
        has=page.locator("[role=columnheader]", has_text="Đang ở giai đoạn này")).first)
    on_page = {r[0].removeprefix("≈ "): int(r[1]) for r in rows}
    page.get_by_role("link", name="Báo cáo Excel / PDF tính đến 30/09/2025").click()
    settle(page)
    expect(page.locator("h1").first).to_have_text(re.compile("Tổng quan"))
    expect(page.get_by_role("group", name="Tính đến ngày")).to_have_text(re.compile(r"30\D*09\D*2025"))
    expect(page.get_by_role("combobox", name="Danh sách").last).to_have_value(re.compile(r"\(shared-2025\)$"))
    with page.expect_download(timeout=90_000) as xlsx_info:
        page.get_by_role("button", name="Báo cáo đầy đủ (Excel)").click()
    assert "_2025-09-30." in xlsx_info.value.suggested_filename
    book = openpyxl.load_workbook(io.BytesIO(Path(xlsx_info.value.path()).read_bytes()))
    cover = {r[0]: r[1] for r in book.worksheets[0].iter_rows(values_only=True) if r and r[0]}
    assert cover["Tính đến ngày"] == "30/09/2025"
    sheet = list(book["Tiến độ theo giai đoạn"].iter_rows(values_only=True))
    in_report = {stage: reached for stage, reached, *_ in sheet[1:]}
    assert in_report == on_page and in_report != {}
    counted = {on: dict(zip(*(t.iloc[:, i] for i in (0, 1))))   # the database's counts on that date and today
               for on, (t, _) in ((on, progress_tables(snapshot_of(server.db), Scope("shared-2025", "vi", [], on)))
                                  for on in (date(2025, 9, 30), date.today()))}
    assert in_report == counted[date(2025, 9, 30)] != counted[date.today()]
    no_errors(page)


# --- Provincial leader: ministry filter across pages, languages and a copied link ------------
def test_provincial_leader_keeps_the_ministry_filter_across_pages_languages_and_a_link(server, page, browser):
    open_page(page, server.url + "/")
    choose_ministry(page, "tai chinh")      # typed without diacritics, as in the catalogue search
    page.wait_for_url(re.compile(r"ministry=MOF"), timeout=30_000)
    expect(page.locator(FILTER)).to_contain_text("Bộ Tài chính (MOF)")
    assert metric(page, "nền tảng (7/2024) của bộ, ngành đã chọn") == "38"        # MOF 31 + MPI 7
    assert metric(page, "nền tảng dùng chung (2025) của bộ, ngành đã chọn") == "10"

    switch_language(page, "English")
    expect(page.locator(FILTER)).to_contain_text("Ministry of Finance (MOF)")
    assert "ministry=MOF" in page.url
    assert metric(page, "platforms (July 2024) of the chosen ministries") == "38"

    page.get_by_role("link", name="Ministries").click()
    settle(page)
    expect(page.get_by_text(re.compile(r"Filtered to: Ministry of Finance"))).to_be_visible()
    expect(page.locator(FILTER)).to_contain_text("Ministry of Finance (MOF)")
    page.wait_for_url(re.compile(r"ministry=MOF"), timeout=30_000)
    # The page opens on the most recent list (main's default_list); MPI's bar is in the 2024 one.
    choose(page, page.locator("[data-testid=stSelectbox]").filter(has_text="List").first, re.compile(r"\(national-2024\)"))
    page.wait_for_url(re.compile(r"list=national-2024"), timeout=30_000)
    settle(page)
    expect(page.locator(FILTER)).to_contain_text("Ministry of Finance (MOF)")
    expect(page.locator(".js-plotly-plot g.point")).to_have_count(2, timeout=30_000)   # MOF and MPI

    page.get_by_role("link", name="Platform catalogue").click()
    settle(page)
    expect(page.get_by_text(re.compile(r"^\d+ platforms?"))).to_be_visible()
    expect(page.locator(FILTER)).to_contain_text("Ministry of Finance (MOF)")
    no_errors(page)

    page.wait_for_url(re.compile(r"ministry=MOF"), timeout=30_000)   # mirrored at the end of the run
    link = page.url
    assert "ministry=MOF" in link and "lang=en" in link
    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    fresh = other.new_page()
    open_page(fresh, link)
    expect(fresh.locator("h1").first).to_have_text("Platform catalogue")
    expect(fresh.locator(FILTER)).to_contain_text("Ministry of Finance (MOF)")
    expect(fresh.get_by_text(re.compile(r"Filtered to: Ministry of Finance"))).to_be_visible()
    other.close()


def test_a_former_body_says_why_its_chart_is_empty(server, page):
    open_page(page, server.url + "/?ministry=CEMA")
    expect(page.get_by_text(re.compile(r"Ủy ban Dân tộc không còn từ 28/02/2025"))).to_be_visible()
    expect(page.get_by_text("Không có nền tảng nào của bộ, ngành đã chọn trong biểu đồ này.")).to_be_visible()


# --- Reviewer: three decisions in a row ------------------------------------------------------
def test_reviewer_decides_three_pairs_and_the_database_holds_exactly_those(server, page):
    open_page(page, server.url + "/provinces?province=40")
    sign_in(page, *ACCOUNTS["reviewer"])
    picker = page.locator("[data-testid=stSelectbox]").filter(has_text="Cặp cần rà soát")
    decided = []
    confirm, dismiss = "Xác nhận trùng/đang dùng", "Bác bỏ (không trùng)"
    for i, (decision, which) in enumerate([(confirm, -1), (dismiss, 0), (dismiss, 0)], start=1):
        label = open_options(page, picker)[which]
        assert " → " in label and not label.split(" → ")[0].strip().isdigit()   # a name, not a row number
        page.get_by_role("option", name=label, exact=True).click()
        settle(page)
        page.get_by_text(decision, exact=True).click()
        page.get_by_role("button", name="Ghi kết luận").click()
        expect(page.get_by_text(f"Đã ghi kết luận #{i}.")).to_be_visible(timeout=30_000)
        settle(page)
        decided.append(label.rsplit(" (", 1)[0])
        if i < 3:
            assert label not in open_options(page, picker)   # the decided pair has left the picker
            page.keyboard.press("Escape")
    con = duckdb.connect(str(server.db), read_only=True)
    rows = con.execute("""SELECT p.name || ' → ' || c.name FROM overlap_decision d
                          JOIN platform_current p ON p.list_id = d.list_id AND p.name_key = d.name_key
                          JOIN platform_current c ON c.list_id = d.central_list_id AND c.name_key = d.central_key
                          ORDER BY d.decision_id""").fetchall()
    con.close()
    assert [r[0] for r in rows] == decided and len(set(decided)) == 3
    no_errors(page)


# --- Every page on a phone and a small laptop; axe-core in both languages --------------------
LAYOUT = """() => {
    const vw = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('[data-testid=stMain] *, [data-testid=stSidebar] *')]
        .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > vw + 1)
        .filter(e => !e.closest('[data-testid=stDataFrame], [data-testid=stSidebar][aria-expanded=false]'))
        .map(e => (e.getAttribute('data-testid') || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().right));
    const charts = [...document.querySelectorAll('.js-plotly-plot')].map(e => Math.round(e.getBoundingClientRect().width));
    // text cut short: an element that ends its text in "…" (text-overflow) and has more than it shows
    const clipped = [...document.querySelectorAll('[data-testid=stMain] *, [data-testid=stSidebar] *')]
        .filter(e => { const r = e.getBoundingClientRect();   // on screen (a shut sidebar is moved off it)
                       return r.width > 0 && r.right > 0 && r.left < vw && e.scrollWidth > e.clientWidth + 1
                              && getComputedStyle(e).textOverflow === 'ellipsis'; })
        .filter(e => !e.closest('[data-testid=stDataFrame], .js-plotly-plot, [data-testid=stSidebar][aria-expanded=false]'))
        .map(e => (e.getAttribute('data-testid') || e.tagName) + ': ' + e.textContent.slice(0, 40));
    return {vw, wide: wide.slice(0, 5), charts, clipped: clipped.slice(0, 5)};
}"""


@pytest.mark.parametrize("width, height, lang", [(390, 844, "vi"), (1024, 768, "en")], ids=["phone-vi", "laptop-en"])
def test_every_page_fits_the_screen_and_passes_axe(server, browser, width, height, lang, tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    problems = []
    for path in PAGES:
        open_page(page, server.url + path + ("?lang=en" if lang == "en" else ""))
        page.wait_for_timeout(300)   # Plotly's resize to the column width after the first draw
        layout = page.evaluate(LAYOUT)
        if layout["wide"]:
            problems.append((path, "wider than the screen", layout["wide"]))
        if layout["clipped"]:
            problems.append((path, "text cut short", layout["clipped"]))
        if any(w < 300 for w in layout["charts"]):
            problems.append((path, "chart narrower than 300 px", layout["charts"]))
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:2]])
                   for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")
                   or v["id"] == "heading-order"]   # (moderate, and a screen reader's outline)
        if serious:
            problems.append((path, "axe", serious))
        if path == "/" and width == 390:
            folder = SHOTS if os.environ.get("NDP_SCREENSHOTS") else tmp_path
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / "overview_phone.png"))
    context.close()
    assert not problems, problems
