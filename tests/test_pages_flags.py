"""AppTest: an open correction shows where its record is shown (catalogue row, timeline, count
table, About's document line); once accepted the page shows the corrected value and its source."""
from __future__ import annotations

from actions.corrections import flag, resolve
from tests.test_recognition import ADMIN, VIEWER

PLATFORM = "shared-2025/Cổng dữ liệu quốc gia"


def _row(df, column, value):
    return df[df[column] == value].iloc[0]


def test_a_flagged_platform_is_marked_in_the_catalogue_then_shows_its_correction(writable_app, db):
    at = writable_app("pages/catalogue.py", clist="shared-2025")
    assert "Báo sai" not in at.dataframe[0].value.columns   # no open flag: no column
    fid = flag(db, target_kind="platform", target_ref=PLATFORM, note="Tên tiếng Anh sai", user=VIEWER)
    at = writable_app("pages/catalogue.py", clist="shared-2025")
    df = at.dataframe[0].value
    assert _row(df, "Tên nền tảng", "Cổng dữ liệu quốc gia")["Báo sai"] == "⚑ 1"
    assert set(df["Báo sai"]) == {"⚑ 1", ""}
    at = writable_app("pages/catalogue.py", clist="shared-2025", lang="en")
    assert _row(at.dataframe[0].value, "Platform name", "Cổng dữ liệu quốc gia")["Flags"] == "⚑ 1"
    resolve(db, flag_id=fid, resolution="accepted", reason="Đúng", changes={"name_en": "National Data Portal (NDP)"},
            user=ADMIN)
    at = writable_app("pages/catalogue.py", clist="shared-2025")
    df = at.dataframe[0].value
    assert "Báo sai" not in df.columns
    row = _row(df, "Tên nền tảng", "Cổng dữ liệu quốc gia")
    assert row["Tên tiếng Anh"] == "National Data Portal (NDP)" and row["Nguồn"] == f"correction #{fid}"


def test_a_flagged_platform_is_warned_on_its_timeline(writable_app, db):
    flag(db, target_kind="platform", target_ref=PLATFORM, note="x", user=VIEWER)
    at = writable_app("pages/shared_platforms.py")
    at.selectbox(key="timeline_platform").set_value("Cổng dữ liệu quốc gia").run()
    assert any("1 báo sai" in w.value for w in at.warning)


def test_a_flagged_count_is_marked_then_corrected_on_the_ministries_page(writable_app, db):
    fid = flag(db, target_kind="count", target_ref="national-2024/MOF", note="Số sai", user=VIEWER)
    at = writable_app("pages/ministries.py", list="national-2024")
    table = next(d.value for d in at.dataframe if "Mã" in d.value.columns)
    assert _row(table, "Mã", "MOF")["Báo sai"] == "⚑ 1" and _row(table, "Mã", "MPS")["Báo sai"] == ""
    resolve(db, flag_id=fid, resolution="accepted", reason="Đúng", changes={"count": "33"}, user=ADMIN)
    at = writable_app("pages/ministries.py", list="national-2024")
    table = next(d.value for d in at.dataframe if "Mã" in d.value.columns)
    assert "Báo sai" not in table.columns and int(_row(table, "Mã", "MOF")["Số nền tảng"]) == 33


def test_a_flagged_document_is_marked_on_the_about_page_then_says_it_was_corrected(writable_app, db):
    fid = flag(db, target_kind="document", target_ref="qd-2618-2025", note="Ngày sai", user=VIEWER)
    at = writable_app("pages/about.py", lang="en")
    lines = [m.value for m in at.markdown if "2618" in m.value]
    assert any("⚑ 1 open correction(s)" in line for line in lines)
    resolve(db, flag_id=fid, resolution="accepted", reason="Đúng", changes={"issued_on": "2025-10-16"}, user=ADMIN)
    at = writable_app("pages/about.py")
    text = "\n".join(m.value for m in at.markdown)
    assert "16/10/2025" in text and f"đã sửa theo báo sai #{fid}" in text and "⚑" not in text


def test_a_flagged_publication_status_is_marked_then_corrected_on_the_ministries_page(writable_app, db):
    fid = flag(db, target_kind="status", target_ref="national-2024/MOF", note="Đã công bố", user=VIEWER)
    at = writable_app("pages/ministries.py", list="national-2024", section="publication")
    table = next(d.value for d in at.dataframe if "Trạng thái" in d.value.columns)
    assert _row(table, "Bộ, ngành", "Bộ Tài chính")["Báo sai"] == "⚑ 1"
    assert set(table["Báo sai"]) == {"⚑ 1", ""}
    resolve(db, flag_id=fid, resolution="rejected", reason="Không sai", user=ADMIN)
    at = writable_app("pages/ministries.py", list="national-2024", section="publication")
    table = next(d.value for d in at.dataframe if "Trạng thái" in d.value.columns)
    assert "Báo sai" not in table.columns
