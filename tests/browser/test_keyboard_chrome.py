"""The chrome every page shares, with the keyboard only (found by journey-pass-2): on a phone the
collapsed sidebar's controls are not Tab stops a person cannot see, and a focused menu link shows
where the focus is."""
from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.test_browser import open_page
from tests.browser.test_province_journey import tab_to

IN_SIDEBAR = "() => !!document.activeElement.closest('[data-testid=stSidebar]')"


def test_on_a_phone_the_collapsed_sidebar_is_not_in_the_tab_order(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_page(page, server.url + "/provinces?lang=en")
    hidden_stops = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        hidden_stops += page.evaluate(IN_SIDEBAR)
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Expand sidebar":
            break
    else:
        raise AssertionError("'Expand sidebar' is not reached by 40 presses of Tab")
    assert hidden_stops == 0, f"{hidden_stops} Tab stops inside the collapsed sidebar"
    page.keyboard.press("Enter")   # expanded, its controls are reachable again
    tab_to(page, "Filter by ministry", key="Shift+Tab")
    assert page.evaluate(IN_SIDEBAR)
    context.close()


def test_a_focused_menu_link_shows_an_outline(server, page: Page):
    open_page(page, server.url + "/?lang=en")
    link = page.locator("[data-testid=stSidebarNavLink]").nth(1)
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")     # focus by the keyboard (:focus-visible)
    style = link.evaluate("e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]")
    assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, style
