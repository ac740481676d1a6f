"""AppTest: every registered page runs and shows the figures users rely on."""
import base64
import json
import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.files import GOOD_ROWS, HEADER, csv_bytes

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
SMOKE = ["pages/overview.py", "pages/ministries.py", "pages/catalogue.py", "pages/imports.py"]


@pytest.fixture
def app(built_db, monkeypatch):
    monkeypatch.setenv("NDP_DB", str(built_db))

    def run(page: str | None = None, **query) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        for k, v in query.items():
            at.query_params[k] = v
        at.run()
        if page and page != SMOKE[0]:
            at.switch_page(page)
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return run


def test_every_registered_page_has_a_smoke_test():
    registered = re.findall(r'"(pages/\w+\.py)"', APP.read_text(encoding="utf-8"))
    assert sorted(registered) == sorted(SMOKE)


@pytest.mark.parametrize("page", SMOKE)
def test_page_runs_without_error(app, page):
    at = app(page)
    assert not at.error, [e.value for e in at.error]
    assert at.title


def test_overview_headline_figures_with_sources(app):
    at = app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["nền tảng của 18/29 bộ, ngành (7/2024)"] == "103"
    assert metrics["nền tảng số dùng chung (2025)"] == "55"
    assert metrics["Nghệ An: đang dùng + đề xuất"] == "42 + 5"
    captions = " ".join(c.value for c in at.caption)
    assert "2765/BTTTT-CĐSQG (15/07/2024)" in captions and "2618/QĐ-BKHCN (11/09/2025)" in captions


def test_overview_in_english(app):
    at = app(lang="en")
    assert at.title[0].value == "National digital platforms at a glance"
    assert "shared digital platforms (2025)" in {m.label for m in at.metric}


def chart(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def values(v) -> list:
    """Plotly serialises numeric arrays as {"dtype", "bdata"} (base64)."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
    return list(v)


def bars(fig: dict) -> dict:
    out = {}
    for trace in fig["data"]:
        for label, value in zip(values(trace["y"]), values(trace["x"])):
            out[label] = out.get(label, 0) + value
    return out


def test_ministries_chart_for_national_2024(app):
    at = app("pages/ministries.py", list="national-2024")
    values = bars(chart(at))
    assert values["Bộ Tài chính"] == 31 and values["Bộ Công an"] == 11 and sum(values.values()) == 103
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Đã công bố"], metrics["Chưa công bố"], metrics["Chưa rõ"]) == ("14", "6", "10")


def test_ministry_filter_from_url_narrows_chart(app):
    at = app("pages/ministries.py", list="national-2024", ministry="MOF")
    # MPI merged into MOF in 2025: choosing MOF includes it, and the page says so.
    assert bars(chart(at)) == {"Bộ Tài chính": 31, "Bộ Kế hoạch và Đầu tư": 7}
    assert "Bộ Kế hoạch và Đầu tư" in at.info[0].value


def test_ministry_filter_applies_on_every_page(app):
    at = app("pages/catalogue.py", ministry="GO")
    table = at.dataframe[0].value
    assert set(table["Bộ, ngành"]) == {"Văn phòng Chính phủ"} and len(table) == 5  # 4 shared + 1 Nghệ An


def test_lineage_toggle_rolls_up_merged_ministries(app):
    at = app("pages/ministries.py", list="national-2024")
    at.toggle(key="lineage").set_value(True).run()
    shown = bars(chart(at))
    assert shown["Bộ Tài chính"] == 38 and "Bộ Kế hoạch và Đầu tư" not in shown


def test_invalid_url_values_are_ignored(app):
    at = app("pages/ministries.py", list="'; DROP TABLE platform; --", ministry=["MOF", "<script>"], lang="xx")
    assert at.session_state["list"] == "national-2024"
    assert at.session_state["ministry"] == ["MOF"] and at.session_state["lang"] == "vi"


def test_catalogue_search_ignores_diacritics(app):
    at = app("pages/catalogue.py", q="dinh danh")
    table = at.dataframe[0].value
    assert list(table["Tên nền tảng"]) == ["Nền tảng định danh và xác thực điện tử"]
    assert list(table["Căn cứ tên gọi"]) == ["nguyên văn"]


def test_catalogue_shows_translated_basis(app):
    at = app("pages/catalogue.py", q="thue dien tu")
    table = at.dataframe[0].value
    assert list(table["Căn cứ tên gọi"]) == ["dịch lại từ bản tin nước ngoài"]
