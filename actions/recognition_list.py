"""A recognised platform joins a new version of its list: a new import of the list (the current
rows plus the platform), written by ``store.write_import`` like any other version, so the list
diff shows the platform added and a shared list records it as listed."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from loaders.parse import FIELDS, ParsedList
from loaders.text import fold, key
from store.db import Connection

from .kind_list import write_import


def join_list(con: Connection, proposal: dict, outcome, outcome_id: int, actor: str) -> int | None:
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


def rejoin_recognised(con: Connection) -> int:
    """After a rebuild (which reloads the lists from data/ and keeps the recognition records), add
    each recognised platform to its list again, in decision order. Returns how many were added."""
    rows = con.execute("SELECT o.proposal_id, o.outcome_id, o.decision_no, o.decided_on, o.recorded_by "
                       "FROM recognition_outcome o WHERE o.outcome = 'recognised' ORDER BY o.decided_on, o.outcome_id"
                       ).fetchall()
    added = 0
    for proposal_id, outcome_id, decision_no, decided_on, actor in rows:
        proposal = con.execute("SELECT * FROM recognition_proposal WHERE proposal_id = ? ORDER BY revision DESC LIMIT 1",
                               [proposal_id]).df().to_dict("records")
        if proposal and join_list(con, proposal[0], _Decision(decision_no, decided_on), outcome_id, actor) is not None:
            added += 1
    return added


@dataclass(frozen=True)
class _Decision:
    decision_no: str
    decided_on: date


def list_version(con: Connection, proposal_id: int) -> int | None:
    """The latest list version (import) that added the platform of ``proposal_id``."""
    rows = con.execute("SELECT max(import_id) FROM import_log WHERE kind = 'list' AND starts_with(file_name, ?)",
                       [f"recognition of proposal {int(proposal_id)}:"]).fetchall()
    return rows[0][0]
