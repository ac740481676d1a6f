"""The write matrix for progress imports (tests/writes_matrix.py): each list kind x {first import,
re-import of the same file, rows rejected, a ministry editor's partial file}."""
from __future__ import annotations

import io
from datetime import date

import pytest

from actions.ingest import ingest_progress_file
from loaders.messages import LoaderError
from tests.files import ADMIN, csv_bytes
from tests.writes_matrix import (
    LISTS,
    MOF_EDITOR,
    TODAY,
    audit_tail,
    data_tables,
    existing,
    q,
)

# --- progress imports ---------------------------------------------------------------------
PROGRESS_HEADER = ["Tên nền tảng", "Giai đoạn", "Ngày hoàn thành", "Hạn hoàn thành", "Số văn bản", "Ghi chú"]


def progress_file(items: list[list]) -> bytes:
    return csv_bytes([PROGRESS_HEADER, *items])


def progress_rows(db, list_id: str, body: str | None = "any") -> list[list]:
    return [[name, "Ban hành kế hoạch triển khai chi tiết", "15/10/2025", "", f"KH-{i}", ""]
            for i, (name, _code) in enumerate(existing(db, list_id, body), start=1)]


def events_of(db, import_id: int) -> list[tuple]:
    return q(db, "SELECT platform_name, stage_id, event_date FROM platform_event WHERE import_id = ? ORDER BY 1",
             [import_id])


def refused_for_non_shared(db, list_id: str) -> None:
    """Progress applies to shared lists only (actions.guards): refused, nothing written."""
    before = data_tables(db)
    with pytest.raises(LoaderError) as err:
        ingest_progress_file(io.BytesIO(progress_file(progress_rows(db, list_id))), "p.csv", db, list_id, user=ADMIN,
                             today=TODAY)
    assert err.value.message.code == "progress_wrong_kind" and data_tables(db) == before


@pytest.mark.parametrize("kind", LISTS)
def test_progress_first_import(writes_db, kind):
    list_id = LISTS[kind]
    if kind != "shared":
        return refused_for_non_shared(writes_db, list_id)
    items = progress_rows(writes_db, list_id)
    outcome = ingest_progress_file(io.BytesIO(progress_file(items)), "p.csv", writes_db, list_id, user=ADMIN, today=TODAY)
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (2, 0, False)
    assert events_of(writes_db, outcome.import_id) == sorted((i[0], "plan", date(2025, 10, 15)) for i in items)
    assert q(writes_db, "SELECT kind, status, list_id FROM import_log WHERE import_id = ?", [outcome.import_id]) == [
        ("progress", "loaded", list_id)]
    assert audit_tail(writes_db) == [(ADMIN.email, "import_progress", "ok")]


@pytest.mark.parametrize("kind", LISTS)
def test_progress_reimport_of_the_same_file_creates_nothing(writes_db, kind):
    list_id = LISTS[kind]
    if kind != "shared":
        return refused_for_non_shared(writes_db, list_id)
    file = progress_file(progress_rows(writes_db, list_id))
    first = ingest_progress_file(io.BytesIO(file), "p.csv", writes_db, list_id, user=ADMIN, today=TODAY)
    before = data_tables(writes_db)
    again = ingest_progress_file(io.BytesIO(file), "p.csv", writes_db, list_id, user=ADMIN, today=TODAY)
    assert again.duplicate and again.import_id == first.import_id
    assert data_tables(writes_db) == before


@pytest.mark.parametrize("kind", LISTS)
def test_progress_with_rejected_rows(writes_db, kind):
    list_id = LISTS[kind]
    if kind != "shared":
        return refused_for_non_shared(writes_db, list_id)
    items = progress_rows(writes_db, list_id)
    bad = [[items[0][0], "Giai đoạn không có", "15/10/2025", "", "", ""], ["Nền tảng không có trong danh sách xyz",
                                                                           "Thiết kế kiến trúc", "15/10/2025", "", "", ""]]
    outcome = ingest_progress_file(io.BytesIO(progress_file(items + bad)), "p.csv", writes_db, list_id, user=ADMIN,
                                   today=TODAY)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (2, 2)
    assert q(writes_db, "SELECT row_no, reason_code FROM rejected_row WHERE import_id = ? ORDER BY row_no",
             [outcome.import_id]) == [(4, "unknown_stage"), (5, "unknown_platform")]
    assert len(events_of(writes_db, outcome.import_id)) == 2


@pytest.mark.parametrize("kind", LISTS)
def test_progress_editor_partial_file_keeps_their_platforms_only(writes_db, kind):
    list_id = LISTS[kind]
    if kind != "shared":
        return refused_for_non_shared(writes_db, list_id)
    mine, theirs = progress_rows(writes_db, list_id, "MOF")[:1], progress_rows(writes_db, list_id, "!MOF")[:1]
    file = progress_file(mine + theirs)
    assert mine and theirs                    # a provincial list's platforms have line ministries too
    outcome = ingest_progress_file(io.BytesIO(file), "p.csv", writes_db, list_id, user=MOF_EDITOR, today=TODAY)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (1, 1)
    assert events_of(writes_db, outcome.import_id) == [(mine[0][0], "plan", date(2025, 10, 15))]
    assert q(writes_db, "SELECT reason_code FROM rejected_row WHERE import_id = ?", [outcome.import_id]) == [("not_your_body",)]
    assert q(writes_db, "SELECT actor FROM import_log WHERE import_id = ?", [outcome.import_id]) == [(MOF_EDITOR.email,)]
