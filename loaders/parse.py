"""A list file -> a ``ParsedList``: the rows to load, the rows rejected and why, warnings.

Pure: reads bytes, touches no database. The import page previews exactly this.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import BinaryIO

from .bodies import BodyIndex
from .messages import LoaderError, Message
from .read import read_sheets
from .table import Table, expected_headers, locate_table
from .text import fold

# List kinds whose rows must name a managing body (a provincial list may not).
KINDS_NEEDING_BODY = ("national_deployed", "shared")
_STATUS = {"in use": "in_use", "in_use": "in_use", "dang su dung": "in_use", "dang trien khai": "in_use",
           "proposed": "proposed", "de xuat": "proposed", "du kien": "proposed"}


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
    if needs_body and "ministry" not in table.columns:
        raise LoaderError("no_body_column", kind=kind,
                          found=", ".join(f"'{h}'" for h in table.headers_found),
                          expected=", ".join(f"'{h}'" for h in expected_headers("ministry")[:6]))
    parsed = ParsedList(hashlib.sha256(data).hexdigest(), table.sheet, table.header_row_no, len(table.rows))
    _parse_rows(parsed, table, bodies, as_of, needs_body)
    if table.skipped:
        parsed.warnings.append(Message("skipped_rows", {"n": len(table.skipped), "rows": _span(table.skipped)}))
    return parsed


def _parse_rows(parsed: ParsedList, table: Table, bodies: BodyIndex, as_of: date, needs_body: bool) -> None:
    first_seen: dict[tuple[str, str | None], int] = {}
    merged: dict[tuple[str, str], list[int]] = {}
    for row_no, cells in table.rows:
        name, written = cells.get("name", ""), cells.get("ministry", "")
        if not name:
            parsed.rejected.append((row_no, Message("empty_name", {"row_no": row_no})))
            continue
        code = written_code = None
        if written:
            res = bodies.resolve(written, as_of)
            if res.problem == "unknown_body":
                parsed.rejected.append((row_no, Message("unknown_body", {
                    "row_no": row_no, "written": written, "suggestions": list(res.suggestions)})))
                continue
            if res.problem == "body_not_yet":
                body = bodies.bodies[res.written_code]
                parsed.rejected.append((row_no, Message("body_not_yet", {
                    "row_no": row_no, "written": written, "as_of": as_of.isoformat(),
                    "valid_from": body.valid_from.isoformat()})))
                continue
            code, written_code = res.code, res.written_code
            if code != written_code:
                merged.setdefault((written, code), []).append(row_no)
        elif needs_body:
            parsed.rejected.append((row_no, Message("missing_body", {"row_no": row_no})))
            continue
        dedupe = (fold(name), code)
        if dedupe in first_seen:
            parsed.rejected.append((row_no, Message("repeat", {"row_no": row_no, "first_row": first_seen[dedupe]})))
            continue
        first_seen[dedupe] = row_no
        parsed.rows.append(_row(row_no, cells, code, written_code))
    for (written, code), rows in merged.items():
        body = bodies.bodies[code]
        since = bodies.bodies[bodies.lookup(written)].valid_to
        parsed.warnings.append(Message("merged_body", {
            "written": written, "successor": f"{body.name_vi} ({code})", "n": len(rows),
            "since": (since + timedelta(days=1)).isoformat() if since else "", "rows": _span(rows)}))


def _row(row_no: int, cells: dict[str, str], code: str | None, written_code: str | None) -> dict:
    basis = fold(cells.get("basis", ""))
    return {
        "row_no": row_no,
        "name": cells["name"],
        "name_en": cells.get("name_en") or None,
        "ministry_code": code,
        "ministry_as_written": cells.get("ministry") or None,
        "written_body_code": written_code,
        "name_basis": basis if basis in ("verbatim", "translated") else "verbatim",
        "name_in_source": cells.get("name_in_source") or None,
        "status": _STATUS.get(fold(cells.get("status", "")), cells.get("status") or None),
        "sector": cells.get("sector") or None,
        "note": cells.get("note") or None,
        "source": cells.get("source") or None,
    }


def _span(rows: list[int], limit: int = 10) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" (+{len(rows) - limit})" if len(rows) > limit else "")
