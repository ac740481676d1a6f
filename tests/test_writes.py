"""Every write, on every kind of list: the result and the rows in the database."""
from __future__ import annotations

import io

from loaders.db import reading, rows
from loaders.ingest import ingest_file
from tests.files import ADMIN, HEADER, csv_bytes


def test_a_national_list_with_a_rejected_row_loads_the_rest_and_records_the_rejection(db):
    """The crash of issue 15: a one-row read left DuckDB's result open before the next write."""
    file = csv_bytes([HEADER, [1, "Nền tảng thử A", "Bộ Tài chính"], [2, "Nền tảng thử B", "Bộ Không Tồn Tại"]])
    outcome = ingest_file(io.BytesIO(file), "ds.csv", db, "national-2024", user=ADMIN)
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (1, 1, False)
    with reading(db) as con:
        assert rows(con, "SELECT name, ministry_code FROM platform_current WHERE list_id = 'national-2024'") == [
            ("Nền tảng thử A", "MOF")]
        assert rows(con, "SELECT row_no, reason_code FROM rejected_row WHERE import_id = ?", [outcome.import_id]) == [
            (3, "unknown_body")]
