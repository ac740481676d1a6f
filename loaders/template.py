"""The Excel template ministries fill in: canonical columns, a drop-down of bodies, and a sheet
of instructions in Vietnamese. It reads back through the same ingest code as any list."""
from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from .bodies import to_date
from .platform_row import TEMPLATE

COLUMNS = list(TEMPLATE)   # (heading, width), from loaders/platform_row.py
STATUSES = ("đang sử dụng", "đề xuất")
ROWS = 1000
INSTRUCTIONS = [
    "HƯỚNG DẪN ĐIỀN DANH SÁCH NỀN TẢNG SỐ",
    "",
    "1. Điền mỗi nền tảng trên một dòng của sheet 'Danh sách', bắt đầu từ dòng 2. Không đổi tên hay thứ tự cột.",
    "2. Cột 'Tên nền tảng' là bắt buộc: ghi đúng tên trong văn bản công bố, có dấu tiếng Việt (Unicode).",
    "3. Cột 'Cơ quan chủ quản' là bắt buộc với danh sách của bộ, ngành: chọn từ danh sách thả xuống "
    "(các cơ quan tại ngày {today}). Có thể ghi tên viết tắt (BTC, BCA ...).",
    "4. 'Trạng thái' chọn 'đang sử dụng' hoặc 'đề xuất'; 'Lĩnh vực', 'Ghi chú', 'Nguồn' không bắt buộc.",
    "5. Không gõ bằng bảng mã TCVN3 (ABC) hay VNI; hãy dùng Unicode. Dòng trùng tên sẽ bị loại.",
    "6. Không đặt mật khẩu cho tệp. Lưu dưới dạng .xlsx; tệp tối đa 20 MB.",
    "7. Nạp tệp ở trang 'Nạp danh sách' để xem trước các dòng sẽ nạp và các dòng bị loại (kèm số dòng, lý do) "
    "trước khi ghi.",
]


def build_template(bodies: list[dict], on: date) -> bytes:
    """``bodies``: records with code, name_vi, abbr_vi, valid_from, valid_to (the body table)."""
    roster = sorted((b for b in bodies if _valid(b, on)), key=lambda b: b["name_vi"])
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    write_header(sheet, COLUMNS)

    lookup = book.create_sheet("Cơ quan")
    lookup.append(["Tên cơ quan", "Viết tắt", "Mã"])
    for b in roster:
        lookup.append([b["name_vi"], b.get("abbr_vi") or "", b["code"]])
    lookup.column_dimensions["A"].width = 50
    bodies_dv = DataValidation(type="list", formula1=f"='Cơ quan'!$A$2:$A${len(roster) + 1}", allow_blank=True,
                               showErrorMessage=False, promptTitle="Cơ quan chủ quản",
                               prompt="Chọn cơ quan từ danh sách", showInputMessage=True)
    status_dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
    sheet.add_data_validation(bodies_dv)
    sheet.add_data_validation(status_dv)
    bodies_dv.add(f"D2:D{ROWS + 1}")
    status_dv.add(f"E2:E{ROWS + 1}")

    return finish(book, [line.format(today=on.strftime("%d/%m/%Y")) for line in INSTRUCTIONS])


def write_header(sheet, columns: list[tuple[str, int]]) -> None:
    """The canonical header row (white on dark blue, widths set) frozen above the data."""
    font, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F4E79")
    for col, (title, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=col, value=title)
        cell.font, cell.fill = font, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


def finish(book: Workbook, guide_lines: list[str]) -> bytes:
    """Add the "Hướng dẫn" (instructions) sheet and return the workbook's bytes."""
    guide = book.create_sheet("Hướng dẫn")
    for line in guide_lines:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 120
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _valid(body: dict, on: date) -> bool:
    start, end = to_date(body.get("valid_from")), to_date(body.get("valid_to"))
    return (start is None or start <= on) and (end is None or on <= end)
