"""The first views computed for a new data version (views/warm.py) are the ones the pages ask for:
after warming, opening them computes no view of its own; and warming starts only in a server."""
from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pages import data
from views import memo
from views.warm import LANGS, first_views


def view_keys() -> set:
    return {k for k in memo.MEMO.keys() if len(k) > 1 and k[1] == "view"}


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])   # the app fixture only sets NDP_DB; app runs: no shrinking
@given(lang=st.sampled_from(LANGS), pick=st.integers(0, 10_000))
def test_a_page_opened_after_warming_finds_its_view_computed(app, lang, pick):
    app("pages/overview.py")   # the app has read the data (data._last)
    snap = data._last[1]   # noqa: SLF001
    body = snap.body["code"].iloc[pick % len(snap.body)]
    memo.MEMO.drop(lambda k: False)
    assert first_views(snap) == len(LANGS) * (3 + len(snap.body))
    for page in ("pages/ministries.py", "pages/overview.py", "pages/catalogue.py"):
        query = {"lang": lang} | ({"ministry": body} if page == "pages/ministries.py" else {})
        before = view_keys()
        app(page, **query)
        opened = view_keys() - before   # (the runner opens the overview first, with the same query)
        name = page.removeprefix("pages/").removesuffix(".py")
        assert not {k for k in opened if k[2] == name}, (page, opened)


def test_no_warming_under_apptest(app, monkeypatch):
    """AppTest puts a mock Runtime in place while it runs a page: that is no server."""
    import threading
    monkeypatch.setattr(data, "_last", None)   # the next run reads the data again
    data._warmed.clear()   # noqa: SLF001
    app("pages/overview.py")
    assert data._warmed == set() and not [t for t in threading.enumerate() if t.name.startswith("ndp-warm")]   # noqa: SLF001


def test_warming_stops_when_asked_and_starts_only_in_a_server(app, monkeypatch):
    app("pages/overview.py")
    snap = data._last[1]   # noqa: SLF001
    assert first_views(snap, stop=lambda: True) == 0
    started = []
    monkeypatch.setattr(data.threading, "Thread", lambda *a, **k: started.append(k) or type("T", (), {"start": lambda s: None})())
    data._warmed.discard(snap.serial)   # noqa: SLF001
    data.warm_up(snap)                  # AppTest: no server in this process
    assert started == []
    monkeypatch.setattr(data.upkeep, "serving", lambda: True)
    data.warm_up(snap)
    data.warm_up(snap)                  # once per data version
    assert len(started) == 1 and started[0]["name"] == f"ndp-warm-{snap.serial}"
