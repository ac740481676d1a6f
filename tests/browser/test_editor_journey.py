"""The ministry editor's journey (issue 17 item 3), on a server of its own: sign in -> upload a
partial file -> the preview lists what will be added, changed and removed -> commit -> the
catalogue and ministries pages show exactly that, and the database holds exactly that."""
from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from access.users import NewUser
from store.db import reading, rows
from tests.browser.test_browser import choose, no_errors, open_page, settle, sign_in, table_download
from tests.files import HEADER, csv_bytes
from tests.servers import server_fixture

EDITOR = ("ke.toan@mof.gov.vn", "mật khẩu biên tập 2026")
LIST_ID = "shared-2025"

editor_server = server_fixture("editor_server", [(NewUser(EDITOR[0], "ministry_editor", body_code="MOF"), EDITOR[1])])


def current(db: Path) -> list[tuple]:
    with reading(db) as con:
        return rows(con, "SELECT name, name_en, ministry_code FROM platform_current WHERE list_id = ? ORDER BY name",
                    [LIST_ID])


def metric(page: Page, label: str):
    return page.locator("[data-testid=stMetric]").filter(has=page.get_by_text(label, exact=True))


def bar_value(page: Page, label: str) -> int:
    """The value of ``label``'s bar in the page's first chart, read from the figure the browser drew (Plotly's decoded traces)."""
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=60_000)
    return page.evaluate("""(label) => {
        const gd = document.querySelector('.js-plotly-plot');
        let total = 0;
        for (const trace of gd._fullData)          // _fullData: the decoded arrays
            Array.from(trace.y).forEach((y, i) => { if (y === label) total += Number(trace.x[i]); });
        return total; }""", label)


def test_editor_partial_file_preview_commit_pages_and_database(editor_server, page, tmp_path):
    db = editor_server.db
    before = current(db)
    mof = [r for r in before if r[2] == "MOF"]
    others = [r for r in before if r[2] != "MOF"]
    assert len(mof) == 10
    same, renamed = mof[0], mof[1]
    upload = tmp_path / "bo-tai-chinh.csv"
    upload.write_bytes(csv_bytes([HEADER, [1, same[0], "Bộ Tài chính"], [2, renamed[0].upper(), "BTC"],
                                  [3, "Nền tảng hóa đơn điện tử thử nghiệm", "Bộ Tài chính"],
                                  [4, "Nền tảng của Bộ Công an", "Bộ Công an"]]))

    open_page(page, editor_server.url + "/imports")
    sign_in(page, *EDITOR)
    expect(page.get_by_text(re.compile("Tài khoản biên tập của Bộ Tài chính"))).to_be_visible()
    choose(page, page.locator("[data-testid=stSelectbox]").filter(has=page.get_by_text("Danh sách", exact=True)).first,
           re.compile(LIST_ID))
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(upload))
    expect(page.get_by_text("Thay đổi so với danh sách hiện tại")).to_be_visible(timeout=30_000)
    settle(page)
    # the preview: what will be added, changed, left out; the MPS row is refused
    expect(metric(page, "Thêm mới")).to_contain_text("1")
    expect(metric(page, "Thay đổi")).to_contain_text("1")
    expect(metric(page, "Không đổi")).to_contain_text("1")
    expect(metric(page, "Không có trong tệp")).to_contain_text("8")
    expect(metric(page, "Bị loại")).to_contain_text("1")
    expect(page.get_by_text("Sẽ thêm vào danh sách")).to_be_visible()
    expect(page.get_by_text("Sẽ thay đổi", exact=True)).to_be_visible()
    # by default the platforms not in the file stay; removing them is an explicit tick
    expect(page.get_by_text("Có trong danh sách, không có trong tệp: sẽ được giữ lại")).to_be_visible()
    page.get_by_text("Xóa 8 nền tảng không có trong tệp khỏi danh sách").click()
    expect(page.get_by_text("Có trong danh sách, không có trong tệp: sẽ bị xóa khỏi danh sách")).to_be_visible(
        timeout=30_000)
    settle(page)
    no_errors(page)
    assert current(db) == before                                   # a preview writes nothing
    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
    done = page.get_by_text(re.compile(r"Đã nạp lần #\d+: 3 dòng, 1 dòng bị loại\."))
    expect(done).to_be_visible(timeout=30_000)
    import_no = re.search(r"#(\d+)", done.inner_text()).group(1)
    expect(page.get_by_text("Danh sách: thêm 1, thay đổi 1, không đổi 1, xóa 8, giữ lại 0 nền tảng không có trong tệp.")
           ).to_be_visible()

    # the database holds exactly that: MOF's three rows (English names kept), the others untouched
    after = current(db)
    english = {name: en for name, en, _ in before}
    assert [r for r in after if r[2] == "MOF"] == sorted([
        (same[0], english[same[0]], "MOF"), (renamed[0].upper(), english[renamed[0]], "MOF"),
        ("Nền tảng hóa đơn điện tử thử nghiệm", None, "MOF")])
    assert [r for r in after if r[2] != "MOF"] == others

    # the catalogue, filtered to MOF, lists exactly those three
    open_page(page, editor_server.url + f"/catalogue?clist={LIST_ID}&ministry=MOF")
    expect(page.get_by_text("3 nền tảng", exact=True)).to_be_visible(timeout=30_000)
    text = Path(table_download(page).path()).read_bytes().decode("utf-8-sig")
    assert "Nền tảng hóa đơn điện tử thử nghiệm" in text and renamed[0].upper() in text and same[0] in text
    assert not any(name in text for name, _, _ in mof[2:])
    # the new platform cites where it came from: the editor's import (its row had no document)
    listed = {r["Tên nền tảng"]: r for r in csv.DictReader(io.StringIO(text))}
    assert listed["Nền tảng hóa đơn điện tử thử nghiệm"]["Nguồn"] == (
        f"tệp nạp lần #{import_no}: bo-tai-chinh.csv ({date.today():%d/%m/%Y}, {EDITOR[0]})")
    # the ministries page counts 3 for MOF and the same as before for another body
    open_page(page, editor_server.url + f"/ministries?list={LIST_ID}")
    assert bar_value(page, "Bộ Tài chính") == 3
    assert bar_value(page, "Bộ Công an") == sum(1 for r in others if r[2] == "MPS")
    no_errors(page)
