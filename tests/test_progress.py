"""Progress of the shared platforms: parsing updates, the CLI contract, as-of computation, diffs."""
import io
import json
from datetime import date

import duckdb
import pandas as pd
import pytest

from actions.ingest import ingest_progress_file, preview_progress
from analysis.counts import per_body
from analysis.diff import compare
from analysis.lineage import successor_map
from analysis.progress import burnup, overdue, stage_counts, status_at, timeline, unnamed
from loaders.messages import LoaderError
from loaders.paths import DATA_DIR
from loaders.progress import confirm
from tests.conftest import snapshot_of
from tests.files import ADMIN, csv_bytes
from tests.test_cli import cli

HEAD = ["Tên nền tảng", "Giai đoạn", "Ngày hoàn thành", "Hạn hoàn thành", "Số văn bản", "Ghi chú"]
TODAY = date(2026, 11, 21)
DEMO = DATA_DIR / "samples" / "demo-progress-shared-2025.csv"


def progress(db, rows, today=TODAY):
    parsed, stages, reached = preview_progress(io.BytesIO(csv_bytes([HEAD, *rows])), db, "shared-2025", today)
    return parsed, stages, reached


def test_exact_and_accent_free_names_match(built_db):
    parsed, *_ = progress(built_db, [["Cổng dữ liệu quốc gia", "kế hoạch", "01/11/2025", "", "12/KH-BCA", ""],
                                     ["CONG DU LIEU QUOC GIA", "Thiết kế kiến trúc", "2025-12-01", "", "", ""]])
    assert [(e["platform_name"], e["stage_id"], e["event_date"]) for e in parsed.events] == [
        ("Cổng dữ liệu quốc gia", "plan", date(2025, 11, 1)),
        ("Cổng dữ liệu quốc gia", "architecture", date(2025, 12, 1))]
    assert parsed.rejected == [] and parsed.pending == []


def test_near_match_waits_for_confirmation(built_db):
    parsed, stages, reached = progress(built_db, [["Hệ thống lưu trữ số quốc gia", "kế hoạch", "01/11/2025", "", "", ""]])
    assert parsed.events == [] and parsed.pending[0]["platform_name"] == "Nền tảng lưu trữ số quốc gia"
    confirm(parsed, {2}, dict(reached), stages)
    assert [e["platform_name"] for e in parsed.events] == ["Nền tảng lưu trữ số quốc gia"]


def test_unconfirmed_near_match_is_rejected_with_its_suggestion(built_db):
    parsed, stages, reached = progress(built_db, [["Hệ thống lưu trữ số quốc gia", "kế hoạch", "01/11/2025", "", "", ""]])
    confirm(parsed, set(), dict(reached), stages)
    (row, msg), = parsed.rejected
    assert row == 2 and msg.code == "near_platform" and "Nền tảng lưu trữ số quốc gia" in msg.text("en")


@pytest.mark.parametrize("row, code", [
    (["Nền tảng không có thật", "kế hoạch", "01/11/2025", "", "", ""], "unknown_platform"),
    (["Cổng dữ liệu quốc gia", "Giai đoạn lạ", "01/11/2025", "", "", ""], "unknown_stage"),
    (["Cổng dữ liệu quốc gia", "", "01/11/2025", "", "", ""], "missing_stage"),
    (["Cổng dữ liệu quốc gia", "kế hoạch", "31/02/2025", "", "", ""], "bad_event_date"),
    (["Cổng dữ liệu quốc gia", "kế hoạch", "", "", "", ""], "missing_date"),
    (["Cổng dữ liệu quốc gia", "kế hoạch", "01/01/2027", "", "", ""], "future_date"),
])
def test_bad_progress_rows_are_rejected_with_row_numbers(built_db, row, code):
    parsed, *_ = progress(built_db, [row])
    assert [(r, m.code) for r, m in parsed.rejected] == [(2, code)]


def test_future_target_dates_are_fine_and_a_stage_going_back_warns(built_db):
    parsed, *_ = progress(built_db, [["Cổng dữ liệu quốc gia", "Đưa vào vận hành", "", "30/06/2027", "", ""],
                                     ["Cổng dữ liệu quốc gia", "Thiết kế kiến trúc", "01/10/2025", "", "", ""],
                                     ["Cổng dữ liệu quốc gia", "kế hoạch", "05/10/2025", "", "", ""]])
    assert [t["target_date"] for t in parsed.targets] == [date(2027, 6, 30)]
    assert [e["stage_id"] for e in parsed.events] == ["architecture", "plan"]
    assert [w.code for w in parsed.warnings] == ["stage_regressed"]


def test_progress_file_without_stage_column_is_refused(built_db):
    with pytest.raises(LoaderError) as err:
        preview_progress(io.BytesIO(csv_bytes([["Tên nền tảng", "Ghi chú"], ["x", "y"]])), built_db, "shared-2025")
    assert err.value.message.code == "no_progress_column"


def test_demo_file_is_marked_and_its_events_land(db):
    outcome = ingest_progress_file(DEMO.open("rb"), DEMO.name, db, "shared-2025", today=TODAY, user=ADMIN)
    assert outcome.rows_loaded == 12 and outcome.rows_rejected == 1   # the near match is not confirmed
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT is_demo, kind FROM import_log WHERE import_id = ?", [outcome.import_id]).fetchone() == (
        True, "progress")
    con.close()


def test_cli_ingest_progress_contract(db, tmp_path):
    f = tmp_path / "tien-do.csv"
    f.write_bytes(csv_bytes([HEAD, ["Cổng dữ liệu quốc gia", "kế hoạch", "01/11/2025", "", "1/KH", ""],
                             ["Hệ thống lưu trữ số quốc gia", "kế hoạch", "01/11/2025", "", "", ""]]))
    out = cli("ingest-progress", f, "--list", "shared-2025", "--db", db)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert out.returncode == 0 and (result["rows_loaded"], result["rows_rejected"]) == (1, 1)
    before = db.read_bytes()
    strict = cli("ingest-progress", f, "--list", "shared-2025", "--db", db, "--strict")
    assert strict.returncode != 0 and strict.stderr.startswith("error:") and "Traceback" not in strict.stderr
    assert db.read_bytes() == before


# --- analysis ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_db(built_db, tmp_path_factory):
    import shutil
    path = tmp_path_factory.mktemp("demo") / "ndp.duckdb"
    shutil.copyfile(built_db, path)
    ingest_progress_file(DEMO.open("rb"), DEMO.name, path, "shared-2025", accepted_rows={15}, today=TODAY,
                         user=ADMIN)
    return path


@pytest.fixture(scope="module")
def snap(demo_db):
    return snapshot_of(demo_db)


@pytest.mark.parametrize("on", [date(2025, 9, 10), date(2025, 9, 11), date(2025, 11, 1), date(2026, 3, 15), TODAY])
def test_status_at_equals_the_database_macro(demo_db, snap, on):
    ours = status_at(snap.platform_event, snap.stage, snap.platform_current, "shared-2025", on)
    con = duckdb.connect(str(demo_db), read_only=True)
    macro = con.execute("SELECT name, stage_id FROM platform_status_at(?) WHERE list_id = 'shared-2025'", [on]).fetchall()
    con.close()
    assert sorted(zip(ours["name"], ours["stage_id"])) == sorted(macro)


def test_as_of_recomputes_from_events(snap):
    stage = lambda on: dict(zip(*status_at(snap.platform_event, snap.stage, snap.platform_current,  # noqa: E731
                                           "shared-2025", on)[["name", "stage_id"]].T.values))
    assert stage(date(2025, 9, 10)) == {}       # before the decision: steps of 2019-2022 count from the listing
    assert stage(date(2025, 10, 16))["Cổng dữ liệu quốc gia"] == "listed"   # its only public evidence is uncertain
    assert stage(date(2025, 11, 1))["Cổng dữ liệu quốc gia"] == "plan"            # the demo file's step
    assert stage(date(2025, 9, 11))["Nền tảng định danh và xác thực điện tử"] == "operation"   # evidence of 2022
    assert stage(TODAY)["Nền tảng lưu trữ số quốc gia"] == "plan"                  # the confirmed near match


def test_all_55_are_listed_with_the_four_unnamed(snap):
    status = status_at(snap.platform_event, snap.stage, snap.platform_current, "shared-2025", TODAY)
    gap = unnamed(per_body(snap.platform_current, snap.published_count, "shared-2025"), date(2025, 9, 11), TODAY)
    assert sorted(gap["body_code"]) == ["MEMR", "MOET", "MOH", "MOIT"]
    counts = stage_counts(status, snap.stage, int(gap["count"].sum())).set_index("stage_id")["reached"]
    # plan or beyond: 14 platforms on confirmed/likely public evidence + 4 only in the demo file (Cổng dữ liệu
    # quốc gia, khai thuế, ngân sách, lưu trữ số); rollout: NDXP (evidence) and the Axis (demo)
    assert counts["listed"] == 55 and counts["plan"] == 18 and counts["rollout"] == 2


def test_burnup_never_goes_down_and_ends_at_the_current_counts(snap):
    curve = burnup(snap.platform_event, snap.stage, snap.platform_current, "shared-2025", TODAY, 4, date(2025, 9, 11))
    for _, series in curve.groupby("stage_id"):
        assert series.sort_values("date")["reached"].is_monotonic_increasing
    last = curve[curve["date"] == TODAY].set_index("stage_id")["reached"]
    assert last["listed"] == 55 and last["plan"] == 18
    assert curve[curve["date"] < date(2025, 9, 11)].empty            # nothing counts before the list existed


def test_overdue_and_timeline(snap):
    status = status_at(snap.platform_event, snap.stage, snap.platform_current, "shared-2025", TODAY)
    late = overdue(snap.stage_target, status, snap.stage, "shared-2025", TODAY)
    # the demo's operation target of the identification platform is met by public evidence (VNeID, 2022)
    assert set(late["platform_name"]) == {"Nền tảng quản lý dữ liệu thống kê", "Cổng dữ liệu quốc gia"}
    early = overdue(snap.stage_target, status, snap.stage, "shared-2025", date(2026, 1, 1))
    assert list(early["platform_name"]) == ["Nền tảng quản lý dữ liệu thống kê"]
    steps = timeline(snap.platform_event, snap.stage_target, snap.stage, "shared-2025",
                     "nentangdinhdanhvaxacthucdientu", TODAY)
    assert list(steps["stage_id"]) == ["operation", "regulation", "listed", "plan", "architecture", "operation"]
    assert [str(d) for d in steps["date"][:3]] == ["2022-07-18", "2024-06-25", "2025-09-11"]   # true dates
    assert list(steps["origin"][:5]) == ["public_evidence"] * 2 + ["decision"] + ["progress_file"] * 2
    assert list(steps["document_no"])[2:4] == ["2618/QĐ-BKHCN", "DEMO-01"] and not steps["overdue"].any()


# --- comparing two versions of a list ----------------------------------------------------------
def frame(rows):
    from loaders.text import key
    return pd.DataFrame([{"name": n, "name_key": key(n), "ministry_code": m} for n, m in rows])


def test_compare_versions_with_lineage(snap):
    old = frame([("Hệ thống quản lý đường thủy", "MOT"), ("Hệ thống quản lý đường bộ", "MOT"),
                 ("Hệ thống sát hạch giấy phép lái xe", "MOT"),
                 ("Cổng thông tin điện tử", "MIC"), ("Nền tảng cũ bị bỏ", "MOF")])
    new = frame([("Hệ thống quản lý đường bộ", "MOC"), ("Hệ thống sát hạch giấy phép lái xe", "MPS"),
                 ("Cổng thông tin điện tử quốc gia", "MOST"), ("Nền tảng mới", "MOF")])
    diff = compare(old, new, successor_map(snap.body, date(2025, 11, 9)))
    got = {(r.change, None if pd.isna(r.name_a) else r.name_a, None if pd.isna(r.name_b) else r.name_b)
           for r in diff.itertuples()}
    assert got == {("added", None, "Nền tảng mới"), ("removed", "Nền tảng cũ bị bỏ", None),
                   ("removed", "Hệ thống quản lý đường thủy", None),
                   ("renamed", "Cổng thông tin điện tử", "Cổng thông tin điện tử quốc gia"),
                   ("owner_changed", "Hệ thống sát hạch giấy phép lái xe", "Hệ thống sát hạch giấy phép lái xe")}
