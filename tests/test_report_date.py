"""A report for the date chosen on the progress page: the progress page links to the overview's
report section with its list and date, which opens on both (the files the report buttons build are
made from that scope: tests/browser/test_journeys.py walks it to the downloaded workbook)."""
from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs

import pytest


@pytest.mark.parametrize("on", ["2025-06-30", "2025-12-31"])
def test_the_progress_page_links_to_the_report_on_its_list_and_date(app, on):
    progress = app("pages/shared_platforms.py", d=on)
    link = next(p.proto for p in progress.get("page_link") if "Báo cáo Excel / PDF" in p.proto.label)
    assert link.label == f"Báo cáo Excel / PDF tính đến {date.fromisoformat(on):%d/%m/%Y}"
    # the link is the URL the overview keeps (shared-2025 is its default list: left out, pages/links.py)
    assert {k: v for k, v in parse_qs(link.query_string).items()} == {"d": [on]}
    overview = app(None, d=on)
    assert overview.date_input(key="report_on").value == date.fromisoformat(on)
    assert overview.selectbox(key="report_list").value == "shared-2025"
    made_for = {b.proto.help for b in overview.get("download_button") if b.proto.label in (
        "Báo cáo đầy đủ (Excel)", "Bản tóm tắt (PDF)")}
    assert made_for == {f"Danh sách shared-2025, tính đến {date.fromisoformat(on):%d/%m/%Y}, theo bộ lọc bộ, ngành "
                        "đang chọn."}   # the files are made for that list and date


def test_a_date_in_the_future_or_not_a_date_opens_the_report_on_today(app):
    for asked in ("2999-01-01", "not-a-date"):
        overview = app(None, d=asked)
        assert overview.date_input(key="report_on").value == date.today()
