"""An adoption file -> which province (and commune) uses which platform of a central list, with
what status, on what date. Pure: reads bytes, touches no database.

Columns: province (GSO code or name), platform (name as in the list), status, date; commune and
note optional. A province is looked up among those that existed on the row's date; a former
province (before 1 July 2025) rolls up to its successor.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from rapidfuzz import fuzz, process

from .adoption_matrix import find_matrix, layout_warning, read_matrix
from .dates import MERGER_DAY, parse_day, parse_period
from .legacy import legacy_warnings
from .messages import LoaderError, Message, span
from .pause_gc import paused_gc
from .read import read_sheets
from .sheet_names import join_sheets
from .suggest import did_you_mean
from .table import expected_headers, locate_table
from .text import fold, key

LEGACY_FIELDS = ("province", "commune", "name", "status", "note")   # read in a legacy font where typed in one
STATUSES = ("in_use", "piloting", "planned", "not_used")
STATUS_ALIASES = {
    "in_use": ("in use", "in_use", "used", "dang su dung", "da su dung", "su dung", "dang dung", "da trien khai",
               "dang van hanh"),
    "piloting": ("piloting", "pilot", "thi diem", "dang thi diem"),
    "planned": ("planned", "ke hoach", "co ke hoach", "du kien", "chuan bi", "dang chuan bi"),
    "not_used": ("not used", "not_used", "chua su dung", "khong su dung", "chua", "chua trien khai"),
}
_STATUS = {key(alias): status for status, aliases in STATUS_ALIASES.items() for alias in aliases}
_PROVINCE_PREFIXES = ("tinh ", "thanh pho ", "tp ", "t ")
_PROVINCE_SUFFIXES = (" province", " city")
_KIND_IN_BRACKETS = re.compile(r"\s*\((?:tỉnh|thành phố|tp\.?)\)\s*$", re.IGNORECASE)   # "Nghệ An (tỉnh)"
# Names a province went by until shortly before the file's dates, still written in reports:
# Thừa Thiên Huế became the city of Huế on 1 January 2025 (Resolution 1314/NQ-UBTVQH15).
FORMER_NAMES = {"thuathienhue": "46"}
# Abbreviations and spellings a province goes by in reports (compared like names: folded, without
# "Tỉnh"/"TP."/"Thành phố"/"T." and spaces), -> its GSO code on either map.
ALIASES = {"hcm": "79", "tphcm": "79", "hochiminhcity": "79", "saigon": "79", "daclac": "66", "daclak": "66",
           "daklac": "66", "brvt": "77", "hanoicity": "01"}


@dataclass
class ParsedAdoption:
    sha256: str
    sheet: str
    header_row_no: int
    rows_read: int
    demo: bool = False
    rows: list[dict] = field(default_factory=list)
    rejected: list[tuple[int, Message]] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return len(self.rows)


class ProvinceIndex:
    """Provinces before and after the 2025 merger, by code and by name."""

    def __init__(self, before: list[dict], after: list[dict], merger: dict[str, str]):
        self.merger = merger                                   # former code -> code after 1 July 2025
        self.names = {"before": {r["code"]: r["name_vi"] for r in before},
                      "after": {r["code"]: r["name_vi"] for r in after}}
        self._by_name = {era: {_province_key(n): c for c, n in names.items()} for era, names in self.names.items()}

    def resolve(self, written: str, day: date) -> tuple[str, str, bool] | None:
        """(code on ``day``'s map, code after the merger, whether it is a former province rolled up
        into another) or None. Falls back to the other map (a former name in a later file, say)."""
        text = written.strip()
        code = text.zfill(2) if text.isdigit() and len(text) <= 2 else None
        eras = ("after", "before") if day >= MERGER_DAY else ("before", "after")
        for era in eras:
            found = code if code in self.names[era] else self._by_name[era].get(_province_key(text))
            if not found and (alias := ALIASES.get(_province_key(text))) in self.names[era]:
                found = alias
            if found:
                if era == "after":
                    return found, found, False
                current = self.merger[found]
                return found, current, self.names["before"][found] != self.names["after"].get(current)
        return None

    def suggest(self, written: str, day: date) -> list[str]:
        names = list(self.names["after" if day >= MERGER_DAY else "before"].values())
        folded = fold(written)
        for prefix in _PROVINCE_PREFIXES:            # "Tỉnh Nghệ Ann" is compared as "nghe ann"
            folded = folded.removeprefix(prefix)
        return did_you_mean(folded, names)


def _provinces_from_sheets(table, provinces: ProvinceIndex, today: date) -> dict[str, str]:
    """Sheet -> province name, where every sheet read is named after a province (one sheet per
    province, no province column); otherwise empty."""
    found = {sheet: provinces.resolve(sheet, today) for sheet in table.sheets}
    if not found or None in found.values():
        return {}
    return {sheet: provinces.names["after"].get(codes[1], sheet) for sheet, codes in found.items()}


def _province_key(written: str) -> str:
    folded = fold(_KIND_IN_BRACKETS.sub("", written))
    for prefix in _PROVINCE_PREFIXES:
        folded = folded.removeprefix(prefix)
    for suffix in _PROVINCE_SUFFIXES:               # "Ha Tinh Province", "Hue City"
        folded = folded.removesuffix(suffix)
    return folded.replace(" ", "")


@paused_gc()
def parse_adoption(fp: BinaryIO, platforms: list[str], provinces: ProvinceIndex, today: date,
                   list_id: str) -> ParsedAdoption:
    """``platforms``: the names in the central list the file reports on."""
    data = fp.read()
    sheets = read_sheets(io.BytesIO(data))
    try:
        table, from_sheets = _locate(sheets, provinces, today)
    except LoaderError as exc:      # not a list of rows: a matrix of provinces and platforms?
        matrices = find_matrix(sheets, platforms, provinces, today) if exc.message.code in _NOT_ROWS and provinces else []
        if not matrices:
            raise
        return _parse_matrices(matrices, hashlib.sha256(data).hexdigest(), platforms, provinces, today, list_id)
    if not platforms:
        raise LoaderError("list_has_no_platforms", list_id=list_id)
    parsed = ParsedAdoption(hashlib.sha256(data).hexdigest(), join_sheets(table.sheets), table.header_row_no,
                            len(table), demo=table.is_demo)
    if parsed.demo:
        parsed.warnings.append(Message("demo_adoption"))
    parsed.warnings.extend(legacy_warnings(table))
    parsed.warnings.extend(from_sheets)
    by_key = {key(n): n for n in platforms}
    folded = [fold(n) for n in platforms]
    seen: dict[tuple, int] = {}
    rolled: list[int] = []
    for row in table.rows:
        where = table.where(row)
        item = _parse_row(row.cells, where, provinces, today, parsed)
        if item is None:
            continue
        written = row.cells.get("name", "")
        name = by_key.get(key(written))
        if name is None:
            hints = process.extract(fold(written), folded, scorer=fuzz.token_sort_ratio, limit=3, score_cutoff=60)
            parsed.rejected.append((row.row_no, Message("unknown_platform", {
                **where, "written": written, "list_id": list_id, "suggestions": [platforms[h[2]] for h in hints]})))
            continue
        item.update(platform_name=name, platform_key=key(name), list_id=list_id)
        dedupe = (item["current_province_code"], key(item["commune"] or ""), item["platform_key"], item["status_date"])
        if dedupe in seen:
            parsed.rejected.append((row.row_no, Message("repeat", {**where, "first_row": seen[dedupe]})))
            continue
        seen[dedupe] = row.row_no
        if item.pop("rolled_up"):
            rolled.append(row.row_no)
        parsed.rows.append(item)
    if rolled:
        parsed.warnings.append(Message("province_rolled_up", {"n": len(rolled), "rows": span(rolled)}))
    return parsed


def _locate(sheets: list, provinces: ProvinceIndex, today: date):
    """The table of rows and, where it has no province column, the province each sheet is named for
    put in its rows (with a warning for each sheet)."""
    table = locate_table(sheets, LEGACY_FIELDS, needs=("status",))
    from_sheets = _provinces_from_sheets(table, provinces, today) if "province" not in table.columns and provinces else {}
    missing = [f for f in ("province", "status", "date") if f not in table.columns and not (f == "province" and from_sheets)]
    if missing:
        raise LoaderError("no_adoption_column", found=table.found_text,
                          expected=", ".join(f"'{expected_headers(f)[0]}'" for f in ("province", "name", "status", "date")))
    warnings = []
    for sheet, name in from_sheets.items():
        rows = [r for r in table.rows if r.sheet == sheet]
        for r in rows:
            r.cells["province"] = sheet
        warnings.append(Message("province_from_sheet", {"sheet": sheet, "name": name, "n": len(rows)}))
    return table, warnings


_NOT_ROWS = ("no_header", "no_adoption_column", "header_name_tie")


def _parse_matrices(matrices: list, sha256: str, platforms: list[str], provinces: ProvinceIndex, today: date,
                    list_id: str) -> ParsedAdoption:
    first = matrices[0]
    parsed = ParsedAdoption(sha256, join_sheets([m.sheet.name for m in matrices]), first.cell(first.header, first.province_col)[0],
                            sum(len(m.grid) - m.header - 1 for m in matrices))
    seen: dict[tuple, str] = {}
    for m in matrices:
        note = f", sheet '{m.sheet.name}'" if len(matrices) > 1 else ""
        parsed.warnings.append(layout_warning(m, note))
        read_matrix(m, parsed, provinces, today, list_id, platforms, _STATUS, seen, note)
    rolled = sorted({r["row_no"] for r in parsed.rows if r.pop("rolled_up")})
    if rolled:
        parsed.warnings.append(Message("province_rolled_up", {"n": len(rolled), "rows": span(rolled)}))
    parsed.rejected.sort(key=lambda r: r[0])
    return parsed


def _parse_row(cells: dict, where: dict, provinces: ProvinceIndex, today: date, parsed: ParsedAdoption) -> dict | None:
    reject = lambda code, **extra: parsed.rejected.append((where["row_no"], Message(code, {**where, **extra})))  # noqa: E731
    if not cells.get("name"):
        return reject("empty_name")
    day_text = cells.get("date", "")
    if not day_text:
        return reject("missing_status_date")
    day = parse_day(day_text)
    if day is None and (day := parse_period(day_text)) is not None:
        parsed.warnings.append(Message("partial_date", {**where, "written": day_text, "date": day.strftime("%d/%m/%Y")}))
    if day is None:
        return reject("bad_event_date", written=day_text)
    if day > today:
        return reject("future_date", date=day.isoformat())
    written_province = cells.get("province", "")
    if not written_province:
        return reject("missing_province")
    found = provinces.resolve(written_province, day)
    if found is None and (former := FORMER_NAMES.get(_province_key(written_province))):
        found = provinces.resolve(former, day)
        parsed.warnings.append(Message("province_former_name", {
            **where, "written": written_province, "name": provinces.names["after"].get(found[1], former)}))
    if found is None:
        return reject("unknown_province_row", written=written_province, on=day.isoformat(),
                      suggestions=provinces.suggest(written_province, day))
    status = _STATUS.get(key(cells.get("status", "")))
    if status is None:
        return reject("unknown_adoption_status", written=cells.get("status", ""),
                      allowed="đang sử dụng / thí điểm / kế hoạch / chưa sử dụng (in use / piloting / planned / not used)")
    return {"row_no": where["row_no"], "province_code": found[0], "current_province_code": found[1], "rolled_up": found[2],
            "province_as_written": written_province, "commune": cells.get("commune") or None, "status": status,
            "status_date": day, "note": cells.get("note") or None}
