"""A list file -> a ``ParsedList``: the rows to load, the rows rejected and why, warnings.

Pure: reads bytes, touches no database. The import page previews exactly this.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import BinaryIO

from . import legacy
from .bodies import BodyIndex
from .messages import LoaderError, Message
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


@dataclass
class ParsedList:
    sha256: str
    sheet: str
    header_row_no: int
    rows_read: int
    rows: list[dict] = field(default_factory=list)
    rejected: list[tuple[int, Message]] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)


def parse_list(fp: BinaryIO, bodies: BodyIndex, as_of: date, kind: str) -> ParsedList:
    data = fp.read()
    table = locate_table(read_sheets(io.BytesIO(data)))
    needs_body = kind in KINDS_NEEDING_BODY
    parsed = ParsedList(hashlib.sha256(data).hexdigest(), ", ".join(table.sheets), table.header_row_no,
                        len(table.rows))
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
        encoding = legacy.detect([r.cells[name] for r in table.rows])
        if not encoding:
            continue
        changed = []
        for r in table.rows:
            new = legacy.convert(r.cells[name], encoding)
            if new != r.cells[name]:
                r.cells[name] = new
                r.__dict__.pop("values", None)   # recomputed from the converted cells
                changed.append(r.row_no)
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


def _provincial_line(row: Row, written: str, bodies: BodyIndex, as_of: date,
                     unrecognised: dict[str, list[int]]) -> tuple[str | None, str | None]:
    """A provincial row's line ministry: from its department, else from its sector, else none."""
    if written:
        code, written_code = _provincial_body(bodies, written, as_of)
        if code is None:
            unrecognised.setdefault(written, []).append(row.row_no)
        return code, written_code
    line = bodies.departments.for_sector(row.cells["sector"]) if row.cells.get("sector") else None
    return (bodies.successor_on(line, as_of), line) if line else (None, None)


def _central_body(name: str, written: str, row: Row, table: Table, bodies: BodyIndex, as_of: date, merged: dict,
                  moved: dict) -> tuple[str, str] | Message:
    """(body on ``as_of``, body as named) for a national or shared list's row, noting mergers and
    function transfers for the warnings; or the rejection."""
    res = bodies.resolve(written, as_of)
    if res.problem == "unknown_body":
        return Message("unknown_body", {**table.where(row), "written": written, "suggestions": list(res.suggestions)})
    if res.problem == "body_not_yet":
        body = bodies.bodies[res.written_code]
        return Message("body_not_yet", {**table.where(row), "written": written, "as_of": as_of.isoformat(),
                                        "valid_from": body.valid_from.isoformat()})
    code = res.code
    transfer = bodies.transfer_for(name, res.written_code, as_of)
    if transfer:
        code = transfer.to_code
        moved.setdefault(transfer, []).append(row.row_no)
    elif code != res.written_code:
        merged.setdefault((written, code), []).append(row.row_no)
    return code, res.written_code


def _parse_rows(parsed: ParsedList, table: Table, bodies: BodyIndex, as_of: date, needs_body: bool,
                provincial: bool = False) -> int:
    unrecognised: dict[str, list[int]] = {}
    first_seen: dict[tuple[str, str | None], int] = {}
    merged: dict[tuple[str, str], list[int]] = {}
    moved: dict[object, list[int]] = {}
    section: str | None = None
    sections = 0
    # Every name folded at once (for de-duplication and as the stored name_key).
    folds = fold_many([row.cells.get("name", "") for row in table.rows])
    for row, folded in zip(table.rows, folds):
        heading = _section_heading(row, bodies)
        if heading is not None:
            sections += 1
            section = heading if bodies.lookup(heading) else None
            if section is None:
                parsed.rejected.append((row.row_no, Message("section_unknown", {
                    **table.where(row), "written": heading, "suggestions": list(bodies.suggest(heading))})))
            continue
        name = row.cells.get("name", "")
        written = row.cells.get("ministry", "") or (section or "")
        if not name:
            parsed.rejected.append((row.row_no, Message("empty_name", table.where(row))))
            continue
        code = written_code = None
        if provincial:
            code, written_code = _provincial_line(row, written, bodies, as_of, unrecognised)
        elif written:
            found = _central_body(name, written, row, table, bodies, as_of, merged, moved)
            if isinstance(found, Message):
                parsed.rejected.append((row.row_no, found))
                continue
            code, written_code = found
        elif needs_body:
            parsed.rejected.append((row.row_no, Message("missing_body", table.where(row))))
            continue
        dedupe = (folded, code)
        if dedupe in first_seen:
            parsed.rejected.append((row.row_no, Message("repeat", {**table.where(row), "first_row": first_seen[dedupe]})))
            continue
        first_seen[dedupe] = row.row_no
        parsed.rows.append(_row(row, name, folded, written or None, code, written_code))
    _lineage_warnings(parsed, bodies, merged, moved)
    if unrecognised:
        rows = sorted(r for rs in unrecognised.values() for r in rs)
        parsed.warnings.append(Message("department_unknown", {
            "n": len(rows), "rows": _span(rows), "names": ", ".join(f"'{w}'" for w in list(unrecognised)[:5])}))
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


def _row(row: Row, name: str, folded: str, written: str | None, code: str | None, written_code: str | None) -> dict:
    cells = row.cells
    basis = key(cells.get("basis", ""))
    return {
        "row_no": row.row_no,
        "sheet": row.sheet,
        "name": name,
        "name_key": folded.replace(" ", ""),
        "name_fold": folded,
        "name_en": cells.get("name_en") or None,
        "ministry_code": code,
        "ministry_as_written": written,
        "written_body_code": written_code,
        "name_basis": basis if basis in ("verbatim", "translated") else "verbatim",
        "name_in_source": cells.get("name_in_source") or None,
        "status": _STATUS.get(key(cells.get("status", "")), cells.get("status") or None),
        "sector": cells.get("sector") or None,
        "note": cells.get("note") or None,
        "source": cells.get("source") or None,
    }


def _span(rows: list[int], limit: int = 10) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" (+{len(rows) - limit})" if len(rows) > limit else "")
