"""(Re)build the database from ``data/``: schema, reference data, then the shipped platform
lists through the same ingest code as a user's file (so they appear in ``import_log``)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from access import audit
from access.roles import cli_user
from analysis.overlap import OVERLAP_SQL
from loaders.messages import LoaderError
from loaders.parse import parse_list
from loaders.paths import DATA_DIR
from loaders.platform_row import create_table_sql
from store.catalog import body_index, list_meta
from store.db import CatalogError, Connection, read_only, writable
from store.evidence import load_evidence
from store.reference import load_reference
from store.schema import OVERLAP_REVIEW_SQL, SCHEMA_VERSION, TABLES_SQL, marker_path
from store.writer import ImportOutcome

from .correction_apply import reapply
from .kind_list import check_loadable, write_import
from .recognition_list import rejoin_recognised

# The tables and views, in this order: the overlap candidates read the schema's views, the
# provincial overlap view reads the candidates.
SCHEMA_SQL = (TABLES_SQL, OVERLAP_SQL, OVERLAP_REVIEW_SQL)
# What people entered through the product, kept when the database is rebuilt from data/:
# table -> the query that reads the rows to keep from the database being replaced.
KEPT = {"platform_list": "SELECT * FROM platform_list WHERE registered_by IS NOT NULL",
        "overlap_decision": "SELECT * FROM overlap_decision",
        # evidence added, confirmed or withdrawn on the progress page (the shipped file is loaded again)
        "platform_event": "SELECT * FROM platform_event WHERE added_by IS NOT NULL AND added_by <> 'build'",
        "app_user": "SELECT * FROM app_user",
        **{t: f"SELECT * FROM {t}" for t in (   # noqa: S608 (table names from this constant)
            "recognition_proposal", "recognition_criteria_set", "recognition_criterion", "recognition_plan",
            "recognition_assessment", "recognition_assessment_item", "recognition_outcome",
            "correction_flag", "correction_resolution", "correction_change")},
        "audit_log": "SELECT * FROM audit_log"}


def _kept_rows(db_path: Path) -> dict[str, pd.DataFrame]:
    """The rows of ``KEPT`` in the database about to be replaced (an older schema may lack a table
    or column: nothing of it to keep)."""
    if not db_path.exists():
        return {}
    try:
        con = read_only(db_path)
    except LoaderError:
        return {}   # unreadable: nothing to keep; the rebuild replaces it
    try:
        kept = {}
        for table, query in KEPT.items():
            try:
                kept[table] = con.execute(query).df()
            except CatalogError:
                continue
        return kept
    finally:
        con.close()


def _restore(con: Connection, kept: dict[str, pd.DataFrame]) -> None:
    for table, rows in kept.items():
        if rows.empty:
            continue
        con.from_df(rows.reindex(columns=con.table(table).columns)).insert_into(table)


def build(db_path: Path | str, data_dir: Path = DATA_DIR) -> list[ImportOutcome]:
    """Rebuild from ``data/``, keeping the users, audit trail, registered lists and reviewers'
    decisions of the database it replaces (files imported by users are not kept: import again)."""
    outcomes = []
    kept = _kept_rows(Path(db_path))
    with writable(db_path, fresh=True) as con:
        con.execute(create_table_sql())   # platform, from its one declaration (loaders/platform_row.py)
        for sql in SCHEMA_SQL:
            con.execute(sql.read_text(encoding="utf-8"))
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        load_reference(con, data_dir / "reference")
        _restore(con, kept)
        audit.record(con, cli_user(), "build", str(db_path), "ok", {"kept": {k: len(v) for k, v in kept.items()}})
        bodies = body_index(con)
        for path in sorted((data_dir / "lists").glob("*.csv")):
            meta = list_meta(con, path.stem)
            with path.open("rb") as fh:
                parsed = parse_list(fh, bodies, meta["as_of"], meta["kind"])
            check_loadable(parsed, strict=True)
            outcomes.append(write_import(con, parsed, list_id=meta["list_id"], as_of=meta["as_of"],
                                         file_name=f"data/lists/{path.name}", actor="build"))
        load_evidence(con, data_dir / "reference")   # after the lists: evidence is about their platforms
        rejoin_recognised(con)   # recognised platforms (kept records) join their lists again
        reapply(con)   # accepted corrections (kept) change the reloaded lists and reference rows again
    marker_path(db_path).write_text("A database was built here; if it is missing, restore it or run "
                                    "`python -m actions build` (see README, 'Operations').\n", encoding="utf-8")
    return outcomes


def ensure_built(db_path: Path | str, data_dir: Path = DATA_DIR) -> bool:
    """Build ``db_path`` the first time (a fresh clone): True if it built. Refuse (``db_missing``)
    when the file is gone but a database existed here before."""
    if Path(db_path).exists():
        return False
    if marker_path(db_path).exists():
        raise LoaderError("db_missing", path=str(db_path))
    build(db_path, data_dir)
    return True
