"""Every chart's figures in a table under it, following the filter and the language (what a
screen reader, or anyone who cannot read a chart, gets), read from the page and compared with the
chart Plotly drew. On a server of its own."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.test_browser import grid, no_errors, open_page, settle, switch_language
from tests.servers import server_fixture

server = server_fixture("server")


def chart_data(page: Page, nth: int) -> list[dict]:
    """The n-th chart's traces: name, x and y, as Plotly drew them (``_fullData``: numbers decoded)."""
    page.wait_for_function(f"() => {{ const p = document.querySelectorAll('.js-plotly-plot')[{nth}]; return p && p._fullData }}",
                           timeout=60_000)
    return page.evaluate(f"""() => document.querySelectorAll('.js-plotly-plot')[{nth}]._fullData
        .map(t => ({{name: t.name, x: Array.from(t.x || []), y: Array.from(t.y || []),
                     full: Array.from(t.customdata || [])}}))""")


def chart_tables(page: Page, label: str, charts: int) -> list:
    """Open the page's ``charts`` "chart's figures" expanders and return their tables, in page order.
    Each chart is built as it is drawn, so the page is waited on until all of them are there (a
    settle can fall between two charts) and until each opened expander holds its table."""
    boxes = page.locator("[data-testid=stExpander]").filter(has_text=label)
    expect(boxes).to_have_count(charts, timeout=60_000)
    shut = page.locator("[data-testid=stExpander] details:not([open]) > summary").filter(has_text=label)
    tables = boxes.locator("[data-testid=stDataFrame]")
    settle(page)
    for _ in range(3 * charts):   # a table is drawn when its expander opens (a rerun): one at a time,
        if tables.count() == charts:   # settled, so no click lands on a summary being redrawn
            break
        if shut.count():   # (one opened before a rerun stays open)
            shut.first.click()
        settle(page)
    expect(tables).to_have_count(charts, timeout=60_000)
    return tables.all()


def test_progress_charts_have_their_figures_in_a_table_under_them(server, page):
    open_page(page, server.url + "/shared_platforms?ministry=MOF")
    per_body, curve = chart_tables(page, "Số liệu của biểu đồ", 2)
    heads, rows = grid(per_body)
    assert heads == ["Bộ, ngành", "Giai đoạn", "Độ chắc chắn", "Số nền tảng"]
    assert rows and {r[0] for r in rows} <= {"Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"}   # the filter: MOF (and MPI)
    in_chart: dict[tuple[str, str], int] = {}   # (stage, certainty) -> platforms, as the bars draw them
    for trace in chart_data(page, 1):
        stage, _, likely = trace["name"].partition(" (")
        key = (stage, "có khả năng" if likely else "đã xác nhận")
        in_chart[key] = in_chart.get(key, 0) + sum(trace["x"])
    in_table: dict[tuple[str, str], int] = {}
    for _body, stage, certainty, n in rows:
        key = (stage.removeprefix("≈ "), certainty)
        in_table[key] = in_table.get(key, 0) + int(n)
    assert in_table == in_chart

    heads, rows = grid(curve)
    inferred = [h for h in heads if h.startswith("≈ ")]   # the inferred stages keep their mark
    assert heads[0] == "Ngày" and inferred
    # the stage notes: one paragraph each in the caption under the charts
    notes = page.locator("[data-testid=stCaptionContainer] p").filter(has_text=re.compile(r"^≈ ")).all_inner_texts()
    assert {h.removeprefix("≈ ") for h in inferred} <= {n.removeprefix("≈ ").split(":")[0] for n in notes}
    lines = {t["name"]: t["y"] for t in chart_data(page, 2)}
    for i, stage in enumerate(heads[1:], start=1):   # each column is the line of its stage, date by date
        assert [int(r[i]) for r in rows] == lines[stage.removeprefix("≈ ")]
    stage_heads, stage_rows = grid(page.locator("[data-testid=stDataFrame]").filter(
        has=page.locator("[role=columnheader]", has_text="Đang ở giai đoạn này")).first)
    today = dict(zip(heads[1:], rows[-1][1:]))    # the curve today = the headline counts
    assert {r[0]: r[1] for r in stage_rows} == today

    switch_language(page, "English")
    per_body, curve = chart_tables(page, "The chart's figures", 2)
    heads, rows = grid(per_body)
    assert heads == ["Ministry", "Stage", "Certainty", "Platforms"]
    assert {r[0] for r in rows} <= {"Ministry of Finance", "Ministry of Planning and Investment"}
    assert {r[2] for r in rows} <= {"confirmed", "likely"}
    assert any(h.startswith("≈ ") for h in grid(curve)[0])
    no_errors(page)


def test_recognition_charts_are_drawn_above_their_tables(server, page):
    open_page(page, server.url + "/recognition?lang=en")
    funnel = chart_data(page, 0)
    heads, rows = grid(page.locator("[data-testid=stDataFrame]").first)
    assert heads == ["Stage", "Proposals"] and rows
    assert [(r[0], int(r[1])) for r in rows] == list(zip(funnel[0]["full"], funnel[0]["x"]))   # step by step
    expect(page.locator("[aria-label^='Chart: Proposals that have reached each step']")).to_have_count(1)   # its text alternative
    no_errors(page)
