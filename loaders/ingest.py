"""Ingest one file into a database: the path the CLI and the import page share. Parsing
(``preview*``) stores nothing; the writes go through ``loaders.commits`` (role, rows, audit)."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from .access import User, restrict_adoption, restrict_list, restrict_progress
from .adoption import ParsedAdoption, parse_adoption
from .build import ensure_built
from .catalog import body_index, central_names, list_meta, open_read_only, progress_context, province_index
from .commits import allowed_bodies, check_role, commit_adoption, commit_import, commit_progress
from .guards import bound_names, check_as_of, check_list_kind
from .parse import ParsedList, parse_list
from .progress import ParsedProgress, confirm, parse_progress
from .store import ImportOutcome


def preview(fp: BinaryIO, db_path: Path | str, list_id: str, as_of: date | None = None, user: User | None = None
            ) -> tuple[ParsedList, dict]:
    """Parse ``fp`` against the bodies and list register in ``db_path``; store nothing.
    Returns the parse (rows ``user`` may not write shown as rejected) and the list's metadata
    (with the as-of date actually used)."""
    con = open_read_only(db_path)
    try:
        meta = list_meta(con, list_id)
        bodies = body_index(con)
        if as_of is not None:
            check_as_of(con, list_id, as_of)
    finally:
        con.close()
    meta = {**meta, "as_of": as_of or meta["as_of"]}
    parsed = bound_names(parse_list(fp, bodies, meta["as_of"], meta["kind"]))
    if user is not None:
        parsed = restrict_list(parsed, user, allowed_bodies(db_path, user))
    return parsed, meta


def ingest_file(fp: BinaryIO, file_name: str, db_path: Path | str, list_id: str, as_of: date | None = None,
                strict: bool = False, *, user: User) -> ImportOutcome:
    ensure_built(db_path)
    check_role(db_path, user, "import_list", list_id)
    parsed, meta = preview(fp, db_path, list_id, as_of)
    return commit_import(db_path, parsed, list_id=list_id, as_of=meta["as_of"], file_name=file_name,
                         strict=strict, user=user)


def preview_progress(fp: BinaryIO, db_path: Path | str, list_id: str, today: date | None = None,
                     user: User | None = None) -> tuple[ParsedProgress, list[dict], dict]:
    """Parse a progress file against the list in ``db_path``; store nothing. Returns the parse, the
    stages and the stage each platform had reached (for confirming near matches)."""
    today = today or date.today()
    con = open_read_only(db_path)
    try:
        list_meta(con, list_id)
        check_list_kind(con, list_id, "progress")
        names, stages, reached = progress_context(con, list_id, today)
        owners = dict(con.execute("SELECT name_key, ministry_code FROM platform_current WHERE list_id = ?",
                                  [list_id]).fetchall()) if user is not None else {}
    finally:
        con.close()
    parsed = parse_progress(fp, names, stages, dict(reached), today, list_id)
    if user is not None:
        parsed = restrict_progress(parsed, user, allowed_bodies(db_path, user), owners)
    return parsed, stages, reached


def ingest_progress_file(fp: BinaryIO, file_name: str, db_path: Path | str, list_id: str, strict: bool = False,
                         *, user: User, accepted_rows: set[int] = frozenset(), today: date | None = None
                         ) -> ImportOutcome:
    ensure_built(db_path)
    check_role(db_path, user, "import_progress", list_id)
    today = today or date.today()
    parsed, stages, reached = preview_progress(fp, db_path, list_id, today)
    confirm(parsed, set(accepted_rows), dict(reached), stages)
    return commit_progress(db_path, parsed, list_id=list_id, today=today, file_name=file_name, strict=strict,
                           user=user)


def preview_adoption(fp: BinaryIO, db_path: Path | str, list_id: str, today: date | None = None,
                     user: User | None = None) -> ParsedAdoption:
    """Parse an adoption file against a central list and the provinces in ``db_path``; store nothing."""
    con = open_read_only(db_path)
    try:
        names, provinces = central_names(con, list_id), province_index(con)
    finally:
        con.close()
    parsed = parse_adoption(fp, names, provinces, today or date.today(), list_id)
    return restrict_adoption(parsed, user) if user is not None else parsed


def ingest_adoption_file(fp: BinaryIO, file_name: str, db_path: Path | str, list_id: str, strict: bool = False,
                         *, user: User, today: date | None = None) -> ImportOutcome:
    ensure_built(db_path)
    check_role(db_path, user, "import_adoption", list_id)
    today = today or date.today()
    parsed = preview_adoption(fp, db_path, list_id, today)
    return commit_adoption(db_path, parsed, list_id=list_id, today=today, file_name=file_name, strict=strict,
                           user=user)
