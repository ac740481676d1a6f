"""Progress, adoption and recognition files (and two list layouts) written by hand the way a
ministry's IT centre or a provincial department writes them, outside the loaders' vocabulary:
the "outsider" corpus of ``tests/test_outsider_imports.py`` (the list files are in
``tests/outsider_files.py``).

Each case is a function returning (file name, file bytes, what importing it must give). Dates are
judged on ``TODAY``. The shared-2025 list's platforms are named as in its decision.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

import openpyxl
import xlwt

from loaders.adoption_template import build_adoption_template
from tests.outsider_files import _cp1258, _tcvn3, csv_bytes, xlsx

TODAY = date(2026, 11, 29)

THUE = "Nền tảng khai thuế điện tử"
NGAN_SACH = "Nền tảng ngân sách nhà nước"
DINH_DANH = "Nền tảng định danh và xác thực điện tử"
DVC = "Cổng Dịch vụ công quốc gia"
TRUC = "Trục liên thông văn bản quốc gia"
NDXP = "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia"
LUU_TRU = "Nền tảng lưu trữ số quốc gia"
CAN_BO = "Nền tảng quốc gia quản lý cán bộ, công chức, viên chức"


@dataclass
class Progress:
    events: list[tuple[str, str, date]] = field(default_factory=list)    # (platform, stage, date reached)
    targets: list[tuple[str, str, date]] = field(default_factory=list)   # (platform, stage, date due)
    rejected: list[tuple[int, str]] = field(default_factory=list)        # (row number, message code)
    pending: list[int] = field(default_factory=list)                     # row numbers of near matches
    warnings: set[str] = field(default_factory=set)
    refused: str | None = None


@dataclass
class Adoption:
    rows: list[tuple[str, str | None, str, str, date | None]] = field(default_factory=list)
    # (province code after the 2025 merger, commune, platform, status, date)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    warnings: set[str] = field(default_factory=set)
    refused: str | None = None


@dataclass
class Recognition:
    kind: str                                                            # proposal, criteria, assessment
    loaded: list[list[int]] = field(default_factory=list)                # rows of each record written
    messages: list[tuple[int, str]] = field(default_factory=list)        # (row, message code)
    refused: str | None = None


LETTER_BTC = [["BỘ TÀI CHÍNH", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
              ["CỤC CHUYỂN ĐỔI SỐ", "", "", "Độc lập - Tự do - Hạnh phúc"],
              ["Số: 1234/BTC-CĐS", "", "", "Hà Nội, ngày 20 tháng 10 năm 2025"], []]
SIGNATURE = [[], ["", "Nơi nhận:", "", "KT. BỘ TRƯỞNG"], ["", "- Như trên;", "", "THỨ TRƯỞNG"],
             ["", "- Lưu: VT, CĐS.", "", "(Đã ký)"], ["", "", "", "Nguyễn Văn A"]]


def _xls(sheets: list[tuple[str, list[list[str]]]], font: str = "Times New Roman") -> bytes:
    """A real BIFF8 workbook (Excel 97-2003), as an old office PC saves it, cells in ``font``."""
    book = xlwt.Workbook(encoding="utf-8")
    style = xlwt.easyxf(f"font: name {font}")
    for name, rows in sheets:
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value != "":
                    sheet.write(r, c, value, style)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _merged(rows: list[list[str]], merges: list[str], title: str = "Sheet1") -> bytes:
    return xlsx((title, rows), merges={title: merges})


# --- progress of the shared platforms (shared-2025) ---------------------------------------------

def progress_btc_letter():
    """A ministry's report: letter block, title, the platform's name merged down its steps, a
    status column ("Đã ban hành", "Đang xây dựng"), dates written 15/3/2025, "tháng 6/2025",
    "Quý IV/2025", "2025", a total row and the signature block."""
    rows = [*LETTER_BTC,
            ["BÁO CÁO TIẾN ĐỘ TRIỂN KHAI NỀN TẢNG SỐ DÙNG CHUNG DO BỘ TÀI CHÍNH CHỦ TRÌ"],
            ["(Kèm theo Công văn số 1234/BTC-CĐS ngày 20/10/2025)"], [],
            ["STT", "Tên nền tảng", "Các bước triển khai", "Tình trạng", "Thời gian hoàn thành", "Văn bản", "Ghi chú"],
            ["1", THUE, "Ban hành kế hoạch triển khai chi tiết", "Đã ban hành", "15/3/2025", "456/QĐ-BTC", ""],
            ["", "", "Ban hành quy định về chức năng", "Đã ban hành", "tháng 6/2025", "789/QĐ-BTC", ""],
            ["", "", "Thiết kế kiến trúc", "Đang xây dựng", "Quý IV/2025", "", "dự kiến"],
            ["2", NGAN_SACH, "Đưa vào vận hành", "Hoàn thành", "30/6/2025", "", ""],
            ["", "", "Kết nối NDXP", "đã kết nối NDXP", "2025", "", ""],
            ["", "Tổng cộng: 2 nền tảng", "", "", "", "", ""],
            *SIGNATURE]
    data = _merged(rows, ["B9:B11", "A9:A11", "B12:B13", "A12:A13"])
    return "bao-cao-tien-do-btc.xlsx", data, Progress(
        events=[(THUE, "plan", date(2025, 3, 15)), (THUE, "regulation", date(2025, 6, 30)),
                (NGAN_SACH, "operation", date(2025, 6, 30)), (NGAN_SACH, "ndxp", date(2025, 12, 31))],
        targets=[(THUE, "architecture", date(2025, 12, 31))],
        warnings={"partial_date", "not_done_is_target"})


def progress_wide_matrix():
    """One row per platform, one column per stage under a merged "Tiến độ thực hiện" header; a
    cell holds what was done and when ("Đã ban hành 15/3/2025", "Hoàn thành (6/2025)"), what is
    under way and when it is due ("Đang thực hiện, dự kiến Quý I/2026"), or only "x"."""
    rows = [["TỔNG HỢP TIẾN ĐỘ TRIỂN KHAI CÁC NỀN TẢNG SỐ DÙNG CHUNG"], [],
            ["TT", "Tên nền tảng", "Tiến độ thực hiện", "", "", "", "", "", ""],
            ["", "", "Kế hoạch triển khai", "Quy định chức năng", "Kiến trúc", "Đầu tư", "Vận hành",
             "Kết nối NDXP", "Triển khai đến tỉnh, xã"],
            ["1", DINH_DANH, "Đã ban hành 15/3/2025", "Đã ban hành 20/5/2025", "Hoàn thành (6/2025)", "", "", "", ""],
            ["2", DVC, "x", "", "", "", "Đang thực hiện", "", ""],
            ["3", TRUC, "", "", "", "Đang thực hiện, dự kiến Quý I/2026", "", "", "Đã cấp tài khoản 01/10/2025"]]
    data = _merged(rows, ["C3:I3", "A3:A4", "B3:B4", "A1:I1"])
    return "tien-do-dang-bang.xlsx", data, Progress(
        events=[(DINH_DANH, "plan", date(2025, 3, 15)), (DINH_DANH, "regulation", date(2025, 5, 20)),
                (DINH_DANH, "architecture", date(2025, 6, 30)), (TRUC, "rollout", date(2025, 10, 1))],
        targets=[(TRUC, "investment", date(2026, 3, 31))],
        rejected=[(6, "wide_cell_no_date"), (6, "wide_cell_no_date")], warnings={"progress_wide", "partial_date"})


def progress_cp1258_csv():
    """The demo's columns, saved by Excel as CSV in Windows-1258 with semicolons: stages by number
    and short name, a name without diacritics, a misspelt name, an unknown platform, a completion
    date in the future."""
    rows = [["Tên nền tảng", "Giai đoạn", "Ngày hoàn thành", "Hạn hoàn thành", "Số văn bản", "Ghi chú"],
            ["Nen tang dinh danh va xac thuc dien tu", "2", "15/3/2025", "", "12/KH-BCA", ""],
            [DINH_DANH, "6", "1/7/2025", "", "", ""],
            ["Nen tang dinh danh xac thuc dien tu", "Kết nối NDXP", "2/9/2025", "", "", "thiếu chữ"],
            ["Hệ thống quản lý văn bản điều hành", "Đưa vào vận hành", "1/8/2025", "", "", ""],
            [TRUC, "Đưa vào vận hành", "15/12/2027", "", "", "ngày ở tương lai"]]
    return "tien-do-1258.csv", csv_bytes([[_cp1258(c) for c in r] for r in rows], ";", "cp1258"), Progress(
        events=[(DINH_DANH, "plan", date(2025, 3, 15)), (DINH_DANH, "operation", date(2025, 7, 1))],
        pending=[4], rejected=[(5, "unknown_platform"), (6, "future_date")])


def progress_english_reordered():
    """The demo file after a person's edits: header in English, stage column first, a "Ministry"
    column added, the title rows deleted; stages in English."""
    rows = [["Stage", "Platform", "Ministry", "Completed on", "Due date", "Document No.", "Remarks"],
            ["In operation", TRUC, "VPCP", "2025-05-01", "", "", ""],
            ["Architecture designed", LUU_TRU, "MOHA", "", "2026-06-30", "", "target"],
            ["NDXP connection", DVC, "VPCP", "12/08/2025", "", "", ""]]
    return "progress-en.xlsx", xlsx(("Progress", rows)), Progress(
        events=[(TRUC, "operation", date(2025, 5, 1)), (DVC, "ndxp", date(2025, 8, 12))],
        targets=[(LUU_TRU, "architecture", date(2026, 6, 30))])


def progress_sheet_per_ministry():
    """A summary sheet first, then one sheet per ministry; blank rows, a footnote, a signature."""
    summary = [["TỔNG HỢP"], ["Bộ", "Số nền tảng", "Đã vận hành"], ["Bộ Nội vụ", "2", "1"], ["Văn phòng Chính phủ", "1", "1"]]
    moha = [["BỘ NỘI VỤ - TIẾN ĐỘ"], [],
            ["STT", "Tên nền tảng", "Giai đoạn", "Ngày hoàn thành", "Số văn bản"],
            ["1", CAN_BO, "Đưa vào vận hành", "01/07/2025", "100/QĐ-BNV"], [],
            ["2", LUU_TRU, "Ban hành kế hoạch triển khai chi tiết", "10/04/2025", "55/KH-BNV"],
            ["(*) Số liệu tính đến ngày 30/9/2025"]]
    go = [["VĂN PHÒNG CHÍNH PHỦ - TIẾN ĐỘ"],
          ["STT", "Tên nền tảng", "Giai đoạn", "Ngày hoàn thành", "Số văn bản"],
          ["1", DVC, "Đưa vào vận hành", "09/12/2019", ""], [], [],
          ["", "", "", "NGƯỜI LẬP BIỂU"], ["", "", "", "(Đã ký)"]]
    data = xlsx(("Tổng hợp", summary), ("Bộ Nội vụ", moha), ("VPCP", go))
    return "tien-do-theo-bo.xlsx", data, Progress(
        events=[(CAN_BO, "operation", date(2025, 7, 1)), (LUU_TRU, "plan", date(2025, 4, 10)),
                (DVC, "operation", date(2019, 12, 9))])


def progress_stage_words():
    """Stages as offices write them: an action and its object, not the stage's name."""
    rows = [["STT", "Tên nền tảng", "Nội dung", "Ngày hoàn thành"],
            ["1", NDXP, "Xây dựng và ban hành kế hoạch", "1/2/2025"],
            ["2", NDXP, "Đã ban hành Quy chế quản lý, vận hành", "1/3/2025"],
            ["3", NDXP, "Hoàn thành thiết kế kiến trúc", "1/4/2025"],
            ["4", NDXP, "Đã vận hành chính thức", "1/5/2025"],
            ["5", NDXP, "Cấp tài khoản cho cán bộ cấp xã", "1/9/2025"],
            ["6", NDXP, "Nâng cấp phiên bản 2.0", "1/10/2025"]]
    return "tien-do-noi-dung.xlsx", xlsx(("Tiến độ", rows)), Progress(
        events=[(NDXP, "plan", date(2025, 2, 1)), (NDXP, "regulation", date(2025, 3, 1)),
                (NDXP, "architecture", date(2025, 4, 1)), (NDXP, "operation", date(2025, 5, 1)),
                (NDXP, "rollout", date(2025, 9, 1))],
        rejected=[(7, "unknown_stage")], warnings={"stage_guessed"})


# --- adoption by provinces (shared-2025) ------------------------------------------------------

def adoption_nghean_letter():
    """A provincial department's report: letter block, the province merged down its rows as
    "Tỉnh Nghệ An", communes, statuses in its own words, dates "15/9/2025", "tháng 10/2025"."""
    rows = [["UBND TỈNH NGHỆ AN", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["SỞ KHOA HỌC VÀ CÔNG NGHỆ", "", "", "Độc lập - Tự do - Hạnh phúc"],
            ["", "", "", "Nghệ An, ngày 05 tháng 11 năm 2025"],
            ["BÁO CÁO TÌNH HÌNH SỬ DỤNG NỀN TẢNG SỐ DÙNG CHUNG"], [],
            ["TT", "Địa phương", "Xã, phường", "Tên nền tảng", "Tình trạng sử dụng", "Thời điểm", "Ghi chú"],
            ["1", "Tỉnh Nghệ An", "", DVC, "Đã triển khai", "15/9/2025", ""],
            ["2", "", "Phường Vinh Phú", DINH_DANH, "Đang thí điểm", "tháng 10/2025", ""],
            ["3", "", "Xã Hưng Nguyên", TRUC, "Chưa triển khai", "01/10/2025", ""],
            ["", "Cộng", "", "3", "", "", ""],
            [], ["", "", "", "GIÁM ĐỐC"], ["", "", "", "(Đã ký)"]]
    data = _merged(rows, ["B7:B9"])
    return "nghe-an-su-dung.xlsx", data, Adoption(
        rows=[("40", None, DVC, "in_use", date(2025, 9, 15)),
              ("40", "Phường Vinh Phú", DINH_DANH, "piloting", date(2025, 10, 31)),
              ("40", "Xã Hưng Nguyên", TRUC, "not_used", date(2025, 10, 1))],
        warnings={"partial_date"})


def adoption_63_provinces_csv():
    """A ministry's roll-up over provinces named every way: "TP.", "Thành phố", "Tỉnh", "T.", without
    diacritics, old tone placement and spelling ("Đắc Lắc"), abbreviations ("TP.HCM", "BR-VT"),
    former provinces before and after 1 July 2025, a misspelling, a GSO code, a province gone since
    2008."""
    rows = [["STT", "Tỉnh, thành phố", "Nền tảng", "Trạng thái", "Ngày"],
            ["1", "TP. Hồ Chí Minh", DVC, "Đang sử dụng", "01/09/2025"],
            ["2", "Thành phố Hà Nội", DVC, "Đang sử dụng", "01/09/2025"],
            ["3", "Tinh Quang Binh", DVC, "Đang sử dụng", "01/03/2025"],
            ["4", "Ba Ria - Vung Tau", DVC, "Thí điểm", "10/05/2025"],
            ["5", "Dak Lak", DVC, "Kế hoạch", "01/09/2025"],
            ["6", "Thừa Thiên Huế", DVC, "Đang sử dụng", "01/03/2025"],
            ["7", "Hoà Bình", DVC, "Đang sử dụng", "01/09/2025"],
            ["8", "Nghe Ann", DVC, "Đang sử dụng", "01/09/2025"],
            ["9", "40", TRUC, "Đang sử dụng", "01/09/2025"],
            ["10", "Tỉnh Hà Tây", DVC, "Đang sử dụng", "01/09/2025"],
            ["11", "TP.HCM", TRUC, "Đang sử dụng", "01/09/2025"],
            ["12", "Đắc Lắc", TRUC, "Đang sử dụng", "01/09/2025"],
            ["13", "BR-VT", TRUC, "Thí điểm", "01/03/2025"],
            ["14", "T. Nghệ An", DINH_DANH, "Đang sử dụng", "01/09/2025"],
            ["15", "Nghệ An (tỉnh)", DINH_DANH, "Thí điểm", "01/08/2025"]]
    return "su-dung-63.csv", csv_bytes(rows, ",", "utf-8-sig"), Adoption(
        rows=[("79", None, DVC, "in_use", date(2025, 9, 1)), ("01", None, DVC, "in_use", date(2025, 9, 1)),
              ("44", None, DVC, "in_use", date(2025, 3, 1)), ("79", None, DVC, "piloting", date(2025, 5, 10)),
              ("66", None, DVC, "planned", date(2025, 9, 1)), ("46", None, DVC, "in_use", date(2025, 3, 1)),
              ("25", None, DVC, "in_use", date(2025, 9, 1)), ("40", None, TRUC, "in_use", date(2025, 9, 1)),
              ("79", None, TRUC, "in_use", date(2025, 9, 1)), ("66", None, TRUC, "in_use", date(2025, 9, 1)),
              ("79", None, TRUC, "piloting", date(2025, 3, 1)), ("40", None, DINH_DANH, "in_use", date(2025, 9, 1)),
              ("40", None, DINH_DANH, "piloting", date(2025, 8, 1))],
        rejected=[(9, "unknown_province_row"), (11, "unknown_province_row")],
        warnings={"province_rolled_up", "province_former_name"})


def adoption_sheet_per_province():
    """One sheet per province, no province column: the sheet's name is the province."""
    head = ["STT", "Tên nền tảng", "Trạng thái", "Ngày cập nhật"]
    data = xlsx(("Nghệ An", [head, ["1", DVC, "đang sử dụng", "15/09/2025"]]),
                ("Hà Tĩnh", [head, ["1", DVC, "thí điểm", "20/09/2025"], ["2", TRUC, "kế hoạch", "20/09/2025"]]))
    return "theo-tinh.xlsx", data, Adoption(
        rows=[("40", None, DVC, "in_use", date(2025, 9, 15)), ("42", None, DVC, "piloting", date(2025, 9, 20)),
              ("42", None, TRUC, "planned", date(2025, 9, 20))],
        warnings={"province_from_sheet"})


def adoption_matrix():
    """Provinces down, platforms across, "x" where used and nothing where not reported: each mark
    one record, dated the day of import (the file gives no date), with a warning naming the layout."""
    rows = [["Tỉnh/thành phố", DVC, TRUC, DINH_DANH], ["Nghệ An", "x", "x", ""], ["Hà Tĩnh", "x", "", "x"]]
    return "ma-tran.xlsx", xlsx(("Ma trận", rows)), Adoption(
        rows=[("40", None, DVC, "in_use", TODAY), ("40", None, TRUC, "in_use", TODAY),
              ("42", None, DVC, "in_use", TODAY), ("42", None, DINH_DANH, "in_use", TODAY)],
        warnings={"adoption_matrix", "matrix_dated_today"})


def adoption_matrix_across():
    """Platforms down, provinces across under a letter block: cells "✓", "có", a date, a status with
    a date; the report's date for the marks without one; an empty cell is not "not used"."""
    rows = [["UBND TỈNH HÀ TĨNH", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["SỞ KHOA HỌC VÀ CÔNG NGHỆ", "", "Hà Tĩnh, ngày 05 tháng 11 năm 2025"], [],
            ["Nền tảng \\ Địa phương", "Tỉnh Hà Tĩnh", "TP. Huế"],
            [DVC.upper(), "✓", "15/09/2025"],
            ["Truc lien thong van ban quoc gia", "có", ""],
            [DINH_DANH, "", "Thí điểm 10/8/2025"]]
    return "ma-tran-doc.xlsx", xlsx(("Ma trận", rows)), Adoption(
        rows=[("42", None, DVC, "in_use", date(2025, 11, 5)), ("42", None, TRUC, "in_use", date(2025, 11, 5)),
              ("46", None, DVC, "in_use", date(2025, 9, 15)), ("46", None, DINH_DANH, "piloting", date(2025, 8, 10))],
        warnings={"adoption_matrix_across", "matrix_dated_by_report"})


def adoption_template_edited():
    """The product's adoption template after a person's edits: the instructions sheet deleted,
    the platform column moved first, a "Mã tỉnh" column added, the headers translated to English,
    statuses in English."""
    data = build_adoption_template(["Nghệ An", "Hà Tĩnh"], [DVC, TRUC], "shared-2025")
    book = openpyxl.load_workbook(io.BytesIO(data))
    del book["Hướng dẫn"]
    sheet = book["Tình hình sử dụng"]
    sheet.delete_rows(1)
    sheet.insert_rows(1)
    for col, title in enumerate(["Platform", "Province code", "Province", "Commune/ward", "Status", "Updated on",
                                 "Note"], start=1):
        sheet.cell(row=1, column=col, value=title)
    for r, row in enumerate([[DVC, "40", "Nghệ An", "", "in use", "2025-09-15", ""],
                             [TRUC, "42", "Hà Tĩnh", "Xã Thạch Hà", "pilot", "2025-09-20", "trial"],
                             [DVC, "42", "Hà Tĩnh", "", "not used", "2025-09-20", ""]], start=2):
        for c, v in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=v or None)
    buf = io.BytesIO()
    book.save(buf)
    return "template-en.xlsx", buf.getvalue(), Adoption(
        rows=[("40", None, DVC, "in_use", date(2025, 9, 15)), ("42", "Xã Thạch Hà", TRUC, "piloting", date(2025, 9, 20)),
              ("42", None, DVC, "not_used", date(2025, 9, 20))])


def adoption_cp1258_totals():
    """CSV in Windows-1258: title rows, a total row, a footnote, a signature."""
    rows = [["BÁO CÁO TÌNH HÌNH SỬ DỤNG", "", "", ""], ["", "", "", ""],
            ["Tỉnh/thành phố", "Tên nền tảng", "Trạng thái", "Ngày cập nhật"],
            ["Hà Tĩnh", DVC, "Đang sử dụng", "15/09/2025"],
            ["Thành phố Huế", TRUC, "Đang sử dụng", "15/09/2025"],
            ["Tổng cộng", "2", "", ""],
            ["(*) Số liệu tính đến ngày 30/9/2025", "", "", ""],
            ["", "", "NGƯỜI LẬP BIỂU", ""], ["", "", "(Đã ký)", ""]]
    return "su-dung-1258.csv", csv_bytes([[_cp1258(c) for c in r] for r in rows], ";", "cp1258"), Adoption(
        rows=[("42", None, DVC, "in_use", date(2025, 9, 15)), ("46", None, TRUC, "in_use", date(2025, 9, 15))])


# --- list files: the two layouts the first outsider pass left untested (national-2024) ---------

def list_wrapped_name():
    """A long name wrapped onto a continuation row: its second line in a row of its own, every
    other cell empty."""
    rows = [["STT", "Tên nền tảng, hệ thống thông tin", "Cơ quan chủ quản"],
            ["1", "Hệ thống thông tin quốc gia về quản lý", "Bộ Y tế"],
            ["", "chứng chỉ hành nghề dược", ""],
            ["2", "Nền tảng ký số tập trung", "Bộ TT&TT"]]
    return "ds-dong-tach.xlsx", xlsx(("DS", rows)), [
        ("Hệ thống thông tin quốc gia về quản lý chứng chỉ hành nghề dược", "MOH"), ("Nền tảng ký số tập trung", "MIC")]


def list_biff_tcvn3():
    """A real BIFF8 .xls typed in the .VnTime (TCVN3) font throughout."""
    rows = [["STT", "Tên nền tảng", "Cơ quan chủ quản"],
            ["1", "Hệ thống thông tin quản lý đất đai", "Bộ Tài nguyên và Môi trường"],
            ["2", "Cơ sở dữ liệu quốc gia về bảo hiểm", "Bảo hiểm xã hội Việt Nam"]]
    data = _xls([("Danh sach", [[_tcvn3(c) for c in r] for r in rows])], font=".VnTime")
    return "ds-tcvn3.xls", data, [("Hệ thống thông tin quản lý đất đai", "MONRE"),
                                  ("Cơ sở dữ liệu quốc gia về bảo hiểm", "VSS")]


# --- recognition records (dispatch 2291) --------------------------------------------------------

def proposal_letter_block():
    """The proposals template pasted under an official letter block and a title."""
    head = ["Tên nền tảng", "Mã cơ quan đề xuất", "Sở hữu (enterprise/state)", "Doanh nghiệp sở hữu", "Mục đích",
            "Danh sách (mã)", "Ngày đề xuất", "Số văn bản đề xuất", "Đường dẫn văn bản", "Mã văn bản trong sổ văn bản"]
    rows = [["BỘ TÀI CHÍNH", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["", "", "", "Độc lập - Tự do - Hạnh phúc"],
            ["DANH SÁCH ĐỀ XUẤT NỀN TẢNG SỐ"], [], head,
            ["Nền tảng hóa đơn điện tử", "MOF", "enterprise", "Công ty CP X", "Hóa đơn", "shared-2025", "01/03/2026",
             "10/BTC-CĐS", "", ""]]
    return "de-xuat-cong-van.xlsx", xlsx(("Đề xuất", rows)), Recognition("proposal", loaded=[[6]])


def proposal_as_written():
    """The template's columns filled in as a person writes: the body by its name, ownership and
    the list in Vietnamese words, a date 15/3/2026."""
    head = ["Tên nền tảng", "Mã cơ quan đề xuất", "Sở hữu (enterprise/state)", "Doanh nghiệp sở hữu", "Mục đích",
            "Danh sách (mã)", "Ngày đề xuất", "Số văn bản đề xuất", "Đường dẫn văn bản", "Mã văn bản trong sổ văn bản"]
    rows = [head,
            ["Nền tảng hóa đơn điện tử", "Bộ Tài chính", "Doanh nghiệp", "Công ty CP X", "", "shared-2025", "15/3/2026",
             "", "", ""],
            ["Nền tảng kho bạc số", "BTC", "Nhà nước", "", "", "shared-2025", "16/3/2026", "", "", ""]]
    return "de-xuat.csv", csv_bytes(rows, ",", "utf-8-sig"), Recognition("proposal", loaded=[[2], [3]])


def proposal_english_reordered():
    """The English template reordered, with a "No." column added and the optional columns dropped."""
    rows = [["No.", "proposal date", "platform name", "list", "ownership", "body code"],
            ["1", "2026-03-01", "Nền tảng hóa đơn điện tử", "shared-2025", "state", "MOF"]]
    return "proposals-en.xlsx", xlsx(("Proposals", rows)), Recognition("proposal", loaded=[[2]])


def criteria_groups_as_written():
    """Criteria with their group written "Nhóm 1", "II", "3. Nhóm tiêu chí ...", the popular-user
    criterion marked "x"."""
    rows = [["Số đề xuất", "Số văn bản ban hành", "Ngày ban hành", "Đường dẫn văn bản", "Nhóm (1-6)", "Tiêu chí",
             "Cách đo", "Người dùng phổ biến (x)"],
            ["{p}", "20/QĐ-BKHCN", "01/04/2026", "", "Nhóm 1", "Có chủ quản rõ ràng", "", ""],
            ["{p}", "20/QĐ-BKHCN", "01/04/2026", "", "II", "Bảo đảm an toàn thông tin cấp độ 3", "", ""],
            ["{p}", "20/QĐ-BKHCN", "01/04/2026", "", "3. Nhóm tiêu chí về người dùng", "Thị phần", "%", "x"]]
    return "tieu-chi.xlsx", rows, Recognition("criteria", loaded=[[2, 3, 4]])


def assessment_vietnamese_words():
    """An assessment with results "Đạt" / "Không đạt", the assessor "Hội đồng", a share "62,5%"."""
    rows = [["Số đề xuất", "Hình thức đánh giá (council/expert_group/competent_unit)", "Tên hội đồng/đơn vị",
             "Ngày đánh giá", "Số biên bản", "Số tiêu chí", "Kết quả (met/not_met/not_assessed)", "Minh chứng",
             "Đường dẫn minh chứng", "Thị phần (%)"],
            ["{p}", "Hội đồng", "Hội đồng thẩm định", "10/05/2026", "1/BB", "{c1}", "Đạt", "", "", ""],
            ["{p}", "Hội đồng", "Hội đồng thẩm định", "10/05/2026", "1/BB", "{c2}", "Không đạt", "", "", "62,5%"]]
    return "danh-gia.xlsx", rows, Recognition("assessment", loaded=[[2, 3]])


def assessment_cp1258_signature():
    """The assessment template as CSV in Windows-1258, with the council's signature below."""
    rows = [["Số đề xuất", "Hình thức đánh giá (council/expert_group/competent_unit)", "Ngày đánh giá",
             "Số tiêu chí", "Kết quả (met/not_met/not_assessed)", "Thị phần (%)"],
            ["{p}", "council", "10/05/2026", "{c1}", "met", ""],
            ["{p}", "council", "10/05/2026", "{c2}", "not_met", "30"],
            ["", "", "", "", "", ""],
            ["", "CHỦ TỊCH HỘI ĐỒNG", "", "", "", ""], ["", "(Đã ký)", "", "", "", ""]]
    return "danh-gia-1258.csv", rows, Recognition("assessment", loaded=[[2, 3]])


def recognition_file(name: str, rows: list[list[str]], values: dict[str, int]) -> bytes:
    """A recognition file's bytes once the proposal and criterion numbers of the database it is
    imported into are known (``{p}``, ``{c1}``, ``{c2}`` in the cells)."""
    filled = [[c.format(**values) if "{" in c else c for c in r] for r in rows]
    if name.endswith(".csv"):
        return csv_bytes([[_cp1258(c) for c in r] for r in filled], ";", "cp1258")
    return xlsx(("Sheet1", filled))


PROGRESS_CASES = {f.__name__: f for f in (
    progress_btc_letter, progress_wide_matrix, progress_cp1258_csv, progress_english_reordered,
    progress_sheet_per_ministry, progress_stage_words)}
ADOPTION_CASES = {f.__name__: f for f in (
    adoption_nghean_letter, adoption_63_provinces_csv, adoption_sheet_per_province, adoption_matrix,
    adoption_matrix_across,
    adoption_template_edited, adoption_cp1258_totals)}
LIST_CASES = {f.__name__: f for f in (list_wrapped_name, list_biff_tcvn3)}
RECOGNITION_CASES = {f.__name__: f for f in (
    proposal_letter_block, proposal_as_written, proposal_english_reordered)}
RECOGNITION_RECORD_CASES = {f.__name__: f for f in (
    criteria_groups_as_written, assessment_vietnamese_words, assessment_cp1258_signature)}


def progress_biff_tcvn3():
    """A real BIFF8 .xls from an old office PC, typed in the .VnTime (TCVN3) font; "Giai đoạn 2" is
    a project's phase, not a stage."""
    rows = [["STT", "Tên nền tảng", "Giai đoạn", "Ngày hoàn thành"],
            ["1", TRUC, "Đưa vào vận hành", "01/06/2025"],
            ["2", DVC, "Giai đoạn 2", "01/07/2025"]]
    data = _xls([("Tien do", [[_tcvn3(c) for c in r] for r in rows])], font=".VnTime")
    return "tien-do-tcvn3.xls", data, Progress(events=[(TRUC, "operation", date(2025, 6, 1))],
                                               rejected=[(3, "unknown_stage")], warnings={"legacy_text"})


def adoption_biff_tcvn3():
    """A provincial department's .xls typed in TCVN3: provinces, platforms and statuses in mojibake."""
    rows = [["Tỉnh/thành phố", "Tên nền tảng", "Trạng thái", "Ngày cập nhật"],
            ["Nghệ An", DVC, "Đang sử dụng", "15/09/2025"],
            ["Hà Tĩnh", TRUC, "Thí điểm", "15/09/2025"]]
    data = _xls([("Sheet1", [[_tcvn3(c) for c in r] for r in rows])], font=".VnTime")
    return "su-dung-tcvn3.xls", data, Adoption(
        rows=[("40", None, DVC, "in_use", date(2025, 9, 15)), ("42", None, TRUC, "piloting", date(2025, 9, 15))],
        warnings={"legacy_text"})


PROGRESS_CASES["progress_biff_tcvn3"] = progress_biff_tcvn3
ADOPTION_CASES["adoption_biff_tcvn3"] = adoption_biff_tcvn3


def progress_wide_tcvn3():
    """The wide layout in a BIFF .xls typed in TCVN3: a step under way must stay a target."""
    rows = [["TT", "Tên nền tảng", "Kế hoạch triển khai", "Vận hành"],
            ["1", TRUC, "Đã ban hành 15/3/2025", "Đang thực hiện 30/12/2025"]]
    data = _xls([("S", [[_tcvn3(c) for c in r] for r in rows])], font=".VnTime")
    return "tien-do-rong-tcvn3.xls", data, Progress(events=[(TRUC, "plan", date(2025, 3, 15))],
                                                    targets=[(TRUC, "operation", date(2025, 12, 30))],
                                                    warnings={"legacy_text", "progress_wide"})


PROGRESS_CASES["progress_wide_tcvn3"] = progress_wide_tcvn3


def progress_wide_per_ministry():
    """A summary sheet, then one sheet per ministry laid out wide, named for the ministry, with no
    body column: every sheet read, the body from its name (with a warning)."""
    head = ["TT", "Tên nền tảng", "Kế hoạch triển khai", "Vận hành"]
    data = xlsx(("Tổng hợp", [["Bộ", "Số nền tảng"], ["BTC", "1"], ["VPCP", "1"]]),
                ("BTC", [["TIẾN ĐỘ - BỘ TÀI CHÍNH"], head, ["1", THUE, "Đã ban hành 15/3/2025", ""]]),
                ("VPCP", [head, ["1", TRUC, "", "Hoàn thành 01/5/2025"], ["2", DVC, "Đang thực hiện, dự kiến Quý I/2026", ""]]))
    return "tien-do-rong-theo-bo.xlsx", data, Progress(
        events=[(THUE, "plan", date(2025, 3, 15)), (TRUC, "operation", date(2025, 5, 1))],
        targets=[(DVC, "plan", date(2026, 3, 31))], warnings={"progress_wide_sheet", "body_from_sheet"})


PROGRESS_CASES["progress_wide_per_ministry"] = progress_wide_per_ministry
