"""The first views computed for a new data version (views/warm.py) are the ones the pages ask for:
after warming, opening them computes no view of its own; and warming starts only in a server."""
from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pages import data
from views import memo, warm
from views.warm import LANGS, first_views

# a page -> the names of the views it asks the memo for (views/*.py: memo.view(snap, NAME, ...))
PAGE_VIEWS = {"pages/ministries.py": ("ministries",), "pages/overview.py": ("overview",),
              "pages/catalogue.py": ("catalogue",), "pages/provinces.py": ("province_choices", "provinces"),
              "pages/shared_platforms.py": ("progress", "progress_overall", "progress_per_ministry",
                                            "progress_burnup", "progress_timeline")}


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
    assert first_views(snap) == (len(LANGS) * (5 + len(snap.body)), 0)
    for page, names in PAGE_VIEWS.items():
        query = {"lang": lang} | ({"ministry": body} if page == "pages/ministries.py" else {})
        before = view_keys()
        app(page, **query)
        opened = view_keys() - before   # (the runner opens the overview first, with the same query)
        assert not {k for k in opened if k[2] in names}, (page, opened)


def test_a_date_before_any_event_warms_without_a_failure(app):
    """On a day before the first event the progress page draws no per-ministry chart: the warm-up
    does as the page does (it asked for that chart and failed, and the timeline was never warmed)."""
    from datetime import date
    app("pages/overview.py")
    snap = data._last[1]   # noqa: SLF001
    memo.MEMO.drop(lambda k: False)
    asked, failed = first_views(snap, today=date(2000, 1, 1))
    assert failed == 0 and asked == len(LANGS) * (5 + len(snap.body))
    assert "progress_timeline" in {k[2] for k in view_keys()}


def test_a_failing_view_is_logged_and_the_others_are_still_warmed(app, monkeypatch, caplog):
    app("pages/overview.py")
    snap = data._last[1]   # noqa: SLF001
    memo.MEMO.drop(lambda k: False)

    def broken(*args):
        raise ValueError("planted")
    monkeypatch.setattr(warm, "view_overview", broken)
    asked, failed = first_views(snap)
    assert (asked, failed) == (len(LANGS) * (5 + len(snap.body)), len(LANGS))
    assert {k[2] for k in view_keys()} >= {"catalogue", "ministries", "progress", "provinces"}
    assert [r for r in caplog.records if r.exc_info and "planted" in str(r.exc_info[1])]


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
    assert first_views(snap, stop=lambda: True) == (0, 0)
    started = []
    monkeypatch.setattr(data.threading, "Thread", lambda *a, **k: started.append(k) or type("T", (), {"start": lambda s: None})())
    data._warmed.discard(snap.serial)   # noqa: SLF001
    data.warm_up(snap)                  # AppTest: no server in this process
    assert started == []
    monkeypatch.setattr(data.upkeep, "serving", lambda: True)
    data.warm_up(snap)
    data.warm_up(snap)                  # once per data version
    assert len(started) == 1 and started[0]["name"] == f"ndp-warm-{snap.serial}"
