"""(Re)build the database from ``data/``: schema, reference data, then the shipped platform
lists through the same ingest code as a user's file (so they appear in ``import_log``)."""
from __future__ import annotations

from pathlib import Path

from .catalog import body_index, list_meta
from .parse import parse_list
from .paths import DATA_DIR
from .reference import load_reference
from .store import ImportOutcome, check_loadable, writable, write_import

SCHEMA_SQL = Path(__file__).with_name("schema.sql")
SCHEMA_VERSION = "3"


def build(db_path: Path | str, data_dir: Path = DATA_DIR) -> list[ImportOutcome]:
    outcomes = []
    with writable(db_path, fresh=True) as con:
        con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        load_reference(con, data_dir / "reference")
        bodies = body_index(con)
        for path in sorted((data_dir / "lists").glob("*.csv")):
            meta = list_meta(con, path.stem)
            with path.open("rb") as fh:
                parsed = parse_list(fh, bodies, meta["as_of"], meta["kind"])
            check_loadable(parsed, strict=True)
            outcomes.append(write_import(con, parsed, list_id=meta["list_id"], as_of=meta["as_of"],
                                         file_name=f"data/lists/{path.name}", actor="build"))
    return outcomes


def ensure_built(db_path: Path | str, data_dir: Path = DATA_DIR) -> bool:
    """Build ``db_path`` if it does not exist. Returns True if it built."""
    if Path(db_path).exists():
        return False
    build(db_path, data_dir)
    return True
