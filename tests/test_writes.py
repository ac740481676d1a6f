"""Every write, on every kind of list: the result and the rows in the database.

The matrix: list, progress and adoption imports for each list kind (national_deployed, shared,
provincial) x {first import, re-import of the same file, rows rejected, a bound user's partial
file}; list registration for each kind; review decisions; user changes. One template database
(the built one plus a loaded national list) is copied for each case (tests/writes_matrix.py). Here
the list imports; progress, adoption, reviews and users in tests/test_writes_*.py.
"""
from __future__ import annotations

import io
from datetime import date

import pytest

from actions.commits import register_list
from actions.ingest import ingest_file
from actions.register import Registration
from loaders.messages import LoaderError, stored_text
from tests.files import ADMIN, HEADER, csv_bytes
from tests.writes_matrix import (
    LISTS,
    MOF_EDITOR,
    REGISTER_KIND,
    audit_tail,
    body_cell,
    current,
    data_tables,
    existing,
    q,
)


# --- list imports -------------------------------------------------------------------------
def list_file(rows_: list[tuple]) -> bytes:
    return csv_bytes([HEADER, *([i, name, body_cell(code)] for i, (name, code) in enumerate(rows_, start=1))])


def new_rows(kind: str, tag: str) -> list[tuple]:
    code = None if kind == "provincial" else "MOF"
    return [(f"Nền tảng {tag} số {i}", code) for i in (1, 2, 3)]


@pytest.mark.parametrize("kind", LISTS)
def test_list_first_import_of_a_newly_registered_list(writes_db, kind):
    list_id = f"{REGISTER_KIND[kind]}-test-2026".replace("national", "national-deployed")
    reg = Registration(list_id, REGISTER_KIND[kind], f"Danh sách thử {kind}", date(2026, 1, 5),
                       province_code="40" if kind == "provincial" else None, document_no="01/QĐ-THU")
    registered = register_list(writes_db, reg, ADMIN)
    assert (registered["list_id"], registered["kind"]) == (list_id, kind)
    assert q(writes_db, "SELECT kind, document_no FROM platform_list WHERE list_id = ?", [list_id]) == [(kind, "01/QĐ-THU")]
    file = new_rows(kind, "mới")
    outcome = ingest_file(io.BytesIO(list_file(file)), "first.csv", writes_db, list_id, user=ADMIN)
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (3, 0, False)
    assert outcome.changes.counts() == {"added": 3, "changed": 0, "unchanged": 0, "removed": 0, "kept": 0}
    assert current(writes_db, list_id) == sorted(file)
    assert q(writes_db, "SELECT status, rows_loaded, actor FROM import_log WHERE list_id = ?", [list_id]) == [
        ("loaded", 3, ADMIN.email)]
    listed = q(writes_db, "SELECT event_date, document_no FROM platform_event WHERE list_id = ? AND stage_id = 'listed'",
               [list_id])
    assert listed == ([(date(2026, 1, 5), "01/QĐ-THU")] * 3 if kind == "shared" else [])   # shared lists only
    assert audit_tail(writes_db, 2) == [(ADMIN.email, "register_list", "ok"), (ADMIN.email, "import_list", "ok")]


@pytest.mark.parametrize("kind", LISTS)
def test_list_reimport_of_the_same_file_creates_nothing(writes_db, kind):
    list_id = LISTS[kind]
    file = list_file(existing(writes_db, list_id) + new_rows(kind, "tái nạp")[:1])
    first = ingest_file(io.BytesIO(file), "v2.csv", writes_db, list_id, user=ADMIN)
    before = data_tables(writes_db)
    again = ingest_file(io.BytesIO(file), "v2-copy.csv", writes_db, list_id, user=ADMIN)
    assert again.duplicate and again.import_id == first.import_id and (again.rows_loaded, again.rows_rejected) == (0, 0)
    assert again.warnings[0].code == "already_imported"
    assert data_tables(writes_db) == before
    assert len(current(writes_db, list_id)) == 3


@pytest.mark.parametrize("kind", LISTS)
def test_list_with_rejected_rows_loads_the_rest_and_records_each_rejection(writes_db, kind):
    list_id = LISTS[kind]
    good = existing(writes_db, list_id)
    file = csv_bytes([HEADER, *([i, n, body_cell(c)] for i, (n, c) in enumerate(good, start=1)),
                      [3, "", body_cell(good[0][1])], [4, good[0][0], body_cell(good[0][1])]])
    outcome = ingest_file(io.BytesIO(file), "rejects.csv", writes_db, list_id, user=ADMIN)
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (2, 2, False)
    assert q(writes_db, "SELECT row_no, reason_code FROM rejected_row WHERE import_id = ? ORDER BY row_no",
             [outcome.import_id]) == [(4, "empty_name"), (5, "repeat")]
    assert q(writes_db, "SELECT status, rows_loaded, rows_rejected FROM import_log WHERE import_id = ?",
             [outcome.import_id]) == [("loaded_with_rejections", 2, 2)]
    assert current(writes_db, list_id) == sorted(good)          # an administrator's file: the whole new list


@pytest.mark.parametrize("kind", ["national_deployed", "shared"])
@pytest.mark.parametrize("remove", [False, True])
def test_list_editor_partial_file_changes_only_their_rows_and_removes_only_when_told(writes_db, kind, remove):
    list_id = LISTS[kind]
    mof_before = existing(writes_db, list_id, "MOF", n=100)
    others_before = [r for r in current(writes_db, list_id) if r[1] != "MOF"]
    kept_name, renamed = mof_before[0][0], mof_before[1][0]
    english = dict(q(writes_db, "SELECT name, name_en FROM platform_current WHERE list_id = ?", [list_id]))
    sources = dict(q(writes_db, "SELECT name, source FROM platform_current WHERE list_id = ?", [list_id]))
    file = csv_bytes([HEADER, [1, kept_name, "Bộ Tài chính"], [2, renamed.upper(), "BTC"],
                      [3, "Nền tảng mới của Bộ Tài chính", "Bộ Tài chính"], [4, "Nền tảng của Bộ Công an", "Bộ Công an"]])
    outcome = ingest_file(io.BytesIO(file), "mof.csv", writes_db, list_id, user=MOF_EDITOR, remove_missing=remove)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (3, 1)
    missing = len(mof_before) - 2
    assert outcome.changes.counts() == {"added": 1, "changed": 1, "unchanged": 1,
                                        "removed": missing if remove else 0, "kept": 0 if remove else missing}
    assert q(writes_db, "SELECT reason_code FROM rejected_row WHERE import_id = ?", [outcome.import_id]) == [("not_your_body",)]
    mof_after = sorted(n for n, c in current(writes_db, list_id) if c == "MOF")
    expected = {kept_name, renamed.upper(), "Nền tảng mới của Bộ Tài chính"}
    if not remove:
        expected |= {n for n, _ in mof_before[2:]}
    assert mof_after == sorted(expected)
    assert [r for r in current(writes_db, list_id) if r[1] != "MOF"] == others_before       # other bodies untouched
    after_en = dict(q(writes_db, "SELECT name, name_en FROM platform_current WHERE list_id = ?", [list_id]))
    assert after_en[kept_name] == english[kept_name] and after_en[renamed.upper()] == english[renamed]   # kept
    after_source = dict(q(writes_db, "SELECT name, source FROM platform_current WHERE list_id = ?", [list_id]))
    assert sources[kept_name] or kind != "shared"   # the shared list's rows are cited to their documents
    assert after_source[kept_name] == sources[kept_name]   # sent again unchanged: still cited to its document
    assert after_source[renamed.upper()] == sources[renamed]
    message = stored_text(q(writes_db, "SELECT message FROM import_log WHERE import_id = ?", [outcome.import_id])[0][0], "en")
    assert f"{missing} " + ("platform(s) not in the file removed" if remove else "current platform(s) not in the file kept") \
        in message
    assert audit_tail(writes_db) == [(MOF_EDITOR.email, "import_list", "ok")]


def test_list_editor_partial_file_for_a_provincial_list_is_refused_and_audited(writes_db):
    before = data_tables(writes_db)
    file = list_file(new_rows("national_deployed", "tỉnh"))
    with pytest.raises(LoaderError) as err:
        ingest_file(io.BytesIO(file), "p.csv", writes_db, LISTS["provincial"], user=MOF_EDITOR)
    assert err.value.message.code == "forbidden"
    assert data_tables(writes_db) == before
    assert audit_tail(writes_db) == [(MOF_EDITOR.email, "import_list", "refused")]


def test_a_national_list_with_a_rejected_row_loads_the_rest_and_records_the_rejection(db):
    """The crash of issue 15: a one-row read left DuckDB's result open before the next write."""
    file = csv_bytes([HEADER, [1, "Nền tảng thử A", "Bộ Tài chính"], [2, "Nền tảng thử B", "Bộ Không Tồn Tại"]])
    outcome = ingest_file(io.BytesIO(file), "ds.csv", db, "national-2024", user=ADMIN)
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (1, 1, False)
    assert q(db, "SELECT name, ministry_code FROM platform_current WHERE list_id = 'national-2024'") == [
        ("Nền tảng thử A", "MOF")]
    assert q(db, "SELECT row_no, reason_code FROM rejected_row WHERE import_id = ?", [outcome.import_id]) == [
        (3, "unknown_body")]
