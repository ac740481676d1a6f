"""DataFrames -> CSV and formatted Excel bytes."""
from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
import xlsxwriter

from .safe import neutralise, neutralise_frame

MAX_WIDTH = 60


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel on Vietnamese Windows opens it correctly), CRLF line ends (so a
    value holding a line break is quoted), hostile cells neutralised."""
    return neutralise_frame(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


@dataclass
class Chart:
    """A native Excel bar chart of one sheet's ``category`` and ``value`` columns."""
    sheet: str
    category: str
    value: str
    title: str


def xlsx_bytes(sheets: dict[str, pd.DataFrame], cover: list[tuple[str, object]] | None = None,
               chart: Chart | None = None, about: list[tuple[str, object]] | None = None) -> bytes:
    """One formatted sheet per DataFrame (bold frozen header, autofilter, widths, numbers as
    numbers), an optional cover sheet of (label, value) rows, an optional native chart, and an
    optional last sheet of (label, value) rows saying what the file is (``about``, written as the
    cover is: the first row names the sheet and gives the title)."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    fmt = {"head": book.add_format({"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "text_wrap": True,
                                    "valign": "top", "border": 1}),
           "date": book.add_format({"num_format": "dd/mm/yyyy"}),
           "title": book.add_format({"bold": True, "font_size": 14}), "bold": book.add_format({"bold": True}),
           "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
           "link": book.add_format({"font_color": "#0563C1", "underline": 1, "text_wrap": True, "valign": "top"})}
    if cover:
        _write_cover(book, cover, fmt)
    positions = {}
    for name, df in sheets.items():
        positions[name] = _write_sheet(book, name, neutralise_frame(df), fmt)
    if chart and chart.sheet in positions and len(sheets[chart.sheet]):
        _add_chart(book, chart, sheets[chart.sheet], positions[chart.sheet])
    if about:
        _write_cover(book, about, fmt)
    book.close()
    return buf.getvalue()


def _write_cover(book, cover: list[tuple[str, object]], fmt: dict) -> None:
    """(label, value) rows; a value ``(text, url)`` is a link showing ``text`` (a cited document)."""
    ws = book.add_worksheet(cover[0][0][:31])
    ws.write_string(0, 0, str(cover[0][1]), fmt["title"])
    for r, (label, value) in enumerate(cover[1:], start=2):
        ws.write_string(r, 0, str(label), fmt["bold"])
        if isinstance(value, tuple):
            text, url = value
            if url:
                ws.write_url(r, 1, url, fmt["link"], string=str(neutralise(text)))
            else:
                ws.write_string(r, 1, str(neutralise(text)), fmt["wrap"])
        else:
            ws.write_string(r, 1, str(neutralise(value)), fmt["wrap"])
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 110)


def _write_sheet(book, name: str, df: pd.DataFrame, fmt: dict):
    ws = book.add_worksheet(name[:31])
    for c, column in enumerate(df.columns):
        ws.write_string(0, c, str(column), fmt["head"])
        values = df[column]
        for r, value in enumerate(values, start=1):
            _write_cell(ws, r, c, value, fmt)
        width = max([len(str(column))] + [len(str(v)) for v in values.head(500) if v is not None]) + 2
        ws.set_column(c, c, min(width, MAX_WIDTH))
    ws.freeze_panes(1, 0)
    if len(df.columns):
        ws.autofilter(0, 0, max(len(df), 1), len(df.columns) - 1)
    return ws


def _write_cell(ws, r: int, c: int, value, fmt: dict) -> None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        ws.write_blank(r, c, None)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)) or hasattr(value, "dtype"):
        ws.write_number(r, c, float(value))
    elif hasattr(value, "year") and hasattr(value, "month"):
        ws.write_datetime(r, c, pd.Timestamp(value).to_pydatetime(), fmt["date"])
    elif _is_url(value):   # a source's web address is a link a reader can click, not bare text
        ws.write_url(r, c, value, fmt["link"], string=value)
    else:
        ws.write_string(r, c, str(value))


def _is_url(value: str) -> bool:
    return (value.startswith(("http://", "https://")) and len(value) <= 2000
            and not any(ch.isspace() for ch in value))


def _add_chart(book, chart: Chart, df: pd.DataFrame, ws) -> None:
    cols = list(df.columns)
    cat, val, n = cols.index(chart.category), cols.index(chart.value), len(df)
    bar = book.add_chart({"type": "bar"})
    bar.add_series({"name": chart.title, "categories": [ws.get_name(), 1, cat, n, cat],
                    "values": [ws.get_name(), 1, val, n, val], "data_labels": {"value": True}})
    bar.set_title({"name": chart.title})
    bar.set_legend({"none": True})
    bar.set_y_axis({"reverse": True})
    bar.set_size({"width": 720, "height": max(320, 22 * n + 80)})
    ws.insert_chart(1, len(cols) + 1, bar)
