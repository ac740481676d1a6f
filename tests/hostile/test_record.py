"""The record cannot be bent: as-of dates bounded by today and by the list's own date, a future
date never becomes the current list, progress and adoption only for the lists they apply to,
names bounded, and the import log says who imported what as of when."""
from __future__ import annotations

import io
from datetime import date, timedelta

import duckdb
import pytest

from access.roles import User
from actions import pipeline
from actions.commits import commit_import
from actions.guards import MAX_NAME
from actions.ingest import preview, preview_progress
from actions.kind_adoption import ADOPTION
from actions.kind_list import write_import
from actions.kind_progress import PROGRESS
from loaders.messages import LoaderError
from store.writer import writable
from tests.conftest import snapshot_of
from tests.files import ADMIN, HEADER, csv_bytes
from tests.test_cli import cli
from tests.test_progress import HEAD
from views.tables import import_log_table

MOF_EDITOR = User("ke.toan@mof.gov.vn", "ministry_editor", "MOF")
LIST = csv_bytes([HEADER, [1, "Nền tảng thử nghiệm A", "Bộ Tài chính"]])


def current(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT import_id, row_no, name FROM platform_current WHERE list_id = 'shared-2025' "
                           "ORDER BY row_no").fetchall()
    finally:
        con.close()


def imports(db) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM import_log").fetchall()[0][0]
    finally:
        con.close()


def test_a_future_dated_import_is_refused_and_the_current_list_unchanged(db, tmp_path):
    before, n = current(db), imports(db)
    path = tmp_path / "ds.csv"
    path.write_bytes(LIST)
    out = cli("ingest", path, "--list", "shared-2025", "--as-of", "2034-12-31", "--db", db)
    assert out.returncode == 2 and "the as-of date 2034-12-31 is after today" in out.stderr, out.stderr
    vi = cli("ingest", path, "--list", "shared-2025", "--as-of", "2034-12-31", "--db", db, env={"NDP_LANG": "vi"})
    assert "Ngày hiệu lực 2034-12-31 ở sau hôm nay" in vi.stderr
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(LoaderError, match="after today"):              # the page's preview
        preview(io.BytesIO(LIST), db, "shared-2025", tomorrow, user=MOF_EDITOR)
    parsed, _ = preview(io.BytesIO(LIST), db, "shared-2025", date.today(), user=MOF_EDITOR)
    with pytest.raises(LoaderError, match="after today"):              # the Python API, past the preview
        commit_import(db, parsed, list_id="shared-2025", as_of=tomorrow, file_name="ds.csv", user=MOF_EDITOR)
    assert current(db) == before and imports(db) == n


def test_an_as_of_date_before_the_list_existed_is_refused(db):
    with pytest.raises(LoaderError) as err:
        preview(io.BytesIO(LIST), db, "shared-2025", date(2020, 1, 1), user=ADMIN)
    assert err.value.message.code == "as_of_before_document" and "2020-01-01" in err.value.text("en")


def test_a_future_dated_row_already_stored_never_becomes_current(db):
    """A database written before the rule (or by hand) holds a future-dated import: the view
    still serves the latest import dated up to the day it was made."""
    before = current(db)
    parsed, _ = preview(io.BytesIO(LIST), db, "shared-2025", date.today(), user=ADMIN)
    with writable(db) as con:
        write_import(con, parsed, list_id="shared-2025", as_of=date(2034, 12, 31), file_name="x.csv", actor="old")
    assert current(db) == before
    commit_import(db, parsed, list_id="shared-2025", as_of=date.today(), file_name="ds.csv", user=ADMIN)
    assert [r[2] for r in current(db)] == ["Nền tảng thử nghiệm A"]     # a later, honest import is current


def test_the_import_log_says_who_imported_what_as_of_when(db):
    parsed, _ = preview(io.BytesIO(LIST), db, "shared-2025", date.today(), user=MOF_EDITOR)
    outcome = commit_import(db, parsed, list_id="shared-2025", as_of=date.today(), file_name="bo-tai-chinh.csv",
                            user=MOF_EDITOR)
    log = import_log_table(snapshot_of(db), "en")
    row = log[log["Import"] == outcome.import_id].iloc[0]
    assert (row["File"], row["Actor"], row["As of"].date()) == ("bo-tai-chinh.csv", MOF_EDITOR.email, date.today())


@pytest.mark.parametrize("list_id", ["national-2024", "province-40-2025"])
def test_progress_refuses_lists_it_does_not_apply_to(db, list_id):
    rows = csv_bytes([HEAD, ["Cổng dữ liệu quốc gia", "kế hoạch", "01/11/2025", "", "1/KH", ""]])
    with pytest.raises(LoaderError) as err:
        preview_progress(io.BytesIO(rows), db, list_id, user=ADMIN)
    assert err.value.message.code == "progress_wrong_kind"
    prev = pipeline.preview(PROGRESS, io.BytesIO(rows), db, "shared-2025", user=ADMIN)
    prev.list_id = list_id
    n = imports(db)
    with pytest.raises(LoaderError) as err:                            # the Python API, past the preview
        pipeline.commit(prev, db, user=ADMIN, file_name="p.csv")
    assert err.value.message.code == "progress_wrong_kind" and "shared" in err.value.text("en")
    assert imports(db) == n


def test_adoption_refuses_a_provincial_list_through_the_api(db):
    rows = csv_bytes([["Tỉnh", "Tên nền tảng", "Trạng thái", "Ngày"], ["Nghệ An", "Cổng dữ liệu quốc gia", "đang sử dụng",
                                                                    "01/11/2025"]])
    prev = pipeline.preview(ADOPTION, io.BytesIO(rows), db, "shared-2025", user=ADMIN)
    prev.list_id = "province-40-2025"
    with pytest.raises(LoaderError) as err:                            # the Python API, past the preview
        pipeline.commit(prev, db, user=ADMIN, file_name="a.csv")
    assert err.value.message.code == "adoption_wrong_kind"


def test_a_name_over_the_limit_is_a_rejected_row(db):
    data = csv_bytes([HEADER, [1, "Nền tảng " * 100, "BCA"], [2, "Nền tảng thử nghiệm B", "BCA"]])
    parsed, _ = preview(io.BytesIO(data), db, "shared-2025", date.today(), user=ADMIN)
    assert parsed.columns["name"] == ["Nền tảng thử nghiệm B"]
    (row_no, message), = parsed.rejected
    assert row_no == 2 and message.code == "name_too_long" and f"over the {MAX_NAME}-character limit" in message.text("en")
