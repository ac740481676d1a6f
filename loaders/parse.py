"""A list file -> a ``ParsedList``: the rows to load, the rows rejected and why, warnings.

Pure: reads bytes, touches no database. The import page previews exactly this.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import BinaryIO

from . import legacy
from .bodies import BodyIndex
from .messages import LoaderError, Message
from .pause_gc import paused_gc
from .read import read_sheets
from .table import Row, Table, expected_headers, locate_table
from .text import fold_many, key

# List kinds whose rows must name a managing body (a provincial list may not).
KINDS_NEEDING_BODY = ("national_deployed", "shared")
# Columns typed in Vietnamese, where legacy TCVN3/VNI text may hide.
VIETNAMESE_FIELDS = ("name", "ministry", "status", "sector", "note")
_STATUS = {"inuse": "in_use", "dangsudung": "in_use", "dangtrienkhai": "in_use",
           "proposed": "proposed", "dexuat": "proposed", "dukien": "proposed"}
_ENUMERATOR = re.compile(r"^(?:[IVXLC]+|[A-Za-z]|\d{1,2})[.)]?$")
_SECTION_ENUMERATOR = re.compile(r"^(?:[IVXLC]+|[A-Za-z])[.)]?$")   # Roman numerals or letters
_ENUMERATOR_PREFIX = re.compile(r"^(?:[IVXLC]+|[A-Za-z]|\d{1,2})[.)]\s+")


# The fields of a row to load, in this order (``ParsedList.columns``, ``ParsedList.rows``).
FIELDS = ("row_no", "sheet", "name", "name_key", "name_fold", "name_en", "ministry_code", "ministry_as_written",
          "written_body_code", "name_basis", "name_in_source", "status", "sector", "note", "source")


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
    table = locate_table(read_sheets(io.BytesIO(data)))
    needs_body = kind in KINDS_NEEDING_BODY
    parsed = ParsedList(hashlib.sha256(data).hexdigest(), ", ".join(table.sheets), table.header_row_no,
                        len(table))
    parsed.warnings.extend(_convert_legacy(table))
    sections = _parse_rows(parsed, table, bodies, as_of, needs_body, kind == "provincial")
    if needs_body and "ministry" not in table.columns and not sections:
        raise LoaderError("no_body_column", kind=kind, found=table.found_text,
                          expected=", ".join(f"'{h}'" for h in expected_headers("ministry")[:6]))
    if table.skipped:
        parsed.warnings.append(Message("skipped_rows", {"n": len(table.skipped), "rows": _span(table.skipped)}))
    return parsed


def _convert_legacy(table: Table) -> list[Message]:
    warnings = []
    for name in VIETNAMESE_FIELDS:
        if name not in table.columns:
            continue
        encoding = legacy.detect(table.column(name))
        if not encoding:
            continue
        changed = []
        for block in table.blocks:
            texts = block.cells.get(name, [])
            for i, text in enumerate(texts):
                new = legacy.convert(text, encoding)
                if new != text:
                    texts[i] = new
                    changed.append(block.row_nos[i])
        table.__dict__.pop("rows", None)   # Row objects are made again from the converted cells
        label = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}[encoding]
        warnings.append(Message("legacy_text", {"column": table.labels.get(name, name), "encoding": label,
                                                "n": len(changed),
                                                "rows": _span(changed)}))
    return warnings


def _section_heading(row: Row, bodies: BodyIndex) -> str | None:
    """The text of a section row ("I | BỘ TÀI CHÍNH", "A. Bộ Công an") or None."""
    name, ministry = row.cells.get("name", ""), row.cells.get("ministry", "")
    if ministry and name and name != ministry:
        return None   # an ordinary platform row: the common case, decided without ``values``
    if ministry and len(row.values) > 1:
        return None
    values = row.values
    if len(values) == 2 and _ENUMERATOR.match(values[0]):
        text, enum = values[1], values[0]
    elif len(values) == 1:
        text = _ENUMERATOR_PREFIX.sub("", values[0])
        enum = values[0][: len(values[0]) - len(text)].strip()
    else:
        return None
    if bodies.lookup(text):
        return text
    # An unknown body under a Roman numeral or letter is still a heading, never a platform.
    return text if enum and _SECTION_ENUMERATOR.match(enum) and text.upper() == text else None


def _provincial_body(bodies: BodyIndex, written: str, as_of: date) -> tuple[str | None, str | None]:
    """(line ministry on ``as_of``, as named) for a provincial department, or a central body a
    provincial list names; (None, None) if neither is recognised (kept as written, not rejected)."""
    line = bodies.departments.for_department(written)
    if line:
        return bodies.successor_on(line, as_of), line
    res = bodies.resolve(written, as_of)
    return (res.code, res.written_code) if res.problem is None else (None, None)


def _provincial_line(row_no: int, written: str, sector: str, bodies: BodyIndex, as_of: date,
                     unrecognised: dict[str, list[int]]) -> tuple[str | None, str | None]:
    """A provincial row's line ministry: from its department, else from its sector, else none."""
    if written:
        code, written_code = _provincial_body(bodies, written, as_of)
        if code is None:
            unrecognised.setdefault(written, []).append(row_no)
        return code, written_code
    line = bodies.departments.for_sector(sector) if sector else None
    return (bodies.successor_on(line, as_of), line) if line else (None, None)


def _central_body(name: str, written: str, row_no: int, where, bodies: BodyIndex, as_of: date, merged: dict,
                  moved: dict) -> tuple[str, str] | Message:
    """(body on ``as_of``, body as named) for a national or shared list's row, noting mergers and
    function transfers for the warnings; or the rejection (``where()``: the row's location)."""
    res = bodies.resolve(written, as_of)
    if res.problem == "unknown_body":
        return Message("unknown_body", {**where(), "written": written, "suggestions": list(res.suggestions)})
    if res.problem == "body_not_yet":
        body = bodies.bodies[res.written_code]
        return Message("body_not_yet", {**where(), "written": written, "as_of": as_of.isoformat(),
                                        "valid_from": body.valid_from.isoformat()})
    code = res.code
    transfer = bodies.transfer_for(name, res.written_code, as_of)
    if transfer:
        code = transfer.to_code
        moved.setdefault(transfer, []).append(row_no)
    elif code != res.written_code:
        merged.setdefault((written, code), []).append(row_no)
    return code, res.written_code


@dataclass
class _Resolver:
    """A row's body: (body on the as-of date, body as named), or the rejection. Keeps what the
    warnings need (mergers, function transfers, unrecognised departments) and remembers body
    texts that resolve plainly, so the common row costs one dict lookup."""
    bodies: BodyIndex
    as_of: date
    provincial: bool
    needs_body: bool
    merged: dict = field(default_factory=dict)
    moved: dict = field(default_factory=dict)
    unrecognised: dict = field(default_factory=dict)
    settled: dict = field(default_factory=dict)   # body text -> (code, code): known, current, no transfers

    def __call__(self, name: str, written: str, sector: str, row_no: int, where
                 ) -> tuple[str | None, str | None] | Message:
        if self.provincial:
            return _provincial_line(row_no, written, sector, self.bodies, self.as_of, self.unrecognised)
        if written in self.settled:
            return self.settled[written]
        if written:
            found = _central_body(name, written, row_no, where, self.bodies, self.as_of, self.merged, self.moved)
            if not isinstance(found, Message) and found[0] == found[1] and not self.bodies.may_transfer(found[0]):
                self.settled[written] = found
            return found
        return Message("missing_body", where()) if self.needs_body else (None, None)


def _parse_rows(parsed: ParsedList, table: Table, bodies: BodyIndex, as_of: date, needs_body: bool,
                provincial: bool = False) -> int:
    """Decide each row (load, reject, section heading) a column at a time: the common row (a
    name and a body) is read straight from the columns; a ``Row`` is made only for the others."""
    resolve = _Resolver(bodies, as_of, provincial, needs_body)
    first_seen: dict[tuple[str, str | None], int] = {}
    section: str | None = None
    sections = 0
    names, ministries, sectors = table.column("name"), table.column("ministry"), table.column("sector")
    row_nos = [n for b in table.blocks for n in b.row_nos]
    folds = fold_many(names, cleaned=True)   # for de-duplication and as the stored name_key
    keep: list[int] = []
    found: list[tuple] = []    # (ministry_as_written, ministry_code, written_body_code, name_fold) per kept row
    for i, (name, ministry, folded) in enumerate(zip(names, ministries, folds)):
        def where(i=i) -> dict:
            return table.where(table.row(i))
        if not (ministry and name and name != ministry):   # else an ordinary platform row, not a heading
            heading = _section_heading(table.row(i), bodies)
            if heading is not None:
                sections += 1
                section = heading if bodies.lookup(heading) else None
                if section is None:
                    parsed.rejected.append((row_nos[i], Message("section_unknown", {
                        **where(), "written": heading, "suggestions": list(bodies.suggest(heading))})))
                continue
        written = ministry or (section or "")
        if not name:
            parsed.rejected.append((row_nos[i], Message("empty_name", where())))
            continue
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
    _lineage_warnings(parsed, bodies, resolve.merged, resolve.moved)
    if resolve.unrecognised:
        rows = sorted(r for rs in resolve.unrecognised.values() for r in rs)
        parsed.warnings.append(Message("department_unknown", {
            "n": len(rows), "rows": _span(rows),
            "names": ", ".join(f"'{w}'" for w in list(resolve.unrecognised)[:5])}))
    return sections


def _lineage_warnings(parsed: ParsedList, bodies: BodyIndex, merged: dict, moved: dict) -> None:
    for (written, code), rows in merged.items():
        body = bodies.bodies[code]
        until = bodies.bodies[bodies.lookup(written)].valid_to
        parsed.warnings.append(Message("merged_body", {
            "written": written, "successor": f"{body.name_vi} ({code})", "n": len(rows),
            "since": (until + timedelta(days=1)).isoformat() if until else "", "rows": _span(rows)}))
    for transfer, rows in moved.items():
        parsed.warnings.append(Message("function_moved", {
            "n": len(rows), "to": f"{bodies.bodies[transfer.to_code].name_vi} ({transfer.to_code})",
            "from_": transfer.from_code, "change": transfer.change, "rows": _span(rows)}))


@lru_cache(maxsize=1024)
def _status(text: str) -> str | None:
    return _STATUS.get(key(text), text or None)


@lru_cache(maxsize=64)
def _basis(text: str) -> str:
    basis = key(text)
    return basis if basis in ("verbatim", "translated") else "verbatim"


def _columns(table: Table, keep: list[int], found: list[tuple]) -> dict[str, list]:
    """``FIELDS`` for the kept rows, a column at a time."""
    everything = len(keep) == len(table)

    def take(name: str) -> list[str]:
        column = table.column(name)
        return column if everything else [column[i] for i in keep]

    def or_none(name: str) -> list[str | None]:
        return [v or None for v in take(name)]

    sheets: list[str] = []
    row_nos: list[int] = []
    for b in table.blocks:
        sheets.extend([b.sheet] * len(b))
        row_nos.extend(b.row_nos)
    written, codes, written_codes, folds = (list(c) for c in zip(*found)) if found else ([], [], [], [])
    return {
        "row_no": row_nos if everything else [row_nos[i] for i in keep],
        "sheet": sheets if everything else [sheets[i] for i in keep],
        "name": take("name"),
        "name_key": [f.replace(" ", "") for f in folds],
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


def _span(rows: list[int], limit: int = 10) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" (+{len(rows) - limit})" if len(rows) > limit else "")
