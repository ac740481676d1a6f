"""HTML tables saved as .xls: rowspan and colspan give their text to every cell they cover."""
import pytest

from loaders.html_table import html_tables
from loaders.messages import LoaderError
from tests.test_parse import parse

PAGE = """<html><head><meta charset='utf-8'></head><body><table>
<tr><th rowspan="2">STT</th><th rowspan="2">Tên nền tảng</th><th colspan="2">Cơ quan</th></tr>
<tr><th>Chủ quản</th><th>Vận hành</th></tr>
<tr><td>1</td><td>Nền tảng A</td><td rowspan="2">Bộ Tài chính</td><td>Cục Tin học</td></tr>
<tr><td>2</td><td>Nền tảng A2</td><td>Cục Thuế</td></tr>
<tr><td>3</td><td>Nền tảng B</td><td>BCA</td><td>C06</td></tr>
</table></body></html>"""


def test_spans_fill_the_cells_they_cover():
    grid = html_tables("<table><tr><td rowspan=2>a</td><td>b</td></tr><tr><td>c</td></tr>"
                       "<tr><td>d</td><td rowspan=2 colspan=2>e</td></tr><tr></tr></table>")[0]
    assert grid == [["a", "b"], ["a", "c"], ["d", "e", "e"], ["", "e", "e"]]


def test_body_merged_down_in_html_applies_to_each_row():
    parsed = parse(PAGE.encode("utf-8"))
    assert [(r["name"], r["ministry_code"]) for r in parsed.rows] == [
        ("Nền tảng A", "MOF"), ("Nền tảng A2", "MOF"), ("Nền tảng B", "MPS")]
    assert parsed.rejected == []


def test_spans_cannot_blow_up_a_small_file(monkeypatch):
    monkeypatch.setattr("loaders.html_table.MAX_CELLS", 10_000)
    rows = "".join('<tr><td rowspan="1000" colspan="50">x</td></tr>' for _ in range(300))
    with pytest.raises(LoaderError) as err:
        html_tables(f"<table>{rows}</table>")
    assert err.value.message.code == "html_too_big"
