"""A list file -> a ``ParsedList``: the rows to load, the rows rejected and why, warnings.

Pure: reads bytes, touches no database. The import page previews exactly this.
"""
from __future__ import annotations

import hashlib
import io
import operator
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import BinaryIO

from .bodies import BodyIndex
from .legacy import legacy_warnings
from .messages import LoaderError, Message, span
from .pause_gc import paused_gc
from .platform_row import FIELDS
from .read import read_sheets
from .row_bodies import RowBodies
from .sheet_names import join_sheets
from .table import Row, Table, expected_headers, locate_table
from .text import fold, fold_many, key
from .wrapped import join_wrapped_names

# List kinds whose rows must name a managing body (a provincial list may not).
KINDS_NEEDING_BODY = ("national_deployed", "shared")
# Columns typed in Vietnamese, where legacy TCVN3/VNI text may hide.
VIETNAMESE_FIELDS = ("name", "ministry", "status", "sector", "note")
_STATUS = {"inuse": "in_use", "dangsudung": "in_use", "dangtrienkhai": "in_use",
           "proposed": "proposed", "dexuat": "proposed", "dukien": "proposed"}
_ENUMERATOR = re.compile(r"^(?:[IVXLC]+|[A-Za-z]|\d{1,2})[.)]?$")
_SECTION_ENUMERATOR = re.compile(r"^(?:[IVXLC]+|[A-Za-z])[.)]?$")   # Roman numerals or letters
_ENUMERATOR_PREFIX = re.compile(r"^(?:[IVXLC]+|[A-Za-z]|\d{1,2})[.)]\s+")
# Words of a group row that sorts the list by kind of platform, not by body: "A | NỀN TẢNG SỐ QUỐC
# GIA", "B. Các nền tảng đề xuất mới", "HỆ THỐNG THÔNG TIN, CƠ SỞ DỮ LIỆU" (folded).
_GROUP_WORDS = ("nen tang", "he thong", "co so du lieu", "phan mem", "ung dung", "nhom", "platform", "system")


# The fields of a row to load (``ParsedList.columns``, ``ParsedList.rows``): FIELDS, in the order
# loaders/platform_row.py declares them.


@dataclass
class ParsedList:
    sha256: str
    sheet: str
    header_row_no: int
    rows_read: int
    columns: dict[str, list] = field(default_factory=lambda: {f: [] for f in FIELDS})  # field -> a value per row
    rejected: list[tuple[int, Message]] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return len(self.columns["row_no"])

    @property
    def rows(self) -> list[dict]:
        """The rows to load, one dict each (for previews and tests; the write takes the columns)."""
        return [dict(zip(self.columns, values)) for values in zip(*self.columns.values())]

    def keep_only(self, keep: list[bool]) -> dict[str, list]:
        """The columns with only the rows where ``keep`` is true."""
        return {f: [v for v, k in zip(values, keep) if k] for f, values in self.columns.items()}


@paused_gc()
def parse_list(fp: BinaryIO, bodies: BodyIndex, as_of: date, kind: str) -> ParsedList:
    data = fp.read()
    table = locate_table(read_sheets(io.BytesIO(data)), VIETNAMESE_FIELDS)
    needs_body = kind in KINDS_NEEDING_BODY
    wrapped = [(b.sheet, j) for b in table.blocks for j in join_wrapped_names(b)]
    parsed = ParsedList(hashlib.sha256(data).hexdigest(), join_sheets(table.sheets), table.header_row_no,
                        len(table))
    parsed.warnings.extend(legacy_warnings(table))
    parsed.warnings.extend(Message("name_continued", {**j, "sheet": sheet, "sheet_note": (
        f", sheet '{sheet}'" if len(table.sheets) > 1 else "")}) for sheet, j in wrapped)
    sections = _parse_rows(parsed, table, bodies, as_of, needs_body, kind == "provincial")
    if needs_body and "ministry" not in table.columns and not sections:
        raise LoaderError("no_body_column", kind=kind, found=table.found_text,
                          expected=", ".join(f"'{h}'" for h in expected_headers("ministry")[:6]))
    if table.skipped:
        parsed.warnings.append(Message("skipped_rows", {"n": len(table.skipped), "rows": span(table.skipped)}))
    return parsed


def _section_heading(row: Row, bodies: BodyIndex) -> str | None:
    """The text of a section row ("I | BỘ TÀI CHÍNH", "A. Bộ Công an") or None."""
    name, ministry = row.cells.get("name", ""), row.cells.get("ministry", "")
    if ministry and name and name != ministry:
        return None   # an ordinary platform row: the common case, decided without ``values``
    if ministry and len(row.values) > 1:
        return None
    values = row.values
    number = row.cells.get("row_no", "")
    rest = [v for v in values if v != number]
    if number and _ENUMERATOR.match(number) and len(rest) == 1:   # the number column after the text
        text, enum = rest[0], number
    elif len(values) == 2 and _ENUMERATOR.match(values[0]):
        text, enum = values[1], values[0]
    elif len(values) == 1:
        text = _ENUMERATOR_PREFIX.sub("", values[0])
        enum = values[0][: len(values[0]) - len(text)].strip()
    else:
        return None
    if bodies.lookup(text):
        return text
    sectioned = bool(enum and _SECTION_ENUMERATOR.match(enum))
    if sectioned and bodies.find(text):      # "I. Bộ Tài chính (Tổng cục Thuế)"
        return text
    # An unknown body under a Roman numeral or letter is still a heading, never a platform; so is
    # a group of platforms, numbered or in capitals.
    if sectioned and (text.upper() == text or is_group(text)):
        return text
    return text if not enum and text.upper() == text and is_group(text) else None


def is_group(text: str) -> bool:
    """A heading that names a kind of platform ("NỀN TẢNG SỐ QUỐC GIA"), not a body."""
    folded = f" {fold(text)} "
    return any(f" {w} " in folded for w in _GROUP_WORDS)


def _written_body(ministry: str, section: str | None, bodies: BodyIndex, as_of: date) -> str:
    """The body a row names: its body column, else its section row. A body column naming only a
    unit ("Tổng cục Thuế", "Kho bạc Nhà nước") under a section naming its ministry is read as
    "unit (ministry)", as if written in one cell."""
    if not ministry:
        return section or ""
    if section and bodies.resolve(ministry, as_of).problem == "unknown_body" and bodies.is_unit(ministry):
        return f"{ministry} ({bodies.bodies[bodies.lookup(section) or bodies.find(section)[0]].name_vi})"
    return ministry


def _names_body(text: str, bodies: BodyIndex) -> bool:
    return bool(bodies.lookup(text) or bodies.find(text))


def _sheet_bodies(table: Table, bodies: BodyIndex) -> dict[str, str]:
    """Sheet name -> itself, for sheets without a body column whose name names a body (a workbook
    with one sheet per ministry)."""
    return {b.sheet: b.sheet for b in table.blocks if "ministry" not in b.fields and _names_body(b.sheet, bodies)}


def _parse_rows(parsed: ParsedList, table: Table, bodies: BodyIndex, as_of: date, needs_body: bool,
                provincial: bool = False) -> int:
    """Decide each row (load, reject, section heading) a column at a time: the common row (a
    name and a body) is read straight from the columns; a ``Row`` is made only for the others."""
    resolve = RowBodies(bodies, as_of, provincial, needs_body)
    first_seen: dict[tuple[str, str | None], int] = {}
    section: str | None = None
    sections = 0
    names, ministries, sectors = table.column("name"), table.column("ministry"), table.column("sector")
    row_nos = table.row_nos()
    by_sheet = _sheet_bodies(table, bodies)
    sheets = table.row_sheets() if by_sheet else []
    from_sheet: dict[str, list[int]] = {}
    folds = fold_many(names, cleaned=True)   # for de-duplication and as the stored name_key
    keep: list[int] = []
    found: list[tuple] = []    # (ministry_as_written, ministry_code, written_body_code, name_fold) per kept row
    plain = _plain_rows(names, ministries, folds, resolve)
    if plain is not None:
        keep, found = list(range(len(names))), plain
    for i, (name, ministry, folded) in enumerate(() if plain is not None else zip(names, ministries, folds)):
        def where(i=i) -> dict:
            return table.where(table.row(i))
        if not (ministry and name and name != ministry):   # else an ordinary platform row, not a heading
            heading = _section_heading(table.row(i), bodies)
            if heading is not None:
                section = heading if _names_body(heading, bodies) else None
                sections += section is not None or not is_group(heading)   # a group names no body
                if section is None and not is_group(heading):
                    parsed.rejected.append((row_nos[i], Message("section_unknown", {
                        **where(), "written": heading, "suggestions": list(bodies.suggest(heading))})))
                continue
        written = _written_body(ministry, None if provincial else section, bodies, as_of)
        if not name:
            parsed.rejected.append((row_nos[i], Message("empty_name", where())))
            continue
        if not written and by_sheet and sheets[i] in by_sheet:
            written = by_sheet[sheets[i]]
            from_sheet.setdefault(written, []).append(row_nos[i])
        body = resolve(name, written, sectors[i], row_nos[i], where)
        if isinstance(body, Message):
            parsed.rejected.append((row_nos[i], body))
            continue
        dedupe = (folded, body[0])
        if dedupe in first_seen:
            parsed.rejected.append((row_nos[i], Message("repeat", {**where(), "first_row": first_seen[dedupe]})))
            continue
        first_seen[dedupe] = row_nos[i]
        keep.append(i)
        found.append((written or None, *body, folded))
    parsed.columns = _columns(table, keep, found)
    for sheet, rows in from_sheet.items():
        code = bodies.lookup(sheet) or bodies.find(sheet)[0]
        parsed.warnings.append(Message("body_from_sheet", {"sheet": sheet, "body": bodies.bodies[code].name_vi,
                                                           "n": len(rows), "rows": span(rows)}))
    parsed.warnings.extend(resolve.warnings())
    return sections + len(by_sheet)


def _plain_rows(names: list[str], ministries: list[str], folds: list[str], resolve: RowBodies) -> list[tuple] | None:
    """What the row-by-row loop of ``_parse_rows`` finds when every row is an ordinary platform
    row (a name, and a body that is not the name), every body text resolves plainly
    (``RowBodies.settle``) and no two rows repeat (name and body): every row kept, decided a
    column at a time. None otherwise: the rows are then decided one by one."""
    if not all(names) or not all(ministries) or any(map(operator.eq, names, ministries)):
        return None
    settled = {m: resolve.settle(m) for m in set(ministries)}
    if None in settled.values():
        return None
    bodies = [settled[m] for m in ministries]
    codes = [b[0] for b in bodies]
    if len(set(zip(folds, codes))) != len(folds):
        return None
    return list(zip(ministries, codes, [b[1] for b in bodies], folds))


def _keys(folds: list[str]) -> list[str]:
    """``[f.replace(" ", "") for f in folds]``, on the column joined (a fold holds no separator;
    a column that would is taken a value at a time)."""
    joined = "\x00".join(folds)
    if joined.count("\x00") != len(folds) - 1 or not folds:
        return [f.replace(" ", "") for f in folds]
    return joined.replace(" ", "").split("\x00")


@lru_cache(maxsize=1024)
def _status(text: str) -> str | None:
    return _STATUS.get(key(text), text or None)


@lru_cache(maxsize=64)
def _basis(text: str) -> str:
    basis = key(text)
    return basis if basis in ("verbatim", "translated", "identified") else "verbatim"


def _columns(table: Table, keep: list[int], found: list[tuple]) -> dict[str, list]:
    """``FIELDS`` for the kept rows, a column at a time."""
    everything = len(keep) == len(table)

    def take(name: str) -> list[str]:
        column = table.column(name)
        return column if everything else [column[i] for i in keep]

    def or_none(name: str) -> list[str | None]:
        return [v or None for v in take(name)]

    sheets, row_nos = table.row_sheets(), table.row_nos()
    written, codes, written_codes, folds = (list(c) for c in zip(*found)) if found else ([], [], [], [])
    return {
        "row_no": row_nos if everything else [row_nos[i] for i in keep],
        "sheet": sheets if everything else [sheets[i] for i in keep],
        "name": take("name"),
        "name_key": _keys(folds),
        "name_fold": folds,
        "name_en": or_none("name_en"),
        "ministry_code": codes,
        "ministry_as_written": written,
        "written_body_code": written_codes,
        "name_basis": [_basis(v) for v in take("basis")],
        "name_in_source": or_none("name_in_source"),
        "status": [_status(v) for v in take("status")],
        "sector": or_none("sector"),
        "note": or_none("note"),
        "source": or_none("source"),
    }
