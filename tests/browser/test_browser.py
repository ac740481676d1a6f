"""What a person sees in Chrome: pages load, shared links reopen the same view, the language
switch, an upload, a download. Screenshots of every page go to docs/screenshots/."""
from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from access.users import NewUser
from tests.browser.conftest import ACCOUNTS
from tests.files import HEADER, csv_bytes
from tests.servers import server_fixture

# The test that replaces a list gets a server of its own: the session's server is shared by every
# browser test, in file order, and the replaced list took the catalogue's and the provinces'
# platforms from the tests of later files (it "ran last" only while no file sorted after this one)
list_server = server_fixture("list_server", [(NewUser(ACCOUNTS["admin"][0], "admin"), ACCOUNTS["admin"][1])])

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"   # written by `make screenshots` (NDP_SCREENSHOTS=1)
PAGES = [("/", "overview", True), ("/ministries", "ministries", True), ("/shared_platforms", "shared_platforms", True),
         ("/catalogue", "catalogue", False), ("/provinces", "provinces", False), ("/imports", "imports", False)]


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("h1").first).to_be_visible(timeout=60_000)
    settle(page)


def settle(page: Page) -> None:
    """Wait until Streamlit has finished the script run and drawn it: no status widget, no
    skeleton placeholders, every data table's canvas in place."""
    expect(page.locator("[data-testid=stStatusWidget]")).to_have_count(0, timeout=60_000)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0, timeout=60_000)
    # Checked in one step in the page: counting the tables first and then waiting on the n-th raced
    # a rerun that removed one in between (a flake seen in CI). A table in a closed expander (a
    # chart's figures) is not drawn until opened.
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=stDataFrame]')]"
                           ".filter(t => !t.closest('details:not([open])'))"
                           ".every(t => t.querySelector('canvas'))", timeout=60_000)


def download_file(page: Page, button, timeout: int = 45_000):
    """Click a download button and return the file. A file built on click (``data=callable``) is
    tied to the script run that drew the button: a click that lands while another run replaces it
    gets Streamlit's 'failed to generate' (shown as our message) and no file, as a person would see
    and click again. So: settle, click, and once more after settling if no file came."""
    for attempt in range(3):
        settle(page)
        try:
            with page.expect_download(timeout=timeout) as info:
                button.click()
            return info.value
        except PlaywrightTimeout:
            if attempt == 2:
                raise


def table_download(page: Page, fmt: str = "CSV", within=None, nth: int = 0, timeout: int = 45_000,
                   label: str | re.Pattern = "Tải về"):
    """A table's file as a person gets it: the "Tải về" button under the table (``nth`` in
    ``within``, the page by default) opens a popover whose CSV and Excel buttons are drawn once it
    is open (a rerun); click the format there. ``label``: the button's name in the reader's language."""
    settle(page)
    opener = (within or page).get_by_role("button", name=label).nth(nth)
    button = page.get_by_role("button", name=fmt, exact=True)
    for _ in range(3):   # a click that lands while a rerun redraws the button is clicked again
        if not button.count():
            opener.click()
        try:
            expect(button).to_be_visible(timeout=20_000)
            break
        except AssertionError:
            settle(page)
    return download_file(page, button, timeout)


def no_errors(page: Page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    expect(page.locator("[data-testid=stAlertContentError]")).to_have_count(0)


def switch_language(page: Page, name: str) -> None:
    page.locator("[data-testid=stSidebar]").get_by_text(name, exact=True).click()
    page.wait_for_url(re.compile(r"lang=en") if name == "English" else re.compile(r"^(?!.*lang=en)"), timeout=30_000)
    settle(page)


def grid(table) -> tuple[list[str], list[list[str]]]:
    """A data table's headers and rows as a screen reader reads them: the grid's accessible table,
    which holds the columns in view only, so the grid is scrolled sideways until every one was read."""
    a11y = table.locator("table[role=grid]")
    expect(a11y).to_be_attached(timeout=30_000)   # the grid is drawn on a canvas; its table is hidden
    n_rows, n_cols = (int(a11y.get_attribute(a)) for a in ("aria-rowcount", "aria-colcount"))
    table.locator(".dvn-scroller").evaluate("e => { e.scrollLeft = 0; }")   # a redrawn grid keeps its scroll
    a11y.locator("th[aria-colindex='1']").wait_for(state="attached", timeout=10_000)
    cells: dict[tuple[int, int], str] = {}
    read = """t => [...t.querySelectorAll('tr[aria-rowindex]')].flatMap(r => [...r.querySelectorAll('[aria-colindex]')]
        .map(c => [+r.getAttribute('aria-rowindex'), +c.getAttribute('aria-colindex'), c.textContent.trim()]))"""
    for _ in range(n_cols):
        cells.update({(r, c): text for r, c, text in a11y.evaluate(read)})
        missing = [c for c in range(1, n_cols + 1) if (1, c) not in cells]
        if not missing:
            break
        table.locator(".dvn-scroller").evaluate("e => { e.scrollLeft += e.clientWidth * 0.7; }")
        a11y.locator(f"th[aria-colindex='{missing[0]}']").wait_for(state="attached", timeout=10_000)
    rows = [[cells.get((r, c), "") for c in range(1, n_cols + 1)] for r in range(2, n_rows + 1)]
    assert all((r, 1) in cells for r in range(1, n_rows + 1)), "rows out of view: a taller table needs scrolling"
    return [cells[(1, c)] for c in range(1, n_cols + 1)], rows


def sign_in(page: Page, email: str, password: str) -> None:
    """Sign in through the sidebar's dialog and wait until the sidebar names the account."""
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_role("button", name="Đăng nhập").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("E-mail").fill(email)
    dialog.get_by_label("Mật khẩu").fill(password)
    press(page, dialog.get_by_role("button", name="Đăng nhập"),
          sidebar.get_by_text(re.compile("Đã đăng nhập: " + re.escape(email))), dialog.get_by_label("Mật khẩu"))
    settle(page)


def press(page: Page, button, done, filled, timeout: int = 30_000) -> None:
    """Press a form's button until ``done`` shows. A click that lands while a rerun is redrawing the
    page can be lost (seen in CI: no message, the form still holding what was typed). The forms
    clear themselves on submit, so a form whose ``filled`` field still holds its text was not sent
    and is pressed again; a sent form is never sent twice. Fails with the page's alerts."""
    for attempt in range(3):
        button.click()
        try:
            expect(done).to_be_visible(timeout=timeout)
            return
        except AssertionError:
            settle(page)
            if filled.count() and filled.input_value() and attempt < 2:
                continue   # not sent: press again
            try:   # sent (or the last try): give the message the time a slow machine needs
                expect(done).to_be_visible(timeout=timeout)
                return
            except AssertionError:
                raise AssertionError(page.locator("[data-testid=stAlert]").all_inner_texts()) from None


def choose(page: Page, box, option) -> None:
    """Pick ``option`` in a selectbox. A click that lands while the page is still redrawing (the
    sign-in dialog closing) can leave the list shut: open it again until the option shows."""
    settle(page)
    for attempt in range(3):
        box.click()
        try:
            expect(page.get_by_role("option", name=option)).to_be_visible(timeout=10_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            settle(page)
    page.get_by_role("option", name=option).click()
    settle(page)


def bars(page: Page, nth: int = 0) -> int:
    chart = page.locator(".js-plotly-plot").nth(nth)
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=60_000)
    return chart.locator("g.point").count()


@pytest.mark.parametrize("path, name, has_chart", PAGES, ids=[p[1] for p in PAGES])
def test_page_loads_without_errors_and_draws_its_charts(server, page, path, name, has_chart, tmp_path):
    open_page(page, server.url + path)
    no_errors(page)
    if has_chart:
        assert bars(page) > 0
    folder = SHOTS if os.environ.get("NDP_SCREENSHOTS") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    assert (folder / f"{name}.png").stat().st_size > 10_000


def test_ministry_filter_changes_chart_and_url_and_the_url_reopens_the_view(server, page, browser):
    open_page(page, server.url + "/ministries?list=national-2024")
    assert bars(page) == 14
    box = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]")
    box.click()
    page.keyboard.type("Bộ Tài chính")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"ministry=MOF"), timeout=30_000)
    page.keyboard.press("Escape")
    settle(page)
    expect(page.locator(".js-plotly-plot g.point")).to_have_count(2, timeout=30_000)   # MOF and MPI (merged into it)
    shared = page.url
    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    fresh = other.new_page()
    open_page(fresh, shared)
    expect(fresh.locator(".js-plotly-plot g.point")).to_have_count(2, timeout=30_000)
    expect(fresh.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]")).to_contain_text("Bộ Tài chính (MOF)")
    other.close()


def test_a_ministries_tab_opens_by_click_and_by_its_link(server, page, browser):
    open_page(page, server.url + "/ministries?list=national-2024")
    page.get_by_role("tab", name="Công bố danh sách").click()
    page.wait_for_url(re.compile(r"section=publication"), timeout=30_000)
    settle(page)
    expect(page.locator("[data-testid=stMetric]")).to_have_count(3, timeout=30_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(0)     # the closed tab's chart is not drawn
    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    fresh = other.new_page()
    open_page(fresh, page.url)
    expect(fresh.locator("[data-testid=stMetric]").first).to_contain_text("Đã công bố", timeout=30_000)
    no_errors(fresh)
    other.close()


def test_language_switch_turns_labels_english_and_back(server, page):
    open_page(page, server.url + "/")
    expect(page.locator("h1").first).to_have_text("Tổng quan nền tảng số quốc gia")
    page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
    expect(page.locator("h1").first).to_have_text("National digital platforms at a glance", timeout=30_000)
    page.wait_for_url(re.compile(r"lang=en"))
    expect(page.get_by_text("shared digital platforms (2025)")).to_be_visible()
    page.locator("[data-testid=stSidebar]").get_by_text("Tiếng Việt", exact=True).click()
    expect(page.locator("h1").first).to_have_text("Tổng quan nền tảng số quốc gia", timeout=30_000)


def test_a_download_has_the_expected_name_and_content(server, page):
    open_page(page, server.url + "/catalogue?q=dinh%20danh")
    download = table_download(page)
    assert download.suggested_filename == f"nen-tang-so_{date.today().isoformat()}.csv"
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    assert "Nền tảng định danh và xác thực điện tử" in text and "Cổng dữ liệu quốc gia" not in text


def test_province_link_opens_the_province_and_a_reviewer_records_a_decision(server, page, browser):
    open_page(page, server.url + "/provinces?province=40")
    expect(page.get_by_text("Rà soát các cặp của tỉnh này cần tài khoản rà soát")).to_be_visible()   # a viewer
    sign_in(page, *ACCOUNTS["reviewer"])
    expect(page.locator("[data-testid=stMetric]").filter(has_text="Nền tảng trung ương đang dùng")).to_contain_text("1")
    expect(page.get_by_text(re.compile(r"1 đề xuất đầu tư có vẻ trùng"))).to_be_visible()
    page.get_by_label("Ghi chú (lý do)").fill("<b>không</b> trùng")
    page.get_by_text("Bác bỏ (không trùng)").click()
    press(page, page.get_by_role("button", name="Ghi kết luận"), page.get_by_text(re.compile(r"Đã ghi kết luận #\d+")),
          page.get_by_label("Ghi chú (lý do)"))
    settle(page)
    no_errors(page)
    # the dismissed match gave way to the next candidate: no proposed overlap on the first one any more
    expect(page.locator("[data-testid=stMetric]").filter(has_text="Có thể trùng lặp")).to_contain_text("1")


def test_upload_preview_commit_then_overview_shows_the_new_figures(list_server, page, tmp_path):
    """On a server of its own: it changes the server's data."""
    server = list_server
    open_page(page, server.url + "/")
    expect(page.get_by_text("51 nền tảng đã có tên trong dữ liệu")).to_be_visible()
    open_page(page, server.url + "/imports")
    expect(page.get_by_text(re.compile("Nạp dữ liệu cần đăng nhập"))).to_be_visible()
    sign_in(page, *ACCOUNTS["admin"])
    choose(page, page.locator("[data-testid=stSelectbox]").filter(has=page.get_by_text("Danh sách", exact=True)).first,
           re.compile(r"shared-2025"))
    upload = tmp_path / "danh-sach.csv"
    upload.write_bytes(csv_bytes([HEADER, [1, "Nền tảng thử nghiệm A", "Bộ Tài chính"],
                                  [2, "Nền tảng thử nghiệm B", "BCA"], [3, "Nền tảng thử nghiệm C", "Bộ Tài chánh"]]))
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(upload))
    expect(page.get_by_text("Các dòng bị loại")).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid=stMetric]").filter(has_text="Bị loại")).to_contain_text("1")
    page.get_by_text("Xóa 51 nền tảng không có trong tệp khỏi danh sách").click()   # the file is the new list
    expect(page.get_by_text(re.compile("sẽ bị xóa khỏi danh sách"))).to_be_visible(timeout=30_000)
    settle(page)
    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
    expect(page.get_by_text(re.compile(r"Đã nạp lần #\d+: 2 dòng, 1 dòng bị loại"))).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Tổng quan").click()
    expect(page.get_by_text("2 nền tảng đã có tên trong dữ liệu")).to_be_visible(timeout=30_000)
    no_errors(page)
