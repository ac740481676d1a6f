"""A progress report laid out wide: one row per platform, one column per stage ("Kế hoạch triển
khai | Quy định chức năng | Kiến trúc | ... | Kết nối NDXP"), often under a merged "Tiến độ thực
hiện" header; each cell says what was done and when ("Đã ban hành 15/3/2025", "Hoàn thành (6/2025)",
"Đang thực hiện", "x"). Read into the same items as a long file's rows (``loaders.progress``)."""
from __future__ import annotations

import re
from datetime import date

from . import legacy
from .dates import parse_day, parse_period
from .messages import LoaderError, Message
from .read import Sheet
from .table import Table, locate_table
from .text import clean

# A date inside a cell's text: a day, a month, a quarter or a year.
_DATE_IN_TEXT = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{4}-\d{2}-\d{2}|(?:tháng\s*)?\d{1,2}\s*/\s*\d{4}"
                           r"|(?:quý|q)\s*(?:iv|i{1,3}|[1-4])\s*[/\-]\s*\d{4}|\b(?:19|20)\d{2}\b", re.IGNORECASE)


def stage_columns(sheet: Sheet, table: Table, index, encoding: str | None = None) -> dict[int, tuple[str, str]]:
    """Column -> (stage, header as written) where at least two header cells each name one stage
    (and only one); else empty. The row under the header is read too where the rows start lower (a
    group cell merged over the stages' cells)."""
    top = table.header_row_no - 1
    first_row = table.blocks[0].row_nos[0] if table.blocks and table.blocks[0].row_nos else top + 2
    head = sheet.head(top + 2)
    rows = [head[top]] + ([head[top + 1]] if first_row > top + 2 and len(head) > top + 1 else [])
    out: dict[int, tuple[str, str]] = {}
    for c in range(max(len(r) for r in rows)):
        for r in rows:
            text = _text(r[c], encoding) if c < len(r) else ""
            stage, others = index.match(text) if text else (None, [])
            if stage and not others:
                out[c] = (stage, text)
                break
    return out if len({s for s, _ in out.values()}) >= 2 else {}


def wide_sheets(sheets: list[Sheet], index, legacy_fields: tuple[str, ...]
                ) -> list[tuple[Sheet, Table, dict[int, tuple[str, str]], str | None]]:
    """Every sheet laid out wide (a workbook with one sheet per ministry): (sheet, its table, its
    stage columns, the legacy font it is typed in or None). A sheet without a platform-name column
    (a summary) or without stage columns is passed over."""
    out = []
    for sheet in sheets:
        try:
            table = locate_table([sheet], legacy_fields)
        except LoaderError:
            continue
        encoding = next((enc for (_, enc), converted in table.legacy.items() if converted), None)
        columns = stage_columns(sheet, table, index, encoding)
        if columns:
            out.append((sheet, table, columns, encoding))
    return out


def wide_items(raw: list[object], where: dict, columns: dict[int, tuple[str, str]], today: date, parsed,
               not_done, named: bool = True, encoding: str | None = None) -> list[dict]:
    """The events and targets one platform's row gives (a cell without a date is rejected by name;
    a row with stage cells but no name, once)."""
    if not named:
        if any(clean(raw[c]) for c in columns if c < len(raw)):
            parsed.rejected.append((where["row_no"], Message("empty_name", where)))
        return []
    items = []
    for c, (stage, header) in columns.items():
        text = _text(raw[c], encoding) if c < len(raw) else ""
        if not text:
            continue
        found = _DATE_IN_TEXT.search(text)
        day = parse_day(found[0]) if found else None
        if found and day is None and (day := parse_period(found[0])) is not None:
            parsed.warnings.append(Message("partial_date", {**where, "written": text, "date": day.strftime("%d/%m/%Y")}))
        if day is None:
            parsed.rejected.append((where["row_no"], Message("wide_cell_no_date", {**where, "column": header,
                                                                                   "written": text})))
            continue
        done = not not_done(text)
        if done and day > today:
            parsed.rejected.append((where["row_no"], Message("future_date", {**where, "date": day.isoformat()})))
            continue
        items.append({"row_no": where["row_no"], "sheet": where["sheet"], "stage_id": stage,
                      "event_date": day if done else None, "target_date": None if done else day,
                      "document_no": None, "note": text})
    return items


def _text(cell: object, encoding: str | None) -> str:
    """A cell's text, converted from the legacy font the sheet is typed in (TCVN3, VNI), if any."""
    text = clean(cell)
    if text and encoding and not legacy.has_unicode_letters(text):
        text = clean(legacy.convert(text, encoding))
    return text
