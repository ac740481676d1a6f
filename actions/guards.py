"""Small checks that keep the record from being bent, called where imports start (the CLI, the
import page, the Python API) and again inside the write.

- ``check_as_of``: a list import's as-of date lies between the list's own date (the earlier of
  its document date and the date its content is valid for, where the register has them; a
  document may describe the state a few days before it was signed) and today.
  ``platform_current`` takes each list's import with the latest as-of date, so a future date
  would hide every later import until that day.
- ``check_list_kind``: progress applies to shared lists, adoption to central (non-provincial) ones.
- ``bound_names``: a platform name longer than ``MAX_NAME`` is a rejected row, not a stored one.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from loaders.messages import LoaderError, Message
from store.db import Connection

MAX_NAME = 400           # characters of a platform name (the longest in the shipped lists: ~200)

# what -> the list kinds it applies to (the import page offers exactly these)
KINDS_FOR = {"progress": ("shared",), "adoption": ("national_deployed", "shared")}


def _list_row(con: Connection, list_id: str) -> tuple | None:
    rows = con.execute("SELECT kind, least(issued_on, as_of), document_no FROM platform_list WHERE list_id = ?",
                       [list_id]).fetchall()
    return rows[0] if rows else None


def check_as_of(con: Connection, list_id: str, as_of: date, today: date | None = None) -> None:
    """Refuse an as-of date after today or before the list's document date."""
    today = today or date.today()
    if as_of > today:
        raise LoaderError("as_of_future", as_of=as_of.isoformat(), today=today.isoformat())
    row = _list_row(con, list_id)
    issued_on = row[1] if row else None
    if issued_on is not None and as_of < issued_on:
        raise LoaderError("as_of_before_document", as_of=as_of.isoformat(), issued_on=issued_on.isoformat(),
                          document_no=row[2] or "-")


def check_list_kind(con: Connection, list_id: str, what: str) -> None:
    """Refuse progress for a list that is not shared, adoption for a provincial list."""
    row = _list_row(con, list_id)
    if row is not None and row[0] not in KINDS_FOR[what]:
        raise LoaderError(f"{what}_wrong_kind", list_id=list_id, kind=row[0], allowed=" / ".join(KINDS_FOR[what]))


def bound_names(parsed):
    """``parsed`` (a ParsedList) with rows whose name is over ``MAX_NAME`` characters rejected."""
    names = parsed.columns["name"]
    try:
        if max(map(len, names), default=0) <= MAX_NAME:   # texts, measured in C: the common case
            return parsed
    except TypeError:               # a name that is not a text: each measured as it is shown
        pass
    keep = [len(str(name or "")) <= MAX_NAME for name in names]
    if all(keep):
        return parsed
    sheet_note = ""
    rejected = list(parsed.rejected) + [
        (row_no, Message("name_too_long", {"row_no": row_no, "sheet_note": sheet_note, "n": len(str(name)),
                                           "limit": MAX_NAME}))
        for row_no, name, ok in zip(parsed.columns["row_no"], names, keep) if not ok]
    return replace(parsed, columns=parsed.keep_only(keep), rejected=sorted(rejected, key=lambda x: x[0]))
