"""Ingest one file into a database: the path the CLI and the import page share."""
from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from .build import ensure_built
from .catalog import body_index, list_meta, open_read_only
from .parse import ParsedList, parse_list
from .store import ImportOutcome, commit_import


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
