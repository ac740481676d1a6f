"""An accepted correction changes the record it is about (a platform's field, a published count, a
publication status, a document's number/date/link, a proposal), in the write that resolves it; the
earlier value stays retrievable; rejecting changes nothing; a rebuild keeps the correction."""
from __future__ import annotations

import dataclasses
import shutil

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.build import build
from actions.correction_apply import source_of
from actions.corrections import flag, resolve
from analysis.corrections import flags_by_target, target_key
from analysis.recognition import open_flags
from loaders.messages import LoaderError
from tests.conftest import snapshot_of
from tests.test_recognition import ADMIN, OTHER_EDITOR, VIEWER, audit_rows, records

PLATFORM = "shared-2025/Cổng dữ liệu quốc gia"


def rows(path, sql, params=()):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def count_of(path, list_id="national-2024", body="MOF"):
    return rows(path, "SELECT count, source FROM published_count WHERE list_id = ? AND body_code = ?", [list_id, body])[0]


def test_accepting_a_count_shows_the_new_figure_with_the_correction_as_source(db):
    before = count_of(db)
    fid = flag(db, target_kind="count", target_ref="national-2024/mof", note="Số sai", user=VIEWER)
    resolve(db, flag_id=fid, resolution="accepted", reason="Theo công văn mới", changes={"count": "33"}, user=ADMIN)
    assert count_of(db) == (33, source_of(fid))
    # the earlier figure and its source stay retrievable; the resolution says what changed
    assert rows(db, "SELECT field, old_value, new_value, old_source FROM correction_change") == [
        ("count", str(before[0]), "33", before[1])]
    assert rows(db, "SELECT change_made FROM correction_resolution")[0][0] == f"count: {before[0]} -> 33"
    assert snapshot_of(db).published_count.set_index(["list_id", "body_code"]).at[("national-2024", "MOF"), "count"] == 33
    assert audit_rows(db, "resolve_flag")[-1] == (ADMIN.email, "ok")


def test_accepting_a_platform_field_writes_a_new_list_version(db):
    snap = snapshot_of(db)
    old = snap.platform_current[(snap.platform_current["list_id"] == "shared-2025")
                                & (snap.platform_current["name_key"] == "congdulieuquocgia")].iloc[0]
    fid = flag(db, target_kind="platform", target_ref=PLATFORM, note="Tên tiếng Anh sai", user=VIEWER)
    assert rows(db, "SELECT body_code FROM correction_flag")[0][0] == "MPS"   # the owner, from the list
    resolve(db, flag_id=fid, resolution="accepted", reason="Đúng", changes={"name_en": "National Data Portal"},
            user=OTHER_EDITOR)
    now = snapshot_of(db).platform_current
    row = now[(now["list_id"] == "shared-2025") & (now["name_key"] == "congdulieuquocgia")].iloc[0]
    assert (row["name_en"], row["source"]) == ("National Data Portal", source_of(fid))
    assert int(row["import_id"]) != int(old["import_id"])
    shared = snap.platform_current[snap.platform_current["list_id"] == "shared-2025"]
    assert len(now[now["list_id"] == "shared-2025"]) == len(shared)
    # the earlier version keeps the earlier value
    assert rows(db, "SELECT name_en FROM platform WHERE import_id = ? AND name_key = 'congdulieuquocgia'",
                [int(old["import_id"])]) == [(old["name_en"],)]
    assert rows(db, "SELECT import_id FROM correction_change")[0][0] == int(row["import_id"])
    assert rows(db, "SELECT file_name FROM import_log WHERE import_id = ?", [int(row["import_id"])]) == [(f"correction #{fid}",)]


def test_accepting_a_document_date_and_a_status(db):
    old = rows(db, "SELECT issued_on FROM document WHERE doc_id = 'qd-2618-2025'")[0][0]
    fid = flag(db, target_kind="document", target_ref="QD-2618-2025", note="Ngày sai", user=VIEWER)
    resolve(db, flag_id=fid, resolution="accepted", reason="Đúng", changes={"issued_on": "2025-10-16"}, user=ADMIN)
    assert rows(db, "SELECT issued_on FROM document WHERE doc_id = 'qd-2618-2025'")[0][0] == "2025-10-16"
    assert rows(db, "SELECT old_value FROM correction_change")[0][0] == old
    fid = flag(db, target_kind="status", target_ref="national-2024/MOF", note="Chưa công bố", user=VIEWER)
    resolve(db, flag_id=fid, resolution="accepted", reason="Đúng", changes={"status": "not_published"}, user=ADMIN)
    assert rows(db, "SELECT status, source FROM publication_status WHERE list_id = 'national-2024' AND body_code = 'MOF'"
                ) == [("not_published", source_of(fid))]


@pytest.mark.parametrize("kind, ref, changes, code", [
    ("count", "national-2024/MOF", {}, "flag_no_change"),
    ("count", "national-2024/MOF", {"count": "-3"}, "flag_bad_count"),
    ("count", "national-2024/MOF", {"count": "nhiều"}, "flag_bad_count"),
    ("count", "national-2024/MOF", {"sector": "x"}, "flag_bad_field"),
    ("document", "qd-2618-2025", {"issued_on": "2025-13-40"}, "rec_bad_date"),
    ("document", "qd-2618-2025", {"url": "javascript:alert(1)"}, "rec_bad_url"),
    ("status", "national-2024/MOF", {"status": "maybe"}, "rec_bad_value"),
    ("platform", PLATFORM, {"ministry_code": "NOPE"}, "rec_bad_value"),
    ("platform", PLATFORM, {"name": " "}, "rec_missing"),
])
def test_a_bad_change_is_refused_and_nothing_is_written(db, kind, ref, changes, code):
    fid = flag(db, target_kind=kind, target_ref=ref, note="x", user=VIEWER)
    before = snapshot_of(db)
    with pytest.raises(LoaderError) as exc:
        resolve(db, flag_id=fid, resolution="accepted", reason="r", changes=changes, user=ADMIN)
    assert exc.value.message.code == code
    assert exc.value.text("vi") and exc.value.text("en")
    assert_same(before, snapshot_of(db))
    assert rows(db, "SELECT count(*) FROM correction_resolution")[0][0] == 0
    assert rows(db, "SELECT count(*) FROM correction_change")[0][0] == 0


@pytest.mark.parametrize("kind, ref", [("count", "national-2024/XYZ"), ("platform", "shared-2025/không có"),
                                       ("document", "qd-0-1900"), ("count", "national-2024")])
def test_flagging_a_record_that_is_not_there_is_refused(db, kind, ref):
    with pytest.raises(LoaderError) as exc:
        flag(db, target_kind=kind, target_ref=ref, note="x", user=VIEWER)
    assert exc.value.message.code in ("flag_no_record", "flag_bad_ref")


def assert_same(a, b) -> None:
    for f in dataclasses.fields(a):
        left, right = getattr(a, f.name), getattr(b, f.name)
        if isinstance(left, pd.DataFrame):
            pd.testing.assert_frame_equal(left, right, obj=f.name)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.integers(min_value=0, max_value=100_000), accept=st.booleans(),
       body=st.sampled_from(["MOF", "MPS", "MOC", "MOHA"]))
def test_accept_then_read_gives_the_value_reject_leaves_the_snapshot(built_db, tmp_path_factory, value, accept, body):
    path = tmp_path_factory.mktemp("prop") / "ndp.duckdb"
    shutil.copyfile(built_db, path)
    fid = flag(path, target_kind="count", target_ref=f"national-2024/{body}", note="x", user=VIEWER)
    before = snapshot_of(path)
    if accept:
        resolve(path, flag_id=fid, resolution="accepted", reason="r", changes={"count": str(value)}, user=ADMIN)
        assert count_of(path, body=body) == (value, source_of(fid))
    else:
        resolve(path, flag_id=fid, resolution="rejected", reason="Số đúng", user=ADMIN)
        assert_same(before, snapshot_of(path))
        assert rows(path, "SELECT count(*) FROM correction_change")[0][0] == 0
    assert open_flags(records(path)).empty


def test_a_rebuild_keeps_the_corrections(db):
    fid = flag(db, target_kind="count", target_ref="national-2024/MPS", note="x", user=VIEWER)
    resolve(db, flag_id=fid, resolution="accepted", reason="r", changes={"count": "12"}, user=ADMIN)
    pid = flag(db, target_kind="platform", target_ref=PLATFORM, note="x", user=VIEWER)
    resolve(db, flag_id=pid, resolution="accepted", reason="r", changes={"note": "đã sửa"}, user=ADMIN)
    build(db)
    assert count_of(db, body="MPS") == (12, source_of(fid))
    assert rows(db, "SELECT note, source FROM platform_current WHERE list_id = 'shared-2025' "
                    "AND name_key = 'congdulieuquocgia'") == [("đã sửa", source_of(pid))]
    assert rows(db, "SELECT count(*) FROM correction_change")[0][0] == 2


def test_open_flags_by_target_meet_the_rows_they_are_about(db):
    flag(db, target_kind="platform", target_ref="shared-2025/CỔNG DỮ LIỆU  quoc gia", note="x", user=VIEWER)
    flag(db, target_kind="count", target_ref="national-2024/mof", note="x", user=VIEWER)
    done = flag(db, target_kind="document", target_ref="qd-2618-2025", note="x", user=VIEWER)
    flag(db, target_kind="document", target_ref="qd-2618-2025", note="y", user=VIEWER)
    resolve(db, flag_id=done, resolution="rejected", reason="r", user=ADMIN)
    found = flags_by_target(records(db))
    assert found[("platform", target_key("platform", PLATFORM))] == 1
    assert found[("count", "national-2024/MOF")] == 1
    assert found[("document", "qd-2618-2025")] == 1
    assert ("status", "national-2024/MOF") not in found


def test_accepting_a_proposal_correction_is_a_new_revision_and_a_platform_status_is_coded(db):
    from actions.recognition import propose
    from tests.test_recognition import EDITOR, TODAY, proposal
    pid = propose(db, proposal(), EDITOR, TODAY)
    fid = flag(db, target_kind="proposal", target_ref=str(pid), note="Sai tên doanh nghiệp", user=VIEWER)
    resolve(db, flag_id=fid, resolution="accepted", reason="Đúng", changes={"owner_enterprise": "Công ty B"}, user=EDITOR)
    assert rows(db, "SELECT revision, owner_enterprise, source FROM recognition_proposal ORDER BY revision") == [
        (1, "Công ty Cổ phần Ví dụ", "123/BTC-CĐS"), (2, "Công ty B", source_of(fid))]
    fid = flag(db, target_kind="platform", target_ref=PLATFORM, note="x", user=VIEWER)
    resolve(db, flag_id=fid, resolution="accepted", reason="r", changes={"status": "Đang sử dụng"}, user=ADMIN)
    assert rows(db, "SELECT status FROM platform_current WHERE list_id = 'shared-2025' AND name_key = 'congdulieuquocgia'"
                ) == [("in_use",)]
