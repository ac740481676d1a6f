"""Taking a table to a meeting, in Chrome: the "Download" button under a table on three pages. The
file opens (openpyxl, csv), its Vietnamese is NFC, its figures are the screen's, and the Excel says
what it is, of which list, as of when, in which filter, from which documents (with their links),
as the page around the table does; the CSV stays data only (its name says list, filter and date)."""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import openpyxl
from playwright.sync_api import expect

from tests.browser.test_browser import no_errors, open_page, switch_language, table_download
from tests.browser.test_province_journey import metrics


def workbook(download) -> openpyxl.Workbook:
    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    texts = [c for ws in book.worksheets for r in ws.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert texts and all(unicodedata.is_normalized("NFC", t) for t in texts)
    return book


def about(book: openpyxl.Workbook) -> dict[str, list[tuple[str, str | None]]]:
    """The sheet saying what the file is: label -> [(text, link)]."""
    sheet = book.worksheets[-1]
    rows: dict[str, list] = {"": [(sheet.cell(1, 1).value, None)]}
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(r, 1).value:
            cell = sheet.cell(r, 2)
            rows.setdefault(sheet.cell(r, 1).value, []).append((cell.value, cell.hyperlink.target if cell.hyperlink else None))
    return rows


def test_a_table_taken_to_a_meeting_says_what_it_is_and_holds_what_the_screen_shows(server, page):
    # The ministries that have not published, filtered to one: the file's row is the screen's count
    open_page(page, server.url + "/ministries?list=national-2024&section=publication&ministry=MOIT")
    expect(page.locator("[data-testid=stMetric]").filter(has_text="Chưa công bố")).to_contain_text("1")
    book = workbook(table_download(page, "Excel"))
    data = list(book.worksheets[0].iter_rows(values_only=True))
    assert [r[:2] for r in data[1:]] == [("Bộ Công Thương", "Chưa công bố")] and len(data) - 1 == int(
        metrics(page)["Chưa công bố"])
    said = about(book)
    assert said[""][0][0].startswith("Nền tảng theo bộ, ngành")                       # the page's title
    assert said["Danh sách"] == [("Danh sách nền tảng số do các bộ, ngành triển khai trên toàn quốc (national-2024)", None)]
    assert said["Tính đến ngày"] == [("03/07/2024", None)] and said["Bộ lọc"] == [("Bộ Công Thương", None)]
    sources = dict(said["Nguồn"])   # the table's documents, each with its link
    assert data[1][4] in sources and sources[data[1][4]].startswith("https://")
    no_errors(page)

    # A province's matches filtered to one ministry, in English: the count on screen is the file's
    open_page(page, server.url + "/provinces?province=40&ministry=MOST")
    switch_language(page, "English")
    book = workbook(table_download(page, "Excel", label=re.compile(r"Download(?! as)")))
    rows = list(book.worksheets[0].iter_rows(values_only=True))[1:]
    assert len(rows) == int(metrics(page)["Platforms in the province's lists"]) == 1
    said = about(book)
    assert said[""][0][0].startswith("Provinces")
    assert said["Filters"] == [("Ministry of Science and Technology", None)]
    assert all(link and link.startswith("https://") for _, link in said["Source"])

    # The catalogue's search: the CSV holds the platforms the page counts, data only, NFC
    open_page(page, server.url + "/catalogue?q=dinh%20danh&clist=shared-2025")
    shown = int(re.match(r"(\d+)", page.get_by_text(re.compile(r"^\d+ nền tảng$")).inner_text()).group(1))
    got = table_download(page, "CSV")
    assert got.suggested_filename.startswith("nen-tang-so_shared-2025_")
    text = Path(got.path()).read_bytes().decode("utf-8-sig")
    assert unicodedata.is_normalized("NFC", text)
    assert len(list(csv.DictReader(io.StringIO(text)))) == shown >= 1
    no_errors(page)
