"""What a list file changes in the current list, before anything is written: the CLI's dry run
on a real database, and the change preview's partition of any file against any current list and
scope (generated). The writes themselves are tests/test_writes.py's matrix."""
from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.ingest import ingest_file
from tests.files import ADMIN, csv_bytes
from tests.writes_matrix import LISTS, NATIONAL_BASE, body_cell, current, data_tables


@pytest.fixture
def case_db(db):
    """The built database with the writes matrix's national list loaded (a copy of its own)."""
    ingest_file(io.BytesIO(NATIONAL_BASE), "base.csv", db, "national-2024", user=ADMIN)
    return db


# --- the CLI's preview and choice -----------------------------------------------------------
def test_cli_dry_run_lists_the_changes_and_writes_nothing_then_keep_missing_keeps(case_db, tmp_path, capsys):
    from actions.__main__ import main
    list_id = LISTS["national_deployed"]
    before_rows = current(case_db, list_id)
    file = tmp_path / "v2.csv"
    file.write_bytes(csv_bytes([["STT", "Tên nền tảng", "Tên tiếng Anh", "Cơ quan chủ quản"],
                                [1, before_rows[0][0].upper(), "", before_rows[0][1] and body_cell(before_rows[0][1])],
                                [2, "Nền tảng mới trong bản 2", "", "Bộ Tài chính"],
                                [3, "Nền tảng của bộ lạ", "", "Bộ Không Tồn Tại"]]))
    before = data_tables(case_db)
    assert main(["ingest", str(file), "--list", list_id, "--db", str(case_db), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 row(s) to load, 1 rejected (nothing written)" in out
    assert "\n  rejected: row 4: unknown managing body 'Bộ Không Tồn Tại'" in out   # the row said once
    assert "added: 1\n  Nền tảng mới trong bản 2 (MOF)" in out and "changed: 1" in out
    assert f"removed: {len(before_rows) - 1}" in out and all(f"  {n} ({c})" in out for n, c in before_rows[1:])
    assert data_tables(case_db) == before
    assert main(["ingest", str(file), "--list", list_id, "--db", str(case_db), "--keep-missing"]) == 0
    captured = capsys.readouterr()
    assert f"{len(before_rows) - 1} current platform(s) not in the file kept on the list" in captured.err
    assert '"changes": {"added": 1, "changed": 1, "unchanged": 0, "removed": 0, "kept": 4}' in captured.out
    assert '"rows_rejected": 1' in captured.out
    names = {n for n, _ in current(case_db, list_id)}
    assert names == {before_rows[0][0].upper(), "Nền tảng mới trong bản 2", *(n for n, _ in before_rows[1:])}


# --- what a file changes, for any current list and any file ---------------------------------
keys = st.sampled_from([f"k{i}" for i in range(8)])
bodies = st.sampled_from(["MOF", "MPS", None])


@settings(max_examples=150, deadline=None)
@given(current_rows=st.lists(st.tuples(keys, bodies, st.sampled_from(["A", "B"])), unique_by=lambda r: r[0], max_size=8),
       file_rows=st.lists(st.tuples(keys, bodies, st.sampled_from(["A", "B"])), unique_by=lambda r: r[0], max_size=8),
       scope=st.sampled_from([None, {"MOF"}]), remove=st.booleans())
def test_list_changes_partition_the_file_and_the_scope(current_rows, file_rows, scope, remove):
    from store.changes import list_changes
    current_ = [{"name_key": k, "name": f"{k}{n}", "ministry_code": b, "status": None, "sector": None, "name_en": None}
                for k, b, n in current_rows]
    columns = {"name_key": [k for k, _, _ in file_rows], "name": [f"{k}{n}" for k, _, n in file_rows],
               "ministry_code": [b for _, b, _ in file_rows], "status": [None] * len(file_rows),
               "sector": [None] * len(file_rows), "name_en": [None] * len(file_rows)}
    changes = list_changes(current_, columns, scope, remove)
    by_key = {r["name_key"]: r for r in current_}
    file_keys = {k for k, _, _ in file_rows}
    assert len(changes.added) + len(changes.changed) + changes.unchanged == len(file_rows)
    assert {r["name"] for r in changes.added} == {f"{k}{n}" for k, _, n in file_rows if k not in by_key}
    assert {r["name"] for r in changes.changed} == {
        f"{k}{n}" for k, b, n in file_rows if k in by_key and (by_key[k]["name"], by_key[k]["ministry_code"]) != (f"{k}{n}", b)}
    in_scope = {r["name_key"] for r in current_ if scope is None or r["ministry_code"] in scope}
    assert {r["name_key"] for r in changes.missing} == in_scope - file_keys
    assert (changes.removed, changes.kept) == ((changes.missing, []) if remove else ([], changes.missing))


# --- a confirmed preview applied to the list as it is by the commit (generated) ----------------
_KEYS = st.sampled_from([f"k{i}" for i in range(8)])
_VALUES = st.fixed_dictionaries({"name": st.sampled_from(["A", "B"]), "ministry_code": st.sampled_from(["MOF", "MPS"]),
                                 "status": st.sampled_from([None, "in_use", "proposed"]), "sector": st.just(None),
                                 "name_en": st.sampled_from([None, "E"])})


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES), st.dictionaries(_KEYS, _VALUES), st.dictionaries(_KEYS, _VALUES))
def test_a_commit_applies_what_the_preview_showed_to_the_list_as_it_is_now(base, now, file):
    from store.changes import COMPARED, field_changes, since_preview
    columns = {"name_key": list(file), **{f: [v[f] for v in file.values()] for f in COMPARED}, "row_no": list(range(len(file)))}
    current = [{"name_key": k, **v} for k, v in now.items()]
    out = since_preview(current, columns, base)
    written = {k: {f: out.columns[f][i] for f in COMPARED} for i, k in enumerate(out.columns["name_key"])}
    assert set(out.columns) == set(columns) and len(out.columns["row_no"]) == len(written)
    for key, mine in file.items():
        if key not in base:                                   # an addition (or nothing to compare): as in the file
            assert written[key] == mine
        elif key not in now:                                  # removed by someone else since: not brought back
            assert key not in written
        elif field_changes(base[key], now[key]) and not field_changes(base[key], mine):
            assert written[key] == now[key]                   # their change kept, the file left it as shown
        else:
            assert written[key] == mine                       # unchanged meanwhile, or changed by both
