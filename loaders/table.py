"""Sheets of cells -> header and platform rows (the header is recognised by ``loaders.headers``).

Reads every sheet whose top rows hold a header with a platform-name column (a "Tổng hợp" summary
sheet has none and is passed over). A header may span two rows (merged cells are already filled
by ``read``). An official-letter block and title rows above it, a "(1) (2) (3)" row under it and
blank rows are skipped; a "Tổng cộng" / "Ghi chú" / "Nơi nhận" row or a signature ends the sheet's list.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from . import legacy
from .column_clean import all_numbered, clean_column
from .headers import expected_headers, find_header
from .messages import LoaderError
from .read import Sheet
from .row_kinds import is_glossary, is_trailer_text, passed_over
from .text import clean, fold

__all__ = ["Block", "Row", "Table", "expected_headers", "is_trailer_text", "locate_table"]
HEADER_SCAN_ROWS = 30
@dataclass
class Row:
    sheet: str
    row_no: int                 # as Excel shows it (1-based)
    cells: dict[str, str]       # canonical field -> cleaned text, in column order

    @cached_property
    def values(self) -> list[str]:
        """The distinct non-empty texts of the row's columns, in order (section rows and
        trailers are told by these)."""
        return _distinct(self.cells.values())


@dataclass
class Block:
    """The rows one sheet contributes, held as columns (a 50,000-row list is cleaned and parsed a
    column at a time; ``Row`` objects are made only for the rows that need one)."""
    sheet: str
    fields: list[str]               # the sheet's mapped fields, in column order
    cells: dict[str, list[str]]     # field -> cleaned texts, one per row
    row_nos: list[int]              # as Excel shows them (1-based)

    def __len__(self) -> int:
        return len(self.row_nos)

    def row(self, i: int) -> Row:
        return Row(self.sheet, self.row_nos[i], {f: self.cells[f][i] for f in self.fields})


@dataclass
class Table:
    sheets: list[str]
    header_row_no: int          # of the first sheet read
    columns: dict[str, int]     # of the first sheet read
    headers_found: list[str]
    blocks: list[Block]
    labels: dict[str, str] = field(default_factory=dict)   # canonical field -> header as written
    preamble: list[str] = field(default_factory=list)      # title rows above the header
    skipped: list[int] = field(default_factory=list)
    legacy: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (field, encoding) -> rows converted

    def __len__(self) -> int:
        return sum(len(b) for b in self.blocks)

    @cached_property
    def rows(self) -> list[Row]:
        return [b.row(i) for b in self.blocks for i in range(len(b))]

    def column(self, name: str) -> list[str]:
        """One field's texts down every sheet read ("" where a sheet has no such column)."""
        out: list[str] = []
        for b in self.blocks:
            out.extend(b.cells[name] if name in b.cells else [""] * len(b))
        return out

    def row_nos(self) -> list[int]:
        """Each row's number as Excel shows it, down every sheet read."""
        return [n for b in self.blocks for n in b.row_nos]

    def row_sheets(self) -> list[str]:
        """Each row's sheet name."""
        return [b.sheet for b in self.blocks for _ in range(len(b))]

    def locate(self, i: int) -> tuple[Block, int]:
        """The block holding the ``i``-th row of the table, and the row's index in it."""
        for b in self.blocks:
            if i < len(b):
                return b, i
            i -= len(b)
        raise IndexError(i)

    def row(self, i: int) -> Row:
        block, j = self.locate(i)
        return block.row(j)

    @property
    def found_text(self) -> str:
        """The headers found, quoted, for "no such column" messages."""
        return ", ".join(f"'{h}'" for h in self.headers_found)

    @property
    def is_demo(self) -> bool:
        """The title rows say the file is demo data ("DỮ LIỆU MINH HỌA", "DEMO")."""
        return any(w in fold(" ".join(self.preamble)) for w in ("minh hoa", "demo"))

    def where(self, row: Row) -> dict:
        """How a row's messages locate it (the sheet named only when several were read)."""
        return {"row_no": row.row_no, "sheet_note": f", sheet '{row.sheet}'" if len(self.sheets) > 1 else "",
                "sheet": row.sheet}


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _find_header(texts: list[list[str]], sheet: Sheet):
    """``find_header`` on the top rows, converted first where they are typed in a legacy font
    (TCVN3 or VNI: "Tªn nÒn t¶ng" is "Tên nền tảng"): (header, texts read, encoding or None).
    Converted before ``clean``: TCVN3 writes "ư" as a soft hyphen, which ``clean`` drops."""
    raw = [[c if type(c) is str else "" for c in r] for r in sheet.head(HEADER_SCAN_ROWS)]
    encoding = legacy.detect([t for r in raw for t in r])
    if encoding:
        converted = [[clean(legacy.convert(t, encoding)) for t in r] for r in raw]
        found = None if is_glossary(converted) else find_header(converted, sheet.name)
        if found is not None:
            return found, converted, encoding
    return find_header(texts, sheet.name), texts, None


def locate_table(sheets: list[Sheet], legacy_fields: tuple[str, ...] = (), needs: tuple[str, ...] = ()) -> Table:
    """The header and rows of every sheet that has a list. ``legacy_fields``: the columns whose
    text typed in a legacy font (TCVN3, VNI) is converted as the rows are read (``Table.legacy``
    says which rows). ``needs``: the columns a sheet of this kind of file must have; a sheet
    without them (the drop-down lists of a template: provinces and platform names) is passed
    over, unless no sheet has them (then the caller's "missing column" message names them)."""
    if needs:
        return locate_table([s for s in sheets if _has_columns(s, needs)] or sheets, legacy_fields)
    table: Table | None = None
    for sheet in sheets:
        texts = [[clean(c) for c in r] for r in sheet.head(HEADER_SCAN_ROWS)]
        if is_glossary(texts):
            continue
        found, texts, encoding = _find_header(texts, sheet)
        if not found:
            continue
        idx, height, columns = found.row, found.height, found.columns
        header = [t for t in (texts[idx] + (texts[idx + 1] if height == 2 else [])) if t]
        block, skipped, converted = _extract(sheet, idx + height, columns, legacy_fields, encoding,
                                             texts[max(idx - 1, 0):idx + height])
        if table is None:
            labels = {f: found.texts[c] for f, c in columns.items()}
            preamble = _distinct(t for r in texts[:idx] for t in r)
            table = Table([sheet.name], idx + 1, columns, _distinct(header), [block], skipped=skipped, labels=labels,
                          preamble=preamble)
        else:
            table.sheets.append(sheet.name)
            table.blocks.append(block)
            table.skipped.extend(skipped)
        for converted_key, rows in converted.items():
            table.legacy.setdefault(converted_key, []).extend(rows)
    if table is None:
        first_rows = _distinct([clean(c) for s in sheets for r in s.head(HEADER_SCAN_ROWS) for c in r])
        raise LoaderError("no_header", found=", ".join(f"'{h}'" for h in first_rows[:12]) or "(none)",
                          expected=", ".join(f"'{h}'" for h in expected_headers("name")[:6]))
    return table


def _has_columns(sheet: Sheet, needs: tuple[str, ...]) -> bool:
    texts = [[clean(c) for c in r] for r in sheet.head(HEADER_SCAN_ROWS)]
    found = None if is_glossary(texts) else _find_header(texts, sheet)[0]
    return found is not None and set(needs) <= set(found.columns)


def _extract(sheet: Sheet, start: int, columns: dict[str, int], legacy_fields: tuple[str, ...] = (),
             encoding: str | None = None, header_rows: list[list[str]] = ()
             ) -> tuple[Block, list[int], dict[tuple[str, str], list[int]]]:
    """Rows below the header, as a block of cleaned columns (only the mapped columns are cleaned,
    a column at a time; the child process sends a workbook as columns). A row whose mapped cells are all blank is
    passed over, and so are the rows ``row_kinds.passed_over`` says are not platforms; a trailer row ends the list.
    ``header_rows``: the header and the row above it (the upper row of a header read as one row),
    which a table broken across pages repeats."""
    height = max(sheet.height - start, 0)
    names = [f for f, _ in sorted(columns.items(), key=lambda item: item[1])]
    transposed = sheet.columns(start) if height else []
    raw = [transposed[columns[f]] if columns[f] < len(transposed) else [""] * height for f in names]
    converted = legacy.convert_columns(names, raw, legacy_fields, encoding) if legacy_fields else {}
    cleaned = [clean_column(column) for column in raw]
    number_at = names.index("row_no") if "row_no" in names else None
    keep: list[int] = []
    skipped: list[int] = []
    header = {tuple(fold(r[columns[f]]) if columns[f] < len(r) else "" for f in names) for r in header_rows}
    numbered = None if number_at is None else cleaned[number_at]
    for i, values in enumerate(zip(*cleaned)):
        if not any(values):
            continue
        if len(keep) == 3 and numbered is not None and all_numbered(numbered, i):
            keep.extend(range(i, height))   # every row from here on is a numbered platform row
            break
        if len(keep) >= 3 and number_at is not None and values[number_at].isdecimal():
            keep.append(i)     # a numbered platform row past the top: the common case, no other test
            continue
        passed = passed_over(values[number_at] if number_at is not None else "", _distinct(values), values,
                              len(keep), header)
        if passed:
            skipped.append(start + i + 1)
            if passed == "end":
                break
            continue
        keep.append(i)
    if len(keep) != height:
        cleaned = [[column[i] for i in keep] for column in cleaned]
    if converted:
        kept = set(keep)
        converted = {k: [start + i + 1 for i in rows if i in kept] for k, rows in converted.items()}
    return Block(sheet.name, names, dict(zip(names, cleaned)), [start + i + 1 for i in keep]), skipped, converted
