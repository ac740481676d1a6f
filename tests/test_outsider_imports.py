"""The outsider corpus for progress, adoption and recognition files (``tests/outsider_imports.py``):
each file loads exactly what was planted in it, rejects the rows planted with their reason, warns
where the import guessed, or is refused with one message; through the functions the import page
and the CLI use (``actions.pipeline``, ``actions.recognition_import``)."""
from __future__ import annotations

import io
from datetime import date, timedelta

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions import pipeline
from actions.recognition_import import import_file, template_csv
from loaders.dates import parse_period
from loaders.messages import LoaderError
from loaders.parse import parse_list
from loaders.progress import StageIndex, not_done
from tests import outsider_imports as O
from tests.files import ADMIN
from tests.test_parse import BODIES, D2024


def _preview(kind: str, data: bytes, db):
    return pipeline.preview(pipeline.KINDS[kind], io.BytesIO(data), db, "shared-2025", user=ADMIN, today=O.TODAY)


@pytest.mark.parametrize("case", sorted(O.PROGRESS_CASES))
def test_progress_file_gives_what_was_planted(built_db, case):
    _, data, want = O.PROGRESS_CASES[case]()
    if want.refused:
        with pytest.raises(LoaderError) as err:
            _preview("progress", data, built_db)
        assert err.value.message.code == want.refused
        return
    parsed = _preview("progress", data, built_db).parsed
    assert [(e["platform_name"], e["stage_id"], e["event_date"]) for e in parsed.events] == want.events
    assert [(t["platform_name"], t["stage_id"], t["target_date"]) for t in parsed.targets] == want.targets
    assert [(n, m.code) for n, m in parsed.rejected] == want.rejected
    assert [p["row_no"] for p in parsed.pending] == want.pending
    assert want.warnings <= {w.code for w in parsed.warnings}


@pytest.mark.parametrize("case", sorted(O.ADOPTION_CASES))
def test_adoption_file_gives_what_was_planted(built_db, case):
    _, data, want = O.ADOPTION_CASES[case]()
    if want.refused:
        with pytest.raises(LoaderError) as err:
            _preview("adoption", data, built_db)
        assert err.value.message.code == want.refused
        return
    parsed = _preview("adoption", data, built_db).parsed
    assert [(r["current_province_code"], r["commune"], r["platform_name"], r["status"], r["status_date"])
            for r in parsed.rows] == want.rows
    assert [(n, m.code) for n, m in parsed.rejected] == want.rejected
    assert want.warnings <= {w.code for w in parsed.warnings}


@pytest.mark.parametrize("case", sorted(O.LIST_CASES))
def test_list_layout_gives_what_was_planted(case):
    _, data, want = O.LIST_CASES[case]()
    parsed = parse_list(io.BytesIO(data), BODIES, D2024, "national_deployed")
    assert [(r["name"], r["ministry_code"]) for r in parsed.rows] == want
    assert parsed.rejected == []


@pytest.mark.parametrize("case", sorted(O.RECOGNITION_CASES))
def test_proposal_file_gives_what_was_planted(db, case):
    _, data, want = O.RECOGNITION_CASES[case]()
    report = import_file(db, io.BytesIO(data), want.kind, ADMIN, O.TODAY)
    assert [rows for rows, _ in report.loaded] == want.loaded
    assert [(n, m.code) for n, m in report.messages] == want.messages


def _proposal_with_criteria(db) -> dict[str, int]:
    head = template_csv("proposal").decode("utf-8")
    row = '"Nền tảng Z","MOF","state","","","shared-2025","01/03/2026","","",""\r\n'
    import_file(db, io.BytesIO((head + row).encode("utf-8")), "proposal", ADMIN, O.TODAY)
    con = duckdb.connect(str(db), read_only=True)
    try:
        p = con.execute("SELECT max(proposal_id) FROM recognition_proposal").fetchall()[0][0]
    finally:
        con.close()
    crit = [["Số đề xuất", "Số văn bản ban hành", "Ngày ban hành", "Nhóm (1-6)", "Tiêu chí", "Người dùng phổ biến (x)"],
            [str(p), "1/QĐ", "01/04/2026", "1", "Có chủ quản", ""], [str(p), "1/QĐ", "01/04/2026", "3", "Thị phần", "x"]]
    import_file(db, io.BytesIO(O.xlsx(("S", crit))), "criteria", ADMIN, O.TODAY)
    con = duckdb.connect(str(db), read_only=True)
    try:
        c1, c2 = [r[0] for r in con.execute(
            "SELECT criterion_no FROM recognition_criterion WHERE set_id = (SELECT max(set_id) FROM "
            "recognition_criteria_set) ORDER BY criterion_no").fetchall()]
    finally:
        con.close()
    return {"p": p, "c1": c1, "c2": c2}


@pytest.mark.parametrize("case", sorted(O.RECOGNITION_RECORD_CASES))
def test_criteria_and_assessment_files_give_what_was_planted(db, case):
    name, rows, want = O.RECOGNITION_RECORD_CASES[case]()
    data = O.recognition_file(name, rows, _proposal_with_criteria(db))
    report = import_file(db, io.BytesIO(data), want.kind, ADMIN, O.TODAY)
    assert [rows for rows, _ in report.loaded] == want.loaded
    assert [(n, m.code) for n, m in report.messages] == want.messages


# --- the classes of variants behind these files, generated ---------------------------------------

_MONTH_FORMS = ["tháng {m}/{y}", "Tháng {m}/{y}", "{m}/{y}", "{m:02d}/{y}", "tháng {m} năm {y}", "THÁNG {m}-{y}",
                "thang {m}/{y}", "{m}.{y}"]
_QUARTER_FORMS = ["Quý {r}/{y}", "quý {q}/{y}", "Q{q}/{y}", "Q{q}-{y}", "Quý {r} năm {y}", "QUÝ {r}/{y}", "quy {q} {y}"]
_YEAR_FORMS = ["{y}", "năm {y}", "Năm {y}"]


@given(st.integers(1, 12), st.integers(1990, 2030), st.sampled_from(_MONTH_FORMS))
@settings(max_examples=60, derandomize=True, database=None, deadline=None)
def test_a_month_reads_as_its_last_day(m, y, form):
    day = parse_period(form.format(m=m, y=y))
    assert (day.year, day.month) == (y, m) and (day + timedelta(days=1)).day == 1


@given(st.integers(1, 4), st.integers(1990, 2030), st.sampled_from(_QUARTER_FORMS))
@settings(max_examples=40, derandomize=True, database=None, deadline=None)
def test_a_quarter_reads_as_its_last_day(q, y, form):
    day = parse_period(form.format(q=q, r=["I", "II", "III", "IV"][q - 1], y=y))
    assert (day.year, day.month) == (y, 3 * q) and (day + timedelta(days=1)).day == 1


@given(st.integers(1990, 2030), st.sampled_from(_YEAR_FORMS))
@settings(max_examples=20, derandomize=True, database=None, deadline=None)
def test_a_year_reads_as_its_last_day(y, form):
    assert parse_period(form.format(y=y)) == date(y, 12, 31)


@pytest.mark.parametrize("text", ["15/3/2025", "13/2025", "Quý V/2025", "tháng 6", "abc", "", "2025-06"])
def test_what_is_not_a_period_is_not_read_as_one(text):
    assert parse_period(text) is None


_STAGES = [("plan", "kế hoạch"), ("regulation", "quy chế"), ("architecture", "kiến trúc"), ("investment", "đầu tư"),
           ("operation", "vận hành"), ("ndxp", "NDXP"), ("rollout", "tài khoản")]
_VERBS = ["Đã ban hành", "Hoàn thành", "Xây dựng", "Đã", "", "Phê duyệt"]


@given(st.lists(st.sampled_from(_STAGES), min_size=1, max_size=3, unique_by=lambda s: s[0]), st.sampled_from(_VERBS))
@settings(max_examples=60, derandomize=True, database=None, deadline=None)
def test_the_stage_written_first_is_taken_and_the_others_named(stages, verb):
    """A step described in words ("Đã ban hành Quy chế quản lý, vận hành") is the stage whose keyword
    comes first; the other stages it names are given back for the warning, never taken silently."""
    index = StageIndex(_stage_rows())
    text = " ".join([verb, *(f"{k} của nền tảng" if i == 0 else k for i, (_, k) in enumerate(stages))]).strip()
    stage, others = index.match(text)
    assert stage == stages[0][0]
    assert others == [s for s, _ in stages[1:]]


def _stage_rows() -> list[dict]:
    import csv

    from loaders.paths import DATA_DIR
    with (DATA_DIR / "reference" / "stages.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("status,done", [("Đang xây dựng", False), ("đang triển khai", False), ("Chưa thực hiện", False),
                                         ("Dự kiến", False), ("in progress", False), ("Đã ban hành", True),
                                         ("Hoàn thành", True), ("đã kết nối NDXP", True), ("", True)])
def test_a_status_saying_not_done_makes_the_date_a_target(status, done):
    assert not_done(status) is not done


def _counts(db) -> tuple:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT (SELECT count(*) FROM import_log), (SELECT count(*) FROM platform_event), "
                           "(SELECT count(*) FROM stage_target), (SELECT count(*) FROM adoption), "
                           "(SELECT count(*) FROM rejected_row)").fetchall()[0]
    finally:
        con.close()


NO_STAGE = O.xlsx(("Báo cáo", [["STT", "Tên nền tảng", "Kết quả", "Ghi chú"], ["1", O.DVC, "Tốt", ""]]))


@pytest.mark.parametrize("kind,name,data,code", [
    ("progress", "ket-qua.xlsx", NO_STAGE, "no_progress_column"),
    ("adoption", "ma-tran.xlsx", O.xlsx(("S", [["Tỉnh/thành phố", "Cột A", "Cột B"], ["Nghệ An", "x", ""]])),
     "no_header")])
def test_a_refused_file_stores_nothing(db, kind, name, data, code):
    before, content = _counts(db), db.read_bytes()
    with pytest.raises(LoaderError) as err:
        pipeline.ingest(pipeline.KINDS[kind], io.BytesIO(data), name, db, "shared-2025", user=ADMIN, today=O.TODAY)
    assert err.value.message.code == code and err.value.message.text("vi") != err.value.message.text("en")
    assert _counts(db) == before and db.read_bytes() == content


def test_a_ministry_report_is_stored_as_planted(db):
    """The letter-headed report through the CLI's path: the steps reached as events, the step in
    progress as a target, the partial dates at their period's end, nothing rejected."""
    name, data, want = O.progress_btc_letter()
    outcome = pipeline.ingest(pipeline.KINDS["progress"], io.BytesIO(data), name, db, "shared-2025", user=ADMIN,
                              today=O.TODAY)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (5, 0)
    con = duckdb.connect(str(db), read_only=True)
    try:
        events = con.execute("SELECT platform_name, stage_id, event_date FROM platform_event WHERE import_id = ? "
                             "ORDER BY event_id", [outcome.import_id]).fetchall()
        targets = con.execute("SELECT platform_name, stage_id, target_date FROM stage_target WHERE import_id = ?",
                              [outcome.import_id]).fetchall()
    finally:
        con.close()
    assert events == want.events and targets == want.targets


def test_the_adoption_template_filled_in_reads_only_its_rows(built_db):
    """The product's own template, one row filled: its drop-down sheet of provinces and platforms
    ("Danh mục") is not a report (it gave one rejected row per platform of the list)."""
    import openpyxl

    from loaders.adoption_template import build_adoption_template
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        provinces = [r[0] for r in con.execute("SELECT name_vi FROM province_2025 ORDER BY code").fetchall()]
        names = [r[0] for r in con.execute("SELECT name FROM platform_current WHERE list_id = 'shared-2025'").fetchall()]
    finally:
        con.close()
    book = openpyxl.load_workbook(io.BytesIO(build_adoption_template(provinces, names, "shared-2025")))
    for col, value in enumerate(["Nghệ An", None, O.DVC, "đang sử dụng", "15/09/2025"], start=1):
        book["Tình hình sử dụng"].cell(row=2, column=col, value=value)
    buf = io.BytesIO()
    book.save(buf)
    parsed = _preview("adoption", buf.getvalue(), built_db).parsed
    assert [(r["province_code"], r["platform_name"], r["status"]) for r in parsed.rows] == [("40", O.DVC, "in_use")]
    assert parsed.rejected == [] and parsed.sheet == "Tình hình sử dụng"


def _province_index():
    import csv

    from loaders.adoption import ProvinceIndex
    from loaders.paths import DATA_DIR
    ref = DATA_DIR / "reference"
    read = lambda name: list(csv.DictReader((ref / name).open(encoding="utf-8")))   # noqa: E731
    merger = {r["old_code"]: r["new_code"] for r in read("province_merger_2025.csv")}
    return ProvinceIndex(read("provinces_2024.csv"), read("provinces_2025.csv"), merger), read("provinces_2024.csv"), \
        read("provinces_2025.csv")


PROVINCES, BEFORE, AFTER = _province_index()


def _old_tone(text: str) -> str:
    """"Hòa" written "Hoà", "Khánh Hòa" as "Khánh Hoà": the tone on the last vowel (old style)."""
    for new, old in (("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"), ("ùy", "uỳ"), ("úy", "uý")):
        text = text.replace(new, old)
    return text


def _written(draw_name: str, form: str, unit_type: str) -> str:
    """A province's name as a report writes it: bare, with its kind ("Tỉnh", "Thành phố", "TP.",
    "T.", "(tỉnh)" after it), in capitals, without diacritics, with the old tone placement, padded."""
    import unicodedata
    kind = "Thành phố" if unit_type == "municipality" else "Tỉnh"
    return {"bare": draw_name, "full": f"{kind} {draw_name}", "short": f"{'TP.' if kind == 'Thành phố' else 'T.'} {draw_name}",
            "bracket": f"{draw_name} ({kind.lower()})", "upper": f"{kind} {draw_name}".upper(),
            "ascii": "".join(c for c in unicodedata.normalize("NFD", draw_name.replace("Đ", "D").replace("đ", "d"))
                             if not unicodedata.combining(c)),
            "old_tone": _old_tone(draw_name), "spaced": f"  {draw_name}  "}[form]


_FORMS = ["bare", "full", "short", "bracket", "upper", "ascii", "old_tone", "spaced"]


@given(st.sampled_from(AFTER), st.sampled_from(_FORMS), st.dates(date(2025, 7, 1), date(2026, 11, 29)))
@settings(max_examples=120, derandomize=True, database=None, deadline=None)
def test_a_province_after_the_merger_is_found_however_it_is_written(province, form, day):
    found = PROVINCES.resolve(_written(province["name_vi"], form, province["unit_type"]), day)
    assert found is not None and found[1] == province["code"]


@given(st.sampled_from(BEFORE), st.sampled_from(_FORMS), st.dates(date(2020, 1, 1), date(2025, 6, 30)))
@settings(max_examples=120, derandomize=True, database=None, deadline=None)
def test_a_province_before_the_merger_rolls_up_to_its_successor(province, form, day):
    """Any of the 63, written any way, on a date before 1 July 2025: the province of that map, and
    the one it became."""
    found = PROVINCES.resolve(_written(province["name_vi"], form, province["unit_type"]), day)
    assert found is not None and found[0] == province["code"] and found[1] == PROVINCES.merger[province["code"]]
