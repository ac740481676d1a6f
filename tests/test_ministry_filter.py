"""The sidebar's ministry filter: one state in codes, whatever language its labels are in."""
from datetime import date

from analysis.lineage import filter_order, roster


def test_current_bodies_first_in_vietnamese_order_then_former_ones(built_snap):
    order = filter_order(built_snap.body, date(2026, 1, 1))
    current = set(roster(built_snap.body, date(2026, 1, 1))["code"])
    flags = [c for _, c in order]
    assert flags == sorted(flags, reverse=True)                  # every current body before any former one
    assert {c for c, now in order if now} == current and len(order) == len(built_snap.body)
    names = dict(zip(built_snap.body["code"], built_snap.body["name_vi"]))
    now = [names[c] for c, is_now in order if is_now]
    # Vietnamese collation: "Bộ ..." before "Đài ..." (Đ after D), "Văn phòng" near the end, "Ủy ban" after "U"
    assert now.index("Bộ Tài chính") < now.index("Đài Tiếng nói Việt Nam") < now.index("Văn phòng Chính phủ")


def test_the_filter_keeps_its_codes_across_a_language_switch_and_pages(app):
    at = app("pages/ministries.py", list="national-2024")
    box = at.multiselect(key="ministry_pick")
    mof = next(o for o in box.options if o.startswith("Bộ Tài chính (MOF)"))
    assert "bo tai chinh" in mof                                  # typing without diacritics finds it
    assert any(o.endswith("— cơ quan cũ") and "(MPI)" in o for o in box.options)
    assert "Select all" not in str(box.proto)
    box.select("MOF").run()
    assert at.session_state["ministry"] == ["MOF"] and at.query_params["ministry"] in ("MOF", ["MOF"])
    at.segmented_control(key="lang").set_value("en").run()
    box = at.multiselect(key="ministry_pick")
    assert box.value == ["MOF"] and at.session_state["ministry"] == ["MOF"]
    assert any(o.startswith("Ministry of Finance (MOF)") for o in box.options)
    assert at.info[0].value.startswith("Filtered to: Ministry of Finance")
    at.switch_page("pages/overview.py").run()
    assert at.multiselect(key="ministry_pick").value == ["MOF"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["platforms (July 2024) of the chosen ministries"] == "38"
    assert metrics["shared platforms (2025) of the chosen ministries"] == "10"


def test_a_former_body_says_where_its_platforms_went(app):
    at = app("pages/overview.py", ministry="CEMA")
    assert "Ủy ban Dân tộc không còn từ 28/02/2025" in at.info[0].value
    assert "Bộ Dân tộc và Tôn giáo" in at.info[0].value
    assert "Không có nền tảng nào của bộ, ngành đã chọn trong biểu đồ này." in [i.value for i in at.info]
