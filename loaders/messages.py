"""Every message a user can see from the loader, in Vietnamese and English.

A ``Message`` is a code plus parameters; it is rendered in the user's language at the edge
(CLI, page). ``LoaderError`` carries one and is the only exception the edges expect.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache

from .paths import DATA_DIR

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
    "html_no_table": ("Tệp là trang HTML nhưng không có bảng nào. Hãy tải lại danh sách dưới dạng Excel.",
                      "the file is an HTML page with no table in it. Download the list again as Excel."),
    "html_too_big": ("Bảng HTML trải ra hơn {limit} ô (do rowspan/colspan); hãy mở bằng Excel và lưu lại thành .xlsx.",
                     "the HTML table spreads over more than {limit} cells (rowspan/colspan); open it in Excel and save it as .xlsx."),
    "zip_bomb": ("Tệp Excel khi giải nén lớn {size_mb} MB (giới hạn {limit_mb} MB) hoặc nén bất thường; có thể là tệp độc hại. Hãy mở bằng Excel và lưu lại bản chỉ chứa danh sách.",
                 "the workbook unpacks to {size_mb} MB (limit {limit_mb} MB) or is abnormally compressed, as a decompression bomb would be. Open it in Excel and save a copy with just the list."),
    "xml_entities": ("Tệp Excel chứa khai báo thực thể XML ({part}) mà Excel không bao giờ tạo; có thể là tệp độc hại. Hãy mở bằng Excel và lưu lại.",
                     "the workbook declares XML entities ({part}), which Excel never writes; it may be crafted to exhaust memory. Open it in Excel and save a fresh copy."),
    # --- hostile input: limits before work, record bounds, database events (loaders/limits.py, sandbox.py, guards.py) ---
    "sheet_too_large": ("Sheet '{sheet}' trải tới ô {ref}: {rows} dòng × {cols} cột, vượt giới hạn {max_rows} dòng × {max_cols} cột. "
                        "Hãy xóa các ô lạc ở xa danh sách (Ctrl+End trong Excel cho thấy ô cuối) rồi lưu lại.",
                        "sheet '{sheet}' reaches {ref}: {rows} rows × {cols} columns, over the limit of {max_rows} rows × "
                        "{max_cols} columns. Delete the stray cells far from the list (Ctrl+End in Excel shows the last cell) and save again."),
    "too_many_cells": ("Các sheet của tệp trải trên {cells} ô, vượt giới hạn {limit} ô cho một tệp. Hãy chỉ giữ sheet danh sách và xóa các ô lạc.",
                       "the workbook's sheets span {cells} cells together, over the limit of {limit} cells for one file. "
                       "Keep only the list sheet and delete stray cells."),
    "read_too_costly": ("Đọc tệp này cần nhiều bộ nhớ hoặc thời gian hơn mức cho phép một lần nạp ({memory_mb} MB, {seconds} giây); "
                        "không có gì được nạp. Hãy chỉ giữ sheet danh sách, xóa các ô lạc rồi lưu lại dưới dạng .xlsx.",
                        "reading this file needs more memory or time than one import may use ({memory_mb} MB, {seconds} s); "
                        "nothing was imported. Keep only the list sheet, delete stray cells and save it again as .xlsx."),
    "cell_too_long": ("Một ô ở dòng {row_no} dài {n} ký tự, vượt giới hạn {limit} ký tự của một ô. Hãy kiểm tra tệp (có thể thiếu dấu ngoặc kép đóng).",
                      "a cell in row {row_no} has {n} characters, over the {limit}-character limit for one cell. "
                      "Check the file (a closing quote may be missing)."),
    "name_too_long": ("dòng {row_no}{sheet_note}: tên nền tảng dài {n} ký tự, vượt giới hạn {limit}",
                      "row {row_no}{sheet_note}: the platform name has {n} characters, over the {limit}-character limit"),
    "text_too_long": ("{what} dài {n} ký tự, vượt giới hạn {limit} ký tự.", "{what} has {n} characters, over the {limit}-character limit."),
    "as_of_future": ("Ngày hiệu lực {as_of} ở sau hôm nay ({today}): danh sách không thể có hiệu lực cho một ngày chưa đến. Hãy chọn hôm nay hoặc một ngày trước đó.",
                     "the as-of date {as_of} is after today ({today}): a list cannot be valid for a day that has not come. Choose today or an earlier date."),
    "as_of_before_document": ("Ngày hiệu lực {as_of} ở trước ngày văn bản của danh sách ({issued_on}, {document_no}). Hãy chọn từ ngày văn bản trở đi.",
                              "the as-of date {as_of} is before the list's document date ({issued_on}, {document_no}). Choose the document date or later."),
    "db_missing": ("Không có cơ sở dữ liệu {path} dù nó đã từng tồn tại; ứng dụng không tự tạo lại (sẽ mất người dùng, nhật ký và các lần nạp). "
                   "Hãy khôi phục từ bản sao lưu, hoặc chủ động tạo lại: python -m actions build --db {path}",
                   "the database {path} is missing although one existed before; it is not rebuilt automatically (users, the audit trail "
                   "and imports would be lost). Restore it from a backup, or rebuild it deliberately: python -m actions build --db {path}"),
    "db_damaged": ("Không đọc được cơ sở dữ liệu {path} (tệp hỏng?): {detail}. Hãy khôi phục từ bản sao lưu.",
                   "the database {path} cannot be read (damaged?): {detail}. Restore it from a backup."),
    "disk_full": ("Ổ đĩa chứa cơ sở dữ liệu đã đầy; không có gì bị thay đổi. Hãy giải phóng dung lượng (cần khoảng {need_mb} MB) rồi thử lại.",
                  "the disk holding the database is full; nothing was changed. Free some space (about {need_mb} MB is needed) and try again."),
    "no_permission": ("Máy chủ không có quyền ghi vào thư mục cơ sở dữ liệu; không có gì bị thay đổi. Hãy cấp quyền ghi cho người dùng chạy dịch vụ.",
                      "the server may not write to the database's folder; nothing was changed. Give the user the service runs as write access to it."),
    "sign_in_wait": ("Đã có nhiều lần đăng nhập sai cho tài khoản này từ đây; hãy đợi {seconds} giây rồi thử lại.",
                     "too many failed sign-ins for this account from here; wait {seconds} seconds and try again."),
    "role_body_missing": ("Vai trò ministry_editor cần --body MÃ: bộ, ngành mà người dùng làm việc cho, ví dụ --body MOF.",
                          "the ministry_editor role needs --body CODE: the body the user works for, e.g. --body MOF."),
    "role_province_missing": ("Vai trò province_reviewer cần --province MÃ: tỉnh, thành phố của người dùng (mã GSO), ví dụ --province 40.",
                              "the province_reviewer role needs --province CODE: the user's province (a GSO code), e.g. --province 40."),
    "progress_wrong_kind": ("Danh sách '{list_id}' thuộc loại {kind}; cập nhật tiến độ chỉ áp dụng cho danh sách loại {allowed}.",
                            "list '{list_id}' is a {kind} list; progress updates apply only to {allowed} lists."),
    "adoption_wrong_kind": ("Danh sách '{list_id}' thuộc loại {kind}; tình hình sử dụng chỉ ghi cho danh sách loại {allowed}.",
                            "list '{list_id}' is a {kind} list; adoption is recorded only for {allowed} lists."),
    "no_header": ("Không tìm thấy dòng tiêu đề có cột tên nền tảng. Các tiêu đề tìm thấy: {found}. Cần một cột như: {expected}.",
                  "no header row with a platform-name column. Headers found: {found}. Expected a column such as: {expected}."),
    "header_name_tie": ("Sheet '{sheet}': hai cột cùng có thể là tên nền tảng: '{first}' (cột {col_a}) và '{second}' (cột {col_b}). Hãy đổi tiêu đề một trong hai cột cho rõ (ví dụ 'Tên tiếng Anh', 'Ghi chú').",
                        "sheet '{sheet}': two columns could both be the platform name: '{first}' (column {col_a}) and '{second}' (column {col_b}). Rename one of them to say what it holds (e.g. 'English name', 'Note')."),
    "no_body_column": ("Danh sách loại '{kind}' cần cột cơ quan chủ quản. Các tiêu đề tìm thấy: {found}. Cần một cột như: {expected}.",
                       "a '{kind}' list needs a managing-body column. Headers found: {found}. Expected a column such as: {expected}."),
    "no_rows": ("Không có dòng nền tảng nào nạp được ({rejected} dòng bị loại). Dòng đầu: {first}",
                "no platform row could be loaded ({rejected} rejected). First: {first}"),
    "strict_rejected": ("Chế độ nghiêm ngặt: {rejected} dòng bị loại nên không nạp gì. Dòng đầu: {first}",
                        "strict mode: {rejected} row(s) rejected, so nothing was imported. First: {first}"),
    "unknown_list": ("Không có danh sách '{list_id}'. Các danh sách đã đăng ký: {known}. Để thêm danh sách mới, "
                     "hãy đăng ký trước: python -m actions register {list_id} --kind national|shared|provincial [--province MÃ_TỈNH] "
                     "--title \"...\" --date YYYY-MM-DD (hoặc mục \"Đăng ký danh sách\" trên trang Nhập dữ liệu).",
                     "unknown list '{list_id}'. Registered lists: {known}. To add a new list, register it first: "
                     "python -m actions register {list_id} --kind national|shared|provincial [--province CODE] "
                     "--title \"...\" --date YYYY-MM-DD (or \"Register a list\" on the import page)."),
    "bad_decision": ("Quyết định '{value}' không hợp lệ; chỉ nhận 'confirm' (xác nhận) hoặc 'dismiss' (bác bỏ).",
                     "'{value}' is not a decision; use 'confirm' or 'dismiss'."),
    "no_candidate": ("Cặp nền tảng này không còn trong danh sách cần rà soát (danh sách vừa được cập nhật). Hãy tải lại trang.",
                     "this pair is no longer a candidate (the lists have changed since). Reload the page."),
    "bad_list_id": ("Mã danh sách '{list_id}' không hợp lệ: dùng chữ thường không dấu, số và dấu gạch ngang, 2-63 ký tự (ví dụ province-40-2026).",
                    "'{list_id}' is not a valid list id: use lower-case ASCII letters, digits and hyphens, 2-63 characters (e.g. province-40-2026)."),
    "list_exists": ("Danh sách '{list_id}' đã được đăng ký; nạp tệp vào danh sách đó hoặc chọn mã khác.",
                    "list '{list_id}' is already registered; ingest into it or choose another id."),
    "bad_kind": ("Loại danh sách '{value}' không hợp lệ; chọn national (toàn quốc), shared (dùng chung) hoặc provincial (cấp tỉnh).",
                 "'{value}' is not a list kind; use national, shared or provincial."),
    "no_title": ("Cần tên danh sách (như trong văn bản ban hành).",
                 "a list needs a title (as in the document that issues it)."),
    "province_needed": ("Danh sách cấp tỉnh cần mã tỉnh (mã GSO, ví dụ 40 = Nghệ An).",
                        "a provincial list needs its province (a GSO code such as 40 = Nghệ An)."),
    "unknown_province": ("Không có tỉnh mã '{province}' vào ngày {on} ({count} tỉnh, thành phố khi đó). Danh sách trước 01/07/2025 dùng mã 63 tỉnh cũ.",
                         "no province with code '{province}' on {on} ({count} provinces then). Lists dated before 2025-07-01 use the 63 former provinces' codes."),
    "province_not_allowed": ("Chỉ danh sách cấp tỉnh mới gắn với một tỉnh (loại đã chọn: {kind}).",
                             "only a provincial list belongs to a province (this one is {kind})."),
    "no_adoption_column": ("Tệp tình hình sử dụng cần các cột tỉnh, nền tảng, trạng thái và ngày. Các tiêu đề tìm thấy: {found}. Cần: {expected}.",
                           "an adoption file needs province, platform, status and date columns. Headers found: {found}. Expected: {expected}."),
    "list_has_no_platforms": ("Danh sách '{list_id}' chưa có nền tảng nào được nạp để đối chiếu.",
                              "list '{list_id}' has no platforms loaded to match against."),
    "missing_province": ("dòng {row_no}{sheet_note}: thiếu tỉnh/thành phố", "row {row_no}{sheet_note}: the province is empty"),
    "unknown_province_row": ("dòng {row_no}{sheet_note}: không có tỉnh '{written}' vào ngày {on}{hint}",
                             "row {row_no}{sheet_note}: no province '{written}' on {on}{hint}"),
    "unknown_adoption_status": ("dòng {row_no}{sheet_note}: trạng thái '{written}' không hợp lệ; dùng: {allowed}",
                                "row {row_no}{sheet_note}: status '{written}' is not recognised; use: {allowed}"),
    "missing_status_date": ("dòng {row_no}{sheet_note}: thiếu ngày của trạng thái", "row {row_no}{sheet_note}: the status date is empty"),
    "demo_adoption": ("Tệp được đánh dấu là DỮ LIỆU MINH HỌA; ma trận sử dụng sẽ ghi rõ điều này.",
                      "the file is marked as DEMO DATA; the adoption matrix will say so."),
    "province_rolled_up": ("{n} dòng ghi tỉnh trước sáp nhập; được tính cho tỉnh kế thừa sau 01/07/2025 (dòng {rows})",
                           "{n} row(s) name a province as it was before the merger; counted under its successor from 2025-07-01 (rows {rows})"),
    "adoption_needs_central": ("'{list_id}' là danh sách cấp tỉnh; tình hình sử dụng được ghi cho nền tảng của danh sách trung ương (ví dụ shared-2025).",
                               "'{list_id}' is a provincial list; adoption is recorded against a central list's platforms (e.g. shared-2025)."),
    "bad_date": ("Ngày '{value}' không hợp lệ; dùng dạng YYYY-MM-DD.",
                 "'{value}' is not a valid date; use YYYY-MM-DD."),
    "file_not_found": ("Không tìm thấy tệp.", "file not found."),
    "db_unavailable": ("Không mở được cơ sở dữ liệu {path}: {detail}",
                       "cannot open the database {path}: {detail}"),
    # row-level rejections
    "empty_name": ("dòng {row_no}{sheet_note}: thiếu tên nền tảng", "row {row_no}{sheet_note}: the platform name is empty"),
    "missing_body": ("dòng {row_no}{sheet_note}: thiếu cơ quan chủ quản", "row {row_no}{sheet_note}: the managing body is empty"),
    "unknown_body": ("dòng {row_no}{sheet_note}: không nhận ra cơ quan '{written}'{hint}",
                     "row {row_no}{sheet_note}: unknown managing body '{written}'{hint}"),
    "unit_without_body": ("dòng {row_no}{sheet_note}: '{written}' là một đơn vị trực thuộc, không phải bộ, ngành; hãy ghi cả cơ quan chủ quản, ví dụ 'Bộ Tài chính (Tổng cục Thuế)'",
                          "row {row_no}{sheet_note}: '{written}' is a unit of a body, not a ministry or agency; write its managing body too, e.g. 'Bộ Tài chính (Tổng cục Thuế)'"),
    "body_not_yet": ("dòng {row_no}{sheet_note}: '{written}' chưa tồn tại ngày {as_of} (thành lập {valid_from}); kiểm tra ngày hiệu lực",
                     "row {row_no}{sheet_note}: '{written}' did not exist on {as_of} (established {valid_from}); check the as-of date"),
    "repeat": ("dòng {row_no}{sheet_note}: trùng với dòng {first_row}", "row {row_no}{sheet_note}: repeats row {first_row}"),
    # progress rows
    "unknown_platform": ("dòng {row_no}{sheet_note}: không có nền tảng '{written}' trong danh sách {list_id}{hint}",
                         "row {row_no}{sheet_note}: no platform '{written}' in list {list_id}{hint}"),
    "near_platform": ("dòng {row_no}{sheet_note}: '{written}' gần giống '{suggestion}' ({score}%) — cần xác nhận",
                      "row {row_no}{sheet_note}: '{written}' is close to '{suggestion}' ({score}%) — needs confirmation"),
    "alias_matched": ("dòng {row_no}{sheet_note}: '{written}' là tên chính thức đã xác định của '{name}' trong danh mục "
                      "— ghi nhận cho '{name}'",
                      "row {row_no}{sheet_note}: '{written}' is the identified official name of '{name}' in the list "
                      "— recorded for '{name}'"),
    "unknown_stage": ("dòng {row_no}{sheet_note}: không nhận ra giai đoạn '{written}'{hint}",
                      "row {row_no}{sheet_note}: unknown stage '{written}'{hint}"),
    "missing_stage": ("dòng {row_no}{sheet_note}: thiếu giai đoạn", "row {row_no}{sheet_note}: the stage is empty"),
    "bad_event_date": ("dòng {row_no}{sheet_note}: ngày '{written}' không hợp lệ (dùng dd/mm/yyyy hoặc yyyy-mm-dd)",
                       "row {row_no}{sheet_note}: '{written}' is not a date (use dd/mm/yyyy or yyyy-mm-dd)"),
    "missing_date": ("dòng {row_no}{sheet_note}: cần ngày hoàn thành hoặc hạn", "row {row_no}{sheet_note}: needs a completion date or a target date"),
    "future_date": ("dòng {row_no}{sheet_note}: ngày {date} ở tương lai", "row {row_no}{sheet_note}: the date {date} is in the future"),
    "repeat_event": ("dòng {row_no}{sheet_note}: trùng với dòng {first_row}", "row {row_no}{sheet_note}: repeats row {first_row}"),
    "no_progress_column": ("Tệp tiến độ cần cột giai đoạn và cột ngày. Các tiêu đề tìm thấy: {found}. Cần các cột như: {expected}.",
                           "a progress file needs a stage column and a date column. Headers found: {found}. Expected columns such as: {expected}."),
    "not_shared_list": ("Danh sách '{list_id}' không có nền tảng nào đã nạp để ghi tiến độ.",
                        "list '{list_id}' has no loaded platforms to record progress against."),
    # warnings
    "stage_regressed": ("{name}: giai đoạn '{stage}' ({date}) thấp hơn giai đoạn đã đạt '{reached}' — vẫn ghi nhận (ví dụ kế hoạch ban hành lại; dòng {row_no})",
                        "{name}: stage '{stage}' ({date}) is earlier than the stage already reached, '{reached}' — recorded anyway (e.g. a reissued plan; row {row_no})"),
    "demo_file": ("Tệp được đánh dấu là DỮ LIỆU MINH HỌA; trang tiến độ sẽ ghi rõ điều này.",
                  "the file is marked as DEMO DATA; the progress page will say so."),
    "legacy_text": ("cột '{column}' có vẻ được gõ bằng bảng mã {encoding}; đã chuyển {n} ô sang Unicode (dòng {rows}) — hãy kiểm tra lại",
                    "column '{column}' looks typed in the {encoding} encoding; converted {n} cell(s) to Unicode (rows {rows}) — please check"),
    "function_moved": ("{n} nền tảng được gán cho {to} vì chức năng đã chuyển từ {from_} ({change}; dòng {rows})",
                       "{n} platform(s) assigned to {to} because the function moved from {from_} ({change}; rows {rows})"),
    "section_unknown": ("dòng {row_no}{sheet_note}: tiêu đề mục '{written}' không phải cơ quan đã biết{hint}; các dòng dưới mục này cần cột cơ quan chủ quản",
                        "row {row_no}{sheet_note}: section heading '{written}' is not a known body{hint}; rows under it need a managing-body column"),
    "department_unknown": ("{n} dòng ghi cơ quan quản lý chưa nhận ra được ngành ({names}); giữ nguyên như đã ghi (dòng {rows})",
                           "{n} row(s) name a managing body whose line ministry was not recognised ({names}); kept as written (rows {rows})"),
    "body_in_text": ("'{written}' được đọc là {body}; phần còn lại ('{unit}') được giữ nguyên như đã ghi ({n} dòng: {rows})",
                     "'{written}' read as {body}; the rest ('{unit}') is kept as written ({n} row(s): {rows})"),
    "body_from_sheet": ("sheet '{sheet}' không có cột cơ quan chủ quản; {n} dòng được gán cho {body} theo tên sheet (dòng {rows})",
                        "sheet '{sheet}' has no managing-body column; {n} row(s) assigned to {body} from the sheet's name (rows {rows})"),
    "merged_body": ("'{written}' đã hợp nhất vào {successor} từ {since}; {n} dòng được gán cho {successor} (dòng {rows})",
                    "'{written}' was merged into {successor} on {since}; {n} row(s) assigned to {successor} (rows {rows})"),
    "db_old": ("Cơ sở dữ liệu được tạo bởi phiên bản cũ (lược đồ {found}, cần {expected}). Chạy `python -m actions build` "
               "để tạo lại: người dùng, nhật ký, danh sách đã đăng ký và quyết định rà soát được giữ; các tệp đã nạp cần nạp lại.",
               "the database was made by an older version (schema {found}, this one needs {expected}). Run `python -m actions "
               "build` to rebuild it: users, the audit trail, registered lists and review decisions are kept; files you "
               "imported must be imported again."),
    "already_imported": ("Tệp này đã được nạp cho danh sách {list_id} ngày {as_of} (lần nạp #{import_id}); không tạo bản mới.",
                         "this file was already imported for {list_id} as of {as_of} (import #{import_id}); no new snapshot created."),
    # what a list file changes (store/changes.py)
    "list_changes_kept": ("thêm {added}, thay đổi {changed}, giữ nguyên {unchanged}; {missing} nền tảng hiện có không có trong tệp "
                          "được giữ lại trong danh sách: {names}",
                          "{added} added, {changed} changed, {unchanged} unchanged; {missing} current platform(s) not in "
                          "the file kept on the list: {names}"),
    "list_changes_removed": ("thêm {added}, thay đổi {changed}, giữ nguyên {unchanged}; {missing} nền tảng không có trong tệp "
                             "bị xóa khỏi danh sách: {names}",
                             "{added} added, {changed} changed, {unchanged} unchanged; {missing} platform(s) not in the "
                             "file removed from the list: {names}"),
    # who may do what (access/roles.py, access/users.py)
    # --- progress evidence (issue 22) ---
    "evidence_bad_date": ("Ngày '{written}' ({field}) không hợp lệ: ghi yyyy-mm-dd hoặc yyyy-mm, không sau hôm nay.",
                          "'{written}' ({field}) is not a date: write yyyy-mm-dd or yyyy-mm, not after today."),
    "evidence_no_platform": ("Nền tảng này không có trong danh sách {list_id} hiện hành.",
                             "This platform is not in the current list {list_id}."),
    "evidence_bad_stage": ("Không có giai đoạn '{written}'.", "There is no stage '{written}'."),
    "evidence_bad_confidence": ("Độ chắc chắn '{written}' không hợp lệ: chọn đã xác nhận, có khả năng hoặc chưa chắc chắn.",
                                "'{written}' is not a confidence: choose confirmed, likely or uncertain."),
    "evidence_bad_url": ("Cần liên kết tới nguồn, bắt đầu bằng http:// hoặc https:// và không có dấu cách.",
                         "A link to the source is needed, starting with http:// or https://, without spaces."),
    "evidence_missing": ("Thiếu {field}: bằng chứng cần nơi đăng và đoạn trích dẫn.",
                         "{field} is missing: evidence needs its publisher and a quote."),
    "evidence_exists": ("Bằng chứng này (cùng nền tảng, giai đoạn, ngày và liên kết) đã có.",
                        "This evidence (same platform, stage, date and link) is already recorded."),
    "evidence_gone": ("Bằng chứng này không còn hiệu lực (đã bị rút hoặc danh sách vừa được cập nhật). Hãy tải lại trang.",
                      "This evidence is no longer in force (withdrawn, or the data changed since). Reload the page."),
    "evidence_already_confirmed": ("Bằng chứng này đã được xác nhận.", "This evidence is already confirmed."),
    "evidence_bad_action": ("Hành động '{written}' không hợp lệ: chỉ nhận confirm hoặc withdraw.",
                            "'{written}' is not an action: use confirm or withdraw."),
    "forbidden": ("{who} (vai trò {role}) không được phép {action}. Hãy đăng nhập bằng tài khoản có quyền hoặc liên hệ quản trị viên.",
                  "{who} (role {role}) may not {action}. Sign in with an account that may, or ask an administrator."),
    "not_your_body": ("dòng {row_no}: '{name}' thuộc {body}; tài khoản này chỉ được nạp dữ liệu của {own}",
                      "row {row_no}: '{name}' belongs to {body}; this account may only import {own}'s rows"),
    # --- recognition (actions/recognition.py, corrections.py, recognition_import.py) ---
    "not_your_proposal": ("'{name}' do {body} đề xuất; tài khoản này chỉ được làm việc với nền tảng của {own}.",
                          "'{name}' is proposed by {body}; this account may only act on {own}'s platforms."),
    "rec_missing": ("Thiếu {field}.", "{field} is missing."),
    "rec_bad_value": ("{field} '{value}' không hợp lệ; dùng một trong: {allowed}.",
                      "{field} '{value}' is not valid; use one of: {allowed}."),
    "rec_bad_date": ("{field} '{value}' không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd) hoặc ở tương lai.",
                     "{field} '{value}' is not a valid date (dd/mm/yyyy or yyyy-mm-dd) or is in the future."),
    "rec_too_long": ("{field} dài quá {limit} ký tự.", "{field} is longer than {limit} characters."),
    "rec_bad_url": ("Đường dẫn '{value}' không hợp lệ; dùng địa chỉ bắt đầu bằng http:// hoặc https://.",
                    "link '{value}' is not valid; use an address starting with http:// or https://."),
    "rec_bad_share": ("Thị phần '{value}' không hợp lệ; nhập số phần trăm từ 0 đến 100.",
                      "market share '{value}' is not valid; enter a percentage from 0 to 100."),
    "rec_no_proposal": ("Không có đề xuất số {proposal_id}.", "there is no proposal number {proposal_id}."),
    "rec_duplicate": ("Nền tảng '{name}' đã được {body} đề xuất (đề xuất số {proposal_id}).",
                      "'{name}' is already proposed by {body} (proposal {proposal_id})."),
    "rec_list_kind": ("Danh sách '{list_id}' không nhận nền tảng được công nhận; chọn danh sách toàn quốc hoặc dùng chung.",
                      "list '{list_id}' does not take recognised platforms; choose a national or shared list."),
    "rec_no_criteria": ("Đề xuất số {proposal_id} chưa có bộ tiêu chí; bộ, ngành cần ban hành bộ tiêu chí trước.",
                        "proposal {proposal_id} has no criteria set yet; the ministry issues its criteria first."),
    "rec_no_group": ("Bộ tiêu chí cần ít nhất một tiêu chí; nhóm hợp lệ là 1-6 (Phụ lục 1, Quyết định 1230/QĐ-BTTTT).",
                     "a criteria set needs at least one criterion; groups are 1-6 (Annex 1 of Decision 1230/QĐ-BTTTT)."),
    "rec_unknown_criterion": ("Tiêu chí số {criterion_no} không có trong bộ tiêu chí số {set_id}.",
                              "criterion {criterion_no} is not in criteria set {set_id}."),
    "rec_not_all_assessed": ("Đánh giá phải ghi kết quả cho đủ {n} tiêu chí của bộ tiêu chí (thiếu: {missing}).",
                             "an assessment records every one of the set's {n} criteria (missing: {missing})."),
    "rec_outcome_unsupported": ("Kết quả '{outcome}' không khớp đánh giá gần nhất ({verdict}); 'công nhận' cần mọi tiêu chí đạt, "
                                "'tiềm năng' cần mọi tiêu chí khác đạt và thị phần người dùng dưới 50%.",
                                "outcome '{outcome}' does not follow from the latest assessment ({verdict}); 'recognised' needs every "
                                "criterion met, 'potential' every other criterion met and a popular-user share below 50%."),
    "rec_decided": ("Đề xuất số {proposal_id} đã có kết quả '{outcome}' ({decision_no}).",
                    "proposal {proposal_id} already has the outcome '{outcome}' ({decision_no})."),
    "rec_no_columns": ("Tệp cần các cột: {expected}. Các tiêu đề tìm thấy: {found}.",
                       "the file needs the columns: {expected}. Headers found: {found}."),
    "rec_row": ("dòng {row_no}: {text}", "row {row_no}: {text}"),
    "flag_no_target": ("Cần chỉ rõ bản ghi bị báo sai.", "say which record is wrong."),
    "flag_no_flag": ("Không có báo sai số {flag_id}.", "there is no correction flag {flag_id}."),
    "flag_resolved": ("Báo sai số {flag_id} đã được xử lý.", "correction flag {flag_id} is already resolved."),
    "flag_not_your_body": ("Báo sai số {flag_id} thuộc {body}; chỉ biên tập viên của {body} hoặc quản trị viên xử lý.",
                           "flag {flag_id} concerns {body}; only {body}'s editor or an administrator resolves it."),
    "flag_bad_ref": ("Bản ghi '{ref}' ({kind}) cần dạng danh-sách/tên hoặc danh-sách/MÃ-CƠ-QUAN, ví dụ national-2024/MOF.",
                     "record '{ref}' ({kind}) is written list/name or list/BODY, e.g. national-2024/MOF."),
    "flag_no_record": ("Không tìm thấy bản ghi '{ref}' ({kind}) trong dữ liệu hiện tại.",
                       "there is no {kind} record '{ref}' in the current data."),
    "flag_ambiguous": ("'{ref}' khớp {n} bản ghi; ghi rõ hơn.", "'{ref}' matches {n} records; say which one."),
    "flag_bad_field": ("Không sửa được '{field}' của bản ghi loại {kind}; sửa được: {allowed}.",
                       "'{field}' of a {kind} record cannot be corrected; these can: {allowed}."),
    "flag_bad_count": ("Số lượng '{value}' không hợp lệ; nhập số nguyên từ 0 đến {limit}.",
                       "count '{value}' is not valid; enter a whole number from 0 to {limit}."),
    "flag_no_change": ("Chấp nhận báo sai cần nêu giá trị mới của ít nhất một trường ({allowed}).",
                       "accepting a correction needs the new value of at least one field ({allowed})."),
    "not_your_province": ("dòng {row_no}: tỉnh '{written}' không phải tỉnh của tài khoản này ({own})",
                          "row {row_no}: province '{written}' is not this account's province ({own})"),
    "bad_email": ("'{email}' không phải địa chỉ e-mail hợp lệ.", "'{email}' is not a valid e-mail address."),
    "bad_role": ("Vai trò '{role}' không hợp lệ; chọn: {roles}.", "'{role}' is not a role; use one of: {roles}."),
    "role_needs_body": ("Vai trò ministry_editor cần mã một bộ, ngành đang tồn tại (--body), ví dụ MOF; '{body}' không hợp lệ.",
                        "the ministry_editor role needs the code of a body that exists today (--body), e.g. MOF; '{body}' is not one."),
    "role_needs_province": ("Vai trò province_reviewer cần mã một trong 34 tỉnh, thành phố (--province), ví dụ 40; '{province}' không hợp lệ.",
                            "the province_reviewer role needs one of the 34 provinces' codes (--province), e.g. 40; '{province}' is not one."),
    "binding_not_allowed": ("Vai trò {role} không gắn với bộ, ngành hay tỉnh; bỏ --body/--province.",
                            "the {role} role is not bound to a body or province; drop --body/--province."),
    "passwords_differ": ("Hai lần nhập mật khẩu không khớp.", "the two passwords differ."),
    "weak_password": ("Mật khẩu cần ít nhất {n} ký tự.", "the password needs at least {n} characters."),
    "user_exists": ("Đã có người dùng {email}.", "user {email} already exists."),
    "no_such_user": ("Không có người dùng {email}.", "no user {email}."),
    "bad_credentials": ("E-mail hoặc mật khẩu không đúng (hoặc tài khoản đã bị khóa).",
                        "wrong e-mail or password (or the account is disabled)."),
    "too_many_attempts": ("Đăng nhập sai quá nhiều lần; hãy thử lại sau {minutes} phút.",
                          "too many failed sign-ins; try again in {minutes} minutes."),
    "skipped_rows": ("bỏ qua {n} dòng tổng cộng/ghi chú/số cột (dòng {rows})",
                     "skipped {n} total/note/column-number row(s) (rows {rows})"),
}

# Parameters that carry a body's code, shown as the body's name (the code means nothing to a reader).
BODY_PARAMS = {"not_your_body": ("body", "own")}


@lru_cache(maxsize=1)
def _body_names() -> dict[str, tuple[str, str]]:
    with (DATA_DIR / "reference" / "bodies.csv").open(encoding="utf-8") as fh:
        return {r["code"]: (r["name_vi"], r["name_en"]) for r in csv.DictReader(fh)}


def body_name(code: str, lang: str = "vi") -> str:
    """A body's name in ``lang`` for its code (the code itself if unknown)."""
    names = _body_names().get(code)
    return (names[0] if lang == "vi" else names[1]) if names else code


HINT = {"vi": "; có phải: {names}?", "en": "; did you mean: {names}?"}
ACTIONS = {
    "import_list": ("nạp danh sách nền tảng loại này", "import a platform list of this kind"),
    "import_progress": ("nạp cập nhật tiến độ", "import progress updates"),
    "import_adoption": ("nạp tình hình sử dụng", "import adoption files"),
    "review": ("rà soát đối chiếu của tỉnh này", "review this province's matches"),
    "register_list": ("đăng ký danh sách mới", "register lists"),
    "manage_users": ("quản lý người dùng", "manage users"),
    "view_audit": ("xem nhật ký kiểm tra", "see the audit trail"),
    "propose": ("đề xuất nền tảng số quốc gia", "propose national platforms"),
    "issue_criteria": ("ban hành bộ tiêu chí", "issue criteria sets"),
    "plan": ("ghi kế hoạch phát triển", "record development plans"),
    "assess": ("ghi kết quả đánh giá", "record assessments"),
    "decide": ("ghi quyết định công nhận", "record recognition outcomes"),
    "flag": ("báo dữ liệu sai", "flag records as wrong"),
    "resolve_flag": ("xử lý báo sai", "resolve correction flags"),
}

# Record fields named in messages (recognition records, corrections).
FIELDS = {
    "platform_name": ("Tên nền tảng", "Platform name"), "body_code": ("Cơ quan đề xuất", "Proposing body"),
    "ownership": ("Sở hữu", "Ownership"), "owner_enterprise": ("Doanh nghiệp sở hữu", "Owner enterprise"),
    "purpose": ("Mục đích", "Purpose"), "list_id": ("Danh sách", "List"), "proposed_on": ("Ngày đề xuất", "Proposal date"),
    "document_no": ("Số văn bản", "Document number"), "document_url": ("Đường dẫn văn bản", "Document link"),
    "issued_on": ("Ngày ban hành", "Date issued"), "group": ("Nhóm tiêu chí", "Criteria group"),
    "text": ("Nội dung tiêu chí", "Criterion"), "measure": ("Cách đo", "How it is measured"),
    "assessment_due": ("Hạn đánh giá", "Assessment due"), "assessor_kind": ("Hình thức đánh giá", "Assessed by"),
    "assessed_on": ("Ngày đánh giá", "Assessment date"), "result": ("Kết quả", "Result"),
    "evidence": ("Minh chứng", "Evidence"), "market_share": ("Thị phần", "Market share"),
    "outcome": ("Kết quả công nhận", "Outcome"), "decision_no": ("Số quyết định", "Decision number"),
    "decided_on": ("Ngày quyết định", "Decision date"), "note": ("Ghi chú", "Note"), "link": ("Đường dẫn", "Link"),
    "reason": ("Lý do", "Reason"), "target_kind": ("Loại bản ghi", "Record kind"), "proposal_id": ("Số đề xuất", "Proposal"),
    "criterion_no": ("Số tiêu chí", "Criterion number"), "popular_user": ("Tiêu chí người dùng phổ biến", "Popular-user criterion"),
}


@dataclass(frozen=True)
class Message:
    code: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        vi, en = TEMPLATES[self.code]
        params = {"sheet_note": "", **self.params}
        if params.get("field") in FIELDS:
            params["field"] = FIELDS[params["field"]][0 if lang == "vi" else 1]
        for name in BODY_PARAMS.get(self.code, ()):
            if params.get(name):
                params[name] = body_name(params[name], lang)
        if params.get("action") in ACTIONS:
            params["action"] = ACTIONS[params["action"]][0 if lang == "vi" else 1]
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


def span(rows: list[int], limit: int = 10) -> str:
    """Row numbers for a message: the first ``limit``, then how many more."""
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" (+{len(rows) - limit})" if len(rows) > limit else "")
