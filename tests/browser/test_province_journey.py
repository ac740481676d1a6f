"""A provincial leader's journey, in Chrome: their province after the 2025 merger (with the former
province it took in), a province's duplicates of the central platforms filtered to one ministry,
and the link they send a colleague, opened in a fresh browser (no sign-in, no session). One walk on
a desktop in Vietnamese with the mouse, one on a phone in English with the keyboard only."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import ACCOUNTS
from tests.browser.test_browser import no_errors, open_page, settle, sign_in

PROVINCE = "combobox"


def metrics(page: Page) -> dict[str, str]:
    """The metrics of the page as a person reads them: label -> value."""
    boxes = page.locator("[data-testid=stMetric]")
    return {b.locator("[data-testid=stMetricLabel]").inner_text().strip(): b.locator("[data-testid=stMetricValue]").inner_text()
            for b in boxes.all()}


def fresh(browser, link: str, width: int = 1400, height: int = 1000):
    """The colleague: a browser of their own, never signed in, opening the link they were sent."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    open_page(page, link)
    return context, page


def test_a_leader_of_a_merged_province_sends_the_link_to_their_province(server, page, browser):
    """The reviewer of Tuyên Quang (Hà Giang merged into it on 01/07/2025) signs in, opens the
    provinces page from the menu: it opens on their province, saying which former province it took
    in. The link they copy opens that province for a colleague who is not signed in, not the
    province a stranger would get by default (Nghệ An, the one with a list)."""
    open_page(page, server.url + "/")
    sign_in(page, *ACCOUNTS["reviewer_08"])
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Tỉnh, thành phố").click()
    page.wait_for_url(re.compile(r"/provinces"), timeout=30_000)
    settle(page)
    expect(page.get_by_role(PROVINCE, name="Tỉnh, thành phố", exact=True)).to_have_value("Tuyên Quang")
    expect(page.get_by_text(re.compile(r"Gồm cả tỉnh cũ: Hà Giang"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Chưa có danh sách nền tảng nào của Tuyên Quang"))).to_be_visible()
    no_errors(page)

    context, other = fresh(browser, page.url)
    expect(other.get_by_role(PROVINCE, name="Tỉnh, thành phố", exact=True)).to_have_value("Tuyên Quang")
    expect(other.get_by_text(re.compile(r"Gồm cả tỉnh cũ: Hà Giang"))).to_be_visible()
    context.close()


def tab_to(page: Page, label: str, limit: int = 40, key: str = "Tab") -> None:
    """Press Tab (or ``key``: Shift+Tab goes back) until the element named ``label`` has the focus
    (the keyboard only, as a person who cannot use a mouse moves through the page)."""
    passed = []
    for _ in range(limit):
        page.keyboard.press(key)
        passed.append(page.evaluate("() => (document.activeElement.getAttribute('aria-label')"
                                    " || document.activeElement.innerText || '').trim().slice(0, 40)"))
        if passed[-1] == label:
            return
    raise AssertionError(f"{label!r} is not reached by {limit} presses of {key}: {passed}")


def test_a_leader_on_a_phone_filters_the_duplicates_by_keyboard_and_the_link_brings_back_the_view(server, browser):
    """On a phone (390 px), in English, with the keyboard only: Nghệ An's duplicates of central
    platforms, filtered to the Ministry of Science and Technology; the
    link opens exactly that view (province, filter, language, figures) in a fresh browser."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    open_page(page, server.url + "/provinces?lang=en")
    expect(page.get_by_role(PROVINCE, name="Province", exact=True)).to_have_value("Nghe An")
    everything = metrics(page)
    tab_to(page, "Expand sidebar")
    page.keyboard.press("Enter")   # the menu slides in over the page
    expect(page.get_by_role("combobox", name="Filter by ministry")).to_be_in_viewport(timeout=10_000)
    # The focus stays in the page, past the menu (Streamlit's; reported to the lead): back to the filter
    tab_to(page, "Filter by ministry", key="Shift+Tab")
    page.keyboard.type("science and tech")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"ministry=MOST"), timeout=30_000)
    settle(page)
    expect(page.get_by_text(re.compile(r"Filtered to: Ministry of Science and Technology"))).to_be_visible()
    filtered = metrics(page)
    # (the reviews other tests of the session's server make change the pending counts: only the
    # province's own list is fixed)
    assert filtered["Platforms in the province's lists"] == "1" and set(filtered) == set(everything)
    assert filtered != everything
    no_errors(page)

    other_context, other = fresh(browser, page.url, 390, 844)
    expect(other.get_by_role(PROVINCE, name="Province", exact=True)).to_have_value("Nghe An")
    expect(other.get_by_text(re.compile(r"Filtered to: Ministry of Science and Technology"))).to_be_visible()
    assert metrics(other) == filtered
    other_context.close()
    context.close()


def test_an_officer_shares_the_ministries_chart_mapped_to_todays_ministries(server, page, browser):
    """The July 2024 list mapped onto today's ministries (the lineage switch: MPI's platforms
    counted under the Ministry of Finance): the link sent opens the same chart, switch on."""
    open_page(page, server.url + "/ministries?list=national-2024")
    expect(page.locator(".js-plotly-plot g.point").first).to_be_attached(timeout=60_000)
    before = page.locator(".js-plotly-plot g.point").count()
    switch = page.get_by_role("switch", name="Quy về cơ cấu bộ, ngành hiện nay")
    expect(switch).not_to_be_checked()
    page.get_by_text("Quy về cơ cấu bộ, ngành hiện nay").click()
    settle(page)
    expect(switch).to_be_checked()
    # bodies merged since: fewer bars, on the one chart (the old one is gone once the run is drawn)
    page.wait_for_function("""n => { const p = document.querySelectorAll('.js-plotly-plot');
        const k = p.length === 1 ? p[0].querySelectorAll('g.point').length : 0; return k > 0 && k < n; }""",
                           arg=before, timeout=30_000)
    mapped = page.locator(".js-plotly-plot g.point").count()
    assert "lineage=1" in page.url
    context, other = fresh(browser, page.url)
    expect(other.get_by_role("switch", name="Quy về cơ cấu bộ, ngành hiện nay")).to_be_checked()
    expect(other.locator(".js-plotly-plot g.point")).to_have_count(mapped, timeout=30_000)
    context.close()
