"""What an import kind is: the small object the one import path (``actions.pipeline``) runs.

    read -> locate table -> rows -> resolve   ``parse(fp, context)`` (pure: no database)
    restrict                                   ``restrict(parsed, user, scope, context)``
    preview                                    ``summary(con, parsed, scope, user, list_id)``
    commit                                     ``prepare`` -> ``check`` -> ``write_rows``

``actions.pipeline`` does the rest for every kind: the role check, the read-only context, the
duplicate-file check, the ``import_log`` and ``rejected_row`` rows (``store.record_import``), the
transaction, the audit row. A new kind is one module with a subclass of ``ImportKind`` and one
line in ``pipeline.KINDS`` (README: "Adding an import kind").
"""
from __future__ import annotations

from datetime import date
from typing import Any, BinaryIO

from access.roles import User
from store.db import Connection
from store.writer import Written, refuse_empty


class ImportKind:
    name: str = ""           # import_log.kind, the CLI's and the page's name for it
    action: str = ""         # the access action (access/roles.py ALLOWED) a user needs
    dated: bool = False      # True: the same file for another as-of date is a new import (lists)
    applies_to: tuple[str, ...] = ("national_deployed", "shared", "provincial")   # list kinds it is for
    needs_platforms: bool = False   # True: only for a list that has platforms (it reports on them)

    def context(self, con: Connection, list_id: str, *, as_of: date | None, today: date) -> dict:
        """What parsing needs from the database (read-only), plus ``as_of``: the date the import is
        recorded for. Raise ``LoaderError`` for a list this kind does not apply to."""
        raise NotImplementedError

    def parse(self, fp: BinaryIO, context: dict) -> Any:
        """The file -> a parse with ``sha256, sheet, header_row_no, rows_read, rejected, warnings``
        (and ``demo``). Pure: reads bytes, touches no database."""
        raise NotImplementedError

    def restrict(self, parsed: Any, user: User, scope: set[str] | None, context: dict) -> Any:
        """``parsed`` with the rows ``user`` may not write moved to the rejected. ``scope``: the
        bodies a ministry editor writes for (None: no limit). Default: no limit."""
        return parsed

    def restrict_context(self, con: Connection, list_id: str) -> dict:
        """What ``restrict`` reads from the database, read again on the writable connection at commit."""
        return {}

    def summary(self, con: Connection, parsed: Any, scope: set[str] | None, user: User,
                list_id: str) -> dict:
        """Extra things the preview shows (a list: what it adds, changes, removes). Default: none."""
        return {}

    def prepare(self, parsed: Any, context: dict, **choices) -> Any:
        """Apply the choices the user made on the preview (e.g. confirmed near matches) to a copy
        of the parse, before it is restricted and written. Default: none."""
        return parsed

    def write_choices(self, user: User, choices: dict) -> dict:
        """The user's choices ``write_rows`` takes (a list: ``remove_missing``). Default: none."""
        return {}

    def confirmed(self, summary: dict) -> dict:
        """What the preview's ``summary`` showed that the write must hold to (a list: the missing
        platforms a removal may remove; a later change by someone else is not confirmed by it).
        Passed to ``write_rows``. Default: nothing."""
        return {}

    def loaded(self, parsed: Any) -> int:
        """How many rows the import would store."""
        raise NotImplementedError

    def check(self, parsed: Any, strict: bool) -> None:
        """Refuse what must not become an import (strict mode and a rejected row; nothing to load)."""
        refuse_empty(parsed, self.loaded(parsed), strict)

    def write_rows(self, con: Connection, parsed: Any, *, import_id: int, list_id: str, as_of: date,
                   file_name: str, scope: set[str] | None = None, **choices) -> Written:
        """Store the kind's own rows (inside the import's transaction, before its ``import_log`` row)."""
        raise NotImplementedError
