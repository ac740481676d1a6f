"""The progress page in Chrome: a step of a platform's timeline links to the source it was read in,
with the quote on hover (the href is checked; the network is off, so the link is not followed)."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_browser import choose, no_errors, open_page
from tests.servers import server_fixture

NPSP = "Cổng Dịch vụ công quốc gia"
SOURCE = "https://vss.gov.vn/english/research/pages/research.aspx?CateID=184&ItemID=9413"

# A server on the shipped data: the session's server has data other tests change.
shipped = server_fixture("shipped")


def test_a_timeline_step_links_to_its_source_with_the_quote_on_hover(shipped, page):
    server = shipped
    open_page(page, server.url + "/shared_platforms")
    expect(page.get_by_text("Chưa nạp bản cập nhật tiến độ nào của bộ, ngành")).to_be_visible()
    box = page.locator("[data-testid=stSelectbox]").filter(has=page.get_by_text("Nền tảng", exact=True)).first
    choose(page, box, NPSP)
    link = page.locator("[data-testid=stMarkdownContainer] a", has_text="Vietnam Social Security")
    expect(link).to_have_count(1)
    assert link.get_attribute("href") == SOURCE
    assert "launch day (December 9, 2019)" in link.get_attribute("title")
    expect(page.get_by_text("09/12/2019", exact=False).first).to_be_visible()   # the true date, dd/mm/yyyy
    # uncertain steps are hidden until asked for: the interbank system has none, the data portal has one
    choose(page, box, "Cổng dữ liệu quốc gia")
    mic = page.locator("[data-testid=stMarkdownContainer] a[href*='mic.gov.vn']")
    expect(mic).to_have_count(0)
    page.get_by_text("Hiện cả các bước chưa chắc chắn").click()
    expect(mic).to_have_count(1, timeout=30_000)
    no_errors(page)
