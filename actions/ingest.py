"""The import path by kind, in the shapes the CLI, the benchmarks and the tests call: each is one
line over ``actions.pipeline`` (``preview``, ``ingest``) for one ``ImportKind``."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from access.roles import User
from loaders.adoption import ParsedAdoption
from loaders.parse import ParsedList
from loaders.progress import ParsedProgress
from store.writer import ImportOutcome

from . import pipeline
from .kind_adoption import ADOPTION
from .kind_list import LIST
from .kind_progress import PROGRESS


def preview(fp: BinaryIO, db_path: Path | str, list_id: str, as_of: date | None = None, user: User | None = None
            ) -> tuple[ParsedList, dict]:
    """Parse a list file; store nothing. Returns the parse (rows ``user`` may not write shown as
    rejected) and ``{list_id, kind, as_of}`` (the as-of date actually used) with, for a ``user``,
    ``changes``: what the file adds, changes and does not contain of the part of the list they write."""
    prev = pipeline.preview(LIST, fp, db_path, list_id, user=user, as_of=as_of)
    return prev.parsed, {"list_id": list_id, "kind": prev.context["list_kind"], "as_of": prev.as_of, **prev.summary}


def ingest_file(fp: BinaryIO, file_name: str, db_path: Path | str, list_id: str, as_of: date | None = None,
                strict: bool = False, *, user: User, remove_missing: bool | None = None) -> ImportOutcome:
    return pipeline.ingest(LIST, fp, file_name, db_path, list_id, user=user, strict=strict, as_of=as_of,
                           remove_missing=remove_missing)


def preview_progress(fp: BinaryIO, db_path: Path | str, list_id: str, today: date | None = None,
                     user: User | None = None) -> tuple[ParsedProgress, list[dict], dict]:
    """Parse a progress file; store nothing. Returns the parse, the stages and the stage each
    platform had reached (for confirming near matches)."""
    prev = pipeline.preview(PROGRESS, fp, db_path, list_id, user=user, today=today)
    return prev.parsed, prev.context["stages"], prev.context["reached"]


def ingest_progress_file(fp: BinaryIO, file_name: str, db_path: Path | str, list_id: str, strict: bool = False,
                         *, user: User, accepted_rows: set[int] = frozenset(), today: date | None = None
                         ) -> ImportOutcome:
    return pipeline.ingest(PROGRESS, fp, file_name, db_path, list_id, user=user, strict=strict, today=today,
                           accepted_rows=accepted_rows)


def preview_adoption(fp: BinaryIO, db_path: Path | str, list_id: str, today: date | None = None,
                     user: User | None = None) -> ParsedAdoption:
    """Parse an adoption file against a central list and the provinces; store nothing."""
    return pipeline.preview(ADOPTION, fp, db_path, list_id, user=user, today=today).parsed


def ingest_adoption_file(fp: BinaryIO, file_name: str, db_path: Path | str, list_id: str, strict: bool = False,
                         *, user: User, today: date | None = None) -> ImportOutcome:
    return pipeline.ingest(ADOPTION, fp, file_name, db_path, list_id, user=user, strict=strict, today=today)
