"""The rows of a recognition file grouped into records, and a refused record's messages placed on
the row to fix.

A record may span several rows: a proposal whose long texts wrap onto rows of their own (every
other cell empty), a criteria set or an assessment over its criteria (the proposal's number written
once, at the top of its block, or on every row). The record's own fields (a criteria set's document
and date, an assessment's assessor and date) are taken from the first row that writes them; a row
writing a different value is the record's problem, named on that row.

When a record is refused, its problem is reported once, on the row that holds it (the criterion's
row, the row whose cell is wrong); the record's other rows say they belong to a refused record and
which row to fix, so an editor is not sent to a row with nothing wrong in it.
"""
from __future__ import annotations

from contextlib import contextmanager

from loaders.messages import LoaderError, Message
from loaders.text import fold

Members = list[tuple[int, dict[str, str]]]        # (row number, field -> text) of one record


def group_records(rows: Members, group_by: str | None, wraps: tuple[str, ...]) -> list[Members]:
    """The records of the file, in order. ``group_by``: rows with the same value are one record (a
    row without it continues the record above); ``wraps``: the fields a row continuing the record
    above may hold alone (a wrapped text)."""
    records: list[Members] = []
    by_group: dict[str, Members] = {}
    for n, row in rows:
        if group_by:
            value = row.get(group_by)
            if value is None and records:
                records[-1].append((n, row))
            elif value in by_group:
                by_group[value].append((n, row))
            else:
                by_group[value or f"#{n}"] = members = [(n, row)]
                records.append(members)
        elif records and wraps and set(row) <= set(wraps):
            records[-1].append((n, row))
        else:
            records.append([(n, row)])
    return records


def joined(members: Members, joins: dict[str, str]) -> dict[str, str]:
    """One row of a record whose texts wrap onto the rows below: each field's texts joined in order
    (``joins``: field -> separator; a field not named keeps its first text)."""
    out: dict[str, str] = {}
    for _, row in members:
        for f, text in row.items():
            if f not in out:
                out[f] = text
            elif f in joins:
                out[f] = f"{out[f]}{joins[f]}{text}"
    return out


def record_fields(members: Members, fields: tuple[str, ...]) -> dict[str, str]:
    """The record's own fields, each from the first row that writes it; a later row writing another
    value raises ``rec_row_disagrees`` on that row."""
    out: dict[str, tuple[int, str]] = {}
    for i, (n, row) in enumerate(members):
        for f in fields:
            if f not in row:
                continue
            if f not in out:
                out[f] = (n, row[f])
            elif fold(row[f]) != fold(out[f][1]):
                exc = LoaderError("rec_row_disagrees", field=f, value=row[f][:60], first=out[f][1][:60],
                                  first_row=out[f][0])
                exc.item = i
                raise exc
    return {f: text for f, (_, text) in out.items()}


def culprit(exc: LoaderError, members: Members) -> int:
    """The index in ``members`` of the row holding the problem ``exc`` names: the item it was raised
    for (a criterion, an assessed criterion), else the row whose cell holds the value it quotes or
    the field it names (for a text too long once joined, the row it overflows on), else the first row."""
    item = getattr(exc, "item", None)
    if isinstance(item, int) and 0 <= item < len(members):
        return item
    params = exc.message.params
    field = params.get("field")
    value = fold(params.get("value") or "")
    holding = [i for i, (_, row) in enumerate(members) if field in row] if field else []
    if value:
        for i in holding or range(len(members)):
            cells = [members[i][1][field]] if field in members[i][1] else list(members[i][1].values())
            if any(value in fold(c) or (fold(c) and fold(c) in value) for c in cells):
                return i
    if holding and exc.message.code == "rec_too_long":     # a text joined over rows: the row it overflows on
        length = -1
        for i in holding:
            length += len(members[i][1][field]) + 1
            if length > int(params.get("limit") or 0):
                return i
    return holding[0] if holding else 0


def refused(exc: LoaderError, members: Members) -> list[tuple[int, Message]]:
    """A refused record's messages: its problem on the row holding it, and on each other row of
    the record that it belongs to a record refused for that row."""
    at = culprit(exc, members)
    bad = members[at][0]
    return [(n, exc.message if i == at else Message("rec_in_refused_record", {"row_no": n, "bad_row": bad}))
            for i, (n, _) in enumerate(members)]


@contextmanager
def on_item(i: int):
    """A problem raised while reading a record's ``i``-th item (a criterion, an assessed criterion)
    is that row's."""
    try:
        yield
    except LoaderError as exc:
        if getattr(exc, "item", None) is None:
            exc.item = i
        raise
