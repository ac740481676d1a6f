"""Streamlit's own English widget texts ("Upload", "<n>MB per file", "No results") are shown in
Vietnamese to a Vietnamese reader and left as they are in English (pages/widget_texts.py). What is
asserted is what the reader sees: the English text hidden, the page's own text drawn in its place."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import ACCOUNTS
from tests.browser.test_browser import no_errors, open_page, settle, sign_in

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
    box.click()   # with nothing typed, every option shows its own name
    options = page.get_by_role("option")
    expect(options.first).to_be_visible(timeout=10_000)
    assert all(o.inner_text().strip() for o in options.all()[:5])   # (innerText leaves out hidden text)
    page.keyboard.press("Escape")

    open_page(page, server.url + "/shared_platforms?lang=en")          # in English, Streamlit's own text
    search_nothing(page, page.locator(SIDEBAR_FILTER))
    expect(empty_option(page)).to_be_visible()
    assert drawn_text(empty_option(page)) == ""


def test_the_file_uploader_speaks_vietnamese(server, page):
    open_page(page, server.url + "/imports")
    sign_in(page, *ACCOUNTS["admin"])
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


# --- a report being built, and a build that fails -------------------------------------------
WATCH = """label => { window.__seen = {disabled: false, text: ''};
    const find = () => [...document.querySelectorAll('[data-testid=stDownloadButton] button')]
        .find(b => b.textContent.includes(label));
    new MutationObserver(() => { const b = find();
        if (b && b.disabled) { window.__seen.disabled = true;
            window.__seen.text = getComputedStyle(b.querySelector('[data-testid=stMarkdownContainer] p'), '::after').content; }
    }).observe(document.body, {subtree: true, childList: true, attributes: true}); }"""


def test_a_report_says_it_is_being_prepared_and_a_failed_build_says_why_in_the_readers_language(server, browser):
    """The PDF brief: while it is built its button is disabled and says "đang chuẩn bị tệp…"; then
    the file arrives. A build the server cannot do (here: the request names a file id the server
    never issued, changed on its way by the test) ends in the page's own message, not Streamlit's."""
    issued: set[bytes] = set()   # deferred file ids the server sent (32 hex characters)
    spoil = {"next": False}

    def relay(ws):
        srv = ws.connect_to_server()

        def to_server(message):
            if spoil["next"] and isinstance(message, bytes):
                for fid in re.findall(rb"[0-9a-f]{32}", message):
                    if fid in issued:
                        message = message.replace(fid, fid[::-1])   # same length: still a valid message
                        spoil["next"] = False
            srv.send(message)

        def to_page(message):
            if isinstance(message, bytes):
                issued.update(re.findall(rb"[0-9a-f]{32}", message))
            ws.send(message)
        ws.on_message(to_server)
        srv.on_message(to_page)

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    page.route_web_socket(re.compile(r"/_stcore/stream"), relay)
    open_page(page, server.url + "/")
    page.evaluate(WATCH, "Bản tóm tắt (PDF)")
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Bản tóm tắt (PDF)").click()
    assert info.value.suggested_filename.endswith(".pdf")
    seen = page.evaluate("() => window.__seen")
    assert seen["disabled"] and seen["text"].strip('"') == " — đang chuẩn bị tệp…", seen

    spoil["next"] = True
    page.get_by_role("button", name="Báo cáo đầy đủ (Excel)").click()
    error = page.locator("[data-testid=stDownloadButtonError]")
    expect(error).to_have_count(1, timeout=30_000)
    expect(error).to_be_hidden()   # Streamlit's English text is not shown …
    assert drawn_text(error).startswith("Không tạo được tệp. Hãy thử lại")   # … the page's own message is
    assert not spoil["next"]       # (the request was the one spoilt)
    no_errors(page)
    context.close()


CHROME = """() => ({lang: document.documentElement.lang,
    skip: document.querySelector('[data-testid=stSkipToContent]')?.textContent,
    help: [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))
          .filter(a => /^(Help|Trợ giúp)/.test(a))})"""


def test_the_page_says_its_language_and_the_chrome_speaks_it(server, page):
    """A screen reader picks its voice from ``<html lang>``; the skip link (the first Tab stop) and
    the "?" icons' names are Streamlit's English unless replaced (pages/widget_texts.chrome_script).
    A switch of language through the sidebar turns all three, both ways."""
    open_page(page, server.url + "/shared_platforms")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    chrome = page.evaluate(CHROME)
    assert chrome["skip"] == "Bỏ qua menu, đến nội dung chính"
    assert chrome["help"] and all(h.startswith("Trợ giúp") for h in chrome["help"]), chrome
    assert "Trợ giúp: Hiện cả các bước chưa chắc chắn" in chrome["help"]

    page.get_by_text("English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("[data-testid=stMain] h1")).to_contain_text("Progress")
    settle(page)
    chrome = page.evaluate(CHROME)
    assert chrome["skip"] == "Skip to main content"
    assert chrome["help"] and all(h.startswith("Help") for h in chrome["help"]), chrome
    assert "Help for Show uncertain steps too" in chrome["help"]

    page.get_by_text("Tiếng Việt", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    settle(page)
    assert page.evaluate(CHROME)["skip"] == "Bỏ qua menu, đến nội dung chính"
    no_errors(page)
