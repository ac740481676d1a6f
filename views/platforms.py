"""The catalogue: the platforms in the latest import of one list (or all), in the ministry filter,
found by a search; everything the page shows, once per data version, list, filter, search and
language. (Named ``platforms``: ``views/catalogue.py`` is the vi/en word catalogue.)"""
from __future__ import annotations

from analysis.search import bounded
from store.snapshot import Snapshot
from views import cites, memo, tables
from views.scope import Scope
from views.words import tr


def view_catalogue(snap: Snapshot, list_id: str | None, query: str, ministries: list[str], lang: str) -> dict:
    """``rows`` (the name in the reader's language first), ``count``, ``basis_note`` (whether a
    name is a translation), ``cite`` (the documents behind the rows). ``list_id`` None: every
    list. Kept when nothing is searched (the view everyone opens); a search is one reader's,
    computed for them and not kept, so typing cannot push the shared views out of the memo."""
    query = bounded(query)
    compute = lambda: _compute(snap, list_id, query, list(ministries), lang)  # noqa: E731
    return memo.view(snap, "catalogue", compute, list_id or "", lang, ministries) if not query.strip() else compute()


def _compute(snap: Snapshot, list_id: str | None, query: str, ministries: list[str], lang: str) -> dict:
    rows = tables.platforms_table(snap, Scope(list_id or "all", lang, ministries), lang, query, list_id)
    first, second = (tr("col.name", lang), tr("col.name_en", lang))
    if lang != "vi":
        first, second = second, first
    shown = snap.platform_current if list_id is None else snap.platform_current[snap.platform_current["list_id"] == list_id]
    return {"rows": rows[[first, second] + [c for c in rows.columns if c not in (first, second)]], "count": len(rows),
            "basis_note": bool((snap.platform_current["name_basis"] == "translated").any()),
            "cite": cites.footnote(snap.document, shown["source"], lang)}
