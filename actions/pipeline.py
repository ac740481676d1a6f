"""The one import path, for every kind (``KINDS``: list, progress, adoption):

    preview:  role -> context (read-only) -> parse -> restrict to the user's rows -> summary
    commit:   prepare (the user's choices) -> role again -> restrict again -> check -> write + audit

``preview`` stores nothing and can be kept (the import page keeps it while the file sits in the
uploader); ``commit`` writes it in one transaction with its audit row (``store.writer.write``).
``ingest`` is both for a file in hand (the CLI). A refusal for lack of rights is audited; any
other ``LoaderError`` (a damaged file, strict mode, nothing to load) leaves the database as it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from access import audit
from access.roles import User, own_bodies, require
from analysis.lineage import with_predecessors
from loaders.messages import LoaderError
from store.db import Connection, WritableAhead, one, reading, writable
from store.schema import check_schema
from store.writer import ImportOutcome, write

from .build import ensure_built
from .guards import KINDS_FOR, bound_names, check_as_of, check_list_kind
from .import_kind import ImportKind
from .kind_adoption import ADOPTION
from .kind_list import LIST
from .kind_progress import PROGRESS

KINDS: dict[str, ImportKind] = {k.name: k for k in (LIST, PROGRESS, ADOPTION)}
MAX_FILE_NAME = 200


@dataclass
class Preview:
    """A parsed file, restricted to what its user may write, and what it would change."""
    kind: ImportKind
    list_id: str
    as_of: date                    # the date the import is recorded for
    parsed: Any
    context: dict = field(repr=False, default_factory=dict)
    summary: dict = field(default_factory=dict)   # a list: {"changes": ListChanges}

    @property
    def loaded(self) -> int:
        return self.kind.loaded(self.parsed)


def safe_file_name(name: str) -> str:
    """An uploaded file's name as recorded: text only (never a path), printable, bounded."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in base if c.isprintable())[:MAX_FILE_NAME] or "upload"


def list_kind(con: Connection, list_id: str) -> str | None:
    row = one(con, "SELECT kind FROM platform_list WHERE list_id = ?", [list_id])
    return row[0] if row else None


def scope_of(con: Connection, user: User) -> set[str] | None:
    """The bodies ``user`` writes rows for (a ministry editor's body and those merged into it;
    None: any)."""
    if user.role != "ministry_editor":
        return None
    lineage = with_predecessors(con.execute("SELECT code, successor_code FROM body").df(), [user.body_code]) \
        if user.body_code else set()
    return own_bodies(user, lineage)


def audited(db_path, user: User, action: str, target: str, work):
    try:
        return work()
    except LoaderError as exc:
        audit.refused(db_path, user, action, target, exc)
        raise


def check_role(db_path: Path | str, user: User, action: str, list_id: str | None = None) -> None:
    """The role check before any work (reading a file included), on a database of this version;
    the commit checks the role again."""
    with reading(db_path) as con:
        _check_role_on(con, db_path, user, action, list_id)


def _check_role_on(con: Connection, db_path: Path | str, user: User, action: str, list_id: str | None) -> None:
    check_schema(con)
    kind = list_kind(con, list_id) if list_id else None
    audited(db_path, user, action, str(list_id or ""), lambda: require(user, action, list_kind=kind))


def _guard(kind: ImportKind, con: Connection, list_id: str, as_of: date | None) -> None:
    """What keeps the record from being bent (``actions.guards``): a list's as-of date between its
    document's date and today; progress and adoption only for the list kinds they apply to."""
    if kind.name == "list" and as_of is not None:
        check_as_of(con, list_id, as_of)
    if kind.name in KINDS_FOR:
        check_list_kind(con, list_id, kind.name)


def preview(kind: ImportKind, fp: BinaryIO, db_path: Path | str, list_id: str, *, user: User | None = None,
            as_of: date | None = None, today: date | None = None) -> Preview:
    """Parse ``fp`` as ``kind`` for ``list_id`` against ``db_path``; store nothing. With a ``user``,
    the rows that user may not write are shown as rejected and the summary is for their part."""
    with reading(db_path) as con:
        return _preview_on(con, kind, fp, list_id, user=user, as_of=as_of, today=today)


def _preview_on(con: Connection, kind: ImportKind, fp: BinaryIO, list_id: str, *, user: User | None,
                as_of: date | None, today: date | None) -> Preview:
    today = today or date.today()
    _guard(kind, con, list_id, as_of)
    context = kind.context(con, list_id, as_of=as_of, today=today)
    parsed = kind.parse(fp, context)
    if kind.name == "list":
        parsed = bound_names(parsed)
    summary = {}
    if user is not None:
        scope = scope_of(con, user)
        parsed = kind.restrict(parsed, user, scope, {**context, **kind.restrict_context(con, list_id)})
        summary = kind.summary(con, parsed, scope, user, list_id)
    return Preview(kind, list_id, context["as_of"], parsed, context, summary)


def commit(prev: Preview, db_path: Path | str, *, user: User, file_name: str, strict: bool = False,
           ahead: WritableAhead | None = None, **choices) -> ImportOutcome:
    """Write ``prev`` with the user's ``choices`` (a list: ``remove_missing``; progress:
    ``accepted_rows``): role, the user's rows only, the checks, the rows, the audit row. ``ahead``:
    the writable copy of ``db_path``, already opened (``ingest``)."""
    kind, file_name = prev.kind, safe_file_name(file_name)
    parsed = kind.prepare(prev.parsed, prev.context, **choices)

    def work():
        with ahead.use() if ahead is not None else writable(db_path) as con:
            require(user, kind.action, list_kind=list_kind(con, prev.list_id))
            _guard(kind, con, prev.list_id, prev.as_of)
            scope = scope_of(con, user)
            rows = kind.restrict(parsed, user, scope, {**prev.context, **kind.restrict_context(con, prev.list_id)})
            kind.check(rows, strict)
            outcome = write(kind, con, rows, list_id=prev.list_id, as_of=prev.as_of, file_name=file_name,
                            actor=user.email, scope=scope, **kind.write_choices(user, choices),
                            **kind.confirmed(prev.summary))
            audit.record(con, user, kind.action, f"{prev.list_id} #{outcome.import_id}", "ok", {
                "file": file_name, "loaded": outcome.rows_loaded, "rejected": outcome.rows_rejected,
                "duplicate": outcome.duplicate, **({"changes": outcome.changes.counts()} if outcome.changes else {})})
            return outcome
    return audited(db_path, user, kind.action, f"{prev.list_id} {file_name}", work)


def ingest(kind: ImportKind, fp: BinaryIO, file_name: str, db_path: Path | str, list_id: str, *, user: User,
           strict: bool = False, as_of: date | None = None, today: date | None = None, **choices) -> ImportOutcome:
    """Preview and commit a file in one go (the CLI): the role is checked before the file is read,
    on the connection the preview then reads from (one opening of the database, not two). While
    the file is read (the sandboxed child parses it), a thread makes the writable copy the commit
    then writes to (``WritableAhead``: the writers' lock is taken then, not after the parse); a
    file that fails to parse leaves the copy removed and the database as it was."""
    ensure_built(db_path)
    with reading(db_path) as con:
        _check_role_on(con, db_path, user, kind.action, list_id)
        ahead = WritableAhead(db_path)
        try:
            prev = _preview_on(con, kind, fp, list_id, user=None, as_of=as_of, today=today)
        except BaseException:
            ahead.close()
            raise
    try:
        return commit(prev, db_path, user=user, file_name=file_name, strict=strict, ahead=ahead, **choices)
    finally:
        ahead.close()
