"""Where pages join: what a reader has chosen stays chosen across a language switch (shown in the
language switched to) and across the menu, and a page read in Vietnamese says its reasons in
Vietnamese."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_browser import choose, no_errors, open_page, settle, switch_language

# page -> (the chooser's label in vi and en, what to choose first, the chosen option's label in vi and en)
CHOOSERS = {
    "/": (("Danh sách", "List"), r"\(national-2024\)",
          ("Danh sách nền tảng số do các bộ, ngành triển khai trên toàn quốc (national-2024)",
           "Digital platforms deployed nationwide by ministries and agencies (national-2024)")),
    "/catalogue": (("Danh sách", "List"), None, ("Tất cả danh sách", "All lists")),
    "/shared_platforms": (("Danh sách", "List"), None,
                          ("Danh mục nền tảng số quốc gia, nền tảng số dùng chung của ngành, lĩnh vực, vùng (shared-2025)",
                           "List of national and shared digital platforms of sectors, fields and regions (shared-2025)")),
}


def test_a_language_switch_relabels_what_the_reader_chose_and_keeps_it(server, page):
    """A reader chooses a list (or keeps the page's own), switches to English and back: the chooser
    still holds that list, named in the language of the page, and the URL still names it."""
    for path, ((vi, en), pick, (chosen_vi, chosen_en)) in CHOOSERS.items():
        open_page(page, server.url + path)
        box = lambda label: page.get_by_role("combobox", name=label, exact=True).last  # noqa: E731
        if pick:
            choose(page, page.locator("[data-testid=stSelectbox]").filter(has_text=vi).last, re.compile(pick))
        expect(box(vi)).to_have_value(chosen_vi)
        switch_language(page, "English")
        expect(box(en)).to_have_value(chosen_en)
        if pick:
            assert "national-2024" in page.url
        switch_language(page, "Tiếng Việt")
        expect(box(vi)).to_have_value(chosen_vi)
        no_errors(page)
    # a reader who clears the chooser to type a search is prompted in Vietnamese, not "Choose an option"
    box(vi).click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    expect(box(vi)).to_have_value("")
    expect(box(vi)).to_have_attribute("placeholder", "Chọn, hoặc gõ để tìm")
    page.keyboard.press("Escape")


def test_the_about_page_gives_its_inferences_reasons_in_the_readers_language(server, page):
    """Every inference the About page lists says why in Vietnamese to a Vietnamese reader (the
    reference data writes the reasons in English) and in English to an English one."""
    open_page(page, server.url + "/about")
    heading = page.get_by_text("Suy luận: không có trong nguồn mà được suy ra; mỗi chỗ nêu lý do:")
    expect(heading).to_be_visible()
    reasons = page.locator("li").filter(has_text=re.compile("^≈ ")).all_inner_texts()
    assert len(reasons) >= 10
    # each line: what was inferred, then its reason (a document's line: its title, then " — " and the reason)
    assert all(re.search("[:—] suy luận: ", r) for r in reasons), [r for r in reasons if "suy luận: " not in r][:3]
    main = page.locator("[data-testid=stMain]").inner_text()
    # the register's notes on each document in Vietnamese, marked as the project's translation; no reason left in English
    notes = page.locator("li").filter(has_text=re.compile("bản đã đọc|chưa đọc văn bản")).all_inner_texts()
    assert len(notes) >= 20 and all("(bản dịch của dự án)" in n and "chưa dịch" not in n for n in notes)
    assert not re.search(r"(?<!\w)inferred: ", main), re.findall(r".{40}inferred: .{40}", main)[:3]
    assert "MAE = 5: suy luận: nguồn ghi Bộ Nông nghiệp và Phát triển nông thôn" in main

    switch_language(page, "English")
    expect(page.locator("li").filter(has_text=re.compile("^≈ .*MAE = 5: inferred: "))).to_have_count(1)
    english = page.locator("li").filter(has_text=re.compile("^≈ ")).all_inner_texts()
    assert len(english) == len(reasons) and all(re.search("[:—] inferred: ", r) for r in english)


def test_a_page_opened_again_from_the_menu_is_as_the_reader_left_it(server, page):
    """MST staff and a provincial leader move between pages through the menu: the Ministries page
    comes back on the list and tab they chose, the progress page on its date, the Provinces page
    on its province (the menu's links carry only the language and the filter)."""
    def menu(name: str, url: str) -> None:
        page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=name).click()
        page.wait_for_url(re.compile(url), timeout=30_000)
        settle(page)

    open_page(page, server.url + "/ministries?list=national-2024&section=publication")
    menu("Danh mục nền tảng", r"/catalogue")
    menu("Bộ, ngành", r"/ministries")
    expect(page.get_by_role("combobox", name="Danh sách", exact=True).first).to_have_value(re.compile(r"\(national-2024\)$"))
    expect(page.get_by_role("tab", selected=True)).to_have_text(re.compile("Công bố danh sách"))
    page.wait_for_url(re.compile(r"list=national-2024"), timeout=30_000)

    open_page(page, server.url + "/shared_platforms?d=2025-09-30")
    menu("Tổng quan", r"/(\?|$)")
    menu("Tiến độ 55 nền tảng", r"/shared_platforms")
    expect(page.get_by_role("group", name="Tính đến ngày")).to_have_text(re.compile(r"30\D*09\D*2025"))
    expect(page.get_by_role("link", name="Báo cáo Excel / PDF tính đến 30/09/2025")).to_be_visible()

    open_page(page, server.url + "/provinces")
    choose(page, page.locator("[data-testid=stSelectbox]").filter(has_text="Tỉnh, thành phố").first, "Hà Nội")
    page.wait_for_url(re.compile(r"province="), timeout=30_000)
    menu("Tổng quan", r"/(\?|$)")
    menu("Tỉnh, thành phố", r"/provinces")
    expect(page.get_by_role("combobox", name="Tỉnh, thành phố", exact=True)).to_have_value("Hà Nội")
    no_errors(page)
