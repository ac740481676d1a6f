"""A recognised platform joins a new version of its list: a new import of the list (the current
rows plus the platform), written by ``store.write_import`` like any other version, so the list
diff shows the platform added and a shared list records it as listed."""
from __future__ import annotations

import hashlib
from datetime import date

import duckdb

from .parse import FIELDS, ParsedList
from .store import write_import
from .text import fold, key


def join_list(con: duckdb.DuckDBPyConnection, proposal: dict, outcome, outcome_id: int, actor: str) -> int | None:
    """Write the list version with the recognised platform; returns its import id (None when the
    list already holds the platform)."""
    list_id = proposal["list_id"]
    current = con.execute("SELECT * FROM platform_current WHERE list_id = ? ORDER BY row_no", [list_id]).df()
    name = proposal["platform_name"]
    if (current["name_key"] == key(name)).any():
        return None
    as_of_rows = con.execute("SELECT max(i.as_of) FROM import_log i WHERE i.list_id = ? AND i.kind = 'list' "
                             "AND i.status IN ('loaded', 'loaded_with_rejections')", [list_id]).fetchall()
    latest = as_of_rows[0][0]
    as_of = max(outcome.decided_on, latest.date() if hasattr(latest, "date") else latest) if latest else outcome.decided_on
    body_name = con.execute("SELECT name_vi FROM body WHERE code = ?", [proposal["body_code"]]).fetchall()
    columns = {f: [None if _missing(v) else v for v in current[f]] for f in FIELDS}
    new = {"row_no": int(current["row_no"].max()) + 1 if len(current) else 1, "sheet": "recognition", "name": name,
           "name_key": key(name), "name_fold": fold(name), "ministry_code": proposal["body_code"],
           "ministry_as_written": body_name[0][0] if body_name else proposal["body_code"],
           "written_body_code": proposal["body_code"], "name_basis": "verbatim",
           "note": f"recognised: {outcome.decision_no} ({outcome.decided_on:%d/%m/%Y})",
           "source": f"recognition outcome #{outcome_id}: {outcome.decision_no}"}
    for f in FIELDS:
        columns[f].append(new.get(f))
    columns["row_no"] = [int(r) for r in columns["row_no"]]
    digest = hashlib.sha256(f"recognition:{proposal['proposal_id']}:{outcome_id}:{list_id}".encode()).hexdigest()
    parsed = ParsedList(digest, "recognition", 1, len(columns["row_no"]), columns=columns)
    done = write_import(con, parsed, list_id=list_id, as_of=as_of if isinstance(as_of, date) else outcome.decided_on,
                        file_name=f"recognition of proposal {proposal['proposal_id']}: {outcome.decision_no}",
                        actor=actor)
    return done.import_id


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)
