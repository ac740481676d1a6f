"""A platform renamed by an accepted correction keeps its history: its progress steps, its evidence
searches and the names it is known by follow it to the new name, a rename back or a second rename
keeps one chain, a rebuild applies it again, and a progress file written with an earlier name still
finds it."""
from __future__ import annotations

import io
import shutil
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.build import build
from actions.corrections import flag, resolve
from actions.ingest import preview_progress
from analysis.progress import status_at
from loaders.text import clean, key
from tests.conftest import snapshot_of
from tests.files import csv_bytes
from tests.test_recognition import ADMIN, VIEWER
from tests.writes_matrix import MOF_EDITOR
from views import cites
from views.progress import view_timeline

LIST = "shared-2025"
BUSY = "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia"      # five steps in the shipped evidence
ALIASED = "Hệ thống dịch vụ việc làm quốc gia"             # an official name identified in a source
SEARCHED = "Cổng dữ liệu quốc gia"                          # an evidence search on record
ON = date(2026, 11, 29)


def rename(path, old: str, new: str) -> int:
    fid = flag(path, target_kind="platform", target_ref=f"{LIST}/{old}", note="Tên sai", user=VIEWER)
    resolve(path, flag_id=fid, resolution="accepted", reason="Theo quyết định", changes={"name": new}, user=ADMIN)
    return fid


def history(path, name: str):
    """What the dashboard reads of one platform: its steps, its top stage, searches, other names."""
    snap = snapshot_of(path)
    k = key(name)
    events = snap.platform_event[(snap.platform_event["list_id"] == LIST) & (snap.platform_event["platform_key"] == k)]
    status = status_at(snap.platform_event, snap.stage, snap.platform_current, LIST, ON)
    top = status.loc[status["name"].map(key) == k, "stage_id"].tolist()
    searches = snap.evidence_search[(snap.evidence_search["list_id"] == LIST) & (snap.evidence_search["platform_key"] == k)]
    aliases = snap.platform_alias[(snap.platform_alias["list_id"] == LIST) & (snap.platform_alias["platform_key"] == k)]
    return snap, sorted(events["stage_id"]), top, len(searches), sorted(aliases["alias"])


def test_a_renamed_platform_keeps_its_steps_its_stage_and_its_searches(db):
    _, steps, top, searches, _ = history(db, BUSY)
    assert len(steps) == 5 and top
    fid = rename(db, BUSY, "Nền tảng tích hợp và chia sẻ dữ liệu quốc gia (NDXP)")
    snap, steps_after, top_after, _, aliases = history(db, "Nền tảng tích hợp và chia sẻ dữ liệu quốc gia (NDXP)")
    assert (steps_after, top_after) == (steps, top)            # one "listed", not a second one for the new name
    assert aliases == [BUSY]
    assert history(db, BUSY)[1] == []                           # nothing left under the old name
    shown = view_timeline(snap, LIST, key("Nền tảng tích hợp và chia sẻ dữ liệu quốc gia (NDXP)"), ON, "vi", False)
    assert shown["aliases"] == [cites.plain(f"Tên trước đây (đổi theo báo sai #{fid}, ngày {date.today():%d/%m/%Y}): {BUSY}")]
    assert key(BUSY) not in set(snap.platform_event["platform_key"])

    before_search = history(db, SEARCHED)[3]
    assert before_search == 1
    rename(db, SEARCHED, "Cổng Dữ liệu quốc gia (data.gov.vn)")
    assert history(db, "Cổng Dữ liệu quốc gia (data.gov.vn)")[3] == 1


def test_a_name_identified_in_a_source_follows_the_rename_and_a_progress_file_finds_it_by_any_name(db):
    identified = history(db, ALIASED)[4]
    assert identified                                          # the shipped alias
    rename(db, ALIASED, "Hệ thống thông tin việc làm quốc gia")
    assert history(db, "Hệ thống thông tin việc làm quốc gia")[4] == sorted([*identified, ALIASED])
    head = ["Tên nền tảng", "Giai đoạn", "Ngày hoàn thành", "Hạn hoàn thành", "Số văn bản", "Ghi chú"]
    for written in (ALIASED, identified[0], "Hệ thống thông tin việc làm quốc gia"):
        parsed, *_ = preview_progress(io.BytesIO(csv_bytes([head, [written, "kế hoạch", "01/11/2025", "", "", ""]])),
                                      db, LIST, date(2026, 11, 21))
        assert [e["platform_name"] for e in parsed.events] == ["Hệ thống thông tin việc làm quốc gia"], written


def test_a_rebuild_renames_again_with_the_history(db):
    rename(db, BUSY, "Nền tảng NDXP")
    expected = history(db, "Nền tảng NDXP")[1:]
    build(db)
    assert history(db, "Nền tảng NDXP")[1:] == expected
    assert history(db, BUSY)[1] == []


NAMES = st.sampled_from([BUSY, "Nền tảng NDXP", "Nen tang NDXP mới", "Nền tảng tích hợp dữ liệu"])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chain=st.lists(NAMES, min_size=1, max_size=3))
def test_any_chain_of_renames_leaves_the_history_under_the_last_name(built_db, tmp_path_factory, chain):
    path = tmp_path_factory.mktemp("rename") / "ndp.duckdb"
    shutil.copyfile(built_db, path)
    expected = history(path, BUSY)[1:3]
    current = BUSY
    for new in chain:
        if key(new) == key(current):
            continue   # the same name: a correction that renames nothing is not a rename
        rename(path, current, new)
        current = new
    assert history(path, current)[1:3] == expected
    earlier = {key(n) for n in [BUSY, *chain]} - {key(current)}
    snap = snapshot_of(path)
    assert not earlier & set(snap.platform_event.loc[snap.platform_event["list_id"] == LIST, "platform_key"])
    aliases = history(path, current)[4]
    assert {key(a) for a in aliases} == earlier                # every earlier name, once
    assert len(aliases) == len(earlier)


@pytest.mark.parametrize("field", ["name_en", "note"])
def test_a_correction_that_keeps_the_name_adds_no_alias(db, field):
    fid = flag(db, target_kind="platform", target_ref=f"{LIST}/{BUSY}", note="x", user=VIEWER)
    resolve(db, flag_id=fid, resolution="accepted", reason="r", changes={field: "khác"}, user=ADMIN)
    assert history(db, BUSY)[4] == []


def test_after_an_editors_partial_file_the_rename_changes_the_platform_flagged_and_nothing_else(db):
    """A ministry editor's partial file keeps the other bodies' rows with their own row numbers, so
    numbers repeat within the list: the correction finds its row by name, never by number."""
    from actions.ingest import ingest_file
    from tests.files import HEADER, csv_bytes
    from tests.writes_matrix import MOF_EDITOR

    mof = [["1", "Nền tảng hóa đơn điện tử quốc gia (thử)", "Bộ Tài chính"],
           ["2", "Nền tảng khai thuế điện tử (thử)", "Bộ Tài chính"]]
    ingest_file(io.BytesIO(csv_bytes([HEADER, *mof])), "mof.csv", db, LIST, user=MOF_EDITOR, remove_missing=False)
    before = snapshot_of(db).platform_current
    before = before[before["list_id"] == LIST]
    assert before["row_no"].duplicated().any()          # the situation this test is about
    target = before[before["row_no"].duplicated(keep=False) & (before["ministry_code"] != "MOF")].iloc[0]
    rename(db, target["name"], "Tên mới sau báo sai")
    after = snapshot_of(db).platform_current
    after = after[after["list_id"] == LIST]
    assert set(after["name"]) == (set(before["name"]) - {target["name"]}) | {"Tên mới sau báo sai"}
    renamed = after[after["name"] == "Tên mới sau báo sai"].iloc[0]
    assert (renamed["ministry_code"], renamed["name_en"] if isinstance(renamed["name_en"], str) else None) == (
        target["ministry_code"], target["name_en"] if isinstance(target["name_en"], str) else None)
    assert len(after) == len(before)


def test_a_rename_onto_a_name_already_listed_is_refused_and_changes_nothing(db):
    from analysis.recognition import open_flags
    from loaders.messages import LoaderError
    from tests.test_recognition import records
    before = snapshot_of(db)
    with pytest.raises(LoaderError) as err:
        rename(db, BUSY, SEARCHED.upper())
    assert err.value.message.code == "flag_name_taken"
    after = snapshot_of(db)
    pd.testing.assert_frame_equal(after.platform_current, before.platform_current)
    pd.testing.assert_frame_equal(after.platform_alias, before.platform_alias)
    assert len(open_flags(records(db))) == 1             # the flag stays open, to be resolved otherwise


# --- a list file that still uses an earlier name ------------------------------------------------
WRITTEN = st.sampled_from([str.upper, str.lower, lambda s: s.replace(" ", "  "), lambda s: s])


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(as_written=WRITTEN, editor=st.booleans())
def test_a_list_file_with_an_earlier_name_updates_the_renamed_platform_and_adds_nothing(
        built_db, tmp_path_factory, as_written, editor):
    """After a correction renamed a platform, a list file (an administrator's whole list, or the
    owning ministry editor's partial file) still written with the old name is that platform: the
    preview adds nothing and removes nothing, the write keeps one row under the name in force (the
    old name as written kept as the name in the source), its steps stay, and the warning says so."""
    from actions.ingest import ingest_file
    from actions.ingest import preview as preview_list
    path = tmp_path_factory.mktemp("relist") / "ndp.duckdb"
    shutil.copyfile(built_db, path)
    current = snapshot_of(path).platform_current
    current = current[current["list_id"] == LIST]
    mine = current[current["ministry_code"] == "MOF"] if editor else current
    old = mine["name"].iloc[0]
    steps = history(path, old)[1]
    new = "Tên mới của nền tảng sau báo sai"
    fid = rename(path, old, new)
    file_rows = [[str(n), as_written(name) if name == old else name, body]
                 for n, (name, body) in enumerate(zip(mine["name"], mine["ministry_code"]), 1)]
    file = csv_bytes([["STT", "Tên nền tảng", "Cơ quan chủ quản"], *file_rows])
    user = MOF_EDITOR if editor else ADMIN
    parsed, meta = preview_list(io.BytesIO(file), path, LIST, user=user)
    changes = meta["changes"]
    assert (changes.added, changes.missing) == ([], [])
    said = [w.text("vi") for w in parsed.warnings if w.code == "earlier_name"]
    assert said == [f"dòng 2: «{clean(as_written(old))}» là tên trước đây của «{new}» (đổi tên theo báo sai "
                    f"#{fid}); dòng được ghi dưới tên hiện hành, tên như trong tệp giữ ở cột tên trong nguồn"]
    ingest_file(io.BytesIO(file), "again.csv", path, LIST, user=user, remove_missing=not editor)
    after = snapshot_of(path).platform_current
    after = after[after["list_id"] == LIST]
    assert len(after) == len(current)
    row = after[after["name_key"] == key(new)]
    assert list(row["name"]) == [new] and list(row["name_in_source"]) == [clean(as_written(old))]
    assert list(row["source"]) == [f"correction #{fid}"]          # the name in force comes from the correction
    assert not (after["name_key"] == key(old)).any()
    assert history(path, new)[1] == steps            # no second "listed" step, none lost


def listed(path, name: str) -> int:
    """How many "listed" steps the dashboard reads for the platform (one, whatever it was called)."""
    return history(path, name)[1].count("listed")


@pytest.mark.parametrize("order", ["current first", "earlier first"])
def test_a_file_naming_the_platform_by_two_of_its_names_loads_it_once(db, order, tmp_path, capsys):
    """Renamed A -> B -> C; a file naming it C (or B) and A for the same body: one row, under C; the
    other is a repeat, rejected with both names and the row it repeats. Nothing is added and no step
    doubled, in what is written as in the preview."""
    from actions.ingest import ingest_file
    from actions.ingest import preview as preview_list
    current = snapshot_of(db).platform_current
    current = current[current["list_id"] == LIST]
    before = len(current)
    ids = {BUSY: rename(db, BUSY, "Tên B tạm thời")}   # each earlier name with the correction that renamed it
    ids["Tên B tạm thời"] = rename(db, "Tên B tạm thời", "Tên C cuối cùng")
    others = [[n, b] for n, b in zip(current["name"], current["ministry_code"]) if n != BUSY]
    pair = [["Tên C cuối cùng", "Bộ Công an"], [BUSY, "Bộ Công an"]] if order == "current first" else \
        [[BUSY, "Bộ Công an"], ["Tên B tạm thời", "Bộ Công an"]]
    file = csv_bytes([["STT", "Tên nền tảng", "Cơ quan chủ quản"],
                      *[[str(i), n, b] for i, (n, b) in enumerate([*pair, *others], 1)]])
    parsed, meta = preview_list(io.BytesIO(file), db, LIST, user=ADMIN)
    assert (meta["changes"].added, meta["changes"].missing) == ([], [])
    assert [(r, m.code) for r, m in parsed.rejected] == [(3, "earlier_name_repeat")]
    written = pair[1][0]
    assert parsed.rejected[0][1].text("vi") == (f"dòng 3: «{written}» là tên trước đây của «Tên C cuối cùng» (đổi tên "
                                                f"theo báo sai #{ids[written]}), nền tảng này đã có ở dòng 2")
    if order == "earlier first":   # the command line's dry run says it too: the rename and the repeat
        from actions.__main__ import main
        (tmp_path / "both.csv").write_bytes(file)
        assert main(["ingest", str(tmp_path / "both.csv"), "--list", LIST, "--db", str(db), "--dry-run"]) == 0
        out = capsys.readouterr().out
        assert "\n  rejected: row 3: 'Tên B tạm thời' is an earlier name of 'Tên C cuối cùng'" in out
        assert f"\n  warning: row 2: '{BUSY}' is an earlier name of 'Tên C cuối cùng' (renamed by correction #{ids[BUSY]})" in out
    ingest_file(io.BytesIO(file), "both.csv", db, LIST, user=ADMIN)
    after = snapshot_of(db).platform_current
    after = after[after["list_id"] == LIST]
    assert len(after) == before and (after["name"] == "Tên C cuối cùng").sum() == 1
    assert not after["name"].isin([BUSY, "Tên B tạm thời"]).any()
    assert listed(db, "Tên C cuối cùng") == 1 and history(db, BUSY)[1] == []


@pytest.mark.parametrize("by", ["current name", "earlier name"])
def test_a_ministry_editor_cannot_take_another_bodys_platform_over(db, by):
    """The platform is MPS's; a MOF editor's file names it (as it is called now, or by its earlier
    name) under MOF: the row is rejected as another body's, and the list keeps exactly one row for it,
    MPS's, as the preview said."""
    from actions.ingest import ingest_file
    from actions.ingest import preview as preview_list
    rename(db, BUSY, "Tên mới NDXP")
    current = snapshot_of(db).platform_current
    current = current[current["list_id"] == LIST]
    owner = current.loc[current["name"] == "Tên mới NDXP", "ministry_code"].item()
    assert owner != "MOF"
    mine = [[n, "Bộ Tài chính"] for n in current.loc[current["ministry_code"] == "MOF", "name"]]
    claimed = "Tên mới NDXP" if by == "current name" else BUSY
    file = csv_bytes([["STT", "Tên nền tảng", "Cơ quan chủ quản"],
                      *[[str(i), n, b] for i, (n, b) in enumerate([*mine, [claimed, "Bộ Tài chính"]], 1)]])
    parsed, meta = preview_list(io.BytesIO(file), db, LIST, user=MOF_EDITOR)
    row = len(mine) + 2
    assert [(r, m.code, m.params["body"]) for r, m in parsed.rejected] == [(row, "not_your_body", owner)]
    assert meta["changes"].changed == [] and meta["changes"].added == []
    ingest_file(io.BytesIO(file), "mof.csv", db, LIST, user=MOF_EDITOR, remove_missing=False)
    after = snapshot_of(db).platform_current
    after = after[after["list_id"] == LIST]
    assert after.loc[after["name_key"] == key("Tên mới NDXP"), "ministry_code"].tolist() == [owner]
    assert len(after) == len(current)
