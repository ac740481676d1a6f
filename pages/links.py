"""The query of a link from one page to another, written as the page it opens will mirror it.

A page mirrors the language and the ministry filter into its URL (app.py, pages/ministry_filter.py)
and drops a parameter equal to its default (pages/url_state.py). Streamlit's browser side pushes a
history step for each change of the URL that a run makes: a link that said only ``report_list``
arrived as ``?report_list=…``, then its run rewrote it to ``?d=…&lang=en&ministry=…`` as a second
step, and Back from the page opened stayed on that page (its first URL) instead of returning.
A link written here already holds the URL its page will keep, so the arrival adds no step."""
from __future__ import annotations

from pages.filter_state import selected_ministries
from pages.language import lang


def carried(params: dict) -> dict:
    """``params`` (each left out when it is None: the page's default) followed by the language and
    the ministry filter in the order the page mirrors them."""
    out: dict = {k: v for k, v in params.items() if v is not None}
    if lang() != "vi":
        out["lang"] = lang()
    if selected_ministries():
        out["ministry"] = selected_ministries()
    return out
