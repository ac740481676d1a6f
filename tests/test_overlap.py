"""Overlap with the centre: real Nghệ An names and made-up local ones against the 55, the
reviewers' decisions, the province figures."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.commits import review_match
from analysis import provinces
from analysis.overlap import match
from loaders.messages import LoaderError
from tests.files import ADMIN

NGHE_AN = "province-40-2025"
MOST_PLATFORMS = {"Nền tảng số quốc gia quản lý khoa học, công nghệ và đổi mới sáng tạo",
                  "Hệ thống thông tin quốc gia về khoa học, công nghệ và đổi mới sáng tạo"}


def overlap(path) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT * FROM provincial_overlap ORDER BY list_id, row_no").df()
    finally:
        con.close()


def central(built_snap) -> pd.DataFrame:
    cur = built_snap.platform_current
    return cur[cur["list_id"] == "shared-2025"][["list_id", "name", "name_key", "ministry_code"]]


def classify(built_snap, names: list[str], codes: list[str | None] | None = None) -> dict[str, tuple]:
    local = pd.DataFrame({"list_id": NGHE_AN, "name": names, "name_key": names,
                          "ministry_code": codes or [None] * len(names)})
    found = match(local, central(built_snap), {NGHE_AN: ("Nghệ An",)})
    best = found[found["rank"] == 1].set_index("name")
    return {n: (best.at[n, "machine_class"], best.at[n, "central_name"]) if n in best.index else ("local_only", None)
            for n in names}


# --- matching: the Nghệ An list as shipped, against the 55 ---------------------------------
def test_nghe_an_list_against_the_central_lists(built_db):
    rows = overlap(built_db).set_index("name")
    assert len(rows) == 8
    assert rows.at["Cổng Dịch vụ công quốc gia", "classification"] == "uses_central"
    assert rows.at["Cổng Dịch vụ công quốc gia", "central_ministry_code"] == "GO"
    science = rows.loc["Cơ sở dữ liệu ngành khoa học và công nghệ tỉnh Nghệ An"]
    assert (science["classification"], science["status"], science["line_ministry_code"]) == (
        "possible_duplicate", "proposed", "MOST")
    assert science["central_name"] in MOST_PLATFORMS and science["central_ministry_code"] == "MOST"
    local = rows[rows["classification"] == "local_only"].index
    assert sorted(local) == sorted([
        "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Nghệ An", "Hệ thống thư điện tử công vụ",
        "Hệ thống quản lý, khai thác cơ sở dữ liệu số ngành công thương tỉnh Nghệ An",
        "Hệ thống quản lý, khai thác cơ sở dữ liệu số ngành nông nghiệp và môi trường",
        "Cơ sở dữ liệu ngành y tế", "Phần mềm quản lý chấp thuận chủ trương đầu tư dự án ngoài ngân sách"])


@pytest.mark.parametrize("name", [
    "Hệ thống quản lý bến xe khách tỉnh Nghệ An",
    "Phần mềm quản lý nhà văn hoá xã",
    "Hệ thống quản lý văn bản và điều hành",
    "Cổng thông tin du lịch xứ Nghệ",
    "Phần mềm quản lý chấp thuận chủ trương đầu tư dự án ngoài ngân sách",
    "Hệ thống camera giám sát giao thông thành phố Vinh",
])
def test_made_up_local_systems_stay_local_only(built_snap, name):
    assert classify(built_snap, [name])[name] == ("local_only", None)


@pytest.mark.parametrize("name, expected", [
    ("NEN TANG DINH DANH VA XAC THUC DIEN TU", "Nền tảng định danh và xác thực điện tử"),        # case, no marks
    ("Xác thực và định danh điện tử (nền tảng)", "Nền tảng định danh và xác thực điện tử"),     # word order
    ("Hệ thống  tích hợp,chia sẻ dữ liệu quốc gia", "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia"),  # spacing
    ("Nền tảng cơ sở dữ liệu quốc gia về di sản văn hoá", "Nền tảng cơ sở dữ liệu quốc gia về di sản văn hóa"),  # hoá/hóa
])
def test_the_central_platform_written_differently_is_uses_central(built_snap, name, expected):
    assert classify(built_snap, [name])[name] == ("uses_central", expected)


@pytest.mark.parametrize("name, expected", [
    ("Trục liên thông văn bản tỉnh Nghệ An", "Trục liên thông văn bản quốc gia"),
    ("Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Nghệ An (LGSP)", "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia"),
    ("Hệ thống thông tin báo cáo tỉnh Nghệ An", "Hệ thống thông tin báo cáo Chính phủ"),
    ("Hệ thống quản lý hồ sơ cán bộ, công chức, viên chức tỉnh", "Nền tảng quốc gia quản lý cán bộ, công chức, viên chức"),
])
def test_a_local_version_of_a_central_platform_is_a_possible_duplicate(built_snap, name, expected):
    assert classify(built_snap, [name])[name] == ("possible_duplicate", expected)


def test_the_managing_sector_moves_the_score(built_snap):
    name = "Cơ sở dữ liệu ngành khoa học và công nghệ tỉnh Nghệ An"
    assert classify(built_snap, [name])[name][0] == "local_only"
    assert classify(built_snap, [name], ["MOST"])[name][0] == "possible_duplicate"
    assert classify(built_snap, [name], ["MOH"])[name][0] == "local_only"


# --- reviews ------------------------------------------------------------------------------
def test_a_dismissed_match_becomes_local_only_and_a_confirmed_one_stays(db):
    science = "Cơ sở dữ liệu ngành khoa học và công nghệ tỉnh Nghệ An"
    row = overlap(db).set_index("name").loc[science]
    args = dict(list_id=row["list_id"], name_key=row["name_key"], central_list_id=row["central_list_id"],
                central_key=row["central_key"])
    review_match(db, **args, decision="confirm", user=ADMIN, note="trùng một phần")
    after = overlap(db).set_index("name").loc[science]
    assert (after["classification"], after["review"], after["decided_by"]) == ("possible_duplicate", "confirmed", ADMIN.email)
    review_match(db, **args, decision="dismiss", user=ADMIN)       # the latest decision counts
    after = overlap(db).set_index("name").loc[science]   # the next candidate now waits for review
    assert (after["central_name"], after["review"]) == ((MOST_PLATFORMS - {row["central_name"]}).pop(), "pending")
    review_match(db, **{**args, "central_key": after["central_key"]}, decision="dismiss", user=ADMIN)
    after = overlap(db).set_index("name").loc[science]
    assert (after["classification"], after["review"]) == ("local_only", "dismissed")
    assert provinces.figures(overlap(db))["proposed_overlap"] == 0


def test_a_decision_needs_an_existing_candidate(db):
    before = db.read_bytes()
    with pytest.raises(LoaderError, match="no longer a candidate"):
        review_match(db, list_id=NGHE_AN, name_key="x", central_list_id="shared-2025", central_key="y",
                     decision="confirm", user=ADMIN)
    with pytest.raises(LoaderError, match="not a decision"):
        review_match(db, list_id=NGHE_AN, name_key="x", central_list_id="shared-2025", central_key="y",
                     decision="approve", user=ADMIN)
    assert db.read_bytes() == before


def test_province_figures_for_nghe_an(built_snap):
    rows = built_snap.provincial_overlap
    assert provinces.figures(rows) == {"platforms": 8, "central_in_use": 1, "awaiting_review": 1, "proposed_overlap": 1}
    queue = provinces.review_queue(rows)
    assert list(queue["name"])[:1] == ["Cơ sở dữ liệu ngành khoa học và công nghệ tỉnh Nghệ An"]  # proposed first



def _sql_and_python(names: list[str], places: tuple[str, ...] = ("Nghệ An", "Hà Tĩnh")):
    """What the database's SQL and ``prepare`` make of ``names``, as central names and as the
    platforms of a provincial list whose province goes by ``places``."""
    from analysis.overlap import prepare, prepared_in_sql
    frame = pd.DataFrame({"list_id": NGHE_AN, "name": names, "name_key": [f"k{i}" for i in range(len(names))],
                          "ministry_code": None})
    central_sql, local_sql = prepared_in_sql(frame, frame.assign(list_id="shared-2025"), {NGHE_AN: places})
    central_py = [prepare(n).words | prepare(n).pairs for n in names]
    local_py = [(prepare(n, places).words | prepare(n, places).pairs, prepare(n, places).local_marker) for n in names]
    return (central_sql, local_sql), (central_py, local_py)


def test_the_sql_preparation_of_names_equals_prepare(built_snap):
    """The database prepares names in SQL; it must give what ``prepare`` gives, on both sides."""
    names = list(built_snap.platform_current["name"]) + [
        "Nền tảng ngân sách tỉnh", "Hệ thống  số hoá cấp tỉnh", "Trung tâm tính toán", "và", "Hệ thống", "A-B (C)/D",
        "Cổng thông tin điện tử tỉnh Nghệ An", "Hệ thống TP Hà Tĩnh và Nghệ An", "Dịch vụ công Nghệ Anh"]
    sql, python = _sql_and_python(names)
    assert sql == python
    assert sql[1][-3][1] and sql[1][-2][1] and not sql[1][-1][1]   # the province's name marks a local system


WORDS = ["hệ", "thống", "nền", "tảng", "quốc", "gia", "dữ", "liệu", "tỉnh", "thành", "phố", "cấp", "và", "số",
         "hoá", "định", "danh", "dùng", "chung", "tính", "toán", "-", "(", ")", "Nghệ", "An", "  ", "Hà", "Tĩnh", "TP"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=9).map(" ".join), min_size=1, max_size=6))
def test_the_sql_preparation_equals_prepare_for_any_mix_of_words(names):
    sql, python = _sql_and_python(names)
    assert sql == python


def test_the_sql_settings_and_patterns_are_the_python_ones():
    from analysis import overlap as method
    no_names = pd.DataFrame(columns=["list_id", "name", "name_key", "ministry_code"])
    con = method._connect(no_names, no_names, {})
    try:
        settings_row = con.execute("SELECT * FROM overlap_setting").df().iloc[0].to_dict()
    finally:
        con.close()
    assert settings_row == {"uses_central": method.USES_CENTRAL, "possible": method.POSSIBLE,
                            "same_sector": method.SAME_SECTOR, "other_sector": method.OTHER_SECTOR,
                            "candidates": method.CANDIDATES}
    sql = method.OVERLAP_SQL.read_text(encoding="utf-8")
    assert f"'{method._GENERIC_RE.pattern}'" in sql and f"'{method._LOCAL_TAIL.pattern}'" in sql


def test_the_database_folds_every_province_name_like_fold(built_db):
    from loaders.text import fold
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT old_name_vi FROM province_merger UNION "
                                           "SELECT new_name_vi FROM province_merger").fetchall()]
        folded = [r[0] for r in con.execute("SELECT fold_place(n) FROM unnest(?) t(n)", [names]).fetchall()]
    finally:
        con.close()
    assert len(names) >= 63 and folded == [fold(n) for n in names]
