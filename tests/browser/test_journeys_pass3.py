"""Four users' journeys walked again from start to goal, looking at where pages join (a language
switch, a reload, a link pasted into a new tab, a second browser), on a server of their own:
the MST officer's past-date, two-ministry report; a ministry editor's partial file; a merged
province's overlap review; a platform's recognition."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pypdf
from playwright.sync_api import Page, expect

from access.users import NewUser
from store.db import reading, rows
from tests.browser.test_browser import (
    choose,
    download_file,
    grid,
    no_errors,
    open_page,
    settle,
    sign_in,
    switch_language,
    table_download,
)
from tests.browser.test_journeys import open_options
from tests.browser.test_province_journey import metrics
from tests.browser.test_recognition_journey import expander, import_rows, submit
from tests.files import HEADER, csv_bytes
from tests.servers import server_fixture

ROOT = Path(__file__).resolve().parents[2]
SIDEBAR = "[data-testid=stSidebar]"
FILTER = f"{SIDEBAR} [data-testid=stMultiSelect]"
EDITOR = ("bien.tap@mps.gov.vn", "mật khẩu biên tập Bộ Công an")
ADMIN = ("quan.tri.3@mst.gov.vn", "mật khẩu quản trị lượt ba")
REVIEWER = ("ra.soat.3@tuyenquang.gov.vn", "mật khẩu rà soát Tuyên Quang lượt ba")
ASSESSOR = ("tham.dinh.3@mst.gov.vn", "mật khẩu thẩm định lượt ba")

journey_server = server_fixture("journey_server", [(NewUser(EDITOR[0], "ministry_editor", body_code="MPS"), EDITOR[1]),
                                                   (NewUser(ADMIN[0], "admin"), ADMIN[1]),
                                                   (NewUser(REVIEWER[0], "province_reviewer", province_code="08"),
                                                    REVIEWER[1]),
                                                   (NewUser(ASSESSOR[0], "assessor"), ASSESSOR[1])])
# the recognition journey on a server of its own: its funnel counts (2 proposed, 1 assessed) hold
# only where no other journey of this file has proposed or assessed
recognition_server = server_fixture("recognition_server", [
    (NewUser(EDITOR[0], "ministry_editor", body_code="MPS"), EDITOR[1]), (NewUser(ASSESSOR[0], "assessor"), ASSESSOR[1])])


def choose_ministry(page: Page, typed: str, code: str) -> None:
    """Type part of a ministry's name without diacritics and pick it (``code``) from what is offered."""
    option = page.get_by_role("option", name=re.compile(rf"\({code}\)"))
    for attempt in range(3):   # typing that lands while a rerun redraws the filter is lost: type again
        page.locator(FILTER).locator("input").click()
        page.keyboard.press("Control+A")
        page.keyboard.type(typed)
        try:
            expect(option).to_be_visible(timeout=15_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            settle(page)
    option.click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(rf"ministry={code}"), timeout=30_000)
    settle(page)


def stage_table(page: Page, header: str) -> dict[str, int]:
    """The progress page's table of stages: stage -> platforms that reached it (an inferred one marked ≈)."""
    _, rows = grid(page.locator("[data-testid=stDataFrame]").filter(
        has=page.locator("[role=columnheader]", has_text=header)).first)
    return {r[0].removeprefix("≈ "): int(r[1]) for r in rows}


def set_date(page: Page, label: str, typed: str) -> None:
    """Type a date into the date field's segments (day, month, year), as a person does."""
    page.get_by_role("group", name=label).get_by_role("spinbutton").first.click()
    page.keyboard.type(typed.replace("/", ""))
    page.locator("h1").first.click()   # the field sends its date once it loses the focus
    settle(page)


# --- 1. The MST officer before the weekly meeting --------------------------------------------
def test_mst_officer_takes_a_past_date_two_ministry_english_report_to_the_meeting(journey_server, page, browser):
    """On the progress page: a past date, two ministries, English, the comparison of two versions
    opened; the date and filter survive the switch, a reload and a link in a new tab; the PDF and
    the Excel hold the page's figures for that date, filter and language."""
    open_page(page, journey_server.url + "/shared_platforms")
    set_date(page, "Tính đến ngày", "30/09/2025")
    page.wait_for_url(re.compile(r"d=2025-09-30"), timeout=30_000)
    choose_ministry(page, "cong an", "MPS")
    choose_ministry(page, "tai chinh", "MOF")
    page.wait_for_url(re.compile(r"ministry=MPS.*ministry=MOF|ministry=MOF.*ministry=MPS"), timeout=30_000)
    vi_stages = stage_table(page, "Đang ở giai đoạn này")
    switch_language(page, "English")
    expect(page.get_by_role("group", name="As of")).to_have_text(re.compile(r"30\D*09\D*2025"))
    expect(page.locator(FILTER)).to_contain_text("Ministry of Public Security (MPS)")
    expect(page.locator(FILTER)).to_contain_text("Ministry of Finance (MOF)")
    header = "At this stage now"
    stages = stage_table(page, header)
    assert list(stages.values()) == list(vi_stages.values()) and sum(stages.values()) > 0
    shown = metrics(page)
    page.get_by_text("Compare two versions of a list").click()
    settle(page)
    expect(page.get_by_role("combobox", name="Older version (import)")).to_be_visible(timeout=30_000)
    no_errors(page)
    for where in ("reload", "new tab"):
        link = page.url
        assert "d=2025-09-30" in link and "lang=en" in link and "ministry=MPS" in link and "ministry=MOF" in link, link
        if where == "reload":
            page.reload()
            expect(page.locator("h1").first).to_be_visible(timeout=60_000)
            settle(page)
            other = page
        else:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            other = context.new_page()
            open_page(other, link)
        expect(other.locator("h1").first).to_have_text(re.compile("Progress"))
        expect(other.get_by_role("group", name="As of")).to_have_text(re.compile(r"30\D*09\D*2025"))
        expect(other.locator(FILTER)).to_contain_text("Ministry of Public Security (MPS)")
        expect(other.locator(FILTER)).to_contain_text("Ministry of Finance (MOF)")
        assert stage_table(other, header) == stages and metrics(other) == shown, where
    context.close()

    page.get_by_role("link", name="Excel / PDF report as of 30/09/2025").click()
    settle(page)
    expect(page.locator("h1").first).to_have_text(re.compile("at a glance"))
    expect(page.get_by_role("group", name="As of").last).to_have_text(re.compile(r"30\D*09\D*2025"))
    expect(page.locator(FILTER)).to_contain_text("Ministry of Public Security (MPS)")
    expect(page.locator(FILTER)).to_contain_text("Ministry of Finance (MOF)")
    xlsx = download_file(page, page.get_by_role("button", name="Full report (Excel)"), timeout=90_000)
    pdf = download_file(page, page.get_by_role("button", name="Brief (PDF)"), timeout=90_000)
    assert "_2025-09-30." in xlsx.suggested_filename and "_2025-09-30." in pdf.suggested_filename
    book = openpyxl.load_workbook(io.BytesIO(Path(xlsx.path()).read_bytes()))
    cover = {r[0]: r[1] for r in book.worksheets[0].iter_rows(values_only=True) if r and r[0]}
    assert cover["As of"] == "30/09/2025", cover
    assert "Ministry of Public Security" in str(cover) and "Ministry of Finance" in str(cover), cover
    sheet = list(book["Progress by stage"].iter_rows(values_only=True))
    assert {str(s).removeprefix("≈ "): n for s, n, *_ in sheet[1:]} == stages
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(pdf.path()).pages)
    assert "30/09/2025" in text and "Ministry of Public Security" in text
    flat = " ".join(text.split())   # a long stage name wraps in the PDF's table
    in_pdf = {stage: int(m.group(1)) for stage in stages
              if (m := re.search(re.escape(stage) + r" (\d+) \(\d+\)", flat.split(" on 30/09/2025", 1)[1]))}
    assert in_pdf == stages, flat[:1500]
    no_errors(page)
    # Back returns to the progress page as it was left (the link's arrival added no step of its own)
    page.go_back()
    page.wait_for_url(re.compile(r"/shared_platforms\?"), timeout=30_000)
    settle(page)
    expect(page.locator("h1").first).to_have_text(re.compile("Progress"))
    expect(page.get_by_role("group", name="As of")).to_have_text(re.compile(r"30\D*09\D*2025"))
    assert stage_table(page, header) == stages


# --- 2. A ministry editor sending an updated list ---------------------------------------------
NATIONAL = "national-2024"
MPS = [f"Nền tảng thử nghiệm số {i} của Bộ Công an" for i in range(1, 6)]
MOF = ["Nền tảng thử nghiệm hóa đơn của Bộ Tài chính", "Nền tảng thử nghiệm thuế của Bộ Tài chính"]


def national_rows(db: Path) -> list[tuple]:
    with reading(db) as con:
        return rows(con, "SELECT name, ministry_code FROM platform_current WHERE list_id = ? ORDER BY name", [NATIONAL])


def test_ministry_editor_sends_a_partial_2024_list_and_the_preview_is_what_is_written(journey_server, page, browser,
                                                                                       tmp_path):
    """The operator has loaded the 2024 list (five MPS platforms, two MOF ones). MPS's editor sends a
    partial file: one row as before, one written differently, one platform under a new name, one row
    of an unknown body and one of MOF. The preview's figures are what the commit writes; MOF's rows
    and the MPS platforms the file left out stay; the catalogue, the ministries page and the admin's
    audit trail (in a second browser) say the same."""
    db = journey_server.db
    seed = tmp_path / "danh-sach-2024.csv"
    seed.write_bytes(csv_bytes([HEADER, *([i, n, "Bộ Công an"] for i, n in enumerate(MPS, 1)),
                                *([6 + i, n, "Bộ Tài chính"] for i, n in enumerate(MOF))]))
    subprocess.run([sys.executable, "-m", "actions", "ingest", str(seed), "--list", NATIONAL, "--db", str(db)],
                   check=True, capture_output=True, timeout=60)
    before = national_rows(db)
    assert len(before) == 7
    renamed = "Nền tảng thử nghiệm số 3 (tên mới) của Bộ Công an"
    upload = tmp_path / "bo-cong-an-cap-nhat.csv"
    upload.write_bytes(csv_bytes([HEADER, [1, MPS[0], "Bộ Công an"], [2, MPS[1].upper(), "BCA"],
                                  [3, renamed, "Bộ Công an"], [4, "Nền tảng của một cơ quan lạ", "Bộ Không Có Thật"],
                                  [5, "Nền tảng thử nghiệm tài sản của Bộ Tài chính", "Bộ Tài chính"]]))

    open_page(page, journey_server.url + "/imports")
    sign_in(page, *EDITOR)
    choose(page, page.locator("[data-testid=stSelectbox]").filter(has=page.get_by_text("Danh sách", exact=True)).first,
           re.compile(NATIONAL))
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(upload))
    expect(page.get_by_text("Thay đổi so với danh sách hiện tại")).to_be_visible(timeout=30_000)
    settle(page)
    said = {k: int(v) for k, v in metrics(page).items() if v.isdigit()}
    assert {k: said.get(k) for k in ("Thêm mới", "Thay đổi", "Không đổi", "Không có trong tệp", "Bị loại")} == {
        "Thêm mới": 1, "Thay đổi": 1, "Không đổi": 1, "Không có trong tệp": 3, "Bị loại": 2}, said
    expect(page.get_by_text("Có trong danh sách, không có trong tệp: sẽ được giữ lại")).to_be_visible()
    no_errors(page)
    assert national_rows(db) == before                                   # a preview writes nothing
    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
    done = page.get_by_text(re.compile(r"Đã nạp lần #\d+: 3 dòng, 2 dòng bị loại\."))
    expect(done).to_be_visible(timeout=30_000)
    import_no = re.search(r"#(\d+)", done.inner_text()).group(1)
    expect(page.get_by_text("Danh sách: thêm 1, thay đổi 1, không đổi 1, xóa 0, giữ lại 3 nền tảng không có trong tệp.")
           ).to_be_visible()
    after = national_rows(db)
    assert sorted(after) == sorted([(MPS[0], "MPS"), (MPS[1].upper(), "MPS"), (renamed, "MPS"),
                                    *((n, "MPS") for n in MPS[2:]), *((n, "MOF") for n in MOF)])
    assert [r for r in after if r[1] == "MOF"] == [r for r in before if r[1] == "MOF"]

    # the catalogue filtered to MPS lists its six platforms, MOF's two still there
    for code, names in (("MPS", [MPS[0], MPS[1].upper(), renamed, *MPS[2:]]), ("MOF", MOF)):
        open_page(page, journey_server.url + f"/catalogue?clist={NATIONAL}&ministry={code}")
        expect(page.get_by_text(f"{len(names)} nền tảng", exact=True)).to_be_visible(timeout=30_000)
        text = Path(table_download(page).path()).read_bytes().decode("utf-8-sig")
        assert sorted(r["Tên nền tảng"] for r in csv.DictReader(io.StringIO(text))) == sorted(names)
    # the ministries page: MPS's loaded count is six
    open_page(page, journey_server.url + f"/ministries?list={NATIONAL}&ministry=MPS")
    _, table_rows = grid(page.locator("[data-testid=stDataFrame]").first)
    mps_row = next(r for r in table_rows if r[0] == "Bộ Công an")
    assert "6" in mps_row, mps_row
    no_errors(page)

    # the administrator, in a browser of their own, reads the audit trail: the same figures
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, accept_downloads=True, locale="vi-VN")
    admin = context.new_page()
    open_page(admin, journey_server.url + "/admin")
    sign_in(admin, *ADMIN)
    settle(admin)
    trail = Path(table_download(admin, nth=1).path()).read_bytes().decode("utf-8-sig")
    mine = [r for r in csv.DictReader(io.StringIO(trail)) if EDITOR[0] in str(r.values())]
    assert mine, trail[:1000]
    row = next(r for r in mine if r["Hành động"] == "nạp danh sách")
    assert row["Đối tượng"] == f"{NATIONAL} #{import_no}" and row["Kết quả"] == "thành công"
    assert json.loads(row["Chi tiết"])["changes"] == {"added": 1, "changed": 1, "unchanged": 1, "removed": 0, "kept": 3}
    context.close()


# --- 3. A provincial leader of a merged province ----------------------------------------------
def test_a_merged_provinces_reviewer_decides_a_pair_of_its_former_provinces_list(journey_server, page, tmp_path):
    """Hà Giang (merged into Tuyên Quang on 01/07/2025) had a list of its own, loaded by the
    operator. Tuyên Quang's reviewer opens the provinces page filtered to one ministry, decides one
    pair of the review queue: the database holds that decision on that pair, the queue no longer
    offers it, and the province's table says it, in Vietnamese and in English."""
    db = journey_server.db
    source = (ROOT / "data" / "lists" / "province-40-2025.csv").read_text(encoding="utf-8")
    listed = tmp_path / "ha-giang-2024.csv"
    listed.write_text(source.replace("Nghệ An", "Hà Giang").replace("Nghe An", "Ha Giang"), encoding="utf-8")
    for args in (["register", "province-02-2024", "--kind", "provincial", "--province", "02", "--date", "2024-12-01",
                  "--title", "Nền tảng số dùng chung của tỉnh Hà Giang"],
                 ["ingest", str(listed), "--list", "province-02-2024"]):
        subprocess.run([sys.executable, "-m", "actions", *args, "--db", str(db)], check=True, capture_output=True,
                       timeout=60)
    open_page(page, journey_server.url + "/provinces")
    sign_in(page, *REVIEWER)
    open_page(page, journey_server.url + "/provinces?province=08")
    expect(page.get_by_role("combobox", name="Tỉnh, thành phố", exact=True)).to_have_value("Tuyên Quang")
    expect(page.get_by_text(re.compile(r"Gồm cả tỉnh cũ: Hà Giang"))).to_be_visible()
    choose_ministry(page, "khoa hoc", "MOST")
    picker = page.locator("[data-testid=stSelectbox]").filter(has_text="Cặp cần rà soát")
    label = open_options(page, picker)[0]
    page.get_by_role("option", name=label, exact=True).click()
    settle(page)
    local, central = label.rsplit(" (", 1)[0].split(" → ")
    page.get_by_text("Xác nhận trùng/đang dùng", exact=True).click()
    page.get_by_role("button", name="Ghi kết luận").click()
    expect(page.get_by_text(re.compile(r"Đã ghi kết luận #\d+\."))).to_be_visible(timeout=30_000)
    settle(page)
    with reading(db) as con:
        decided = rows(con, """SELECT d.list_id, p.name, c.name, d.decision, d.decided_by FROM overlap_decision d
                               JOIN platform_current p ON p.list_id = d.list_id AND p.name_key = d.name_key
                               JOIN platform_current c ON c.list_id = d.central_list_id AND c.name_key = d.central_key""")
    assert decided == [("province-02-2024", local, central, "confirm", REVIEWER[0])], decided
    if picker.count():   # the pair has left the queue (the platform's other candidates with it)
        assert label not in open_options(page, picker)
        page.keyboard.press("Escape")
    else:
        expect(page.get_by_text("Không còn cặp nào chờ rà soát.")).to_be_visible()
    assert "ministry=MOST" in page.url
    for language, (review, by) in (("Tiếng Việt", ("Rà soát", "Người rà soát")), ("English", ("Review", "Reviewed by"))):
        if language == "English":
            switch_language(page, "English")
            expect(page.locator(FILTER)).to_contain_text("Ministry of Science and Technology (MOST)")
        book = openpyxl.load_workbook(io.BytesIO(Path(table_download(
            page, "Excel", label=re.compile(r"^(Tải về|Download)$")).path()).read_bytes()))
        sheet = list(book.worksheets[0].iter_rows(values_only=True))
        head = list(sheet[0])
        mine = [r for r in sheet[1:] if local in str(r) and central in str(r)]
        assert len(mine) == 1, (language, head, [r for r in sheet if local in str(r)])
        said = dict(zip(head, mine[0]))
        assert said[review] == {"Rà soát": "đã xác nhận", "Review": "confirmed"}[review] and said[by] == REVIEWER[0], said
    no_errors(page)


# --- 4. Recognition ---------------------------------------------------------------------------
def propose(page: Page, name: str, number: int) -> None:
    box = expander(page, "Đề xuất nền tảng (bước 1)")
    box.get_by_label("Tên nền tảng").fill(name)
    box.get_by_label("Doanh nghiệp sở hữu").fill("Công ty Thử nghiệm")
    box.get_by_label("Văn bản").first.fill(f"{100 + number}/BCA-CĐS")
    submit(page, box, rf"Đã ghi đề xuất số {number}\.", box.get_by_label("Tên nền tảng"))


def dossier_shows(page: Page, name: str, stage: str, label: str) -> None:
    expect(page.get_by_role("combobox", name=label)).to_have_value(re.compile(re.escape(name)))
    expect(page.locator("[data-testid=stMetric]").filter(has_text=re.compile("Giai đoạn|Stage"))).to_contain_text(stage)


def test_a_proposal_assessed_shows_in_its_dossier_the_catalogue_and_the_funnel_and_its_link_is_shared(
        recognition_server, browser, tmp_path):
    """MPS's editor proposes two platforms (one already on the 2025 list); an assessor records the
    assessment of that one. The funnel counts it assessed; the catalogue's link opens its dossier,
    not the other proposal's; the dossier's link, sent to a colleague, opens the same dossier for
    them, and keeps it when they switch to English and when they reload."""
    with reading(recognition_server.db) as con:
        listed = rows(con, "SELECT name FROM platform_current WHERE list_id = 'shared-2025' AND ministry_code = 'MPS' "
                           "ORDER BY name LIMIT 1")[0][0]
    other = "Nền tảng thử nghiệm đề xuất khác của Bộ Công an"
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="vi-VN", accept_downloads=True)
    editor = context.new_page()
    editor.goto(recognition_server.url + "/recognition?rsec=enter")
    expect(editor.locator("h1").first).to_be_visible(timeout=60_000)
    sign_in(editor, *EDITOR)
    propose(editor, other, 1)
    propose(editor, listed, 2)
    criteria = [["2", "45/QĐ-BCA", "01/04/2026", "", str(g), f"Tiêu chí nhóm {g}", "hồ sơ", ""] for g in range(1, 7)]
    import_rows(editor, "Bộ tiêu chí", "criteria", criteria, tmp_path, r"Đã nhập 1 hồ sơ; 0 dòng")
    context.close()

    context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="vi-VN", accept_downloads=True)
    assessor = context.new_page()
    assessor.goto(recognition_server.url + "/recognition?rsec=enter")
    expect(assessor.locator("h1").first).to_be_visible(timeout=60_000)
    sign_in(assessor, *ASSESSOR)
    items = [["2", "council", "Hội đồng thẩm định", "02/04/2026", "BB-9", str(n), "met", "biên bản", "", ""]
             for n in range(1, 7)]
    import_rows(assessor, "Đánh giá", "assessment", items, tmp_path, r"Đã nhập 1 hồ sơ; 0 dòng")
    context.close()
    with reading(recognition_server.db) as con:
        assert rows(con, "SELECT DISTINCT proposal_id FROM recognition_assessment") == [(2,)]

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    reader = context.new_page()
    open_page(reader, recognition_server.url + "/recognition")
    assessed = reader.locator("[data-testid=stMetricLabel]").filter(has_text=re.compile(r"^Đã đánh giá$"))
    expect(assessed).to_be_visible(timeout=60_000)   # the funnel drawn before its figures are read
    counted = metrics(reader)
    assert (counted["Đã đề xuất"], counted["Đã đánh giá"], counted["Được công nhận"]) == ("2", "1", "0"), counted
    open_page(reader, recognition_server.url + "/catalogue?clist=shared-2025&ministry=MPS")
    reader.get_by_role("link", name="Hồ sơ công nhận: " + listed).click()
    reader.wait_for_url(re.compile(r"/recognition\?.*proposal=2"), timeout=30_000)
    settle(reader)
    dossier_shows(reader, listed, "Đã đánh giá", "Nền tảng (đề xuất)")
    _, criteria_rows = grid(reader.locator("[data-testid=stDataFrame]").first)
    assert len(criteria_rows) == 6
    link = reader.url
    reader.go_back()   # back to the catalogue the reader came from, its filter in place
    reader.wait_for_url(re.compile(r"/catalogue\?"), timeout=30_000)
    settle(reader)
    expect(reader.locator(FILTER)).to_contain_text("Bộ Công an (MPS)")
    reader.go_forward()
    reader.wait_for_url(re.compile(r"/recognition\?.*proposal=2"), timeout=30_000)
    settle(reader)
    dossier_shows(reader, listed, "Đã đánh giá", "Nền tảng (đề xuất)")
    context.close()

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    colleague = context.new_page()
    open_page(colleague, link)
    dossier_shows(colleague, listed, "Đã đánh giá", "Nền tảng (đề xuất)")
    switch_language(colleague, "English")
    dossier_shows(colleague, listed, "Assessed", "Platform (proposal)")
    colleague.reload()
    expect(colleague.locator("h1").first).to_be_visible(timeout=60_000)
    settle(colleague)
    dossier_shows(colleague, listed, "Assessed", "Platform (proposal)")
    no_errors(colleague)
    context.close()
