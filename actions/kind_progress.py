"""The import kind "progress": dated stage events (and targets) for the platforms of a list.

Near matches of platform names wait in ``pending`` until the user confirms them on the preview
(``prepare(accepted_rows=...)``); unconfirmed ones are rejected with their suggestion.
"""
from __future__ import annotations

import copy
from typing import BinaryIO

from access.roles import restrict_progress
from loaders.progress import ParsedProgress, confirm, parse_progress
from store.catalog import body_index, progress_context
from store.db import rows, value
from store.writer import Written, refuse_empty

from .import_kind import ImportKind


class ProgressKind(ImportKind):
    name = "progress"
    action = "import_progress"
    applies_to = ("shared",)        # the import page offers shared lists (the library takes any list with platforms)
    needs_platforms = True

    def context(self, con, list_id, *, as_of, today):
        names, stages, reached = progress_context(con, list_id, today)
        aliases = dict(rows(con, "SELECT alias, platform_name FROM platform_alias WHERE list_id = ?", [list_id]))
        owners = dict(rows(con, "SELECT name_key, ministry_code FROM platform_current WHERE list_id = ?", [list_id]))
        return {"as_of": today, "today": today, "list_id": list_id, "names": names, "stages": stages,
                "reached": reached, "aliases": aliases, "bodies": body_index(con), "owners": owners}

    def parse(self, fp: BinaryIO, context: dict) -> ParsedProgress:
        return parse_progress(fp, context["names"], context["stages"], dict(context["reached"]), context["today"],
                              context["list_id"], context.get("aliases"), context.get("bodies"), context.get("owners"))

    def restrict_context(self, con, list_id):
        return {"owners": dict(rows(con, "SELECT name_key, ministry_code FROM platform_current WHERE list_id = ?",
                                    [list_id]))}

    def restrict(self, parsed, user, scope, context):
        return restrict_progress(parsed, user, scope, context["owners"])

    def prepare(self, parsed, context, accepted_rows=frozenset(), **choices):
        """The confirmed near matches become events, the others rejections (on a copy: the preview
        keeps its parse for another try)."""
        parsed = copy.deepcopy(parsed)
        confirm(parsed, set(accepted_rows), dict(context["reached"]), context["stages"])
        return parsed

    def loaded(self, parsed) -> int:
        return len(parsed.events) + len(parsed.targets)

    def check(self, parsed, strict):
        refuse_empty(parsed, self.loaded(parsed), strict, pending=len(parsed.pending))

    def write_rows(self, con, parsed, *, import_id, list_id, as_of, file_name, **choices) -> Written:
        next_id = value(con, "SELECT coalesce(max(event_id), 0) FROM platform_event")
        events = [(next_id + i, list_id, e["platform_key"], e["platform_name"], e["stage_id"], e["event_date"],
                   e["document_no"], e["note"], import_id, f"{file_name}, row {e['row_no']}")
                  for i, e in enumerate(parsed.events, start=1)]
        if events:
            con.executemany("INSERT INTO platform_event (event_id, list_id, platform_key, platform_name, stage_id, "
                            "event_date, document_no, note, import_id, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            events)
        targets = [(list_id, t["platform_key"], t["platform_name"], t["stage_id"], t["target_date"],
                    t["document_no"], import_id) for t in parsed.targets]
        if targets:
            con.executemany("INSERT INTO stage_target VALUES (?, ?, ?, ?, ?, ?, ?)", targets)
        return Written(len(events) + len(targets))


PROGRESS = ProgressKind()
