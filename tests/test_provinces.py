"""Provinces: departments -> line ministries, list registration, the 2025 merger roll-up,
adoption files."""
from __future__ import annotations

import io
import json
import re
from datetime import date

import duckdb
import pytest

from actions.__main__ import main
from actions.build import build
from actions.commits import register_list, review_match
from actions.ingest import ingest_adoption_file
from actions.register import Registration
from analysis import provinces
from loaders.adoption import parse_adoption
from loaders.messages import LoaderError
from loaders.parse import parse_list
from loaders.paths import DATA_DIR
from store.catalog import body_index, province_index
from tests.conftest import snapshot_of
from tests.files import ADMIN, csv_bytes
from tests.test_overlap import NGHE_AN, overlap


# --- departments -> line ministries -------------------------------------------------------
def parse_provincial(rows, built_db, as_of=date(2025, 8, 8)):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        bodies = body_index(con)
    finally:
        con.close()
    return parse_list(io.BytesIO(csv_bytes(rows)), bodies, as_of, "provincial")


def test_departments_map_to_their_line_ministry_and_are_kept_as_written(built_db):
    parsed = parse_provincial([
        ["STT", "Tên hệ thống", "Cơ quan quản lý"],
        [1, "Hệ thống A", "Sở Tài chính tỉnh Nghệ An"],
        [2, "Hệ thống B", "Sở Y tế"],
        [3, "Hệ thống C", "Văn phòng UBND tỉnh"],
        [4, "Hệ thống D", "Sở Kế hoạch và Đầu tư"],
        [5, "Hệ thống E", "so giao duc va dao tao"],
        [6, "Hệ thống F", "Ban Quản lý dự án đầu tư xây dựng"],
        [7, "Hệ thống G", "Bộ Công an"],
    ], built_db)
    assert parsed.rejected == []
    got = {r["name"]: (r["ministry_code"], r["written_body_code"], r["ministry_as_written"]) for r in parsed.rows}
    assert got == {
        "Hệ thống A": ("MOF", "MOF", "Sở Tài chính tỉnh Nghệ An"),
        "Hệ thống B": ("MOH", "MOH", "Sở Y tế"),
        "Hệ thống C": ("GO", "GO", "Văn phòng UBND tỉnh"),
        "Hệ thống D": ("MOF", "MPI", "Sở Kế hoạch và Đầu tư"),        # MPI merged into MOF on 2025-03-01
        "Hệ thống E": ("MOET", "MOET", "so giao duc va dao tao"),
        "Hệ thống F": (None, None, "Ban Quản lý dự án đầu tư xây dựng"),
        "Hệ thống G": ("MPS", "MPS", "Bộ Công an"),
    }
    assert [w.code for w in parsed.warnings] == ["department_unknown"]
    assert "rows 7" in parsed.warnings[0].text("en") and "Ban Quản lý dự án" in parsed.warnings[0].text("en")


def test_a_department_before_the_mergers_keeps_its_ministry(built_db):
    parsed = parse_provincial([["Tên hệ thống", "Đơn vị quản lý"], ["Hệ thống A", "Sở Kế hoạch và Đầu tư"]],
                              built_db, as_of=date(2024, 6, 1))
    assert parsed.rows[0]["ministry_code"] == "MPI"


def test_a_provincial_list_without_a_department_column_is_valid(built_db):
    parsed = parse_provincial([["STT", "Tên nền tảng", "Lĩnh vực"], [1, "Hệ thống A", "y tế"], [2, "Hệ thống B", ""]],
                              built_db)
    assert [(r["name"], r["ministry_code"]) for r in parsed.rows] == [("Hệ thống A", "MOH"), ("Hệ thống B", None)]
    assert parsed.rejected == [] and parsed.warnings == []


# --- registration -------------------------------------------------------------------------
def test_register_then_ingest_from_the_cli(db, capsys):
    assert main(["register", "province-42-2026", "--kind", "provincial", "--province", "42", "--title",
                 "Danh mục nền tảng dùng chung tỉnh Hà Tĩnh", "--date", "2026-01-15", "--issuer", "UBND tỉnh Hà Tĩnh",
                 "--document-no", "12/QĐ-UBND", "--db", str(db)]) == 0
    assert "registered province-42-2026" in capsys.readouterr().out
    path = db.parent / "ha-tinh.csv"
    path.write_bytes(csv_bytes([["STT", "Tên hệ thống", "Cơ quan quản lý"],
                                [1, "Trục liên thông văn bản tỉnh Hà Tĩnh", "Văn phòng UBND tỉnh"],
                                [2, "Cổng Dịch vụ công quốc gia", ""]]))
    assert main(["ingest", str(path), "--list", "province-42-2026", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["rows_loaded"] == 2
    rows = overlap(db)
    rows = rows[rows["list_id"] == "province-42-2026"].set_index("name")
    assert rows.at["Trục liên thông văn bản tỉnh Hà Tĩnh", "classification"] == "possible_duplicate"
    assert rows.at["Cổng Dịch vụ công quốc gia", "classification"] == "uses_central"
    con = duckdb.connect(str(db), read_only=True)
    meta = con.execute("SELECT kind, province_code, issuer_name, document_no, issued_on FROM platform_list "
                       "WHERE list_id = 'province-42-2026'").fetchone()
    con.close()
    assert meta == ("provincial", "42", "UBND tỉnh Hà Tĩnh", "12/QĐ-UBND", date(2026, 1, 15))


def test_an_unknown_list_says_how_to_register_it(db, capsys, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(csv_bytes([["Tên nền tảng"], ["A"]]))
    assert main(["ingest", str(path), "--list", "province-42-2026", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "unknown list 'province-42-2026'" in err and "python -m actions register province-42-2026 --kind" in err


@pytest.mark.parametrize("reg, message", [
    (Registration("Tỉnh 42", "provincial", "T", date(2026, 1, 1), province_code="42"), "not a valid list id"),
    (Registration("shared-2025", "shared", "T", date(2026, 1, 1)), "already registered"),
    (Registration("p-42", "provincial", "T", date(2026, 1, 1)), "needs its province"),
    (Registration("p-45", "provincial", "T", date(2026, 1, 1), province_code="45"), "no province with code '45' on 2026-01-01 (34"),
    (Registration("p-99", "provincial", "T", date(2024, 1, 1), province_code="99"), "(63 provinces then)"),
    (Registration("n-1", "shared", "T", date(2026, 1, 1), province_code="40"), "only a provincial list"),
    (Registration("n-2", "regional", "T", date(2026, 1, 1)), "not a list kind"),
    (Registration("n-3", "shared", "  ", date(2026, 1, 1)), "needs a title"),
])
def test_registration_refusals_change_nothing(db, reg, message):
    before = db.read_bytes()
    with pytest.raises(LoaderError, match=re.escape(message)):
        register_list(db, reg, user=ADMIN)
    assert db.read_bytes() == before


def test_a_registered_list_and_reviews_survive_a_rebuild(db):
    register_list(db, Registration("province-42-2026", "provincial", "Hà Tĩnh", date(2026, 1, 1), province_code="42"), user=ADMIN)
    row = overlap(db).query("classification == 'possible_duplicate'").iloc[0]
    review_match(db, list_id=row.list_id, name_key=row.name_key, central_list_id=row.central_list_id,
                 central_key=row.central_key, decision="dismiss", user=ADMIN, note="khác")
    build(db)
    snap = snapshot_of(db)
    assert "province-42-2026" in set(snap.platform_list["list_id"])
    con = duckdb.connect(str(db), read_only=True)
    kept = con.execute("SELECT central_key, decision, decided_by, note FROM overlap_decision").fetchall()
    con.close()
    assert kept == [(row["central_key"], "dismiss", ADMIN.email, "khác")]
    again = snap.provincial_overlap.set_index("name").loc[row["name"]]
    assert again["central_key"] != row["central_key"]          # the dismissed match stays dismissed


# --- the 2025 merger ----------------------------------------------------------------------
def test_a_pre_merger_province_rolls_up_to_its_successor(db):
    # Quảng Bình (44 on the 63-province map) and the former Quảng Trị (45) are both in today's Quảng Trị (44).
    register_list(db, Registration("province-44-2024", "provincial", "Quảng Bình 2024", date(2024, 5, 1),
                                   province_code="44"), user=ADMIN)
    register_list(db, Registration("province-45-2024", "provincial", "Quảng Trị 2024", date(2024, 5, 1),
                                   province_code="45"), user=ADMIN)
    snap = snapshot_of(db)
    assert provinces.lists_of(snap.platform_list, snap.province_merger, "44") == ["province-44-2024", "province-45-2024"]
    assert provinces.lists_of(snap.platform_list, snap.province_merger, "45") == []      # 45 no longer exists
    assert provinces.former_names(snap.province_merger, "44") == ["Quảng Bình"]
    assert provinces.successor(snap.province_merger, "45") == "44"
    assert len(provinces.provinces_on(snap.province_2024, snap.province_2025, date(2025, 6, 30))) == 63
    assert len(provinces.provinces_on(snap.province_2024, snap.province_2025, date(2025, 7, 1))) == 34


# --- adoption -----------------------------------------------------------------------------
ADOPTION_HEADER = ["Tỉnh/thành phố", "Xã/phường", "Tên nền tảng", "Trạng thái", "Ngày cập nhật"]


def parse_adoption_rows(built_db, rows, today=date(2026, 1, 1)):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM platform_current WHERE list_id = 'shared-2025'").fetchall()]
        index = province_index(con)
    finally:
        con.close()
    return parse_adoption(io.BytesIO(csv_bytes([ADOPTION_HEADER, *rows])), names, index, today, "shared-2025")


def test_adoption_rows_are_checked_row_by_row(built_db):
    parsed = parse_adoption_rows(built_db, [
        ["Nghệ An", "", "Cổng Dịch vụ công quốc gia", "Đang sử dụng", "15/09/2025"],
        ["Tỉnh Hà Tĩnh", "Xã Thạch Hà", "cong dich vu cong quoc gia", "thí điểm", "2025-09-20"],
        ["40", "", "Trục liên thông văn bản quốc gia", "planned", "2025-10-01"],
        ["Quảng Bình", "", "Cổng Dịch vụ công quốc gia", "đang sử dụng", "15/03/2025"],
        ["Nghe Anh", "", "Cổng Dịch vụ công quốc gia", "đang sử dụng", "15/09/2025"],
        ["Nghệ An", "", "Cổng dịch vụ công tỉnh", "đang sử dụng", "15/09/2025"],
        ["Nghệ An", "", "Sàn dữ liệu", "tốt", "15/09/2025"],
        ["Nghệ An", "", "Sàn dữ liệu", "đang sử dụng", "15/09/2030"],
        ["Nghệ An", "", "Cổng Dịch vụ công quốc gia", "Đang sử dụng", "15/09/2025"],
    ])
    got = [(r["province_code"], r["current_province_code"], r["commune"], r["platform_name"], r["status"])
           for r in parsed.rows]
    assert got == [("40", "40", None, "Cổng Dịch vụ công quốc gia", "in_use"),
                   ("42", "42", "Xã Thạch Hà", "Cổng Dịch vụ công quốc gia", "piloting"),
                   ("40", "40", None, "Trục liên thông văn bản quốc gia", "planned"),
                   ("44", "44", None, "Cổng Dịch vụ công quốc gia", "in_use")]
    reasons = {row: m.text("vi") for row, m in parsed.rejected}
    assert "không có tỉnh 'Nghe Anh'" in reasons[6] and "Nghệ An" in reasons[6]
    assert "không có nền tảng 'Cổng dịch vụ công tỉnh'" in reasons[7] and "Cổng Dịch vụ công quốc gia" in reasons[7]
    assert "trạng thái 'tốt' không hợp lệ" in reasons[8]
    assert "ở tương lai" in reasons[9]
    assert "trùng với dòng 2" in reasons[10]
    assert [w.code for w in parsed.warnings] == ["province_rolled_up"] and "rows 5" in parsed.warnings[0].text("en")


def test_an_adoption_file_without_a_province_column_is_refused(built_db):
    with pytest.raises(LoaderError, match="needs province, platform, status and date columns"):
        parse_adoption(io.BytesIO(csv_bytes([["Tên nền tảng", "Trạng thái"], ["Sàn dữ liệu", "x"]])), ["Sàn dữ liệu"],
                       None, date(2026, 1, 1), "shared-2025")


def test_adoption_against_a_provincial_list_is_refused(db):
    with pytest.raises(LoaderError, match="is a provincial list"):
        ingest_adoption_file(io.BytesIO(csv_bytes([ADOPTION_HEADER])), "a.csv", db, NGHE_AN, user=ADMIN)


def test_the_demo_adoption_file_loads_as_demo_and_builds_the_matrix(db):
    sample = DATA_DIR / "samples" / "demo-adoption-shared-2025.csv"
    outcome = ingest_adoption_file(io.BytesIO(sample.read_bytes()), sample.name, db, "shared-2025", user=ADMIN,
                                   today=date(2026, 1, 1))
    assert (outcome.rows_loaded, outcome.rows_rejected) == (11, 0)
    snap = snapshot_of(db)
    assert snap.adoption_current["is_demo"].all()
    current = provinces.provinces_on(snap.province_2024, snap.province_2025, date(2026, 1, 1))
    matrix = provinces.adoption_matrix(snap.adoption_current, current)
    assert matrix.at["Nghệ An", "Cổng Dịch vụ công quốc gia"] == 3
    assert matrix.at["Hà Tĩnh", "Trục liên thông văn bản quốc gia"] == 0
    # Quảng Bình's March 2025 report counts for today's Quảng Trị, with Quảng Trị's own October row.
    assert matrix.at["Quảng Trị", "Cổng Dịch vụ công quốc gia"] == 3
    assert matrix.at["Quảng Trị", "Trục liên thông văn bản quốc gia"] == 1
    counts = provinces.adoption_counts(snap.adoption_current).set_index("current_province_code")
    assert counts.at["40", "communes"] == 1 and counts.at["40", "in_use"] == 4


def test_the_adoption_template_reads_back(db):
    from loaders.adoption_template import build_adoption_template
    from loaders.read import read_sheets
    from loaders.table import locate_table
    data = build_adoption_template(["Nghệ An", "Hà Tĩnh"], ["Sàn dữ liệu"], "55 nền tảng")
    table = locate_table(read_sheets(io.BytesIO(data)))
    assert {"province", "commune", "name", "status", "date"} <= set(table.columns)
    # the file (header only) parses: no rows, no error
    con = duckdb.connect(str(db), read_only=True)
    index = province_index(con)
    con.close()
    assert parse_adoption(io.BytesIO(data), ["Sàn dữ liệu"], index, date(2026, 1, 1), "shared-2025").rows == []
