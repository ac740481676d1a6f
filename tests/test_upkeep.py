"""Memory a session gives back: an import's preview is dropped when its page is left; the upkeep
round runs without a server (AppTest) too."""
from __future__ import annotations

from pages import upkeep
from tests.apptest import ROOT
from tests.files import ADMIN, HEADER, csv_bytes


def test_the_keys_released_are_the_ones_the_pages_keep():
    for page, keys in upkeep.PAGE_STATE.items():
        source = (ROOT / "pages" / f"{page}.py").read_text(encoding="utf-8")
        assert all(f'"{key}"' in source for key in keys), page


def test_an_import_preview_is_dropped_when_the_imports_page_is_left(app):
    at = app("pages/imports.py", user=ADMIN)
    at.file_uploader(key="import_file_0").set_value(("a.csv", csv_bytes([HEADER, [1, "Nền tảng thử", "Bộ Tài chính"]]),
                                                    "text/csv")).run()
    at.run()                                   # still on the imports page, the file there: kept
    assert at.session_state["import_preview"][1] is not None
    at.switch_page("pages/overview.py").run()  # another page: gone
    assert "import_preview" not in at.session_state


def test_an_upkeep_round_without_a_server_only_collects():
    assert upkeep.release() is None


def test_a_served_app_collects_cycles_less_often_than_python_by_default(app):
    import gc
    assert not app("pages/overview.py").exception
    assert gc.get_threshold() == upkeep.GC_THRESHOLDS != (700, 10, 10)


def test_streamlit_serves_on_uvloop():
    """uvloop is a runtime dependency because Streamlit runs its event loop on it when it is
    installed (~15% less server CPU a view; docs/benchmarks.md): fails if either side drops it."""
    from streamlit.web import bootstrap
    factory = bootstrap._get_uvloop_loop_factory()   # noqa: SLF001
    assert factory is not None and "uvloop" in factory.__module__
