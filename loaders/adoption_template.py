"""The Excel template provinces fill in to report which central platforms they use: canonical
columns, drop-downs of the provinces, the list's platforms and the statuses. It reads back
through ``loaders.adoption`` like any adoption file."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from .template import finish, write_header

COLUMNS = [("Tỉnh/thành phố", 22), ("Xã/phường", 24), ("Tên nền tảng", 60), ("Trạng thái", 16),
           ("Ngày cập nhật", 16), ("Ghi chú", 30)]
STATUSES = ("đang sử dụng", "thí điểm", "kế hoạch", "chưa sử dụng")
ROWS = 2000
GUIDE = [
    "HƯỚNG DẪN BÁO CÁO TÌNH HÌNH SỬ DỤNG NỀN TẢNG SỐ DÙNG CHUNG",
    "",
    "1. Mỗi dòng: một nền tảng tại một tỉnh (để trống 'Xã/phường') hoặc tại một xã/phường.",
    "2. 'Tỉnh/thành phố': chọn trong danh sách (34 tỉnh, thành phố từ 01/07/2025) hoặc ghi mã GSO (ví dụ 40).",
    "3. 'Tên nền tảng': chọn đúng tên trong danh mục '{list_title}'.",
    "4. 'Trạng thái': đang sử dụng / thí điểm / kế hoạch / chưa sử dụng. 'Ngày cập nhật': dd/mm/yyyy, không ở tương lai.",
    "5. Nạp tệp ở trang 'Nạp danh sách' (loại tệp: Tình hình sử dụng) để xem trước các dòng bị loại kèm lý do.",
]


def build_adoption_template(provinces: list[str], platforms: list[str], list_title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Tình hình sử dụng"
    write_header(sheet, COLUMNS)
    lookup = book.create_sheet("Danh mục")
    lookup.append(["Tỉnh, thành phố", "Nền tảng"])
    for i in range(max(len(provinces), len(platforms))):
        lookup.append([provinces[i] if i < len(provinces) else None, platforms[i] if i < len(platforms) else None])
    for column, n, target in (("A", len(provinces), "A"), ("B", len(platforms), "C")):
        dv = DataValidation(type="list", formula1=f"='Danh mục'!${column}$2:${column}${n + 1}", allow_blank=True,
                            showErrorMessage=False)
        sheet.add_data_validation(dv)
        dv.add(f"{target}2:{target}{ROWS + 1}")
    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
    sheet.add_data_validation(status)
    status.add(f"D2:D{ROWS + 1}")
    return finish(book, [line.format(list_title=list_title) for line in GUIDE])
