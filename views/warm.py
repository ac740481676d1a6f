"""What visitors open first, computed as soon as a data version is read rather than by the first
visitor to ask: the overview and the catalogue, and the ministries page of the latest list,
unfiltered and for each ministry alone, in both languages (the views the sidebar's ministry filter
makes: 32 bodies × 2 languages, ~15 ms each). Each lands in the shared memo (``views.memo``) under
the key the page itself asks for, so a page that asks while it is being computed waits for it
instead of computing it again. Measured with bench/load.py (docs/benchmarks.md, tenth session):
after a new data version, fifty busy sessions otherwise spent ~12% of the server's time on these
first computations, each holding every other view behind it.
"""
from __future__ import annotations

from store.snapshot import Snapshot
from views.ministries import list_choices, view_ministries
from views.overview import view_overview
from views.platforms import view_catalogue
from views.scope import default_list, describe

LANGS = ("vi", "en")


def first_views(snap: Snapshot, stop=lambda: False) -> int:
    """Compute the views above for ``snap``; how many were asked for. ``stop()`` is asked before
    each one (a newer data version makes the rest useless)."""
    list_ids, _ = list_choices(snap)
    list_id = default_list(snap, list_ids)
    bodies = list(snap.body["code"])
    asked = 0
    for lang in LANGS:
        for compute in (lambda lang=lang: view_overview(snap, [], lang),
                        lambda lang=lang: view_catalogue(snap, None, "", [], lang),
                        lambda lang=lang: view_ministries(snap, list_id, "counts", [], False, lang)):
            if stop():
                return asked
            compute()
            asked += 1
        for body in bodies:
            if stop():
                return asked
            view_ministries(snap, list_id, "counts", [body], False, lang)
            describe(snap, [body], lang)
            asked += 1
    return asked
