"""The database's shape: the tables (``schema.sql``), the provincial overlap view
(``overlap_review.sql``), the schema version a database must carry, and the marker that says a
database was built here. Building one from ``data/`` is an action (``actions/build.py``)."""
from __future__ import annotations

from pathlib import Path

from loaders.messages import LoaderError

from .db import CatalogError, Connection, one

TABLES_SQL = Path(__file__).with_name("schema.sql")
OVERLAP_REVIEW_SQL = Path(__file__).with_name("overlap_review.sql")
SCHEMA_VERSION = "8"


def check_schema(con: Connection) -> None:
    """Refuse a database an older version made (its views and tables differ from this code's)."""
    try:
        row = one(con, "SELECT value FROM meta WHERE key = 'schema_version'")
    except CatalogError:
        row = None
    found = row[0] if row else "?"
    if found != SCHEMA_VERSION:
        raise LoaderError("db_old", found=found, expected=SCHEMA_VERSION)


def marker_path(db_path: Path | str) -> Path:
    """A file beside the database saying one was built here (``<db>.existed``): once it exists, a
    missing database is an operator's event (restore a backup, or ``python -m actions build``),
    never something a page view or an import repairs by rebuilding - which would silently drop
    the users, the audit trail, registered lists and imports."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".existed")
