"""Wide progress reports (a column per stage) as ministries send them, generated: one sheet per
ministry named after it with no body column (a summary sheet first or not), or one sheet with a
body column merged down each ministry's block (an .xlsx merged range, an HTML .xls rowspan) or
written on every row. Every sheet with the layout is read; every row of a merged block has its
block's body; a body taken from a sheet's name is said in a warning, as for lists."""
from __future__ import annotations

import io
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from actions import pipeline
from tests import outsider_imports as O
from tests.files import ADMIN
from tests.outsider_files import xlsx

MINISTRIES = {"MOF": ("Bộ Tài chính", "BTC", [O.THUE, O.NGAN_SACH, "Hệ thống hải quan số"]),
              "GO": ("Văn phòng Chính phủ", "VPCP", [O.DVC, O.TRUC, "Hệ thống thông tin báo cáo Chính phủ"]),
              "MOHA": ("Bộ Nội vụ", "BNV", [O.LUU_TRU, O.CAN_BO, "Nền tảng hợp đồng lao động điện tử"]),
              "MPS": ("Bộ Công an", "BCA", [O.DINH_DANH, "Sàn dữ liệu", "Trợ lý ảo quốc gia"])}
STAGES = [("plan", "Kế hoạch triển khai"), ("regulation", "Quy định chức năng"), ("architecture", "Kiến trúc"),
          ("operation", "Vận hành")]
CELLS = {"Đã ban hành {d}/3/2025": lambda d: date(2025, 3, d), "Hoàn thành ({d}/2025)": lambda d: _month_end(d),
         "{d}/9/2025": lambda d: date(2025, 9, d)}


def _month_end(m: int) -> date:
    return (date(2025, m + 1, 1) if m < 12 else date(2026, 1, 1)) - timedelta(days=1)


@st.composite
def reports(draw):
    codes = draw(st.lists(st.sampled_from(sorted(MINISTRIES)), min_size=1, max_size=3, unique=True))
    blocks = []
    for code in codes:
        names = draw(st.lists(st.sampled_from(MINISTRIES[code][2]), min_size=1, max_size=3, unique=True))
        rows = []
        for name in names:
            cells = draw(st.lists(st.sampled_from(["", *sorted(CELLS)]), min_size=len(STAGES), max_size=len(STAGES)))
            if not any(cells):
                cells[0] = "{d}/9/2025"
            days = [draw(st.integers(1, 12)) for _ in STAGES]
            rows.append((name, cells, days))
        blocks.append((code, draw(st.sampled_from([0, 1])), rows))      # the body written by name or abbreviation
    return {"blocks": blocks, "layout": draw(st.sampled_from(["sheets", "merged", "html", "every"])),
            "summary": draw(st.booleans())}


def _cell(form: str, d: int) -> str:
    return form.format(d=d) if form else ""


def _file(r: dict) -> tuple[str, bytes]:
    stage_heads = [h for _, h in STAGES]
    if r["layout"] == "sheets":
        sheets = [("Tổng hợp", [["Bộ", "Số nền tảng"], *[[MINISTRIES[c][0], str(len(rows))] for c, _, rows in r["blocks"]]])] \
            if r["summary"] else []
        for code, form, rows in r["blocks"]:
            body = [[str(i), name, *[_cell(f, d) for f, d in zip(cells, days)]] for i, (name, cells, days) in enumerate(rows, 1)]
            sheets.append((MINISTRIES[code][form], [["TT", "Tên nền tảng", *stage_heads], *body]))
        return "tien-do-theo-bo.xlsx", xlsx(*sheets)
    table, merges, n = [["TT", "Bộ chủ trì", "Tên nền tảng", *stage_heads]], [], 1
    for code, form, rows in r["blocks"]:
        top = len(table) + 1
        for i, (name, cells, days) in enumerate(rows):
            body = MINISTRIES[code][form] if i == 0 or r["layout"] == "every" else ""
            table.append([str(n), body, name, *[_cell(f, d) for f, d in zip(cells, days)]])
            n += 1
        if len(rows) > 1:
            merges.append((top, len(table), MINISTRIES[code][form]))
    if r["layout"] == "html":
        return "tien-do.xls", _html(table, merges)
    refs = [f"B{a}:B{b}" for a, b, _ in merges] if r["layout"] == "merged" else []
    return "tien-do.xlsx", xlsx(("Tiến độ", table), merges={"Tiến độ": refs})


def _html(table: list[list[str]], merges: list[tuple[int, int, str]]) -> bytes:
    """The table as a web portal exports it: the body cell once, with a rowspan over its block."""
    spans = {a: b - a + 1 for a, b, _ in merges}
    covered = {r for a, b, _ in merges for r in range(a + 1, b + 1)}
    out = ["<html><body><table>"]
    for r, row in enumerate(table, 1):
        cells = []
        for c, text in enumerate(row):
            if c == 1 and r in covered:
                continue
            span = f' rowspan="{spans[r]}"' if c == 1 and r in spans else ""
            cells.append(f"<td{span}>{text}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table></body></html>")
    return "".join(out).encode("utf-8")


def _planted(r: dict) -> list[tuple]:
    out = []
    for code, _, rows in r["blocks"]:
        for name, cells, days in rows:
            for (stage, _), form, d in zip(STAGES, cells, days):
                if form:
                    out.append((name, stage, CELLS[form](d), code))
    return sorted(out)


@given(reports())
@settings(max_examples=25, derandomize=True, database=None, deadline=None)
def test_every_sheet_is_read_and_every_row_of_a_block_has_its_body(built_db, r):
    name, data = _file(r)
    parsed = pipeline.preview(pipeline.KINDS["progress"], io.BytesIO(data), built_db, "shared-2025", user=ADMIN,
                              today=O.TODAY).parsed
    got = sorted((e["platform_name"], e["stage_id"], e["event_date"], e.get("body_code")) for e in parsed.events)
    assert got == _planted(r) and parsed.targets == [] and parsed.rejected == []
    codes = [w.code for w in parsed.warnings]
    several = r["layout"] == "sheets" and len(r["blocks"]) > 1
    assert codes.count("progress_wide_sheet" if several else "progress_wide") == (len(r["blocks"]) if several else 1)
    assert codes.count("body_from_sheet") == (len(r["blocks"]) if r["layout"] == "sheets" else 0)
    assert "progress_other_body" not in codes and "progress_body_unknown" not in codes


def test_a_platform_under_another_ministrys_merged_body_is_recorded_and_said(built_db):
    """A block merged "Bộ Tài chính" holding the National Public Service Portal (the Government
    Office's in the list): recorded for the portal, with a warning naming both bodies; a body not
    recognised is said too, and its row still recorded by the platform's name."""
    head = ["TT", "Bộ chủ trì", "Tên nền tảng", "Kế hoạch triển khai", "Vận hành"]
    rows = [head, ["1", "Bộ Tài chính", O.THUE, "Đã ban hành 15/3/2025", ""], ["2", "", O.DVC, "", "Hoàn thành 30/6/2025"],
            ["3", "Bộ Không Có", O.TRUC, "01/02/2025", ""]]
    data = xlsx(("S", rows), merges={"S": ["B2:B3"]})
    parsed = pipeline.preview(pipeline.KINDS["progress"], io.BytesIO(data), built_db, "shared-2025", user=ADMIN,
                              today=O.TODAY).parsed
    assert [(e["platform_name"], e.get("body_code")) for e in parsed.events] == [(O.THUE, "MOF"), (O.DVC, "MOF"),
                                                                                (O.TRUC, None)]
    [other] = [w for w in parsed.warnings if w.code == "progress_other_body"]
    assert other.params["rows"] == "3" and O.DVC in other.text("vi") and "Văn phòng Chính phủ" in other.text("en")
    [unknown] = [w for w in parsed.warnings if w.code == "progress_body_unknown"]
    assert unknown.params["written"] == "Bộ Không Có" and unknown.text("vi") != unknown.text("en")
