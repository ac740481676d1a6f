"""What a list file changes in the current list, before anything is written: the platforms it
adds, the ones it changes (which fields, from what to what) and the current ones it does not
contain. A row of the file is the same platform as a current row when their names match ignoring
case, diacritics and spacing (``name_key``).

The *scope* is the part of the list the file speaks for: a ministry editor's file the rows of
that editor's bodies (``own_bodies``), an administrator's the whole list. Current rows in scope
that the file does not contain are *missing*: they leave the list only when the import is told to
remove them (``remove_missing``), otherwise they are kept (README: "A ministry editor's file").
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from loaders.messages import Message

# The fields a change is reported on (name: the exact text; the match itself ignores case, accents)
COMPARED = ("name", "ministry_code", "status", "sector", "name_en")
CURRENT_COLUMNS = ("name_key", *COMPARED)
MAX_NAMED = 20      # names quoted in a message; the preview tables show them all


class AddedRows(Sequence):
    """The rows of a file whose key is not current, as ``{name, ministry_code}`` dicts made when
    read: an import that adds 50,000 platforms reports their count and makes no dict (the preview
    and the CLI read them all). Equal to the list of the same dicts."""

    def __init__(self, names: list, codes: list, known: list[bool]):
        self._names, self._codes, self._known = list(names), list(codes), known   # as they are now
        self._rows: list[dict] | None = None
        self._len = known.count(False)

    def _made(self) -> list[dict]:
        if self._rows is None:
            self._rows = [{"name": name, "ministry_code": code}
                          for name, code, k in zip(self._names, self._codes, self._known) if not k]
        return self._rows

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):
        return self._made()[i]

    def __iter__(self):
        return iter(self._made())

    def __eq__(self, other) -> bool:
        return list(self) == (list(other) if isinstance(other, Sequence) and not isinstance(other, str) else other)

    def __repr__(self) -> str:
        return repr(self._made())


@dataclass
class ListChanges:
    added: Sequence[dict] = field(default_factory=list)      # {name, ministry_code} (``AddedRows``)
    changed: list[dict] = field(default_factory=list)    # {name, ministry_code, fields: {field: (old, new)}}
    missing: list[dict] = field(default_factory=list)    # current rows in scope not in the file
    unchanged: int = 0
    remove_missing: bool = False
    # current rows in scope not in the file that the preview the user confirmed did not list (added
    # by someone else after it): always kept, whatever was ticked for the ``missing`` ones
    unseen: list[dict] = field(default_factory=list)

    @property
    def removed(self) -> list[dict]:
        return self.missing if self.remove_missing else []

    @property
    def kept(self) -> list[dict]:
        return ([] if self.remove_missing else self.missing) + self.unseen

    def summary(self) -> Message:
        """One line for the commit message and the import log."""
        names = [m["name"] for m in self.missing][:MAX_NAMED]
        more = len(self.missing) - len(names)
        return Message("list_changes_removed" if self.remove_missing else "list_changes_kept", {
            "added": len(self.added), "changed": len(self.changed), "unchanged": self.unchanged,
            "missing": len(self.missing), "names": "; ".join(names) + (f" (+{more})" if more > 0 else "") or "-"})

    def counts(self) -> dict:
        return {"added": len(self.added), "changed": len(self.changed), "unchanged": self.unchanged,
                "removed": len(self.removed), "kept": len(self.kept), **({"unseen": len(self.unseen)} if self.unseen else {})}


def current_rows(con: duckdb.DuckDBPyConnection, list_id: str) -> list[dict]:
    frame = con.execute("SELECT name_key, name, ministry_code, status, sector, name_en, source FROM platform_current "
                        "WHERE list_id = ? ORDER BY row_no", [list_id]).df()
    return [{k: (None if v != v else v) for k, v in r.items()} for r in frame.to_dict("records")]   # NaN -> None


def in_scope(row: dict, scope: set[str] | None) -> bool:
    return scope is None or row["ministry_code"] in scope


def field_changes(old: dict, new: dict) -> dict:
    """The compared fields a file's row changes in the current row: {field: (old, new)}. Empty and
    missing are the same; an English name the file leaves empty is kept, not a change."""
    return {f: (old[f], new[f]) for f in COMPARED
            if (old[f] or None) != (new[f] or None) and not (f == "name_en" and not new[f])}


def list_changes(current: list[dict], columns: dict[str, list], scope: set[str] | None,
                 remove_missing: bool, listed: set[str] | None = None) -> ListChanges:
    """Compare the file's rows (``ParsedList.columns``, already restricted to what the user may
    write) with the ``current`` rows of the list. ``listed``: (key, body) of the missing rows the
    user was shown and confirmed (a preview's ``missing``); a missing row not among them is
    ``unseen`` and kept (None: every missing row was shown, as when the file is read and written
    under one lock)."""
    by_key: dict[str, dict] = {}
    for row in current:
        by_key.setdefault(row["name_key"], row)
    changes = ListChanges(remove_missing=remove_missing)
    keys = columns["name_key"]
    seen = set(keys)
    names, codes = columns["name"], columns["ministry_code"]
    # a column at a time: the rows whose key is not current are added (in order); only the others
    # are compared, each becoming a dict
    known = list(map(by_key.__contains__, keys))
    changes.added = AddedRows(names, codes, known)
    for i in [i for i, k in enumerate(known) if k]:
        old, name, code = by_key[keys[i]], names[i], codes[i]
        diff = field_changes(old, {f: columns[f][i] for f in COMPARED})
        if diff:
            changes.changed.append({"name": name, "ministry_code": code, "fields": diff})
        else:
            changes.unchanged += 1
    missing = [{"name": r["name"], "ministry_code": r["ministry_code"], "name_key": r["name_key"]} for r in current
               if in_scope(r, scope) and r["name_key"] not in seen]
    changes.missing = [r for r in missing if listed is None or (r["name_key"], r["ministry_code"]) in listed]
    changes.unseen = [r for r in missing if listed is not None and (r["name_key"], r["ministry_code"]) not in listed]
    return changes


def preview_base(current: list[dict], scope: set[str] | None) -> dict[str, dict]:
    """The current rows in scope as a preview saw them: name key -> their compared fields (what a
    commit compares the list at its own time with: ``since_preview``)."""
    base: dict[str, dict] = {}
    for row in current:
        if in_scope(row, scope):
            base.setdefault(row["name_key"], {f: row[f] for f in COMPARED})
    return base


@dataclass
class SincePreview:
    """What others changed in the list between a user's preview and their commit, and what the
    commit does about it: the file's row of a platform removed meanwhile is not written back
    (``gone``); a platform changed meanwhile that the file leaves as the preview showed it keeps the
    other change (``theirs``); one the file changes too gets the file's values (``both``)."""
    columns: dict[str, list]
    gone: list[str] = field(default_factory=list)
    theirs: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)


def since_preview(current: list[dict], columns: dict[str, list], base: dict[str, dict]) -> SincePreview:
    """The file's ``columns`` applied to the list as it is now (``current``) rather than as it was
    at the preview (``base``): the user confirmed the differences from what they were shown, not
    the undoing of what another editor did in between."""
    now: dict[str, dict] = {}
    for row in current:
        now.setdefault(row["name_key"], row)
    out = SincePreview({f: list(v) for f, v in columns.items()})
    keep = []
    for i, key in enumerate(columns["name_key"]):
        was, name = base.get(key), columns["name"][i]
        if was is None:                    # not in the list when previewed: the file adds it
            keep.append(True)
            continue
        if key not in now:                 # removed by someone else since: not brought back
            keep.append(False)
            out.gone.append(name)
            continue
        keep.append(True)
        theirs = {f: now[key][f] for f in COMPARED}
        if not field_changes(was, theirs):
            continue                       # nobody else changed it
        if field_changes(was, {f: columns[f][i] for f in COMPARED}):
            out.both.append(name)          # changed by both: the file's values, as confirmed
            continue
        for f in COMPARED:                 # changed by someone else only: their values stay
            out.columns[f][i] = theirs[f]
        out.theirs.append(name)
    if out.gone:
        out.columns = {f: [v for v, k in zip(values, keep) if k] for f, values in out.columns.items()}
    return out


def fill_from_current(current: list[dict], columns: dict[str, list]) -> dict[str, list]:
    """The file's columns with each missing English name and source taken from the current row of
    the same platform (a ministry's file rarely carries them; the list's own rows do: a platform
    sent again unchanged keeps the document it is cited to)."""
    out = dict(columns)
    bodies: dict[str, set] = {}   # a key -> the bodies its current rows have (one name, two ministries)
    for r in current:
        bodies.setdefault(r["name_key"], set()).add(r["ministry_code"])
    for column in ("name_en", "source"):
        known = {(r["name_key"], r["ministry_code"]): r[column] for r in current if r.get(column)}
        if not known:
            continue
        # the row of the same platform and body; by name alone only where one body has that name
        out[column] = [v or known.get((k, b)) or (known.get((k, next(iter(bodies[k])))) if len(bodies.get(k, ())) == 1 else None)
                       for v, k, b in zip(columns[column], columns["name_key"], columns["ministry_code"])]
    return out
