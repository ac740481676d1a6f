"""A generator of list files laid out the way Vietnamese government appendices are (Hypothesis).

A ``Layout`` is drawn by ``layouts()``: an official-letter block and title rows, header wording
variants (qualifiers, punctuation, line breaks, case, English), column order, one- and two-row
headers, a "(1) (2) (3)" row, the managing body as a column, as section rows, merged down a block
or as the sheet's name, bodies written with their unit or as aliases, a summary sheet before the
detail, footers and signatures, blank rows, unknown bodies and repeated rows, a long name wrapped
onto a row of its own. ``render`` writes it
as .xlsx (or CSV where the layout allows) and says what loading it must give: the platforms and
bodies, the rejected rows planted, or the one refusal.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from loaders import legacy
from tests.layout_files import Sheet, csv_file, html_file, xlsx_file

# (as written, code, unit kept as written or None). All valid on the 2024 as-of date.
BODIES = [("Bộ Tài chính", "MOF", None), ("BCA", "MPS", None), ("bo tu phap", "MOJ", None),
          ("Bộ TT&TT", "MIC", None), ("Văn phòng Chính phủ", "GO", None), ("NHNN", "SBV", None),
          ("Bảo hiểm xã hội Việt Nam", "VSS", None), ("BHXH Việt Nam", "VSS", None), ("Bộ Y tế", "MOH", None),
          ("Ministry of Justice", "MOJ", None), ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "MOST", None), ("Bộ GD&ĐT", "MOET", None),
          ("Bộ Tài chính (Tổng cục Thuế)", "MOF", "Tổng cục Thuế"),
          ("BCA - Cục Cảnh sát QLHC về TTXH", "MPS", "Cục Cảnh sát QLHC về TTXH"),
          ("Văn phòng Chính phủ / Cục Kiểm soát TTHC", "GO", "Cục Kiểm soát TTHC"),
          ("Cục Tin học (Bộ Y tế)", "MOH", "Cục Tin học"),
          # as letters spell them: "&" for "và", the abbreviation run into "VN", a ministry's old name
          ("Bộ Khoa học & Công nghệ", "MOST", None), ("Bộ TT và TT", "MIC", None), ("NHNNVN", "SBV", None),
          ("Bộ Kế hoạch và Đầu tư", "MPI", None), ("Bộ Lao động – Thương binh và Xã hội", "MOLISA", None)]
# Bodies a sheet may be named after (Excel forbids / in sheet names; 31 characters at most).
SHEET_BODIES = [b for b in BODIES if "/" not in b[0] and len(b[0]) <= 31 and b[2] is None]
UNKNOWN_BODY = "Bộ Không Tồn Tại"
# A body column that names only the unit, under a section row naming the ministry.
UNITS = ["Tổng cục Thuế", "Cục Tin học", "Kho bạc Nhà nước", "Trung tâm Dữ liệu", "Vụ Kế hoạch - Tài chính"]
# "A", "B" rows grouping the list by kind of platform (not by body) above the sections.
GROUPS = ["NỀN TẢNG SỐ QUỐC GIA", "Nền tảng số dùng chung của ngành, lĩnh vực", "HỆ THỐNG THÔNG TIN, CƠ SỞ DỮ LIỆU",
          "Các nền tảng đề xuất mới"]
# A subtotal under a block: not a platform, not the end of the list.
SUBTOTALS = ["Cộng", "Cộng:", "Cộng ({n})", "Cộng: {n} nền tảng"]
# An instructions sheet before the list, explaining each column by its header.
GUIDE_SHEETS = ["Hướng dẫn", "HD", "Sheet1", "Giai thich"]

NAME_HEADERS = ["Tên nền tảng", "Tên nền tảng số", "Tên nền tảng, hệ thống thông tin", "Tên nền tảng số dùng chung",
                "Tên nền tảng số\n(hệ thống thông tin)", "Tên hệ thống thông tin", "Tên nền tảng số quốc gia",
                "Name of digital platform / information system", "Platform name", "Tên nền tảng/hệ thống",
                "Tên nền tảng số dùng chung của ngành, lĩnh vực", "Tên hệ thống của bộ, ngành",
                "name_vi", "Name (VI)"]   # the last two: a data export's columns
BODY_HEADERS = ["Cơ quan chủ quản", "Cơ quan\nchủ quản", "Đơn vị chủ quản\n(Bộ, ngành)", "Cơ quan chủ quản của nền tảng",
                "Bộ, ngành", "Bộ/ngành chủ quản", "Cơ quan, đơn vị chủ quản",
                "Đơn vị chủ quản", "Managing agency", "Cơ quan quản lý nền tảng", "Cơ quan chủ trì", "body_code",
                "Owner body"]
NUMBER_HEADERS = ["STT", "TT", "Số TT", "No.", "Số thứ tự"]
EXTRA_COLUMNS = {   # field -> (header variants, a value)
    "name_en": (["Tên tiếng Anh", "English name", "Tên nền tảng (tiếng Anh)", "name_en", "Name (EN)"],
                "Electronic records management"),
    "operator": (["Đơn vị vận hành", "Operator", "Cơ quan vận hành"], "Cục Chuyển đổi số"),
    "description": (["Mô tả", "Chức năng chính", "Description"], "Quản lý tập trung, dùng chung"),
    "note": (["Ghi chú", "Note"], "Triển khai toàn quốc"),
}
PREFIXES = ["Nền tảng", "Hệ thống", "Cơ sở dữ liệu", "Cổng", "Phần mềm", "Ứng dụng"]
TOPICS = ["quản lý hồ sơ", "dịch vụ công", "định danh điện tử", "thanh toán trực tuyến", "học liệu số", "giám sát",
          "quản lý văn bản", "khám chữa bệnh"]
TITLES = [["DANH MỤC NỀN TẢNG SỐ DÙNG CHUNG"],
          ["(Kèm theo Quyết định số 2618/QĐ-BKHCN ngày 11 tháng 9 năm 2025 của Bộ trưởng Bộ Khoa học và Công nghệ)"],
          ["Phụ lục I"], ["DANH SÁCH CÁC NỀN TẢNG SỐ TRIỂN KHAI TRÊN TOÀN QUỐC"]]
LETTER = [["BỘ KHOA HỌC VÀ CÔNG NGHỆ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
          ["Số: 2618/QĐ-BKHCN", "Độc lập - Tự do - Hạnh phúc"],
          ["", "Hà Nội, ngày 11 tháng 9 năm 2025"]]
FOOTERS = [[["Tổng cộng: {n} nền tảng"]], [["Nơi nhận:"], ["- Như trên;"], ["- Lưu: VT."]],
           [[""], ["KT. BỘ TRƯỞNG"], ["THỨ TRƯỞNG"], ["(Đã ký)"], ["Nguyễn Văn A"]],
           [["Ghi chú: danh mục được cập nhật hằng năm."]],
           # footnotes keyed to marks in the header: "(*)", "(1)", a superscript
           [["(*) Cơ quan chủ quản theo Nghị định 47/2020/NĐ-CP."], ["(1) Tên theo văn bản công bố của bộ, ngành."]],
           [["¹ Số liệu tại thời điểm 30/6/2024."]], [["* Nền tảng đang được nâng cấp."]]]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


@dataclass
class Item:
    kind: str            # "ok" | "repeat" | "unknown" (an unknown body) | "orphan" (under an unknown section)
    name: str


@dataclass
class Block:
    body: tuple[str, str, str | None]     # as BODIES
    items: list[Item]
    cell: str | None = None               # the body column's text where it is not ``body[0]`` (a unit)


@dataclass
class Layout:
    blocks: list[Block]
    placement: str        # "column" | "sections" | "merged" | "sheet"
    section_style: str    # "roman" | "letter" | "merged-cell": how a section row is written
    fmt: str              # "xlsx" | "csv" | "html" (a web portal's table saved as .xls)
    columns: list[str]    # field order: row_no, name, ministry, name_en, operator, description, note
    headers: dict[str, str]
    two_row: str | None   # None | "name_group" | "body_group"
    case: str             # "as is" | "upper" | "lower"
    letter: bool
    titles: list[list[str]]
    numbering: bool
    summary: bool
    footer: list[list[str]]
    blanks: list[int]     # blank rows after these block indices
    broken: str | None    # None | "tie" | "no_name": the file must be refused
    groups: list[int] = field(default_factory=list)   # an "A"/"B" group row before these blocks
    subtotals: bool = False                            # a "Cộng" row under each block
    guide: str | None = None                           # an instructions sheet of this name before the list
    legacy: bool = False                               # every cell typed in a TCVN3 (.VnTime) font
    units: bool = False                                # sections, and a body column naming only the unit
    total_first: str | None = None                     # a "Tổng cộng" row above the first platform
    repeat_header: int | None = None                   # the header rows again before this block
    wrapped: tuple[int, int] | None = None             # (block, item): its name's second line in a row of its own


@dataclass
class Expected:
    loaded: list[tuple[str, str]] = field(default_factory=list)          # (name, code)
    rejected: list[tuple[int, str]] = field(default_factory=list)       # (row_no, message code)
    warnings: set[str] = field(default_factory=set)                     # warning codes that must appear
    refused: str | None = None                                          # the one refusal's code


def _draw_blocks(draw, placement: str) -> list[Block]:
    """The blocks of platforms by body, with repeats and unknown bodies planted."""
    pool = SHEET_BODIES if placement == "sheet" else BODIES
    n_blocks = draw(st.integers(1, 4))
    bodies = draw(st.lists(st.sampled_from(pool), min_size=n_blocks, max_size=n_blocks,
                           unique_by=lambda b: b[1] if placement == "sheet" else b[0]))
    counter = iter(range(1, 1000))
    blocks = []
    for body in bodies:
        items = [Item("ok", f"{draw(st.sampled_from(PREFIXES))} {draw(st.sampled_from(TOPICS))} {next(counter)}")
                 for _ in range(draw(st.integers(1, 4)))]
        if draw(st.integers(0, 4)) == 0:
            items.insert(draw(st.integers(1, len(items))), Item("repeat", draw(st.sampled_from(items)).name))
        blocks.append(Block(body, items))
    if placement == "sections" and draw(st.integers(0, 3)) == 0:   # a section no body is known by
        blocks.insert(draw(st.integers(0, len(blocks))),
                      Block((UNKNOWN_BODY.upper(), "", None), [Item("orphan", f"Nền tảng lạ {next(counter)}")]))
    if placement in ("column", "merged") and draw(st.integers(0, 3)) == 0:
        blocks.insert(draw(st.integers(0, len(blocks))),
                      Block((UNKNOWN_BODY, "", None), [Item("unknown", f"Nền tảng lạ {next(counter)}")]))
    return blocks


def _draw_units(draw, blocks: list[Block]) -> None:
    """The ministry from the section row, the unit from the body column."""
    for block in blocks:
        if block.body[1] and block.body[2] is None:
            block.cell = draw(st.sampled_from(UNITS))
            block.body = (*block.body[:2], block.cell)
        else:       # a body written with its unit, or unknown: the body column left blank
            block.cell = ""


@st.composite
def layouts(draw) -> Layout:
    placement = draw(st.sampled_from(["column", "column", "sections", "merged", "sheet"]))
    fmt = "xlsx" if placement == "sheet" else draw(st.sampled_from(
        ["xlsx", "xlsx", "html"] + (["csv"] if placement != "merged" else [])))
    blocks = _draw_blocks(draw, placement)
    extras = draw(st.lists(st.sampled_from(sorted(EXTRA_COLUMNS)), unique=True, max_size=2))
    two_row = draw(st.sampled_from([None, None, "name_group", "body_group"]))
    if two_row == "body_group" and placement in ("sections", "sheet"):
        two_row = None
    if two_row == "name_group":
        extras = [e for e in extras if e != "description"] + ["description"]
    if two_row == "body_group":
        extras = [e for e in extras if e != "operator"] + ["operator"]
    units = placement == "sections" and draw(st.integers(0, 2)) == 0
    if units:
        _draw_units(draw, blocks)
    has_body = placement in ("column", "merged") or units
    columns = (["row_no"] if placement == "sections" or draw(st.booleans()) else []) + ["name"]
    columns += (["ministry"] if has_body else []) + extras
    if placement != "sections":
        columns = draw(st.permutations(columns))
    if two_row:   # the grouped columns side by side, in the group's order
        pair = ["name", "description"] if two_row == "name_group" else ["ministry", "operator"]
        rest = [c for c in columns if c not in pair]
        at = min(columns.index(p) for p in pair)
        columns = rest[:at] + pair + rest[at:]
    headers = {"row_no": draw(st.sampled_from(NUMBER_HEADERS)), "name": draw(st.sampled_from(NAME_HEADERS)),
               "ministry": draw(st.sampled_from(BODY_HEADERS))}
    for e in extras:
        headers[e] = draw(st.sampled_from(EXTRA_COLUMNS[e][0]))
    headers["name"] += draw(st.sampled_from(["", " (*)", ":", " (tiếng Việt)"]))
    broken = draw(st.sampled_from([None] * 8 + ["no_name", "tie"]))
    section_style = draw(st.sampled_from(["roman", "letter", "merged-cell"]))
    groups = []
    if placement in ("column", "sections") and section_style != "letter" and draw(st.integers(0, 2)) == 0:
        groups = sorted(draw(st.lists(st.integers(0, len(blocks) - 1), min_size=1, max_size=2, unique=True)))
    return Layout(
        blocks=blocks, placement=placement, fmt=fmt,
        section_style=section_style, columns=columns, headers=headers, two_row=two_row,
        case=draw(st.sampled_from(["as is", "as is", "upper", "lower"])), letter=draw(st.booleans()),
        titles=draw(st.lists(st.sampled_from(TITLES), max_size=2, unique_by=tuple)), numbering=draw(st.booleans()),
        summary=fmt == "xlsx" and draw(st.booleans()), footer=draw(st.sampled_from([[], *FOOTERS])),
        blanks=draw(st.lists(st.integers(0, len(blocks) - 1), max_size=2)), broken=broken, groups=groups,
        subtotals=draw(st.integers(0, 4)) == 0,
        guide=draw(st.sampled_from(GUIDE_SHEETS)) if fmt == "xlsx" and draw(st.integers(0, 3)) == 0 else None,
        legacy=draw(st.integers(0, 5)) == 0 and placement != "sheet", units=units,
        total_first=draw(st.sampled_from([None] * 4 + ["TỔNG CỘNG", "Tổng số"])),
        repeat_header=draw(st.sampled_from([None, None, 1, 2])), wrapped=_draw_wrapped(draw, placement, blocks, columns))


def _draw_wrapped(draw, placement: str, blocks: list[Block], columns: list[str]) -> tuple[int, int] | None:
    """A platform whose long name wraps onto the next row (that row's other cells empty). Not where
    the body is merged down the block (the merged cell fills the wrapped row too) nor where the
    name is the only column (nothing tells a wrapped line from a platform)."""
    if placement == "merged" or columns == ["name"] or draw(st.integers(0, 3)):
        return None
    b = draw(st.integers(0, len(blocks) - 1))
    ok = [i for i, item in enumerate(blocks[b].items) if item.kind == "ok"]
    return (b, draw(st.sampled_from(ok))) if ok else None


def _cased(text: str, case: str) -> str:
    return text.upper() if case == "upper" else text.lower() if case == "lower" else text


def _header_rows(layout: Layout) -> list[list[str]]:
    """One or two header rows (a group cell over its sub-columns, the other cells repeated as a
    merged-down cell reads)."""
    cols, h = layout.columns, dict(layout.headers)
    h["name2"], h["filler"] = h["name"], "Mã số"
    if layout.broken == "no_name":
        h["name"] = "Nội dung triển khai"
    if layout.two_row == "name_group" and not layout.broken:
        upper = ["Nền tảng số" if c in ("name", "description") else h[c] for c in cols]
        lower = ["Tên" if c == "name" else "Mô tả" if c == "description" else h[c] for c in cols]
        rows = [upper, lower]
    elif layout.two_row == "body_group":
        upper = ["Cơ quan" if c in ("ministry", "operator") else h[c] for c in cols]
        lower = ["Chủ quản" if c == "ministry" else "Vận hành" if c == "operator" else h[c] for c in cols]
        rows = [upper, lower]
    else:
        rows = [[h[c] for c in cols]]
    return [[_cased(t, layout.case) for t in r] for r in rows]


def _tcvn3(text: str) -> str:
    """Unicode Vietnamese as typed in a .VnTime (TCVN3) font and read back as Unicode."""
    inverse = {u: t for t, u in legacy._table("tcvn3").items()}
    return "".join(inverse.get(c, c) for c in text)


def _cell(layout: Layout, col: str, item: Item, number: int, body: str) -> str:
    if col == "row_no":
        return str(number)
    if col == "name":
        return item.name
    if col == "ministry":
        return body
    if col in ("name2", "filler"):
        return "x"
    return EXTRA_COLUMNS[col][1]


def _top_rows(layout: Layout, sheet: Sheet) -> int:
    """The letter block, titles, header rows and numbering row; -> the header's first row."""
    width = len(layout.columns)
    if layout.letter:
        for left, right in LETTER:
            sheet.rows.append([left] + [""] * max(0, width - 2) + [right] if width > 1 else [left or right])
    for title in layout.titles:
        sheet.rows.append(title + [""] * (width - 1))
        sheet.merges.append((len(sheet.rows) - 1, 0, len(sheet.rows) - 1, width - 1))
    if layout.titles:
        sheet.rows.append([""] * width)
    header = _header_rows(layout)
    top = len(sheet.rows)
    sheet.rows.extend(header)
    if len(header) == 2:
        same = [header[0][c] == header[1][c] for c in range(width)]
        sheet.merges.extend((top, c, top + 1, c) for c in range(width) if same[c])
        group = [c for c in range(width) if not same[c]]
        sheet.merges.append((top, group[0], top, group[-1]))
        if layout.fmt == "csv":     # a CSV has no merged cells: the group written once, the cells merged down once
            sheet.rows[top + 1] = ["" if same[c] else header[1][c] for c in range(width)]
            sheet.rows[top] = [header[0][c] if c not in group[1:] else "" for c in range(width)]
    if layout.numbering:
        sheet.rows.append([f"({i})" for i in range(1, width + 1)])
    return top


def _group_row(layout: Layout, b: int, block: Block) -> list[str]:
    """"A | NỀN TẢNG SỐ QUỐC GIA": a group of platforms, not a body."""
    letter, text = "AB"[layout.groups.index(b)], GROUPS[(b + len(block.items)) % len(GROUPS)]
    row = [""] * len(layout.columns)
    if "row_no" in layout.columns:
        row[layout.columns.index("row_no")], row[layout.columns.index("name")] = letter, text
    else:
        row[layout.columns.index("name")] = f"{letter}. {text}"
    return row


def _section_row(layout: Layout, sheet: Sheet, b: int, block: Block, expected: Expected) -> None:
    written, code, _unit = block.body
    width = len(layout.columns)
    if not code:
        expected.rejected.append((len(sheet.rows) + 1, "section_unknown"))
    if layout.section_style == "merged-cell" and layout.fmt != "csv":
        sheet.rows.append([f"{ROMAN[b]}. {written}"] * width)
        sheet.merges.append((len(sheet.rows) - 1, 0, len(sheet.rows) - 1, width - 1))
    else:
        enum = ROMAN[b] if layout.section_style != "letter" else f"{'ABCDEFGH'[b]}."
        sheet.rows.append([enum, written] + [""] * (width - 2))


def _block_rows(layout: Layout, sheet: Sheet, b: int, block: Block, number: int, seen: dict,
                expected: Expected) -> int:
    """A block's rows (its section row first); what each must give goes to ``expected``."""
    written, code, unit = block.body
    width = len(layout.columns)
    if b in layout.groups:
        sheet.rows.append(_group_row(layout, b, block))
    if layout.placement == "sections":
        _section_row(layout, sheet, b, block, expected)
    first = len(sheet.rows)
    for i, item in enumerate(block.items):
        number += 1
        cell = written if block.cell is None else block.cell
        sheet.rows.append([_cell(layout, c, item, number, cell) for c in layout.columns])
        row_no = len(sheet.rows)
        if layout.wrapped == (b, i):   # "Nền tảng" | "quản lý hồ sơ 3" on the next row
            first, rest = item.name.split(" ", 1)[0] + " " + item.name.split(" ")[1], item.name.split(" ", 2)[2]
            sheet.rows[-1][layout.columns.index("name")] = first
            sheet.rows.append(["" if c != "name" else rest for c in layout.columns])
            expected.warnings.add("name_continued")
        if item.kind in ("unknown", "orphan"):   # under an unknown section, a row has no body
            expected.rejected.append((row_no, "unknown_body" if item.kind == "unknown" else "missing_body"))
        elif (item.name, code) in seen:
            expected.rejected.append((row_no, "repeat"))
        else:
            seen[(item.name, code)] = row_no
            expected.loaded.append((item.name, code))
            if unit:
                expected.warnings.add("body_in_text")
    if layout.placement == "merged" and len(block.items) > 1:
        c = layout.columns.index("ministry")
        for r in range(first + 1, len(sheet.rows)):
            sheet.rows[r][c] = ""
        sheet.merges.append((first, c, len(sheet.rows) - 1, c))
    if layout.subtotals:
        sheet.rows.append(["" if c != "name" else SUBTOTALS[b % len(SUBTOTALS)].format(n=len(block.items))
                           for c in layout.columns])
    if b in layout.blanks:
        sheet.rows.append([""] * width)
    return number


def _detail_sheet(layout: Layout, name: str, blocks: list[Block], expected: Expected) -> Sheet:
    sheet = Sheet(name)
    header = [list(r) for r in sheet.rows[_top_rows(layout, sheet):]]
    if layout.total_first:   # "TỔNG CỘNG" above the first platform: not the end of the list
        sheet.rows.append([layout.total_first] + [""] * (len(layout.columns) - 1))
    seen: dict[tuple[str, str], int] = {}
    number = 0
    for b, block in enumerate(blocks):
        if b and b == layout.repeat_header:   # a table copied from Word or a PDF: the header on each page
            sheet.rows.extend(list(r) for r in header)
        number = _block_rows(layout, sheet, b, block, number, seen, expected)
    for footer in layout.footer:
        sheet.rows.append([t.format(n=number) for t in footer] + [""] * (len(layout.columns) - 1))
    if layout.legacy:   # a .VnTime font has no superscripts: "¹" is how it stores "ạ"
        sheet.rows = [[_tcvn3(t.replace("¹", "(1)")) for t in r] for r in sheet.rows]
    return sheet


def _guide_sheet(layout: Layout) -> Sheet:
    """Instructions: each column's header and what to write under it, one column per line."""
    explain = {"row_no": "Số thứ tự", "name": "Ghi tên đầy đủ của nền tảng, hệ thống thông tin",
               "ministry": "Ghi tên bộ, ngành chủ quản", "name_en": "Tên giao dịch quốc tế (nếu có)",
               "operator": "Đơn vị trực tiếp vận hành", "description": "Mô tả ngắn gọn", "note": "Thông tin khác"}
    return Sheet(layout.guide, [["HƯỚNG DẪN GHI BIỂU MẪU"], ["Cột", "Cách ghi"]]
                 + [[layout.headers[c], explain[c]] for c in layout.columns])


def render(layout: Layout) -> tuple[bytes, Expected]:
    """The file and what loading it must give."""
    expected = Expected()
    if layout.broken:
        expected.refused = "header_name_tie" if layout.broken == "tie" else "no_header"
        layout.two_row = None
        if layout.broken == "tie":     # the name's header again, in a column not next to it
            cols = list(layout.columns)
            at = cols.index("name")
            if at >= 2:
                cols.insert(0, "name2")
            else:
                cols += (["filler"] if at == len(cols) - 1 else []) + ["name2"]
            layout.columns = cols
    sheets = [_guide_sheet(layout)] if layout.guide and not layout.broken else []
    if layout.summary:
        sheets.append(Sheet("Tổng hợp", [["STT", "Bộ, ngành", "Số lượng nền tảng"]] + [
            [str(i), b.body[0], str(len(b.items))] for i, b in enumerate(layout.blocks, 1)]))
    if layout.placement == "sheet":
        for block in layout.blocks:
            sheets.append(_detail_sheet(layout, block.body[0], [block], expected))
        expected.warnings.add("body_from_sheet")
    else:
        sheets.append(_detail_sheet(layout, "Danh mục", layout.blocks, expected))
    if layout.fmt == "csv":
        return csv_file(sheets[-1]), expected
    if layout.fmt == "html":
        return html_file(sheets[-1]), expected
    return xlsx_file(sheets), expected
