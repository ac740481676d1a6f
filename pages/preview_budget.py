"""How many rows of import previews the server holds at once, across every session.

A preview is kept while its file sits in the uploader (``import_flow.previewed``): a 170,000-row
CSV's preview holds ~200-240 MB, so ten editors' tabs holding large previews could exhaust the
machine (found by the hostile pass: four tabs took a server from 343 MB to 1.46 GB). Each kept
preview is counted here while it lives (it is released when Python frees it: the file removed or
committed, the page left, the session expired); a preview that would take the total past ``ROWS`` is not kept and
its user is asked to try again in a few minutes. One preview always fits, whatever its size (the
loader's own limits bound it).
"""
from __future__ import annotations

import os
import threading
import weakref

ROWS = int(os.environ.get("NDP_PREVIEW_ROWS", "400000") or 400_000)


class PreviewBudget:
    def __init__(self, rows: int = ROWS) -> None:
        self.rows = rows
        self._held = 0
        self._lock = threading.RLock()   # a release may run from the collector inside a locked section

    @property
    def held(self) -> int:
        with self._lock:
            return self._held

    def admit(self, preview: object, rows: int) -> bool:
        """Count ``preview`` (``rows`` rows) while it lives; False (not counted) when it does not fit."""
        rows = max(0, int(rows))
        with self._lock:
            if self._held and self._held + rows > self.rows:
                return False
            self._held += rows
        weakref.finalize(preview, self._release, rows)
        return True

    def _release(self, rows: int) -> None:
        with self._lock:
            self._held -= rows


BUDGET = PreviewBudget()
