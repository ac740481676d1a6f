"""Public progress evidence: loaded at build as events with their confidence, counted by the same
rules as a ministry's progress file, never counting what is uncertain, told apart from a ministry's
file."""
import csv
from collections import Counter
from datetime import date

import duckdb
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.ingest import ingest_progress_file
from analysis.progress import CONFIRMED, COUNTED, stage_counts, status_at
from loaders.paths import DATA_DIR
from loaders.text import key
from store.evidence import event_day
from tests.conftest import snapshot_of
from tests.files import ADMIN

EVIDENCE = DATA_DIR / "reference" / "progress_evidence.csv"
DEMO = DATA_DIR / "samples" / "demo-progress-shared-2025.csv"


def csv_rows() -> list[dict]:
    with EVIDENCE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def expected_counts(stages: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """From the CSV alone: per stage, platforms with a confirmed-or-likely step at or beyond it, and
    those with a confirmed one (a platform reaching a later stage has passed the earlier ones)."""
    ordinal = dict(zip(stages["stage_id"], stages["ordinal"]))
    rows = [r for r in csv_rows() if r["stage_id"] != "none_found"]
    out = {}
    for sid, o in ordinal.items():
        if sid == "listed":
            continue
        shown = {r["name_vi"] for r in rows if r["confidence"] in COUNTED and ordinal[r["stage_id"]] >= o}
        sure = {r["name_vi"] for r in rows if r["confidence"] == "confirmed" and ordinal[r["stage_id"]] >= o}
        out[sid] = (len(shown), len(sure))
    return out


def test_the_file_is_what_its_readme_says():
    rows = csv_rows()
    found = [r for r in rows if r["stage_id"] != "none_found"]
    assert len(rows) == 62 and len(found) == 32 and len({r["name_vi"] for r in found}) == 21
    assert [sum(r["confidence"] == c for r in found) for c in ("confirmed", "likely", "uncertain")] == [11, 12, 9]


def test_shipped_evidence_gives_exactly_the_confirmed_and_likely_counts_per_stage(built_snap):
    snap = built_snap
    status = status_at(snap.platform_event, snap.stage, snap.platform_current, "shared-2025", date.today())
    sure = status_at(snap.platform_event, snap.stage, snap.platform_current, "shared-2025", date.today(), CONFIRMED)
    counts = stage_counts(status, snap.stage, 4, sure).set_index("stage_id")
    assert (counts.at["listed", "reached"], counts.at["listed", "confirmed"]) == (55, 55)
    for sid, (shown, confirmed) in expected_counts(snap.stage).items():
        assert (counts.at[sid, "reached"], counts.at[sid, "confirmed"]) == (shown, confirmed), sid


def test_events_carry_their_evidence_and_none_found_is_a_search_not_an_event(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    ev = con.execute("SELECT * FROM platform_event_current WHERE origin = 'public_evidence'").df()
    searches = con.execute("SELECT * FROM evidence_search").df()
    log = con.execute("SELECT kind, actor, file_name FROM import_log WHERE import_id = ?",
                      [int(ev["import_id"].iloc[0])]).fetchall()
    con.close()
    assert len(ev) == 32 and ev["source_url"].str.startswith("http").all() and ev["source_publisher"].notna().all()
    assert ev["quote"].notna().all() and set(ev["added_by"]) == {"build"} and ev["evidence_key"].is_unique
    assert log == [("progress", "build", "data/reference/progress_evidence.csv")]
    by_row = Counter((r["stage_id"], r["confidence"]) for r in csv_rows() if r["stage_id"] != "none_found")
    assert Counter(zip(ev["stage_id"], ev["confidence"])) == by_row        # every row, as it is in the file
    ndxp = ev[(ev["platform_name"] == "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia") & (ev["stage_id"] == "operation")]
    assert (str(ndxp["event_date"].iloc[0].date()), ndxp["date_basis"].iloc[0]) == ("2022-09-30", "by_source")
    none = searches[~searches["found"]]
    assert len(none) == 30 and set(none["searched_on"].astype(str)) == {"2026-11-29"}
    assert len(searches) == 51 and searches["platform_key"].is_unique


def test_uncertain_evidence_is_in_the_table_but_not_in_any_status(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    (stage,), = con.execute("SELECT stage_id FROM platform_status_current WHERE name = 'Cổng dữ liệu quốc gia'").fetchall()
    n, = con.execute("SELECT count(*) FROM platform_event_current WHERE confidence = 'uncertain'").fetchone()
    con.close()
    assert stage == "listed" and n == 9     # its only evidence (MIC's data.gov.vn of 2020) is a name collision


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_marking_steps_uncertain_is_the_same_as_removing_them(built_snap, data):
    """Whatever steps are uncertain, the figures are those of the events without them."""
    snap = built_snap
    ev = snap.platform_event
    steps = ev.index[ev["stage_id"] != "listed"].tolist()
    chosen = data.draw(st.lists(st.sampled_from(steps), unique=True, max_size=len(steps)))
    on = data.draw(st.dates(date(2025, 9, 1), date(2026, 11, 29)))
    marked = ev.assign(confidence=ev["confidence"].where(~ev.index.isin(chosen), "uncertain"))
    removed = marked[marked["confidence"] != "uncertain"]
    a = stage_counts(status_at(marked, snap.stage, snap.platform_current, "shared-2025", on), snap.stage)
    b = stage_counts(status_at(removed, snap.stage, snap.platform_current, "shared-2025", on), snap.stage)
    assert a.equals(b)


def test_a_ministry_file_adds_to_the_evidence_and_the_two_are_told_apart(db):
    before = snapshot_of(db).platform_event
    ingest_progress_file(DEMO.open("rb"), DEMO.name, db, "shared-2025", today=date(2026, 11, 21), user=ADMIN)
    after = snapshot_of(db).platform_event
    evidence = lambda df: df[df["origin"] == "public_evidence"].drop(columns="import_id")  # noqa: E731
    assert evidence(after).reset_index(drop=True).equals(evidence(before).reset_index(drop=True))
    ministry = after[after["origin"] == "progress_file"]
    assert len(ministry) == 9 and set(ministry["confidence"]) == {"confirmed"} and ministry["source_url"].isna().all()
    assert ministry["source"].str.startswith(DEMO.name).all()
    # the Government Office's portal: operating since 2019 on public evidence, and in the (demo) ministry file
    npsp = after[(after["platform_key"] == key("Cổng Dịch vụ công quốc gia")) & (after["stage_id"] == "operation")]
    assert sorted(npsp["origin"]) == ["progress_file", "public_evidence"]


def test_dates_the_evidence_gives_partly():
    searched = date(2026, 11, 29)
    assert event_day("2025-06-25", None, searched) == (date(2025, 6, 25), "day")
    assert event_day("2025-12", "2025-12-25", searched) == (date(2025, 12, 31), "month")
    assert event_day(None, "2022-09", searched) == (date(2022, 9, 30), "by_source")
    assert event_day(None, None, searched) == (searched, "by_search")


def test_an_identified_official_name_matches_a_progress_row_and_the_list_keeps_its_name(built_db):
    from actions.ingest import preview_progress
    from tests.files import csv_bytes
    head = ["Tên nền tảng", "Giai đoạn", "Ngày hoàn thành", "Hạn hoàn thành", "Số văn bản", "Ghi chú"]
    data = csv_bytes([head, ["SÀN GIAO DỊCH VIỆC LÀM QUỐC GIA", "Đưa vào vận hành", "12/09/2025", "", "", ""],
                      ["Cổng thông tin một cửa quốc gia", "Kết nối NDXP", "01/10/2025", "", "", ""]])
    parsed, *_ = preview_progress(__import__("io").BytesIO(data), built_db, "shared-2025", date(2026, 11, 21))
    assert [e["platform_name"] for e in parsed.events] == ["Hệ thống dịch vụ việc làm quốc gia", "Cơ chế một cửa quốc gia"]
    assert [w.code for w in parsed.warnings] == ["alias_matched", "alias_matched"] and not parsed.pending
    con = duckdb.connect(str(built_db), read_only=True)
    aliases = con.execute("SELECT platform_name, alias, basis, source_url FROM platform_alias ORDER BY 1").fetchall()
    names = {r[0] for r in con.execute("SELECT name FROM platform_current WHERE list_id = 'shared-2025'").fetchall()}
    con.close()
    assert {a[1] for a in aliases} >= {"Sàn giao dịch việc làm quốc gia", "Cổng thông tin một cửa quốc gia"}
    assert all(a[2] == "identified" and a[3].startswith("http") for a in aliases)
    assert "Sàn giao dịch việc làm quốc gia" not in names and "Hệ thống dịch vụ việc làm quốc gia" in names


def test_evidence_of_platforms_no_longer_listed_is_not_shown(db):
    import io

    from actions.ingest import ingest_file
    from tests.files import HEADER, csv_bytes
    from views.evidence import evidence_table, no_evidence
    ingest_file(io.BytesIO(csv_bytes([HEADER, [1, "Cổng Dịch vụ công quốc gia", "Văn phòng Chính phủ"],
                                      [2, "Nền tảng mới hoàn toàn", "Bộ Tài chính"]])), "v2.csv", db, "shared-2025",
                user=ADMIN)
    snap = snapshot_of(db)
    assert no_evidence(snap, "shared-2025", None, "vi").empty
    shown = evidence_table(snap, "shared-2025", None, "vi", True)
    assert set(shown["Tên nền tảng"]) == {"Cổng Dịch vụ công quốc gia"} and len(shown) == 2
    status = status_at(snap.platform_event, snap.stage, snap.platform_current, "shared-2025", date(2026, 11, 29))
    assert dict(zip(status["name"], status["stage_id"])) == {"Cổng Dịch vụ công quốc gia": "operation",
                                                             "Nền tảng mới hoàn toàn": "listed"}
