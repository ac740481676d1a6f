"""Structured logs: a JSON line per page view (page, duration, data version); an error's
traceback goes to the log and the page shows only a message in the user's language."""
from __future__ import annotations

import json
import logging

import pytest

from loaders import logs


class Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def records():
    handler = Records()
    logger = logs.setup()
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


def test_a_page_view_is_one_json_line_with_page_duration_and_data_version(app, records):
    app("pages/catalogue.py", lang="en")
    views = [r for r in records if getattr(r, "event", None) == "page_view"]
    assert {r.page for r in views} >= {"catalogue"}
    view = next(r for r in views if r.page == "catalogue")
    assert view.outcome == "ok" and view.duration_ms > 0 and len(view.data_version) == 12
    assert 0 <= view.waited_ms <= view.duration_ms   # its turn at the gate (pages/run_gate.py), counted in
    assert view.lang == "en"
    line = logging.getLogger(logs.LOGGER).handlers[0].format(view)   # the JSON handler's own line
    parsed = json.loads(line)
    assert parsed["event"] == "page_view" and parsed["page"] == "catalogue" and "\n" not in line


def test_a_view_that_waited_for_its_turn_says_how_long(app, records):
    import threading
    import time

    from pages.run_gate import GATE
    held = threading.Event()

    def hold() -> None:   # another run holds the only slot until the page's run has waited 0.3 s
        with GATE.admitted():
            held.set()
            end = time.monotonic() + 30
            while not GATE.waiting and time.monotonic() < end:
                time.sleep(0.005)
            time.sleep(0.3)

    threading.Thread(target=hold).start()
    held.wait(5)
    app("pages/catalogue.py")
    view = next(r for r in records if getattr(r, "event", None) == "page_view")   # the first run waited
    assert view.waited_ms >= 250, (view.page, view.waited_ms, view.duration_ms)


def test_an_error_goes_to_the_log_with_its_traceback_not_to_the_page(app, records, monkeypatch):
    import views.memo
    import views.tables

    monkeypatch.setattr(views.memo, "MEMO", views.memo.Memo())   # not a view kept by an earlier test

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail from deep inside")

    monkeypatch.setattr(views.tables, "platforms_table", broken)
    at = app("pages/catalogue.py")   # runs the page and checks no exception reached it
    assert [e.value for e in at.error] == ["Đã xảy ra lỗi khi hiển thị trang này; lỗi đã được ghi lại. "
                                          "Vui lòng tải lại trang."]
    page_text = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.error])
    assert "secret detail" not in page_text and "Traceback" not in page_text
    errors = [r for r in records if getattr(r, "event", None) == "error"]
    assert errors and errors[-1].page == "catalogue"
    line = logging.getLogger(logs.LOGGER).handlers[0].format(errors[-1])
    parsed = json.loads(line)
    assert "RuntimeError: secret detail from deep inside" in parsed["exc_info"]
    assert "Traceback" in parsed["exc_info"]
    views = [r for r in records if getattr(r, "event", None) == "page_view" and r.page == "catalogue"]
    assert views[-1].outcome == "error"


def test_version_and_session_ids_are_short_and_stable():
    assert logs.version_id((1, 2, 3)) == logs.version_id((1, 2, 3)) != logs.version_id((1, 2, 4))
    assert logs.session_id(None) is None and len(logs.session_id("abc")) == 12

