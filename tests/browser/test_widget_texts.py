"""Streamlit's own English widget texts ("Upload", "<n>MB per file", "No results") are shown in
Vietnamese to a Vietnamese reader and left as they are in English (pages/widget_texts.py). What is
asserted is what the reader sees: the English text hidden, the page's own text drawn in its place."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.test_browser import open_page, settle, sign_in

SIDEBAR_FILTER = "[data-testid=stSidebar] [data-testid=stMultiSelect]"


def drawn_text(locator) -> str:
    """The text the stylesheet draws after an element (its ``::after`` content), unquoted."""
    content = locator.evaluate("e => getComputedStyle(e, '::after').content")
    return "" if content in ("none", "normal") else content.strip('"')


def search_nothing(page: Page, box) -> None:
    settle(page)
    box.click()
    page.keyboard.type("zzqxw")   # no body or platform has this in its name


def empty_option(page: Page):
    return page.locator("[role=option] > span:only-child").filter(has_text="No results")


def test_a_search_that_finds_nothing_says_so_in_the_readers_language(server, page):
    open_page(page, server.url + "/shared_platforms")
    search_nothing(page, page.locator(SIDEBAR_FILTER))                  # a multiselect
    expect(empty_option(page)).to_be_hidden()
    assert drawn_text(empty_option(page)) == "Không có lựa chọn nào khớp"
    page.keyboard.press("Escape")
    box = page.locator("[data-testid=stSelectbox]").filter(has_text="Nền tảng").last   # a selectbox
    search_nothing(page, box)
    expect(empty_option(page)).to_be_hidden()
    assert drawn_text(empty_option(page)) == "Không có lựa chọn nào khớp"
    page.keyboard.press("Escape")

    open_page(page, server.url + "/shared_platforms?lang=en")          # in English, Streamlit's own text
    search_nothing(page, page.locator(SIDEBAR_FILTER))
    expect(empty_option(page)).to_be_visible()
    assert drawn_text(empty_option(page)) == ""


def test_the_file_uploader_speaks_vietnamese(server, page):
    open_page(page, server.url + "/imports")
    sign_in(page, "admin")
    zone = page.locator("[data-testid=stFileUploaderDropzone]").first
    expect(zone).to_be_visible(timeout=30_000)
    label = zone.locator("button [data-testid=stMarkdownContainer] p")
    expect(label).to_be_hidden()                                    # "Upload" is not shown
    assert drawn_text(label) == "Chọn tệp"
    limit = zone.locator("[data-testid=stFileUploaderDropzoneInstructions] span").first
    expect(limit).to_be_hidden()                                    # nor "20MB per file • CSV, …"
    assert drawn_text(limit) == "Kéo thả tệp vào đây · tối đa 20 MB một tệp"
    assert zone.bounding_box()["height"] > 30 and label.evaluate(    # the button still shows its text
        "e => e.closest('button').getBoundingClientRect().width") > 60
