"""The write matrix for adoption imports (tests/writes_matrix.py): each list kind x {first import,
re-import of the same file, rows rejected, a province reviewer's partial file}."""
from __future__ import annotations

import io

import pytest

from access.roles import User
from actions.ingest import ingest_adoption_file
from loaders.messages import LoaderError
from tests.files import ADMIN, csv_bytes
from tests.writes_matrix import (
    LISTS,
    REVIEWER_40,
    TODAY,
    audit_tail,
    data_tables,
    existing,
    q,
)

# --- adoption imports ---------------------------------------------------------------------
ADOPTION_HEADER = ["Tỉnh/thành phố", "Xã/phường", "Tên nền tảng", "Trạng thái", "Ngày cập nhật", "Ghi chú"]


def adoption_file(db, list_id: str, provinces: list[str]) -> bytes:
    names = existing(db, list_id)
    return csv_bytes([ADOPTION_HEADER, *([p, "", names[i % len(names)][0], "Đang sử dụng", "15/09/2025", ""]
                                         for i, p in enumerate(provinces))])


def adoption_of(db, import_id: int) -> list[tuple]:
    return q(db, "SELECT current_province_code, platform_name, status FROM adoption WHERE import_id = ? ORDER BY 1, 2",
             [import_id])


def adopt(db, kind: str, provinces: list[str], user: User = ADMIN):
    return ingest_adoption_file(io.BytesIO(adoption_file(db, LISTS[kind], provinces)), "a.csv", db, LISTS[kind],
                                user=user, today=TODAY)


def refused_for_provincial(db) -> None:
    before = data_tables(db)
    with pytest.raises(LoaderError) as err:
        adopt(db, "provincial", ["Nghệ An"])
    assert err.value.message.code == "adoption_wrong_kind" and data_tables(db) == before


@pytest.mark.parametrize("kind", LISTS)
def test_adoption_first_import(writes_db, kind):
    if kind == "provincial":
        return refused_for_provincial(writes_db)
    outcome = adopt(writes_db, kind, ["Nghệ An", "Hà Tĩnh"])
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (2, 0, False)
    names = existing(writes_db, LISTS[kind])
    assert adoption_of(writes_db, outcome.import_id) == [("40", names[0][0], "in_use"), ("42", names[1][0], "in_use")]
    assert audit_tail(writes_db) == [(ADMIN.email, "import_adoption", "ok")]


@pytest.mark.parametrize("kind", LISTS)
def test_adoption_reimport_of_the_same_file_creates_nothing(writes_db, kind):
    if kind == "provincial":
        return refused_for_provincial(writes_db)
    first = adopt(writes_db, kind, ["Nghệ An"])
    before = data_tables(writes_db)
    again = adopt(writes_db, kind, ["Nghệ An"])
    assert again.duplicate and again.import_id == first.import_id and data_tables(writes_db) == before


@pytest.mark.parametrize("kind", LISTS)
def test_adoption_with_rejected_rows(writes_db, kind):
    if kind == "provincial":
        return refused_for_provincial(writes_db)
    outcome = adopt(writes_db, kind, ["Nghệ An", "Tỉnh Không Có"])
    assert (outcome.rows_loaded, outcome.rows_rejected) == (1, 1)
    assert q(writes_db, "SELECT row_no, reason_code FROM rejected_row WHERE import_id = ?", [outcome.import_id]) == [
        (3, "unknown_province_row")]


@pytest.mark.parametrize("kind", LISTS)
def test_adoption_reviewer_partial_file_keeps_their_province_only(writes_db, kind):
    if kind == "provincial":
        return refused_for_provincial(writes_db)
    outcome = adopt(writes_db, kind, ["Nghệ An", "Hà Tĩnh"], user=REVIEWER_40)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (1, 1)
    assert [r[0] for r in adoption_of(writes_db, outcome.import_id)] == ["40"]
    assert q(writes_db, "SELECT reason_code FROM rejected_row WHERE import_id = ?", [outcome.import_id]) == [
        ("not_your_province",)]
