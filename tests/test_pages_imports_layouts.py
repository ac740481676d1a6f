"""The import page's flow with the layouts read beside lists of rows: an adoption matrix and a wide
progress report over several sheets; the preview says how the file was read, and the commit writes
what it showed."""
from __future__ import annotations

import duckdb

from tests import outsider_imports as O
from tests.files import ADMIN


def test_an_adoption_matrix_is_previewed_as_a_matrix_and_committed(writable_app, db):
    at = writable_app("pages/imports.py", user=ADMIN)
    at.radio(key="import_kind").set_value("adoption").run()
    name, data, want = O.adoption_matrix_across()
    at.file_uploader(key="import_file_0").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    warnings = [w.value for w in at.warning]
    assert any("Tệp là ma trận" in w and "nền tảng theo dòng" in w for w in warnings), warnings
    assert any("theo ngày của văn bản, 05/11/2025" in w for w in warnings), warnings
    at.button(key="import_commit").click().run()
    assert not at.exception
    assert any(f": {len(want.rows)} dòng, 0 dòng bị loại." in s.value for s in at.success), [s.value for s in at.success]
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = con.execute("SELECT current_province_code, platform_name, status, status_date FROM adoption "
                             "WHERE import_id = (SELECT max(import_id) FROM import_log) ORDER BY row_no, note").fetchall()
    finally:
        con.close()
    assert sorted(stored) == sorted((p, n, s, d) for p, _, n, s, d in want.rows)


def test_a_wide_report_over_sheets_per_ministry_is_previewed_sheet_by_sheet_and_committed(writable_app):
    at = writable_app("pages/imports.py", user=ADMIN)
    at.radio(key="import_kind").set_value("progress").run()
    at.selectbox(key="import_list_progress").set_value("shared-2025").run()
    name, data, want = O.progress_wide_per_ministry()
    at.file_uploader(key="import_file_0").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    warnings = [w.value for w in at.warning]
    for sheet, body in (("BTC", "Bộ Tài chính"), ("VPCP", "Văn phòng Chính phủ")):
        assert any(f"Sheet '{sheet}' ghi mỗi giai đoạn một cột" in w for w in warnings), warnings
        assert any(f"sheet '{sheet}' không có cột cơ quan chủ quản" in w and body in w for w in warnings), warnings
    at.button(key="import_commit").click().run()
    assert not at.exception
    n = len(want.events) + len(want.targets)
    assert any(f": {n} dòng, 0 dòng bị loại." in s.value for s in at.success), [s.value for s in at.success]
