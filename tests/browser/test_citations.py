"""A reader clicks a citation: it names the document, says on hover which edition was read, and
opens the original publication (served here by a stand-in: the machine has no internet)."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_browser import no_errors, open_page

MST = "https://mst.gov.vn/ban-hanh-danh-muc-55-nen-tang-so-dung-chung-tao-ha-tang-so-quoc-gia-thong-nhat-197251109212654429.htm"


def test_a_citation_link_opens_the_original_publication(server, page):
    page.context.route("https://mst.gov.vn/**", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body="<title>MST</title><h1>55 nền tảng</h1>"))
    open_page(page, server.url + "/")
    no_errors(page)
    link = page.locator(f'a[href="{MST}"]').first
    expect(link).to_have_text("MOST (mst.gov.vn) (09/11/2025)")
    # hover: the edition read (the French one) and the basis, next to the caption
    caption = page.locator("[data-testid=stCaptionContainer]", has=link)
    caption.locator("[data-testid=stTooltipHoverTarget]").first.hover()
    expect(page.get_by_role("tooltip").or_(page.locator("[data-testid=stTooltipContent]")).first).to_contain_text(
        "tiếng Pháp", timeout=10_000)
    with page.expect_popup() as opened:
        link.click()
    original = opened.value
    original.wait_for_load_state()
    assert original.url == MST
    expect(original.locator("h1")).to_have_text("55 nền tảng")


def test_about_page_lists_the_documents_as_links(server, page):
    open_page(page, server.url + "/about")
    no_errors(page)
    expect(page.get_by_role("link", name="Quyết định 2618/QĐ-BKHCN (11/09/2025)").first).to_be_visible()
    expect(page.get_by_role("link", name="Quyết định 1527/QĐ-BKHCN (29/06/2025)").first).to_be_visible()
    expect(page.get_by_text("không công khai", exact=False).first).to_be_visible()
