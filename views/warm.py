"""What visitors open first, computed as soon as a data version is read rather than by the first
visitor to ask: the overview and the catalogue, the ministries page of the latest list, unfiltered
and for each ministry alone (the views the sidebar's ministry filter makes: 32 bodies, ~15 ms each),
and the progress and provinces pages as an anonymous visitor opens them today (the first shared
list, its charts and its first platform's timeline; the first province with a list), in both
languages. Each lands in the shared memo (``views.memo``) under the key the page itself asks for,
so a page that asks while it is being computed waits for it instead of computing it again.
Measured with bench/load.py (docs/benchmarks.md, tenth session): after a new data version, fifty
busy sessions otherwise spent ~12% of the server's time on these first computations, each holding
every other view behind it. A view that fails here is logged and skipped: the others are still
computed (the page that asks for it shows the failure in its own way).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date

from store.snapshot import Snapshot
from views import progress
from views.ministries import list_choices, view_ministries
from views.overview import view_overview
from views.platforms import view_catalogue
from views.provinces import province_choices, view_provinces
from views.scope import default_list, describe

LANGS = ("vi", "en")
CHARTS = ("overall", "per_ministry", "burnup")
_LOG = logging.getLogger("ndp.views")


def _progress(snap: Snapshot, lang: str, today: date) -> None:
    """The progress page's default view: the first shared list today, its charts, and the timeline
    of the platform its chooser opens on."""
    shared = progress.shared_lists(snap)
    if not shared:
        return
    choices = (snap, shared[0], today, [], lang, False)
    view = progress.view_progress(*choices)
    for which in CHARTS:   # as the page draws them: the per-ministry and burn-up charts only when there is one
        if which == "overall" or view[which] is not None:
            progress.view_chart(*choices, which)
    if view["platforms"]:
        first = next(iter(view["platforms"].values()))
        progress.view_timeline(snap, shared[0], first, today, lang, False)


def _provinces(snap: Snapshot, lang: str, today: date) -> None:
    """The provinces page as an anonymous visitor opens it: the first province with a list."""
    choices = province_choices(snap, lang, today)
    if choices["codes"]:
        view_provinces(snap, (choices["with_lists"] or choices["codes"])[0], [], lang, today)


def _views(snap: Snapshot, today: date) -> Iterator[Callable[[], object]]:
    list_ids, _ = list_choices(snap)
    list_id = default_list(snap, list_ids)
    bodies = list(snap.body["code"])
    for lang in LANGS:
        yield lambda lang=lang: view_overview(snap, [], lang)
        yield lambda lang=lang: view_catalogue(snap, None, "", [], lang)
        yield lambda lang=lang: view_ministries(snap, list_id, "counts", [], False, lang)
        yield lambda lang=lang: _progress(snap, lang, today)
        yield lambda lang=lang: _provinces(snap, lang, today)
        for body in bodies:
            yield lambda lang=lang, body=body: (view_ministries(snap, list_id, "counts", [body], False, lang),
                                                describe(snap, [body], lang))


def first_views(snap: Snapshot, stop=lambda: False, today: date | None = None) -> tuple[int, int]:
    """Compute the views above for ``snap``: (asked for, failed). ``stop()`` is asked before each one
    (a newer data version makes the rest useless)."""
    asked = failed = 0
    for compute in _views(snap, today or date.today()):
        if stop():
            break
        asked += 1
        try:
            compute()
        except Exception:   # noqa: BLE001 - logged with its traceback; the next view is still warmed
            failed += 1
            _LOG.exception("a first view failed", extra={"event": "error", "where": "warm"})
    return asked, failed
