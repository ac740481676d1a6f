"""The import kind "list": a platform list file becomes a new snapshot of a registered list.

An administrator's file is the whole new list; a ministry editor's speaks for that editor's bodies
(``scope``) and the snapshot keeps the other bodies' rows. The current rows in scope that the file
does not contain leave only when ``remove_missing`` (store/changes.py, README "What a list file
adds, changes and removes"). A shared list's new platforms also get their "listed" event. A row
written with a platform's earlier name (renamed by a correction: store/renames.py) is that platform,
recorded under the name in force with a warning (``under_current_names``).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import BinaryIO

import pyarrow as pa

from access.roles import User, restrict_list
from loaders.messages import Message
from loaders.parse import ParsedList, parse_list
from loaders.platform_row import COLUMNS
from loaders.sheet_names import split_sheets
from loaders.text import fold, key
from store import renames
from store.catalog import body_index, list_meta
from store.changes import MAX_NAMED, current_rows, fill_from_current, list_changes, preview_base, since_preview
from store.db import Connection, one, rows, value
from store.writer import ImportOutcome, Written, refuse_empty, write

from .import_kind import ImportKind

ARROW_TYPES = {"INTEGER": pa.int32(), "VARCHAR": pa.string()}


def removes_missing(user: User, remove_missing: bool | None = None) -> bool:
    """Whether the current rows a file does not contain leave the list. Asked explicitly (the
    import page's confirmation box, the CLI's ``--keep-missing``), or by role: a ministry editor's
    file speaks only for the rows it contains; an administrator's is a new version of the list."""
    return remove_missing if remove_missing is not None else user.role != "ministry_editor"


class ListKind(ImportKind):
    name = "list"
    action = "import_list"
    dated = True

    def context(self, con, list_id, *, as_of, today):
        meta = list_meta(con, list_id)
        owners: dict[str, set] = {}   # a current platform's key -> the bodies its rows have
        for k, code in rows(con, "SELECT name_key, ministry_code FROM platform_current WHERE list_id = ?", [list_id]):
            owners.setdefault(k, set()).add(code)
        return {"as_of": as_of or meta["as_of"], "list_kind": meta["kind"], "bodies": body_index(con),
                "earlier": renames.earlier_names(con, list_id), "owners": owners}

    def parse(self, fp: BinaryIO, context: dict) -> ParsedList:
        parsed = parse_list(fp, context["bodies"], context["as_of"], context["list_kind"])
        return under_current_names(parsed, context.get("earlier") or {})

    def restrict(self, parsed, user, scope, context):
        return restrict_list(parsed, user, scope, context.get("owners"))

    def summary(self, con, parsed, scope, user, list_id):
        current = current_rows(con, list_id)
        return {"changes": list_changes(current, parsed.columns, scope, removes_missing(user)),
                "base": preview_base(current, scope)}

    def write_choices(self, user, choices):
        return {"remove_missing": removes_missing(user, choices.get("remove_missing"))}

    def confirmed(self, summary):
        """The missing platforms the preview showed (what a removal ticked on it may remove)."""
        changes = summary.get("changes")
        return {} if changes is None else {"listed": {(r["name_key"], r["ministry_code"]) for r in changes.missing},
                                           "base": summary["base"]}

    def loaded(self, parsed) -> int:
        return parsed.row_count

    def check(self, parsed, strict):
        refuse_empty(parsed, parsed.row_count, strict)

    def write_rows(self, con, parsed, *, import_id, list_id, as_of, file_name, scope=None, remove_missing=True,
                   listed=None, base=None, **choices) -> Written:
        current = current_rows(con, list_id)
        merged = []
        if base is not None:   # a confirmed preview: its changes applied to the list as it is now
            since = since_preview(current, parsed.columns, base)
            parsed = replace(parsed, columns=since.columns)
            merged = [Message(code, {"n": len(names), "names": _named(names)})
                      for code, names in (("kept_removed_since", since.gone), ("kept_changed_since", since.theirs),
                                          ("changed_by_both", since.both)) if names]
        changes = list_changes(current, parsed.columns, scope, remove_missing, listed)
        parsed = replace(parsed, columns=fill_from_current(current, parsed.columns))
        notes = ([changes.summary()] if current else []) + merged
        if changes.unseen:
            notes.append(Message("kept_unseen", {"n": len(changes.unseen), "names": _named([r["name"] for r in changes.unseen])}))
        carried = _carry_over(con, list_id, scope, {r["name_key"] for r in changes.kept})
        outside = carried - len(changes.kept)
        if outside:
            notes.append(Message("kept_other_bodies", {"n": outside}))
        _insert_platforms(con, _platform_rows(parsed, import_id, list_id))
        if carried:
            con.execute("UPDATE carried SET import_id = ?", [import_id])
            con.execute("INSERT INTO platform SELECT * FROM carried")
        con.execute("DROP TABLE carried")
        _record_listing(con, list_id, import_id, as_of)
        return Written(parsed.row_count, notes, changes, merged)


LIST = ListKind()


def _named(names: list[str]) -> str:
    """Names quoted in a message: the first ``MAX_NAMED``, then how many more."""
    more = len(names) - MAX_NAMED
    return "; ".join(names[:MAX_NAMED]) + (f" (+{more})" if more > 0 else "")


def write_import(con: Connection, parsed: ParsedList, *, list_id: str, as_of: date,
                 file_name: str, actor: str | None = None, replace_only: set[str] | None = None,
                 remove_missing: bool = True) -> ImportOutcome:
    """Record one list import in one transaction on an open read-write connection (``build``).
    ``replace_only``: the bodies the file speaks for (None: the whole list)."""
    return write(LIST, con, parsed, list_id=list_id, as_of=as_of, file_name=file_name, actor=actor,
                 scope=replace_only, remove_missing=remove_missing)


def under_current_names(parsed: ParsedList, earlier: dict[str, tuple[str, str]]) -> ParsedList:
    """The rows written with an earlier name of a renamed platform (``earlier``: its key -> the name
    in force and the rename's note) under the name in force, the name as written kept in
    ``name_in_source`` and the rename as its source, each with a warning. A row naming, for the same
    body, a platform the file already names (by its current name anywhere in the file, or by another
    earlier name above) is a repeat: rejected, never added as a platform of its own (what was recorded
    under its key is read as the renamed platform's: store/renames.py)."""
    keys = parsed.columns["name_key"]
    if not earlier or not any(k in earlier for k in keys):
        return parsed
    columns = {f: list(values) for f, values in parsed.columns.items()}
    row_nos, bodies = columns["row_no"], columns["ministry_code"]
    named: dict[tuple, int] = {}   # (key, body) -> the first row naming it by its current name
    for k, body, row_no in zip(keys, bodies, row_nos):
        if k not in earlier:
            named.setdefault((k, body), row_no)
    several = len(set(columns["sheet"])) > 1 or len(split_sheets(parsed.sheet)) > 1   # as the parser names it
    keep, warnings, rejected = [True] * len(keys), list(parsed.warnings), list(parsed.rejected)
    for i, k in enumerate(keys):
        if k not in earlier:
            continue
        name, note = earlier[k]
        said = {"row_no": row_nos[i], "written": columns["name"][i], "name": name,
                "ids": "".join(c for c in str(note or "") if c.isdigit()),   # the note is "correction #N"
                "sheet_note": f", sheet '{columns['sheet'][i]}'" if several else ""}
        first = named.get((key(name), bodies[i]))
        if first is not None:
            keep[i] = False
            rejected.append((row_nos[i], Message("earlier_name_repeat", {**said, "first_row": first})))
            continue
        named[(key(name), bodies[i])] = row_nos[i]
        columns["name_in_source"][i] = columns["name_in_source"][i] or columns["name"][i]
        columns["name"][i], columns["name_key"][i], columns["name_fold"][i] = name, key(name), fold(name)
        columns["source"][i] = columns["source"][i] or note
        warnings.append(Message("earlier_name", said))
    columns = {f: [v for v, k in zip(values, keep) if k] for f, values in columns.items()}
    return replace(parsed, columns=columns, warnings=warnings, rejected=sorted(rejected, key=lambda x: x[0]))


def check_loadable(parsed: ParsedList, strict: bool) -> None:
    LIST.check(parsed, strict)


def _insert_platforms(con: Connection, rows: pa.Table) -> None:
    """``rows`` into ``platform``, each column to the column of its name (never by position)."""
    con.register("platform_rows", rows)
    try:
        con.execute("INSERT INTO platform BY NAME SELECT * FROM platform_rows")
    finally:
        con.unregister("platform_rows")


def _platform_rows(parsed: ParsedList, import_id: int, list_id: str) -> pa.Table:
    """The rows as ``platform`` declares them (loaders/platform_row.py), built in Arrow from the
    parse's columns; the insert matches them to the table by name."""
    n = parsed.row_count
    values = {"import_id": [import_id] * n, "list_id": [list_id] * n, **parsed.columns}
    return pa.table({c.name: pa.array(values[c.name], ARROW_TYPES[c.type]) for c in COLUMNS})


def _carry_over(con: Connection, list_id: str, scope: set[str] | None, keep_missing: set[str]) -> int:
    """Hold the current rows the new import keeps (before it exists): those of bodies outside
    ``scope`` (None: the whole list is in scope) and those in scope whose key is in ``keep_missing``."""
    con.execute("CREATE OR REPLACE TEMP TABLE carried AS SELECT * FROM platform_current WHERE list_id = $list "
                "AND (CASE WHEN $scoped AND (ministry_code IS NULL OR NOT list_contains($scope, ministry_code)) "
                "THEN true ELSE list_contains($keep, name_key) END)",
                {"list": list_id, "scoped": scope is not None, "scope": sorted(scope or ()), "keep": sorted(keep_missing)})
    return value(con, "SELECT count(*) FROM carried")


# A shared list's platforms not yet "listed" (under any name they had: store/renames.py) become so.
_LISTED = ("""
    INSERT INTO platform_event (event_id, list_id, platform_key, platform_name, stage_id, event_date, document_no,
                                note, import_id, source)
    SELECT (SELECT coalesce(max(event_id), 0) FROM platform_event) + row_number() OVER (ORDER BY p.row_no),
           p.list_id, p.name_key, p.name, 'listed', ?, ?, ?, p.import_id, ?
    FROM platform p
    WHERE p.import_id = ? AND p.name_key NOT IN (
        SELECT coalesce(r.platform_key, e.platform_key)
        FROM platform_event e LEFT JOIN """ + renames.CURRENT_KEY + """ r
            ON r.list_id = e.list_id AND r.alias_key = e.platform_key
        WHERE e.list_id = ? AND e.stage_id = 'listed')""")  # noqa: S608 (one fixed subquery joined in)


def _record_listing(con: Connection, list_id: str, import_id: int, as_of: date) -> None:
    """A shared list's platforms become "listed" events: at the decision's date on the list's first
    import, at the import's as-of date for platforms a later version adds."""
    kind, issued_on, document_no = one(
        con, "SELECT kind, issued_on, document_no FROM platform_list WHERE list_id = ?", [list_id])
    if kind != "shared":
        return
    earlier = value(con, "SELECT count(*) FROM import_log WHERE list_id = ? AND kind = 'list' AND import_id < ?",
                    [list_id, import_id])
    first = earlier == 0 and issued_on is not None
    con.execute(_LISTED,
                [issued_on if first else as_of, document_no if first else None,
                 "listed in the decision" if first else f"first listed by import #{import_id}",
                 f"import #{import_id}", import_id, list_id])
