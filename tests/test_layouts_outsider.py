"""The outsider corpus (``tests/outsider_files.py``): list files written by hand the way ministries
and provinces write them, outside the layout generator's vocabulary. Each loads exactly the
platforms and bodies written, with the rejected rows planted, into the national-2024 list."""
import io
import shutil
from datetime import date

import pytest

from actions.ingest import ingest_file
from loaders.parse import parse_list
from tests.files import ADMIN
from tests.outsider_files import CASES
from tests.test_parse import BODIES, D2024


@pytest.mark.parametrize("case", sorted(CASES))
def test_outsider_file_loads_what_was_written(case):
    data, want = CASES[case]()
    parsed = parse_list(io.BytesIO(data), BODIES, D2024, "national_deployed")
    assert [(r["name"], r["ministry_code"]) for r in parsed.rows] == want.loaded
    assert [(row_no, m.code) for row_no, m in parsed.rejected] == want.rejected
    assert want.warnings <= {w.code for w in parsed.warnings}


def test_a_unit_under_its_ministrys_section_keeps_the_unit():
    data, _ = CASES["section_with_body_column"]()
    parsed = parse_list(io.BytesIO(data), BODIES, D2024, "national_deployed")
    assert parsed.rows[0]["ministry_as_written"] == "Tổng cục Hải quan (Bộ Tài chính)"
    assert "body_in_text" in {w.code for w in parsed.warnings}


def test_a_province_in_a_national_list_is_rejected_without_a_wrong_ministry():
    """A "UBND tỉnh …" row in the ministries' list names no central body: rejected, and no
    ministry is offered as "did you mean" (a province is not a misspelt ministry)."""
    data, _ = CASES["province_body_in_national"]()
    parsed = parse_list(io.BytesIO(data), BODIES, D2024, "national_deployed")
    (_, message), = parsed.rejected
    assert message.code == "provincial_body" and message.params["written"] == "UBND tỉnh Nghệ An"
    assert message.params["province"] == "Nghệ An" and "suggestions" not in message.params


def test_the_tcvn3_sheet_says_what_it_converted():
    data, _ = CASES["tcvn3_whole_sheet"]()
    parsed = parse_list(io.BytesIO(data), BODIES, D2024, "national_deployed")
    warned = {w.params["column"]: w.params["n"] for w in parsed.warnings if w.code == "legacy_text"}
    assert warned == {"Tên nền tảng": 2, "Cơ quan chủ quản": 2}


@pytest.mark.parametrize("case", ["groups_ab_roman", "instructions_first", "tcvn3_whole_sheet", "subtotals"])
def test_outsider_file_through_the_full_import(built_db, tmp_path, case):
    data, want = CASES[case]()
    db = tmp_path / "ndp.duckdb"
    shutil.copyfile(built_db, db)
    result = ingest_file(io.BytesIO(data), f"{case}.xlsx", db, "national-2024", as_of=date(2024, 7, 15), user=ADMIN)
    assert (result.rows_loaded, result.rows_rejected) == (len(want.loaded), len(want.rejected))
