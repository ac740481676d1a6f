"""Ingest one file into a database: the path the CLI and the import page share."""
from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from .adoption import ParsedAdoption, parse_adoption
from .build import ensure_built
from .catalog import body_index, central_names, list_meta, open_read_only, progress_context, province_index
from .parse import ParsedList, parse_list
from .progress import ParsedProgress, confirm, parse_progress
from .register import Registration, register
from .store import ImportOutcome, commit_adoption, commit_import, commit_progress, writable


def preview(fp: BinaryIO, db_path: Path | str, list_id: str, as_of: date | None = None
            ) -> tuple[ParsedList, dict]:
    """Parse ``fp`` against the bodies and list register in ``db_path``; store nothing.
    Returns the parse and the list's metadata (with the as-of date actually used)."""
    con = open_read_only(db_path)
    try:
        meta = list_meta(con, list_id)
        bodies = body_index(con)
    finally:
        con.close()
    meta = {**meta, "as_of": as_of or meta["as_of"]}
    return parse_list(fp, bodies, meta["as_of"], meta["kind"]), meta


def ingest_file(fp: BinaryIO, file_name: str, db_path: Path | str, list_id: str, as_of: date | None = None,
                strict: bool = False, actor: str | None = None) -> ImportOutcome:
    ensure_built(db_path)
    parsed, meta = preview(fp, db_path, list_id, as_of)
    return commit_import(db_path, parsed, list_id=list_id, as_of=meta["as_of"], file_name=file_name,
                         strict=strict, actor=actor or _os_user())


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user database entry (containers)
        return "unknown"


def preview_progress(fp: BinaryIO, db_path: Path | str, list_id: str, today: date | None = None
                     ) -> tuple[ParsedProgress, list[dict], dict]:
    """Parse a progress file against the list in ``db_path``; store nothing. Returns the parse, the
    stages and the stage each platform had reached (for confirming near matches)."""
    today = today or date.today()
    con = open_read_only(db_path)
    try:
        names, stages, reached = progress_context(con, list_id, today)
    finally:
        con.close()
    return parse_progress(fp, names, stages, dict(reached), today, list_id), stages, reached


def ingest_progress_file(fp: BinaryIO, file_name: str, db_path: Path | str, list_id: str, strict: bool = False,
                         actor: str | None = None, accepted_rows: set[int] = frozenset(),
                         today: date | None = None) -> ImportOutcome:
    ensure_built(db_path)
    today = today or date.today()
    parsed, stages, reached = preview_progress(fp, db_path, list_id, today)
    confirm(parsed, set(accepted_rows), dict(reached), stages)
    return commit_progress(db_path, parsed, list_id=list_id, today=today, file_name=file_name, strict=strict,
                           actor=actor or _os_user())


def register_list(db_path: Path | str, reg: Registration, actor: str | None = None) -> dict:
    """Register a list in ``db_path`` (one transaction); returns the stored row."""
    ensure_built(db_path)
    with writable(db_path) as con:
        return register(con, reg, body_index(con), actor or _os_user())


def preview_adoption(fp: BinaryIO, db_path: Path | str, list_id: str, today: date | None = None) -> ParsedAdoption:
    """Parse an adoption file against a central list and the provinces in ``db_path``; store nothing."""
    con = open_read_only(db_path)
    try:
        names, provinces = central_names(con, list_id), province_index(con)
    finally:
        con.close()
    return parse_adoption(fp, names, provinces, today or date.today(), list_id)


def ingest_adoption_file(fp: BinaryIO, file_name: str, db_path: Path | str, list_id: str, strict: bool = False,
                         actor: str | None = None, today: date | None = None) -> ImportOutcome:
    ensure_built(db_path)
    today = today or date.today()
    parsed = preview_adoption(fp, db_path, list_id, today)
    return commit_adoption(db_path, parsed, list_id=list_id, today=today, file_name=file_name, strict=strict,
                           actor=actor or _os_user())
