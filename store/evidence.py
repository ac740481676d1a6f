"""Public evidence of progress (``data/reference/progress_evidence.csv``) -> dated stage events.

Loaded at build, after the lists, as one progress import of its own (``import_log`` kind
``progress``, actor ``build``): each found stage becomes a ``platform_event`` row with its source
URL, publisher, source date, quote and confidence (``origin = 'public_evidence'``), so a ministry's
progress file imported later adds its own events beside them and the two are told apart by
``origin``. A ``none_found`` row is not an event: it is kept in ``evidence_search`` with the date of
the search. The official names the evidence identifies go to ``platform_alias``
(``platform_aliases.csv``).

A step's date may be exact, month-only or missing. ``event_date`` is then the latest day it can
have happened by: the month's last day (``month``), the source's date (``by_source``), or the date
of the search (``by_search``); ``stated_date`` keeps what the evidence says.
"""
from __future__ import annotations

import calendar
import hashlib
from datetime import date, datetime
from pathlib import Path

import duckdb

from loaders.messages import Message, stored
from loaders.text import key

from .db import value
from .reference import read_reference_csv

EVIDENCE_CSV = "progress_evidence.csv"
ALIASES_CSV = "platform_aliases.csv"
CONFIDENCES = ("confirmed", "likely", "uncertain")
NONE_FOUND = "none_found"
EVENT_COLUMNS = ["event_id", "list_id", "platform_key", "platform_name", "stage_id", "event_date", "document_no",
                 "note", "import_id", "source", "origin", "confidence", "source_url", "source_publisher",
                 "source_date", "quote", "stated_date", "date_basis", "evidence_key", "action", "added_by",
                 "added_at"]


INSERT_EVENT = (f"INSERT INTO platform_event ({', '.join(EVENT_COLUMNS)}) "  # noqa: S608 (fixed column names)
                f"VALUES ({', '.join('?' * len(EVENT_COLUMNS))})")


class EvidenceError(ValueError):
    """The shipped evidence does not fit the lists (a build error for whoever edits data/)."""


def partial_day(text: str | None, *, last: bool = True) -> date | None:
    """``yyyy-mm-dd`` -> that day; ``yyyy-mm`` or ``yyyy`` -> its last day (``last``) or first."""
    text = (text or "").strip()
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(*parts)[1] if last else 1)
    return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)


def event_day(stated: str | None, source_date: str | None, searched_on: date) -> tuple[date, str]:
    """The day a step counts from and how it follows from the evidence (see the module doc)."""
    stated = (stated or "").strip()
    if stated:
        return partial_day(stated), "day" if stated.count("-") == 2 else "month"
    if (source_date or "").strip():
        return partial_day(source_date), "by_source"
    return searched_on, "by_search"


def evidence_key(list_id: str, platform_key: str, stage_id: str, stated: str | None, url: str | None) -> str:
    """A stable id of one piece of evidence (the same on every build of the same file)."""
    text = "|".join([list_id, platform_key, stage_id, stated or "", url or ""])
    return "ev-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _records(path: Path) -> list[dict]:
    """The rows of a reference CSV, empty cells as None."""
    df = read_reference_csv(path)
    return df.astype(object).where(df.notna(), None).to_dict("records")


def _names(con: duckdb.DuckDBPyConnection, list_id: str) -> dict[str, str]:
    return dict(con.execute("SELECT name_key, name FROM platform_current WHERE list_id = ?", [list_id]).fetchall())


def load_evidence(con: duckdb.DuckDBPyConnection, ref_dir: Path, actor: str = "build") -> list[int]:
    """Load the evidence file, one import per list it speaks of; returns their import ids."""
    path = ref_dir / EVIDENCE_CSV
    if not path.exists():
        return []
    rows = _records(path)
    names = {lid: _names(con, lid) for lid in {r["list_id"] for r in rows}}
    for r in rows:
        r["platform_key"] = key(r["name_vi"])
        if r["platform_key"] not in names[r["list_id"]]:
            raise EvidenceError(f"{path.name}: '{r['name_vi']}' is not a platform of {r['list_id']}")
        if r["stage_id"] != NONE_FOUND and r["confidence"] not in CONFIDENCES:
            raise EvidenceError(f"{path.name}: confidence '{r['confidence']}' of '{r['name_vi']}'")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    ids = [_load_list(con, [r for r in rows if r["list_id"] == lid], names[lid], f"data/reference/{path.name}", sha,
                      actor) for lid in sorted(names)]
    _load_aliases(con, ref_dir / ALIASES_CSV, names)
    return ids


def _load_list(con: duckdb.DuckDBPyConnection, rows: list[dict], names: dict[str, str], file_name: str, sha: str,
               actor: str) -> int:
    list_id = rows[0]["list_id"]
    found = [r for r in rows if r["stage_id"] != NONE_FOUND]
    now = datetime.now().replace(microsecond=0)
    import_id = value(con, "SELECT coalesce(max(import_id), 0) + 1 FROM import_log")
    con.execute("INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, 'loaded', ?, ?, 0, ?, NULL, 1, ?, 'progress', false)", [
        import_id, list_id, file_name, sha, max(partial_day(r["searched_on"]) for r in rows), now, len(rows),
        len(found), stored([Message("evidence_loaded", {})]), actor])
    next_id = value(con, "SELECT coalesce(max(event_id), 0) FROM platform_event")
    events = []
    for i, r in enumerate(found, start=1):
        day, basis = event_day(r["stage_date"], r["source_date"], partial_day(r["searched_on"]))
        events.append([next_id + i, list_id, r["platform_key"], names[r["platform_key"]], r["stage_id"], day, None,
                       r["note"], import_id, file_name, "public_evidence", r["confidence"], r["source_url"],
                       r["source_publisher"], r["source_date"], r["quote"], r["stage_date"], basis,
                       evidence_key(list_id, r["platform_key"], r["stage_id"], r["stage_date"], r["source_url"]),
                       "add", actor, now])
    if events:
        con.executemany(INSERT_EVENT, events)
    searched: dict[str, dict] = {}
    for r in rows:
        entry = searched.setdefault(r["platform_key"], {"on": partial_day(r["searched_on"]), "found": False,
                                                        "note": None})
        entry["found"] |= r["stage_id"] != NONE_FOUND
        if r["stage_id"] == NONE_FOUND:
            entry["note"] = r["note"]
    con.executemany("INSERT INTO evidence_search VALUES (?, ?, ?, ?, ?, ?, ?)", [
        [list_id, k, names[k], v["on"], v["found"], v["note"], file_name] for k, v in searched.items()])
    return import_id


def _load_aliases(con: duckdb.DuckDBPyConnection, path: Path, names: dict[str, dict[str, str]]) -> None:
    if not path.exists():
        return
    rows = []
    for r in _records(path):
        platform_key = key(r["name_vi"])
        listed = names.get(r["list_id"]) or _names(con, r["list_id"])
        if platform_key not in listed:
            raise EvidenceError(f"{path.name}: '{r['name_vi']}' is not a platform of {r['list_id']}")
        rows.append([r["list_id"], platform_key, listed[platform_key], r["alias"], key(r["alias"]), r["basis"],
                     r["source_url"], r["source_publisher"], r["source_date"], r["note"]])
    if rows:
        con.executemany("INSERT INTO platform_alias VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
