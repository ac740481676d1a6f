"""Tables in HTML saved with an .xls name (web portals export this way) -> rows of cells.

A cell spanning rows or columns (``rowspan``, ``colspan``) gives its text to every cell it covers,
as ``read`` does for a workbook's merged cells: a body merged down its platforms' rows applies to
each of them."""
from __future__ import annotations

from html.parser import HTMLParser

from .messages import LoaderError

MAX_COLSPAN = 50
MAX_ROWSPAN = 1_000
MAX_CELLS = 1_000_000     # cells of one table, spans laid out (~150 bytes each while laid out): a list is ~10 columns


def _span(value: str | None, limit: int) -> int:
    value = (value or "1").strip()
    return min(int(value), limit) if value.isdigit() and int(value) > 0 else 1


class _Tables(HTMLParser):
    """Each table as rows of (text, rowspan, colspan) cells, as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[str, int, int]]]] = []
        self._row: list[tuple[str, int, int]] | None = None
        self._cell: list[str] | None = None
        self._spans = (1, 1)
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._depth += 1
            self.tables.append([])
        elif tag == "tr" and self._depth:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            a = dict(attrs)
            self._spans = (_span(a.get("rowspan"), MAX_ROWSPAN), _span(a.get("colspan"), MAX_COLSPAN))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(("".join(self._cell), *self._spans))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "table" and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Lay the cells out as a browser does: a cell goes to the first column its row has free (cells
    spanning down from rows above hold theirs) and fills every cell it spans. The grid's cells are
    counted as each cell is placed, before its span is made, against ``MAX_CELLS``."""
    grid: list[list[str]] = []
    held: dict[tuple[int, int], str] = {}    # (row, column) -> text, from a cell spanning down
    held_right: dict[int, int] = {}          # row -> the rightmost column held in it
    size = 0                                 # cells of the grid so far, held ones included

    def count(n: int) -> None:
        nonlocal size
        size += n
        if size > MAX_CELLS:
            raise LoaderError("html_too_big", limit=MAX_CELLS)

    for r, cells in enumerate(rows):
        out: list[str] = []
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in held:
                out.append(held.pop((r, c)))
                c += 1
            count(colspan * min(rowspan, len(rows) - r))
            for dc in range(colspan):
                out.append(text)
                for dr in range(1, min(rowspan, len(rows) - r)):
                    held[(r + dr, c + dc)] = text
                    held_right[r + dr] = max(held_right.get(r + dr, 0), c + dc)
            c += colspan
        right = held_right.pop(r, -1)
        while c <= right:                        # cells spanning down past the row's own cells
            if (r, c) in held:
                out.append(held.pop((r, c)))
            else:                                # a gap left of a held cell: a cell of its own
                count(1)
                out.append("")
            c += 1
        grid.append(out)
    return grid


def html_tables(text: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(text)
    parser.close()
    return [_grid(t) for t in parser.tables if t]


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2048].lower()
    return head.startswith(("<!doctype html", "<html", "<table", "<meta")) or "<table" in head
