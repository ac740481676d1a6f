"""The register of documents (``document`` table) and the ``source`` columns that refer to it.

A ``source`` value is one or more references joined by `` ; ``; a reference is a document id,
optionally followed by a note in parentheses: ``art-mst-2025-11-09 ("organiser les investissements")``.
Text that is not a registered id (a list registered by a user, a file's own "Nguồn" column) is kept
as text: it is shown as written, never as a link.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

_REF = re.compile(r"^(?P<id>[a-z0-9][a-z0-9.\-]*)(?:\s*\((?P<note>.*)\))?$", re.S)
SEPARATOR = " ; "

# Reference tables whose `source` must resolve to the register (identifiers from this allow-list).
SOURCED_TABLES = ("body", "body_lineage", "function_transfer", "department", "platform_list", "published_count",
                  "published_figure", "publication_status", "criteria_1230", "stage", "province_2024",
                  "province_2025", "province_merger", "guidance_item", "addressee_2291", "known_item")


@dataclass(frozen=True)
class Ref:
    doc_id: str | None     # None: free text, not a registered document
    note: str
    text: str              # the reference as written


def parse_refs(source: object, known: set[str] | frozenset[str]) -> list[Ref]:
    """The references in a ``source`` value; a part that is not ``known`` is free text."""
    if source is None or not isinstance(source, str) or not source.strip():
        return []
    refs = []
    for part in (p.strip() for p in source.split(SEPARATOR)):
        if not part:
            continue
        m = _REF.match(part)
        if m and m.group("id") in known:
            refs.append(Ref(m.group("id"), (m.group("note") or "").strip(), part))
        else:
            refs.append(Ref(None, "", part))
    return refs


def unresolved(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(table, source) pairs of the reference tables whose source is empty or names no registered
    document: every reference figure must lead to a document a reader can open. Lists registered by
    users are not reference data and are not checked."""
    known = {r[0] for r in con.execute("SELECT doc_id FROM document").fetchall()}
    bad = []
    for table in SOURCED_TABLES:
        where = " WHERE registered_by IS NULL" if table == "platform_list" else ""
        rows = con.execute(f"SELECT DISTINCT source FROM {table}{where}").fetchall()  # noqa: S608 (allow-list)
        for (source,) in rows:
            refs = parse_refs(source, known)
            if not refs or any(r.doc_id is None for r in refs):
                bad.append((table, str(source)))
    return bad
