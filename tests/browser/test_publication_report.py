"""An MST officer chasing the ministries that have not published their lists, in Chrome: from the
overview to the ministries page (the July 2024 list: 18 of 29 bodies published), then the report
they send. The file must say what the page said: the same counts of who has and has not
published, the same filter, the inferred documents marked as on the page, the sources with their
number, date and link."""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import openpyxl
from playwright.sync_api import Page, expect

from tests.browser.test_browser import choose, download_file, no_errors, open_page, settle, switch_language
from tests.browser.test_province_journey import metrics

STATUSES = {"vi": ("Đã công bố", "Chưa công bố", "Chưa rõ"), "en": ("Published", "Not published", "Unknown")}


def menu(page: Page, name: str) -> None:
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=name).click()
    settle(page)


def report(page: Page, list_label: tuple[str, str], lang: str) -> openpyxl.Workbook:
    """The overview's full report on the list the ministries page's link opened it on (today's date)."""
    page.get_by_role("link", name={"vi": "Báo cáo Excel / PDF của danh sách này", "en": "Excel / PDF report of this list"}[
        lang]).click()
    settle(page)
    overview = {"vi": "Tổng quan nền tảng số quốc gia", "en": "National digital platforms at a glance"}
    expect(page.locator("h1").first).to_have_text(overview[lang])
    expect(page.get_by_role("combobox", name=list_label[0]).last).to_have_value(re.compile(re.escape(list_label[1])))
    button = page.get_by_role("button", name={"vi": "Báo cáo đầy đủ (Excel)", "en": "Full report (Excel)"}[lang])
    for _ in range(3):   # the choice reruns the page: a click during the redraw may get the previous list's file
        got = download_file(page, button, 90_000)
        if "_national-2024" in got.suggested_filename:
            break
    assert "_national-2024" in got.suggested_filename
    return openpyxl.load_workbook(io.BytesIO(Path(got.path()).read_bytes()))


def cover_rows(book: openpyxl.Workbook) -> list[tuple[str, str, str | None]]:
    """(label, text, link) of the cover sheet's rows."""
    sheet = book.worksheets[0]
    return [(sheet.cell(r, 1).value or "", sheet.cell(r, 2).value or "",
             sheet.cell(r, 2).hyperlink.target if sheet.cell(r, 2).hyperlink else None)
            for r in range(1, sheet.max_row + 1)]


def test_the_report_sent_says_who_has_not_published_as_the_page_does(server, page):
    open_page(page, server.url + "/")
    menu(page, "Bộ, ngành")
    choose(page, page.locator("[data-testid=stSelectbox]").filter(has_text="Danh sách").first, re.compile(r"\(national-2024\)"))
    page.get_by_role("tab", name="Công bố danh sách").click()
    settle(page)
    expect(page.locator("[data-testid=stMetric]").filter(has_text="Chưa rõ")).to_be_visible(timeout=30_000)
    shown = {k: v for k, v in metrics(page).items() if k in STATUSES["vi"]}
    assert shown == {"Đã công bố": "14", "Chưa công bố": "6", "Chưa rõ": "9"}
    expect(page.get_by_text("Nguồn công bố: 18/29 cơ quan đã công bố; dữ liệu nêu tên được 14.")).to_be_visible()
    expect(page.get_by_text("≈ Bộ Thông tin và Truyền thông không nằm trong 29 cơ quan nguồn đếm")).to_be_visible()
    page_sources = page.locator("[data-testid=stMain] a").all_inner_texts()
    assert "≈ Công văn 2765/BTTTT-CĐSQG (15/07/2024)" in page_sources   # inferred: marked on the page
    no_errors(page)

    book = report(page, ("Danh sách", "(national-2024)"), "vi")
    rows = cover_rows(book)
    assert all(unicodedata.is_normalized("NFC", t) for _, t, _ in rows)
    assert ("Bộ lọc", "Tất cả", None) in rows
    said = [t for label, t, _ in rows if label == "Công bố danh sách"]
    assert len(said) == 1 and said[0].startswith(
        "Đã công bố: 14 · Chưa công bố: 6 · Chưa rõ: 9 — danh sách cơ quan tại ngày 03/07/2024"
        " · Nguồn công bố: 18/29 cơ quan đã công bố; dữ liệu nêu tên được 14."
        " · ≈ Bộ Thông tin và Truyền thông không nằm trong 29 cơ quan nguồn đếm (≈ suy luận: ")   # 14 + 6 + 9 = 29
    # the sheet of those to chase holds exactly the bodies the page counts, and its name says which
    sheet = book["Chưa công bố hoặc chưa rõ"]
    statuses = [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert (statuses.count("Chưa công bố"), statuses.count("Chưa rõ"), len(statuses)) == (6, 9, 15)
    # every source: number and date as on the page, the inferred one marked as there, with its link
    sources = {t.split(" — ")[0]: link for label, t, link in rows if label == "Nguồn"}
    assert "≈ Công văn 2765/BTTTT-CĐSQG (15/07/2024)" in sources
    assert all(link and link.startswith("http") for link in sources.values()), sources
    cited = {s for r in sheet.iter_rows(min_row=2, values_only=True) for s in (r[4] or "").split(" ; ") if s}
    assert cited and cited <= set(sources), cited - set(sources)


def test_the_english_report_of_one_ministry_says_its_filter_and_its_status(server, page):
    """The same in English, filtered to the Ministry of Industry and Trade (one of the six named
    as not published): the cover names the filter and counts the one body it holds."""
    open_page(page, server.url + "/ministries?list=national-2024&section=publication&ministry=MOIT")
    switch_language(page, "English")
    expect(page.locator("[data-testid=stMetric]").filter(has_text="Not published")).to_be_visible(timeout=30_000)
    shown = {k: v for k, v in metrics(page).items() if k in STATUSES["en"]}
    assert shown == {"Published": "0", "Not published": "1", "Unknown": "0"}
    book = report(page, ("List", "(national-2024)"), "en")
    rows = cover_rows(book)
    assert ("Filters", "Ministry of Industry and Trade", None) in rows
    said = [t for label, t, _ in rows if label == "Publication of the lists"]
    assert said == ["Published: 0 · Not published: 1 · Unknown: 0 — roster of bodies on 03/07/2024"]
    assert [r[:2] for r in book["Not published or unknown"].iter_rows(min_row=2, values_only=True)] == [
        ("Ministry of Industry and Trade", "Not published")]
