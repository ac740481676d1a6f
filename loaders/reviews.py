"""A reviewer's decision on a provincial platform's match, as one write."""
from __future__ import annotations

from pathlib import Path

from .overlap import record_decision
from .store import writable


def review_match(db_path: Path | str, *, list_id: str, name_key: str, central_list_id: str, central_key: str,
                 decision: str, actor: str, note: str | None = None) -> int:
    """Record ``decision`` ('confirm' or 'dismiss') on one candidate; returns the decision id."""
    with writable(db_path) as con:
        return record_decision(con, list_id=list_id, name_key=name_key, central_list_id=central_list_id,
                               central_key=central_key, decision=decision, actor=actor, note=note)
