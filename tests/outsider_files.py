"""List files written the way a ministry or province clerk writes them, by hand, outside the layout
generator's vocabulary (the "outsider" corpus of ``tests/test_layouts_outsider.py``).

Each case is a function returning (file bytes, what loading it must give). Written with openpyxl
(the generator uses xlsxwriter) so that hidden columns, merged titles and sheet order come from a
second writer. The national-2024 list's date (15 July 2024) is the as-of date: the ministries merged
in 2025 are still current then.
"""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field

from openpyxl import Workbook

from loaders import legacy


@dataclass
class Want:
    loaded: list[tuple[str, str]]                                   # (name as stored, body code)
    rejected: list[tuple[int, str]] = field(default_factory=list)   # (row number, message code)
    warnings: set[str] = field(default_factory=set)
    refused: str | None = None


def xlsx(*sheets: tuple[str, list[list[str]]], merges: dict[str, list[str]] | None = None,
         hidden: dict[str, list[str]] | None = None) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        ws = book.create_sheet(name)
        for row in rows:
            ws.append([v if v != "" else None for v in row])
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
        for col in (hidden or {}).get(name, []):
            ws.column_dimensions[col].hidden = True
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def csv_bytes(rows: list[list[str]], sep: str = ";", encoding: str = "utf-8-sig") -> bytes:
    def quote(v: str) -> str:
        return f'"{v}"' if sep in v or '"' in v or "\n" in v else v
    return "\r\n".join(sep.join(quote(v) for v in r) for r in rows).encode(encoding)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> str:
    """Text as Windows-1258 writes it: the letter with its hat or horn precomposed, the tone
    mark after it as a combining character."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", c)
        tones = "".join(m for m in parts if m in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES)) + tones)
    return "".join(out)


def _tcvn3(text: str) -> str:
    """Unicode Vietnamese as a .VnTime font shows it in a Unicode file (TCVN3 mojibake)."""
    inverse = {u: t for t, u in legacy._table("tcvn3").items()}
    return "".join(inverse.get(c, c) for c in text)


LETTER = [["BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
          ["", "", "Độc lập - Tự do - Hạnh phúc"]]


def hdr_httt() -> tuple[bytes, Want]:
    """"Tên Nền tảng/HTTT", "Đơn vị chủ trì", bodies abbreviated ("Bộ KH&CN", "Bộ TT&TT", "NHNN")."""
    rows = [["STT", "Tên Nền tảng/HTTT", "Đơn vị chủ trì", "Ghi chú"],
            ["1", "Hệ thống quản lý nhiệm vụ khoa học", "Bộ KH&CN", ""],
            ["2", "Nền tảng ký số tập trung", "Bộ TT&TT", "Đã vận hành"],
            ["3", "Hệ thống thanh toán điện tử liên ngân hàng", "NHNN", ""],
            ["4", "Cổng dịch vụ công quốc gia", "VPCP", ""]]
    return xlsx(("Sheet1", rows)), Want([("Hệ thống quản lý nhiệm vụ khoa học", "MOST"),
                                         ("Nền tảng ký số tập trung", "MIC"),
                                         ("Hệ thống thanh toán điện tử liên ngân hàng", "SBV"),
                                         ("Cổng dịch vụ công quốc gia", "GO")])


def hdr_httt_nen_tang_so() -> tuple[bytes, Want]:
    """"Tên hệ thống thông tin, nền tảng số", "Cơ quan quản lý", old names of merged ministries."""
    rows = [["TT", "Tên hệ thống thông tin, nền tảng số", "Cơ quan quản lý"],
            ["1", "Hệ thống thông tin quốc gia về đầu tư", "Bộ Kế hoạch và Đầu tư"],
            ["2", "Hệ thống thông tin báo cáo trực tuyến", "Bộ Thông tin và Truyền thông"],
            ["3", "Cơ sở dữ liệu về lao động", "Bộ Lao động – Thương binh và Xã hội"],
            ["4", "Cơ sở dữ liệu người có công", "Bộ Lao động, Thương binh và Xã hội"]]
    return xlsx(("DM", rows)), Want([("Hệ thống thông tin quốc gia về đầu tư", "MPI"),
                                     ("Hệ thống thông tin báo cáo trực tuyến", "MIC"),
                                     ("Cơ sở dữ liệu về lao động", "MOLISA"),
                                     ("Cơ sở dữ liệu người có công", "MOLISA")])


def hdr_bilingual() -> tuple[bytes, Want]:
    """Vietnamese and English in one header cell, split by a slash or a line break."""
    rows = [["STT/No.", "Tên nền tảng / Name of platform", "Cơ quan chủ quản\nManaging agency",
             "Tên tiếng Anh / English name"],
            ["1", "Nền tảng định danh điện tử", "Bộ Công an", "Electronic identification platform"],
            ["2", "Nền tảng hóa đơn điện tử", "Bộ Tài chính", "E-invoice platform"]]
    return xlsx(("List", rows)), Want([("Nền tảng định danh điện tử", "MPS"), ("Nền tảng hóa đơn điện tử", "MOF")])


def hdr_footnote_marks() -> tuple[bytes, Want]:
    """Footnote marks in the header ("(*)", "(1)", superscripts) and the footnotes below the table."""
    rows = [["STT", "Tên nền tảng¹", "Cơ quan chủ quản (*)", "Trạng thái⁽²⁾"],
            ["1", "Hệ thống thông tin giải quyết thủ tục hành chính", "Văn phòng Chính phủ", "Đang sử dụng"],
            ["2", "Hệ thống quản lý hộ tịch", "Bộ Tư pháp", "Đang sử dụng"],
            ["", "", "", ""],
            ["(*) Cơ quan chủ quản theo Nghị định 47/2020/NĐ-CP.", "", "", ""],
            ["¹ Tên nền tảng theo văn bản công bố của bộ, ngành.", "", "", ""],
            ["(2) Tình trạng tại thời điểm 30/6/2024.", "", "", ""]]
    return xlsx(("Phụ lục", rows)), Want([("Hệ thống thông tin giải quyết thủ tục hành chính", "GO"),
                                          ("Hệ thống quản lý hộ tịch", "MOJ")])


def groups_ab_roman() -> tuple[bytes, Want]:
    """"A/B" group rows (kinds of platform) above Roman numeral sections by ministry."""
    rows = [["STT", "Tên nền tảng", "Ghi chú"],
            ["A", "NỀN TẢNG SỐ QUỐC GIA", ""],
            ["I", "BỘ CÔNG AN", ""],
            ["1", "Nền tảng định danh và xác thực điện tử", ""],
            ["2", "Cơ sở dữ liệu quốc gia về dân cư", ""],
            ["II", "BỘ TÀI CHÍNH", ""],
            ["3", "Nền tảng hóa đơn điện tử", ""],
            ["B", "NỀN TẢNG SỐ DÙNG CHUNG CỦA NGÀNH, LĨNH VỰC", ""],
            ["I", "BỘ Y TẾ", ""],
            ["1", "Nền tảng hồ sơ sức khỏe điện tử", ""],
            ["II", "BỘ GIÁO DỤC VÀ ĐÀO TẠO", ""],
            ["2", "Cơ sở dữ liệu ngành giáo dục", ""]]
    return xlsx(("Danh mục", rows)), Want([("Nền tảng định danh và xác thực điện tử", "MPS"),
                                           ("Cơ sở dữ liệu quốc gia về dân cư", "MPS"),
                                           ("Nền tảng hóa đơn điện tử", "MOF"),
                                           ("Nền tảng hồ sơ sức khỏe điện tử", "MOH"),
                                           ("Cơ sở dữ liệu ngành giáo dục", "MOET")])


def subtotals() -> tuple[bytes, Want]:
    """A "Cộng" subtotal under each ministry's block and a "Tổng cộng" row at the end."""
    rows = [["STT", "Tên nền tảng", "Cơ quan chủ quản", "Số lượng"],
            ["1", "Hệ thống đăng ký doanh nghiệp", "Bộ Kế hoạch và Đầu tư", ""],
            ["2", "Hệ thống mạng đấu thầu quốc gia", "Bộ Kế hoạch và Đầu tư", ""],
            ["", "Cộng", "", "2"],
            ["3", "Hệ thống quản lý thuế tập trung", "Bộ Tài chính", ""],
            ["", "Cộng", "", "1"],
            ["", "Tổng cộng", "", "3"]]
    return xlsx(("Sheet1", rows)), Want([("Hệ thống đăng ký doanh nghiệp", "MPI"),
                                         ("Hệ thống mạng đấu thầu quốc gia", "MPI"),
                                         ("Hệ thống quản lý thuế tập trung", "MOF")])


def dotted_numbers() -> tuple[bytes, Want]:
    """Ministries numbered 1, 2 and their platforms 1.1, 1.2, 2.1."""
    rows = [["TT", "Tên nền tảng số", "Ghi chú"],
            ["1", "Bộ Xây dựng", ""],
            ["1.1", "Hệ thống thông tin về nhà ở và thị trường bất động sản", ""],
            ["1.2", "Cơ sở dữ liệu quốc gia về hoạt động xây dựng", ""],
            ["2", "Bộ Giao thông vận tải", ""],
            ["2.1", "Hệ thống quản lý đăng kiểm phương tiện", ""]]
    return xlsx(("Sheet1", rows)), Want([("Hệ thống thông tin về nhà ở và thị trường bất động sản", "MOC"),
                                         ("Cơ sở dữ liệu quốc gia về hoạt động xây dựng", "MOC"),
                                         ("Hệ thống quản lý đăng kiểm phương tiện", "MOT")])


def merged_title_hidden_column() -> tuple[bytes, Want]:
    """The letter block, a title merged across the whole width, and a hidden working column."""
    rows = [*LETTER, ["", "", ""], ["PHỤ LỤC", "", "", ""],
            ["DANH SÁCH NỀN TẢNG SỐ TRIỂN KHAI TỪ TRUNG ƯƠNG ĐẾN ĐỊA PHƯƠNG", "", "", ""],
            ["(Kèm theo Công văn số 2765/BTTTT-CĐSQG ngày 15/7/2024 của Bộ Thông tin và Truyền thông)", "", "", ""],
            ["STT", "Tên nền tảng", "Mã nội bộ", "Cơ quan chủ quản"],
            ["1", "Hệ thống thông tin quản lý văn bản và điều hành", "VB-01", "Văn phòng Chính phủ"],
            ["2", "Hệ thống quản lý cán bộ, công chức", "CB-07", "Bộ Nội vụ"]]
    return (xlsx(("Sheet1", rows), merges={"Sheet1": ["A4:D4", "A5:D5", "A6:D6"]}, hidden={"Sheet1": ["C"]}),
            Want([("Hệ thống thông tin quản lý văn bản và điều hành", "GO"),
                  ("Hệ thống quản lý cán bộ, công chức", "MOHA")]))


def instructions_first() -> tuple[bytes, Want]:
    """An instructions sheet before the list, explaining each column by its header."""
    guide = [["HƯỚNG DẪN ĐIỀN BIỂU MẪU"],
             ["Cột", "Nội dung cần điền"],
             ["Tên nền tảng", "Ghi tên đầy đủ của nền tảng, hệ thống thông tin"],
             ["Cơ quan chủ quản", "Ghi tên bộ, ngành chủ quản"],
             ["Ghi chú", "Thông tin khác (nếu có)"]]
    rows = [["STT", "Tên nền tảng", "Cơ quan chủ quản", "Ghi chú"],
            ["1", "Hệ thống thông tin nguồn tin tội phạm", "Bộ Công an", ""],
            ["2", "Cơ sở dữ liệu công chứng", "Bộ Tư pháp", ""]]
    return xlsx(("Hướng dẫn", guide), ("Danh mục", rows)), Want(
        [("Hệ thống thông tin nguồn tin tội phạm", "MPS"), ("Cơ sở dữ liệu công chứng", "MOJ")])


def nbsp_trailing() -> tuple[bytes, Want]:
    """Trailing spaces and non-breaking spaces in headers, names and bodies."""
    rows = [["STT\u00a0", " Tên nền tảng\u00a0", "Cơ quan\u00a0chủ quản  "],
            ["1", "Hệ thống quản lý đất đai\u00a0", "Bộ Tài nguyên và\u00a0Môi trường "],
            ["2\u00a0", "  Cơ sở dữ liệu quốc gia về đất đai", "\u00a0Bộ Tài nguyên và Môi trường"]]
    return xlsx(("Sheet1", rows)), Want([("Hệ thống quản lý đất đai", "MONRE"),
                                         ("Cơ sở dữ liệu quốc gia về đất đai", "MONRE")])


def nfd_text() -> tuple[bytes, Want]:
    """Every cell in decomposed form (NFD), as macOS and some web exports write it."""
    rows = [["STT", "Tên nền tảng", "Cơ quan chủ quản"],
            ["1", "Hệ thống quản lý hồ sơ sức khỏe", "Bộ Y tế"],
            ["2", "Nền tảng học liệu số dùng chung", "Bộ Giáo dục và Đào tạo"]]
    nfd = [[unicodedata.normalize("NFD", v) for v in r] for r in rows]
    return xlsx(("Sheet1", nfd)), Want([("Hệ thống quản lý hồ sơ sức khỏe", "MOH"),
                                        ("Nền tảng học liệu số dùng chung", "MOET")])


def tcvn3_whole_sheet() -> tuple[bytes, Want]:
    """A sheet typed in a .VnTime (TCVN3) font throughout: the header too."""
    rows = [["STT", "Tªn nÒn t¶ng", "C¬ quan chñ qu¶n"],
            ["1", _tcvn3("Hệ thống quản lý văn bản"), _tcvn3("Bộ Tài chính")],
            ["2", _tcvn3("Cơ sở dữ liệu về thi hành án"), _tcvn3("Bộ Tư pháp")]]
    return xlsx(("Sheet1", rows)), Want([("Hệ thống quản lý văn bản", "MOF"), ("Cơ sở dữ liệu về thi hành án", "MOJ")],
                                        warnings={"legacy_text"})


def cp1258_csv() -> tuple[bytes, Want]:
    """A CSV saved in Windows-1258 (tones as combining marks), comma separated."""
    rows = [["STT", "Tên nền tảng", "Cơ quan chủ quản"],
            ["1", "Hệ thống quản lý thi đua khen thưởng", "Bộ Nội vụ"],
            ["2", "Cơ sở dữ liệu quốc gia về cán bộ", "Bộ Nội vụ"]]
    want = Want([("Hệ thống quản lý thi đua khen thưởng", "MOHA"), ("Cơ sở dữ liệu quốc gia về cán bộ", "MOHA")])
    return csv_bytes([[_cp1258(v) for v in r] for r in rows], ",", "cp1258"), want


def csv_bom_semicolons() -> tuple[bytes, Want]:
    """Excel's "CSV (semicolon)" with a BOM, bodies with commas inside quotes."""
    rows = [["STT", "Tên nền tảng", "Cơ quan chủ quản", "Ghi chú"],
            ["1", "Hệ thống thông tin quản lý di sản", "Bộ Văn hóa, Thể thao và Du lịch", "Mới; chưa vận hành"],
            ["2", "Hệ thống thông tin thị trường lao động", "Bộ LĐ-TB&XH", ""]]
    return csv_bytes(rows), Want([("Hệ thống thông tin quản lý di sản", "MOCST"),
                                  ("Hệ thống thông tin thị trường lao động", "MOLISA")])


def province_body_in_national() -> tuple[bytes, Want]:
    """A "UBND tỉnh …" row in a ministries' national list: rejected as a province's body (its
    platforms belong in the province's own list)."""
    rows = [["STT", "Tên nền tảng", "Cơ quan chủ quản"],
            ["1", "Hệ thống quản lý văn bản", "Bộ Công Thương"],
            ["2", "Cổng dịch vụ công tỉnh", "UBND tỉnh Nghệ An"],
            ["3", "Hệ thống đăng ký thuế", "Bộ Tài chính"]]
    return xlsx(("Sheet1", rows)), Want([("Hệ thống quản lý văn bản", "MOIT"), ("Hệ thống đăng ký thuế", "MOF")],
                                        rejected=[(3, "provincial_body")])


def body_spellings() -> tuple[bytes, Want]:
    """Bodies spelled the many ways a letter spells them."""
    spellings = [("Bộ KHCN", "MOST"), ("Bộ Khoa học & Công nghệ", "MOST"), ("BTTTT", "MIC"),
                 ("Bộ TT và TT", "MIC"), ("Ngân hàng Nhà nước Việt Nam", "SBV"), ("NHNNVN", "SBV"),
                 ("Bộ KH&ĐT", "MPI"), ("Bộ NN&PTNT", "MARD"), ("Bộ TN&MT", "MONRE"),
                 ("Bộ GTVT", "MOT"), ("BHXH VN", "VSS"), ("Bộ Công an (Cục C06)", "MPS")]
    rows = [["STT", "Tên nền tảng", "Cơ quan chủ quản"]]
    want = []
    for i, (body, code) in enumerate(spellings, 1):
        rows.append([str(i), f"Hệ thống số {i}", body])
        want.append((f"Hệ thống số {i}", code))
    return xlsx(("Sheet1", rows)), Want(want, warnings={"body_in_text"})


def two_row_chu_tri() -> tuple[bytes, Want]:
    """A two-row header: "Cơ quan" merged over "Chủ trì" | "Phối hợp"; "Nền tảng" over "Tên" | "Địa chỉ"."""
    rows = [["STT", "Nền tảng", "", "Cơ quan", ""],
            ["", "Tên", "Địa chỉ truy cập", "Chủ trì", "Phối hợp"],
            ["1", "Cổng dữ liệu quốc gia", "data.gov.vn", "Bộ Công an", "Các bộ, ngành"],
            ["2", "Hệ thống giám sát an toàn thông tin", "soc.gov.vn", "Bộ TT&TT", "Bộ Quốc phòng"]]
    return (xlsx(("Sheet1", rows), merges={"Sheet1": ["A1:A2", "B1:C1", "D1:E1"]}),
            Want([("Cổng dữ liệu quốc gia", "MPS"), ("Hệ thống giám sát an toàn thông tin", "MIC")]))


def section_with_body_column() -> tuple[bytes, Want]:
    """Roman sections by ministry, and the body column repeated on each row with the unit."""
    rows = [["STT", "Tên nền tảng", "Đơn vị chủ quản"],
            ["I", "BỘ TÀI CHÍNH", ""],
            ["1", "Hệ thống hải quan điện tử", "Tổng cục Hải quan"],
            ["2", "Hệ thống kho bạc", "Kho bạc Nhà nước"],
            ["II", "BỘ CÔNG AN", ""],
            ["3", "Hệ thống cấp hộ chiếu", "Cục Quản lý xuất nhập cảnh"]]
    return xlsx(("Sheet1", rows)), Want([("Hệ thống hải quan điện tử", "MOF"), ("Hệ thống kho bạc", "MOF"),
                                         ("Hệ thống cấp hộ chiếu", "MPS")])


H = ["STT", "Tên nền tảng", "Cơ quan chủ quản"]


def total_first() -> tuple[bytes, Want]:
    """A "TỔNG CỘNG" row right under the header, above the first platform."""
    rows = [H, ["", "TỔNG CỘNG", "2 nền tảng"], ["1", "Hệ thống tiếp nhận phản ánh", "Văn phòng Chính phủ"],
            ["2", "Hệ thống quản lý hồ sơ bệnh án", "Bộ Y tế"]]
    return xlsx(("Sheet1", rows)), Want([("Hệ thống tiếp nhận phản ánh", "GO"), ("Hệ thống quản lý hồ sơ bệnh án", "MOH")])


def header_repeated() -> tuple[bytes, Want]:
    """A table pasted from Word or a PDF: the header and its "(1) (2) (3)" row again on each page."""
    page = [H, ["(1)", "(2)", "(3)"]]
    rows = [*page, ["1", "Hệ thống đăng ký hộ kinh doanh", "Bộ Tài chính"],
            ["2", "Cơ sở dữ liệu về giá", "Bộ Tài chính"], *page, ["3", "Hệ thống quản lý an toàn thực phẩm", "Bộ Y tế"]]
    return xlsx(("Sheet1", rows)), Want([("Hệ thống đăng ký hộ kinh doanh", "MOF"), ("Cơ sở dữ liệu về giá", "MOF"),
                                         ("Hệ thống quản lý an toàn thực phẩm", "MOH")])


def html_cp1258() -> tuple[bytes, Want]:
    """A web portal's table saved as .xls, in Windows-1258."""
    cells = [H, ["1", "Hệ thống quản lý văn bản", "Bộ Tài chính"], ["2", "Cơ sở dữ liệu hộ tịch", "Bộ Tư pháp"]]
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in cells)
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'></head>"
            f"<body><table>{body}</table></body></html>")
    return _cp1258(page).encode("cp1258"), Want([("Hệ thống quản lý văn bản", "MOF"), ("Cơ sở dữ liệu hộ tịch", "MOJ")])


def second_table_below() -> tuple[bytes, Want]:
    """A second table under the first on the same sheet (the proposed platforms), with its own title and header."""
    rows = [H, ["1", "Nền tảng giám sát dịch bệnh", "Bộ Y tế"], [""], ["DANH SÁCH NỀN TẢNG ĐỀ XUẤT BỔ SUNG"], H,
            ["1", "Nền tảng quản lý người lao động ở nước ngoài", "Bộ Nội vụ"]]
    return xlsx(("Sheet1", rows)), Want([("Nền tảng giám sát dịch bệnh", "MOH"),
                                         ("Nền tảng quản lý người lao động ở nước ngoài", "MOHA")])


CASES = {f.__name__: f for f in (
    total_first, header_repeated, html_cp1258, second_table_below,
    hdr_httt, hdr_httt_nen_tang_so, hdr_bilingual, hdr_footnote_marks, groups_ab_roman, subtotals,
    dotted_numbers, merged_title_hidden_column, instructions_first, nbsp_trailing, nfd_text, tcvn3_whole_sheet,
    cp1258_csv, csv_bom_semicolons, province_body_in_national, body_spellings, two_row_chu_tri,
    section_with_body_column)}
