"""The import page and the list choosers: defaults that have data, help a person can follow."""
from __future__ import annotations

import pytest

from tests.files import ADMIN


def downloads(at) -> dict[str, object]:
    return {d.proto.label: d for d in at.get("download_button")}


def test_choosers_open_on_a_list_that_has_platforms(app):
    """The 2024 national list is registered but empty: no chooser opens on it (one rule)."""
    at = app("pages/imports.py", user=ADMIN)
    assert at.selectbox(key="import_list_list").value == "shared-2025"
    overview = app()
    assert overview.selectbox(key="report_list").value == "shared-2025"
    ministries = app("pages/ministries.py")
    assert ministries.selectbox(key="list").value == "shared-2025"


@pytest.mark.parametrize("kind, buttons", [
    ("adoption", {"Tải mẫu tệp tình hình sử dụng", "Tải tệp minh họa (dữ liệu giả định)"}),
    ("progress", {"Tải tệp minh họa (dữ liệu giả định)"})])
def test_the_help_offers_the_files_it_names_as_downloads_below_it(app, kind, buttons):
    at = app("pages/imports.py", user=ADMIN)
    at.radio(key="import_kind").set_value(kind).run()
    assert not at.exception
    help_text = next(c.value for c in at.caption if c.value.startswith("Tệp "))
    assert "bên dưới" in help_text and "data/samples" not in help_text     # no server path a user cannot open
    offered = downloads(at)
    assert buttons <= set(offered)


def test_a_removal_ticked_for_one_file_is_not_carried_to_the_next(writable_app):
    from tests.files import HEADER, csv_bytes
    at = writable_app("pages/imports.py", user=ADMIN)
    first = csv_bytes([HEADER, [1, "Nền tảng thử A", "Bộ Tài chính"]])
    at.file_uploader(key="import_file_0").set_value(("a.csv", first, "text/csv")).run()
    assert not at.exception
    assert at.checkbox(key="import_remove_missing").label == "Xóa 51 nền tảng không có trong tệp khỏi danh sách"
    at.checkbox(key="import_remove_missing").check().run()
    assert any("sẽ bị xóa khỏi danh sách" in m.value for m in at.markdown)
    second = csv_bytes([HEADER, [1, "Nền tảng thử B", "Bộ Tài chính"]])
    at.file_uploader(key="import_file_0").set_value(("b.csv", second, "text/csv")).run()
    assert not at.checkbox(key="import_remove_missing").value
    assert any("sẽ được giữ lại" in m.value for m in at.markdown)


def test_the_preview_says_where_it_read_the_list_with_no_sheet_for_a_csv():
    from types import SimpleNamespace

    from views.imports import found_in
    assert found_in(SimpleNamespace(sheet="csv", header_row_no=3), "vi") == "Đọc tệp CSV, tiêu đề ở dòng 3."
    assert found_in(SimpleNamespace(sheet="Phụ lục", header_row_no=5), "en") == "Read sheet 'Phụ lục', header on row 5."


def test_large_previews_held_across_sessions_are_bounded(writable_app, monkeypatch):
    """The server holds previews up to a budget of rows (pages/preview_budget.py): a second tab's
    preview that does not fit is not kept and says so in the reader's language, and its reruns do
    not parse the file again until the retry time; a preview is let go when its file is replaced,
    removed or committed."""
    import gc

    from actions import pipeline
    from pages import import_flow
    from pages.preview_budget import PreviewBudget
    from tests.files import HEADER, csv_bytes
    budget = PreviewBudget(rows=60)
    monkeypatch.setattr(import_flow, "BUDGET", budget)
    parsed = []
    real = pipeline.preview
    monkeypatch.setattr(pipeline, "preview", lambda *a, **k: parsed.append(1) or real(*a, **k))
    big = csv_bytes([HEADER, *[[i, f"Nền tảng thử {i}", "Bộ Tài chính"] for i in range(1, 51)]])
    first = writable_app("pages/imports.py", user=ADMIN)
    first.file_uploader(key="import_file_0").set_value(("a.csv", big, "text/csv")).run()
    assert not first.exception and budget.held == 50
    second = writable_app("pages/imports.py", user=ADMIN)
    second.file_uploader(key="import_file_0").set_value(("b.csv", big, "text/csv")).run()
    assert any("Máy chủ đang giữ nhiều bản xem trước lớn" in e.value for e in second.error), [e.value for e in second.error]
    assert budget.held == 50 and len(parsed) == 2   # the refused preview is not counted
    second.run()
    assert len(parsed) == 2 and second.error   # a rerun before the retry time parses nothing again
    small = csv_bytes([HEADER, [1, "Nền tảng thử nhỏ", "Bộ Tài chính"]])
    first.file_uploader(key="import_file_0").set_value(("c.csv", small, "text/csv")).run()
    gc.collect()
    assert budget.held == 1
    monkeypatch.setattr(import_flow, "RETRY_BUSY_SECONDS", 0)
    second.run()
    assert not second.error and budget.held == 51 and len(parsed) == 4
    second.button(key="import_commit").click().run()   # committed: the uploader is emptied, its preview let go
    gc.collect()
    assert budget.held == 1, budget.held


def test_a_list_read_from_many_sheets_names_ten_and_counts_the_rest():
    from types import SimpleNamespace

    from loaders.sheet_names import join_sheets
    from views.imports import found_in
    parsed = SimpleNamespace(sheet=join_sheets(f"Bộ {i}" for i in range(2000)), header_row_no=3)
    text = found_in(parsed, "vi")
    assert "Bộ 9," not in text and "Bộ 9 (+1990)" in text and "Bộ 10" not in text
    assert found_in(SimpleNamespace(sheet="Danh sách", header_row_no=2), "en").count("Danh sách") == 1
