"""What makes a warm view cheap keeps what it shows: a table serialised once sends the same bytes
and the same muted style as Streamlit's own conversion, a chart prepared once the same figure,
a frame with its flag marks is the same object run after run (so its drawing is kept), the menu's
pages are fresh copies each run."""
from __future__ import annotations

import copy
import json
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.io.formats.style import Styler
from streamlit import dataframe_util
from streamlit.elements import arrow as arrow_element
from streamlit.proto.ArrowData_pb2 import ArrowData

from analysis.citations import INFERRED
from pages import arrow_kept, chart_view
from pages.tables import _styled, drawable
from views.charts import Frozen, adoption_heatmap, json_digest, per_body_bar, shown, step_lines
from views.table_marks import muted_rows

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


def frames():
    return st.integers(1, 12).flatmap(lambda n: st.builds(
        lambda names, counts, muted, when: pd.DataFrame({
            "Tên": [f"{INFERRED} {x}" if m else x for x, m in zip(names, muted)], "Số": counts,
            "Ngày": [date(2025, 1, 1 + d) for d in when]}),
        st.lists(texts, min_size=n, max_size=n), st.lists(st.integers(-5, 10**6), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n), st.lists(st.integers(0, 27), min_size=n, max_size=n)))


@settings(max_examples=25, deadline=None)
@given(frames())
def test_a_kept_table_sends_the_bytes_streamlit_would(df):
    arrow_kept.install()
    original = arrow_kept._original
    kept = arrow_kept.keep_table(df)
    sent = dataframe_util.convert_arrow_table_to_arrow_bytes(kept)
    assert sent is dataframe_util.convert_arrow_table_to_arrow_bytes(kept)   # written once, then reused
    assert sent == original["table_bytes"](kept)
    assert dataframe_util.convert_pandas_df_to_arrow_bytes(df) == original["frame_bytes"](df)   # not kept: as before


def _never():
    raise AssertionError("a kept Styler was computed again")


@settings(max_examples=25, deadline=None)
@given(frames())
def test_a_kept_styler_sends_the_styles_and_values_streamlit_would(df):
    mask = muted_rows(df)
    if mask is None:
        return
    kept = arrow_kept.keep_styler(df, lambda s: _styled(s, mask))
    kept._compute = _never   # a draw copies what was marshalled: the Styler is not computed again
    drawn = ArrowData()
    arrow_element.marshall_styler(drawn, kept, "ignored")   # the function st.dataframe calls
    fresh = ArrowData()   # a new Styler of the same frame, marshalled by Streamlit itself
    arrow_kept._original["marshall_styler"](fresh, _styled(Styler(df, uuid=kept.uuid, cell_ids=False), mask), "x")
    assert drawn.styler == fresh.styler
    assert "font-style: italic" in drawn.styler.styles
    muted = [i for i, m in enumerate(mask) if m]
    assert all(f"row{i}_col0" in drawn.styler.styles for i in muted)
    assert dataframe_util.convert_pandas_df_to_arrow_bytes(kept.data) == arrow_kept._original["frame_bytes"](df)


def test_a_frame_is_worked_out_once_and_a_copy_again():
    df = pd.DataFrame({"Tên": [f"{INFERRED} a", "b"], "Nguồn": ["https://x.vn", "https://y.vn"]})
    first = drawable(df)
    assert drawable(df) is first                  # the same frame: kept
    assert first[1] == ["Nguồn"]                  # the link column found
    assert drawable(df.copy()) is not first       # another frame: worked out for itself


def _spec(fig: go.Figure) -> dict:
    return json.loads(pio.to_json(fig.to_dict(), validate=False))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(texts, st.integers(0, 500), st.booleans()), min_size=1, max_size=20), texts)
def test_a_prepared_chart_is_the_figure_plotly_would_validate(rows, title):
    df = pd.DataFrame(rows, columns=["body", "count", "inferred"]).assign(list="a")
    figures = [per_body_bar(df, label_col="body", value_col="count", color_col="list", title=title or "t",
                            value_label="n", inferred_col="inferred"),
               adoption_heatmap(pd.DataFrame([[1, 2], [3, None]], index=["x", "y"], columns=["p", "q"]), title=title or "t",
                                level_names=["0", "1", "2", "3"]),
               step_lines(pd.DataFrame({"d": pd.to_datetime(["2025-01-01", "2025-02-01"]), "v": [1, 2], "s": ["a", "a"]}),
                          x_col="d", y_col="v", line_col="s", line_order=["a"], title=title or "t", value_label="v",
                          legend_title="l")]
    for fig in figures:
        validated = Frozen(go.Figure(fig).update_layout(title=None, margin={"t": 10}))   # the way it was done before
        prepared = shown(fig, None, "vi")
        assert _spec(prepared.figure) == _spec(validated)
        assert prepared.figure.to_dict() is prepared.figure.to_dict()   # one dict, kept
        _sends_the_json_plotly_would(prepared.figure)


def _sends_the_json_plotly_would(figure: Frozen) -> None:
    """What ``st.plotly_chart`` sends for a kept figure (``plotly.io.to_json(figure.to_dict(),
    validate=False)``) is Plotly's own JSON of that dict, written once and the same text after."""
    from plotly.io._json import to_json as plotly_to_json
    sent = pio.to_json(figure.to_dict(), validate=False)
    assert sent == plotly_to_json(copy.deepcopy(figure.to_dict()), validate=False)
    assert pio.to_json(figure.to_dict(), validate=False) is sent   # not written again
    other = figure.to_dict() | {}   # any other dict (even an equal one) is Plotly's to write
    assert pio.to_json(other, validate=False) == sent and pio.to_json(other, validate=False) is not sent


def test_a_kept_chart_is_named_by_a_digest_of_its_json():
    first = shown(go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h")), None, "vi").figure
    second = shown(go.Figure(go.Bar(x=[3, 2], y=["a", "b"], orientation="h")), None, "vi").figure
    sent = pio.to_json(first.to_dict(), validate=False)
    digest = json_digest(sent.encode().decode())   # as the protobuf gives it back: equal, another object
    assert digest and json_digest(sent) == digest
    assert json_digest(sent + " ") is None   # not the text just given: Streamlit hashes it itself
    other = json_digest(pio.to_json(second.to_dict(), validate=False))
    assert other and other != digest
    assert json_digest(sent) is None   # no longer the text this thread was given last
    assert json_digest(pio.to_json(first.to_dict(), validate=False)) == digest   # the same figure, the same name


def test_a_page_s_charts_keep_their_ids_run_after_run(app):
    at = app("pages/shared_platforms.py")
    ids = [c.proto.id for c in at.get("plotly_chart")]
    at.run()
    assert chart_view._element_id   # the charts were named through pages.chart_view._named
    assert [c.proto.id for c in at.get("plotly_chart")] == ids and len(set(ids)) == len(ids) == 3


def test_marks_are_the_same_frame_on_every_run_and_follow_the_flags(monkeypatch):
    from pages import flags

    class Records:   # what recognition_records() gives: one object per data version
        def __init__(self, flag):
            self.flag = flag
            self.resolution = pd.DataFrame({"flag_id": pd.Series([], dtype="int64")})

    flag = pd.DataFrame({"flag_id": [1], "target_kind": ["platform"], "target_ref": ["l1/Cổng A"]})
    records = Records(flag)
    monkeypatch.setattr(flags, "recognition_records", lambda: records)
    monkeypatch.setattr(flags, "t", lambda label, **_: label)
    df = pd.DataFrame({"list": ["l1", "l1"], "name": ["Cổng A", "Cổng B"]})
    refs = lambda: df["list"] + "/" + df["name"]  # noqa: E731
    marked = flags.with_marks(df, "platform", refs)
    assert list(marked["rec.flags_col"]) == ["⚑ 1", ""] and "rec.flags_col" not in df
    assert flags.with_marks(df, "platform", refs) is marked   # the next run: the same frame
    records = Records(flag.iloc[0:0])                          # a new data version: the flag resolved
    assert flags.with_marks(df, "platform", refs) is df


def test_the_menu_is_copied_for_every_run(app):
    """Each run gets its own st.Page objects (st.navigation marks the one it returns), built once."""
    from pages import router
    router._MADE.clear()
    at = app("pages/overview.py")
    assert not at.exception
    made = [p for pages in router._MADE.values() for p in pages]
    assert made and all(not p._can_be_called for p in made)   # the kept ones are never the run's own
    at.run()
    assert not at.exception and len(router._MADE) == 1


def test_a_run_reads_its_language_once_and_forgets_it_after(monkeypatch):
    from pages import language

    class Counting(dict):
        reads = 0

        def get(self, key, default=None):
            Counting.reads += 1
            return super().get(key, default)

    state = Counting(lang="en")
    monkeypatch.setattr(language.st, "session_state", state)
    with language.fixed_for_run():
        assert {language.lang() for _ in range(50)} == {"en"}
        assert language.t("common.download") == language.tr("common.download", "en")
    assert Counting.reads == 1
    try:   # a run that ends early (Streamlit's rerun is an exception) leaves nothing fixed behind
        with language.fixed_for_run():
            raise RuntimeError
    except RuntimeError:
        pass
    state["lang"] = "vi"
    assert language.lang() == "vi"
