"""Every message a user can see from the loader, in Vietnamese and English.

A ``Message`` is a code plus parameters; it is rendered in the user's language at the edge
(CLI, page). ``LoaderError`` carries one and is the only exception the edges expect.
"""
from __future__ import annotations

from dataclasses import dataclass, field

TEMPLATES: dict[str, tuple[str, str]] = {
    # file-level errors
    "empty_file": ("Tệp trống. Hãy chọn tệp danh sách có dữ liệu.",
                   "the file is empty. Choose a list file that has data."),
    "too_large": ("Tệp lớn {size_mb} MB, vượt giới hạn {limit_mb} MB. Hãy tách tệp hoặc chỉ giữ sheet danh sách.",
                  "the file is {size_mb} MB, over the {limit_mb} MB limit. Split it or keep only the list sheet."),
    "too_many_rows": ("Sheet '{sheet}' có {rows} dòng, vượt giới hạn {limit} dòng. Hãy tách danh sách.",
                      "sheet '{sheet}' has {rows} rows, over the {limit}-row limit. Split the list."),
    "not_spreadsheet": ("Không đọc được tệp như bảng tính hay CSV. Hãy lưu lại dưới dạng .xlsx hoặc .csv (UTF-8).",
                        "this is not a spreadsheet or CSV file. Save it as .xlsx or .csv (UTF-8) and try again."),
    "corrupt_workbook": ("Tệp Excel bị hỏng hoặc không đầy đủ ({detail}). Hãy mở bằng Excel, lưu lại thành .xlsx rồi thử lại.",
                         "the workbook is damaged or incomplete ({detail}). Open it in Excel, save it again as .xlsx and retry."),
    "encrypted": ("Tệp Excel có mật khẩu. Hãy lưu một bản không đặt mật khẩu rồi tải lên bản đó.",
                  "the workbook is password-protected. Save an unprotected copy and import that copy."),
    "html_table": ("Tệp là trang HTML mang đuôi .xls. Hãy mở bằng Excel và lưu lại thành .xlsx.",
                   "the file is an HTML page with an .xls name. Open it in Excel and save it as .xlsx."),
    "no_header": ("Không tìm thấy dòng tiêu đề có cột tên nền tảng. Các tiêu đề tìm thấy: {found}. Cần một cột như: {expected}.",
                  "no header row with a platform-name column. Headers found: {found}. Expected a column such as: {expected}."),
    "no_body_column": ("Danh sách loại '{kind}' cần cột cơ quan chủ quản. Các tiêu đề tìm thấy: {found}. Cần một cột như: {expected}.",
                       "a '{kind}' list needs a managing-body column. Headers found: {found}. Expected a column such as: {expected}."),
    "no_rows": ("Không có dòng nền tảng nào nạp được ({rejected} dòng bị loại). Dòng đầu: {first}",
                "no platform row could be loaded ({rejected} rejected). First: {first}"),
    "strict_rejected": ("Chế độ nghiêm ngặt: {rejected} dòng bị loại nên không nạp gì. Dòng đầu: {first}",
                        "strict mode: {rejected} row(s) rejected, so nothing was imported. First: {first}"),
    "unknown_list": ("Không có danh sách '{list_id}'. Các danh sách đã đăng ký: {known}.",
                     "unknown list '{list_id}'. Registered lists: {known}."),
    "bad_date": ("Ngày '{value}' không hợp lệ; dùng dạng YYYY-MM-DD.",
                 "'{value}' is not a valid date; use YYYY-MM-DD."),
    "file_not_found": ("Không tìm thấy tệp.", "file not found."),
    "db_unavailable": ("Không mở được cơ sở dữ liệu {path}: {detail}",
                       "cannot open the database {path}: {detail}"),
    # row-level rejections
    "empty_name": ("dòng {row_no}: thiếu tên nền tảng", "row {row_no}: the platform name is empty"),
    "missing_body": ("dòng {row_no}: thiếu cơ quan chủ quản", "row {row_no}: the managing body is empty"),
    "unknown_body": ("dòng {row_no}: không nhận ra cơ quan '{written}'{hint}",
                     "row {row_no}: unknown managing body '{written}'{hint}"),
    "body_not_yet": ("dòng {row_no}: '{written}' chưa tồn tại ngày {as_of} (thành lập {valid_from}); kiểm tra ngày hiệu lực",
                     "row {row_no}: '{written}' did not exist on {as_of} (established {valid_from}); check the as-of date"),
    "repeat": ("dòng {row_no}: trùng với dòng {first_row}", "row {row_no}: repeats row {first_row}"),
    # warnings
    "merged_body": ("'{written}' đã hợp nhất vào {successor} từ {since}; {n} dòng được gán cho {successor} (dòng {rows})",
                    "'{written}' was merged into {successor} on {since}; {n} row(s) assigned to {successor} (rows {rows})"),
    "already_imported": ("Tệp này đã được nạp cho danh sách {list_id} ngày {as_of} (lần nạp #{import_id}); không tạo bản mới.",
                         "this file was already imported for {list_id} as of {as_of} (import #{import_id}); no new snapshot created."),
    "skipped_rows": ("bỏ qua {n} dòng tổng cộng/ghi chú/số cột (dòng {rows})",
                     "skipped {n} total/note/column-number row(s) (rows {rows})"),
}

HINT = {"vi": "; có phải: {names}?", "en": "; did you mean: {names}?"}


@dataclass(frozen=True)
class Message:
    code: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        vi, en = TEMPLATES[self.code]
        params = dict(self.params)
        if "suggestions" in params:
            names = params["suggestions"]
            params["hint"] = HINT[lang].format(names=", ".join(names)) if names else ""
        return (vi if lang == "vi" else en).format(**params)


class LoaderError(Exception):
    """A file or request the loader refuses; ``message`` says what is wrong and what to do."""

    def __init__(self, code: str, **params):
        self.message = Message(code, params)
        super().__init__(self.message.text("en"))

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)
