"""The sheets a list was read from survive being stored as one text: a sheet's own name may hold
", " (a workbook with a sheet "Bộ Tài chính, Bộ Công an" is one sheet, not two)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.sheet_names import join_sheets, split_sheets
from tests import files as f
from tests.test_parse import parse
from views.imports import found_in

ANY_NAME = st.one_of(st.text(max_size=40), st.builds(lambda a, b: f"{a}, {b}", st.text(max_size=15), st.text(max_size=15)))


@given(st.lists(ANY_NAME, min_size=1, max_size=6))
@settings(max_examples=300)
def test_any_sheet_names_round_trip(names):
    assert split_sheets(join_sheets(names)) == tuple(names)


# what Excel allows in a sheet's name: 1-31 characters, none of []:*?/\, no apostrophe at either end
_EXCEL = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="[]:*?/\\'")
EXCEL_NAME = st.one_of(
    st.text(_EXCEL, min_size=1, max_size=31),
    st.builds(lambda a, b: f"{a}, {b}", st.text(_EXCEL, min_size=1, max_size=13), st.text(_EXCEL, min_size=1, max_size=13)),
    st.sampled_from(["Bộ Tài chính, Bộ Công an", "BTC, BCA", "Phụ lục 1, 2"]),
).map(str.strip).filter(lambda n: n and n.casefold() != "csv")   # "csv": a delimited file's one table


@given(st.lists(EXCEL_NAME, min_size=1, max_size=3, unique_by=str.casefold))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_workbooks_sheets_come_back_as_named(names):
    sheets = {n: [f.HEADER, [i, f"Nền tảng thử nghiệm {i}", "Bộ Tư pháp"]] for i, n in enumerate(names, 1)}
    parsed = parse(f.xlsx_bytes([], sheets=sheets))
    assert split_sheets(parsed.sheet) == tuple(names)
    assert [r["sheet"] for r in parsed.rows] == list(names)
    assert all(n in found_in(parsed, "en") for n in names)
