"""Where the language switch joins the pages: what a reader has chosen stays chosen and is shown in
the language switched to, and a page read in Vietnamese says its reasons in Vietnamese."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_browser import choose, no_errors, open_page, switch_language

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
    # the register's notes on each document are English only: each says so, and no reason is left in English
    notes = page.locator("li").filter(has_text=re.compile("bản đã đọc|chưa đọc văn bản")).all_inner_texts()
    assert len(notes) >= 20 and all("ghi chú của dự án, chưa dịch (tiếng Anh): " in n for n in notes)
    assert not re.search(r"(?<!\w)inferred: ", main), re.findall(r".{40}inferred: .{40}", main)[:3]
    assert "MAE = 5: suy luận: nguồn ghi Bộ Nông nghiệp và Phát triển nông thôn" in main

    switch_language(page, "English")
    expect(page.locator("li").filter(has_text=re.compile("^≈ .*MAE = 5: inferred: "))).to_have_count(1)
    english = page.locator("li").filter(has_text=re.compile("^≈ ")).all_inner_texts()
    assert len(english) == len(reasons) and all(re.search("[:—] inferred: ", r) for r in english)
