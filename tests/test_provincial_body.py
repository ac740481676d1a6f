"""A national or shared list's row whose body is a province's People's Committee is rejected with a
message saying so (in vi and en, naming the province recognised), not the generic unknown body:
the province's platforms belong in a provincial list."""
from __future__ import annotations

import io
from datetime import date

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.parse import parse_list
from store.catalog import body_index
from tests.files import GOOD_ROWS, HEADER, csv_bytes

PREFIXES = ("UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "ỦY BAN NHÂN DÂN", "UBND.", "ubnd")
KINDS = {"province": ("tỉnh", "Tỉnh", "T."), "municipality": ("TP", "TP.", "Thành phố", "thành phố")}


@pytest.fixture(scope="module")
def index_and_provinces(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        provinces = con.execute("SELECT name_vi, unit_type FROM province_2024 ORDER BY code").fetchall()
        return body_index(con), provinces
    finally:
        con.close()


def _rejection(bodies, written: str, kind: str = "national_deployed", day: date = date(2024, 7, 15)):
    parsed = parse_list(io.BytesIO(csv_bytes([HEADER, *GOOD_ROWS, [4, "Nền tảng của tỉnh", written]])),
                        bodies, day, kind)
    assert len(parsed.rows) == 3
    (row_no, msg), = parsed.rejected
    assert row_no == 5
    return msg


@given(data=st.data())
@settings(max_examples=40, deadline=None)
def test_a_provinces_committee_is_named_as_a_province(index_and_provinces, data):
    bodies, provinces = index_and_provinces
    name, unit_type = data.draw(st.sampled_from(provinces))
    prefix = data.draw(st.sampled_from(PREFIXES))
    kind = data.draw(st.sampled_from(("", *KINDS[unit_type if unit_type in KINDS else "province"])))
    spaces = data.draw(st.sampled_from((" ", "  ")))
    written = spaces.join(p for p in (prefix, kind, name) if p)
    msg = _rejection(bodies, written, data.draw(st.sampled_from(("national_deployed", "shared"))))
    assert msg.code == "provincial_body", (written, msg)
    vi, en = msg.text("vi"), msg.text("en")
    shown = " ".join(written.split())   # the cell as the parser reads it (spaces collapsed)
    assert name in vi and name in en and shown in vi and shown in en
    assert "danh sách của tỉnh" in vi and "provincial list" in en


def test_a_committee_of_a_province_not_recognised_still_gets_the_specific_message(index_and_provinces):
    msg = _rejection(index_and_provinces[0], "UBND tỉnh Không Có")
    assert msg.code == "provincial_body_unnamed" and "provincial list" in msg.text("en")
    assert "danh sách của tỉnh" in msg.text("vi")


def test_other_unknown_bodies_keep_the_generic_message(index_and_provinces):
    assert _rejection(index_and_provinces[0], "Bộ Tài chánh").code == "unknown_body"


def test_a_former_province_is_named_as_written_on_a_later_list(index_and_provinces):
    msg = _rejection(index_and_provinces[0], "UBND tỉnh Hà Giang", "shared", date(2025, 11, 9))
    assert msg.code == "provincial_body" and "Hà Giang" in msg.text("en")
    msg = _rejection(index_and_provinces[0], "Ủy ban nhân dân TP. Hồ Chí Minh", "shared", date(2025, 11, 9))
    assert msg.code == "provincial_body" and "Hồ Chí Minh" in msg.text("vi")
