"""Accessibility past the pages' first view (test_journeys.py checks each page as it opens, on a
phone in Vietnamese and a laptop in English): the tabs, sections and choices a person opens, in the
other two combinations, through axe-core; and the keyboard's way through the sidebar into the page."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser import open_page

# the states a first view does not show: a tab, a section, a province with a former one, a search
STATES = ["/ministries?list=national-2024&section=publication", "/ministries?section=reconcile",
          "/recognition?rsec=dossier", "/recognition?rsec=bodies", "/recognition?rsec=corrections",
          "/recognition?rsec=enter", "/provinces?province=08", "/catalogue?q=dinh%20danh"]
FOCUSED = r"""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
    return {name: (e.getAttribute('aria-label') || e.innerText || '').replace(/\s+/g, ' ').trim(), tag: e.tagName,
            sidebar: !!e.closest('[data-testid=stSidebar]'), shown: r.width > 0 && r.height > 0}; }"""


@pytest.mark.parametrize("width, height, lang", [(390, 844, "en"), (1280, 800, "vi")], ids=["phone-en", "laptop-vi"])
def test_the_opened_tabs_and_sections_pass_axe(server, browser, width, height, lang):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    problems = []
    for path in STATES:
        open_page(page, server.url + path + ("&lang=en" if lang == "en" else ""))
        serious = [(v["id"], [n["target"] for n in v["nodes"][:2]])
                   for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")
                   or v["id"] == "heading-order"]   # (moderate, and a screen reader's outline)
        if serious:
            problems.append((path, serious))
    context.close()
    assert not problems, problems


def test_the_keyboard_goes_skip_link_menu_language_sign_in_filter_then_the_page(server, page):
    """On a desktop: Tab first reaches the skip link, then the menu in its order, the language,
    the sign-in button, the ministry filter, then the page; each stop is on screen; the skip link
    takes the focus past the sidebar into the page."""
    open_page(page, server.url + "/")
    menu = page.locator("[data-testid=stSidebarNav] a").all_inner_texts()
    stops = []
    for _ in range(len(menu) + 7):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    assert stops[0]["tag"] == "A" and not stops[0]["sidebar"]   # the skip link (its words are the chrome's)
    assert [s["name"] for s in stops[1:len(menu) + 1]] == [" ".join(m.split()) for m in menu] and len(menu) == 8
    rest = [s["name"] for s in stops[len(menu) + 1:]]
    assert rest[0] == "Tiếng Việt" and rest[1].endswith("Đăng nhập"), rest
    assert "Lọc theo bộ, ngành" in rest and all(s["shown"] for s in stops)
    after_filter = stops[len(menu) + 1 + rest.index("Lọc theo bộ, ngành") + 1]
    assert not after_filter["sidebar"]   # then the page itself

    open_page(page, server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")         # the skip link
    page.keyboard.press("Tab")
    expect(page.locator("[data-testid=stMain]").locator(":focus")).to_have_count(1)
