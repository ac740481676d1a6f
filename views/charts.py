"""Plotly figures used by the pages (presentation only). Built with graph_objects: plotly.express
costs about 90 ms a chart here, which users feel on every filter change (bench/run.py)."""
from __future__ import annotations

import hashlib
import threading
import weakref
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.citations import INFERRED

BASIS_COLORS = {"items": "#1f6feb", "published": "#8c959f", "inferred": "#d4a72c"}
# Lists / categories without an order: Okabe-Ito, told apart with any colour vision.
PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"]
_MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}
# The legend under the plot, left-aligned and wrapping: on a narrow screen a legend at the side takes
# the plot's width (at 1024 px it left the bars ~70 px and covered the two largest).
_LEGEND = {"orientation": "h", "yanchor": "bottom", "y": 0, "yref": "container", "x": 0, "xanchor": "left",
           "title_text": ""}
_LEGEND_ROOM = 90   # px under the plot for the legend and the axis title
_lock = threading.Lock()
LABEL_CHARS = 28    # a body or platform name on an axis is cut to this many characters (the full name on hover)


def short(text: object, limit: int = LABEL_CHARS) -> str:
    """An axis label that leaves room for the plot on a phone: the start of the name and "…"."""
    value = str(text)
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def wrapped(title: str, width: int = 40) -> dict:
    """A Plotly title broken into lines of about ``width`` characters: a Plotly title never wraps
    and ran off a phone's screen (a page that draws the title as text instead: chart_view)."""
    import textwrap
    lines = textwrap.wrap(plain(title), width) or [""]
    return {"text": "<br>".join(lines), "font": {"size": 15}, "automargin": True, "yref": "container",
            "y": 1, "yanchor": "top", "pad": {"t": 10}}   # from the top: a long title's first line stays in view


def shorts(values) -> list[str]:
    """``short`` of each value, keeping the full text where two would be cut to the same label
    (a category axis would merge them)."""
    values = [str(v) for v in values]
    cut = [short(v) for v in values]
    seen: dict[str, set[str]] = {}
    for v, c in zip(values, cut):
        seen.setdefault(c, set()).add(v)
    return [c if len(seen[c]) == 1 else v for v, c in zip(values, cut)]


def stage_colors(n: int) -> list[str]:
    """``n`` colours for ordered stages, light to dark along cividis (readable by colour-blind
    readers and in grey): the order of the stages is the order of the colours."""
    from plotly.colors import sample_colorscale
    return sample_colorscale("cividis", [0.15 + 0.8 * i / max(n - 1, 1) for i in range(n)])[::-1] if n else []


def plain(text: object) -> str:
    """Text for a chart label: Plotly renders tags such as <a href> and <b> in labels, so a
    platform named with HTML is shown as typed, never as markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def per_body_bar(df: pd.DataFrame, *, label_col: str, value_col: str, color_col: str | None,
                 title: str, value_label: str, color_map: dict | None = None,
                 inferred_col: str | None = None) -> go.Figure:
    """Horizontal bars, largest at the top; one trace per ``color_col`` value (grouped). Rows whose
    ``inferred_col`` is true are muted and hatched, their value marked ``≈``."""
    order = df.groupby(label_col)[value_col].sum().sort_values(ascending=False).index.tolist()
    label = dict(zip(order, shorts(order)))
    groups = df.groupby(color_col, sort=False) if color_col else [(None, df)]
    fig = go.Figure()
    for i, (name, part) in enumerate(groups):
        color = (color_map or {}).get(name, PALETTE[i % len(PALETTE)])
        inferred = part[inferred_col].astype(bool).tolist() if inferred_col else [False] * len(part)
        text = [f"{INFERRED} {v}" if inf else str(v) for v, inf in zip(part[value_col], inferred)]
        fig.add_trace(go.Bar(x=part[value_col], y=[label[v] for v in part[label_col]], name=str(name) if name is not None else "",
                             orientation="h", marker_color=color, text=text, textposition="outside",
                             cliponaxis=False, customdata=part[label_col],
                             hovertemplate="%{customdata}: %{x}<extra>%{fullData.name}</extra>",
                             marker_opacity=[0.45 if inf else 1.0 for inf in inferred],
                             marker_pattern_shape=["/" if inf else "" for inf in inferred]))
    fig.update_layout(title=wrapped(title), barmode="group", height=max(300, 28 * len(order) + 120 + _LEGEND_ROOM),
                      margin={**_MARGIN, "b": _LEGEND_ROOM}, showlegend=color_col is not None, xaxis_title=value_label,
                      legend=_LEGEND, yaxis={"categoryorder": "array", "categoryarray": [label[v] for v in order[::-1]],
                                             "automargin": True})
    return fig


def stage_bars(labels: list[str], values: list[int], title: str, value_label: str) -> go.Figure:
    fig = go.Figure(go.Bar(x=values, y=shorts(labels), orientation="h", text=values, textposition="auto",
                           marker_color=stage_colors(len(labels)), customdata=labels,
                           hovertemplate="%{customdata}: %{x}<extra></extra>"))
    fig.update_layout(title=wrapped(title), height=360, margin=_MARGIN, xaxis_title=value_label,
                      yaxis={"autorange": "reversed", "automargin": True})
    return fig


def confidence_bars(labels: list[str], confirmed: list[int], likely: list[int], *, title: str, value_label: str,
                    names: tuple[str, str]) -> go.Figure:
    """Stage bars in two parts: reached on confirmed evidence (solid) and on likely evidence only
    (lighter, hatched); the total is printed at the end of each bar."""
    fig = go.Figure([
        go.Bar(x=confirmed, y=labels, orientation="h", name=names[0], marker_color=PALETTE[0]),
        go.Bar(x=likely, y=labels, orientation="h", name=names[1], marker={
            "color": PALETTE[1], "opacity": 0.55, "pattern": {"shape": "/", "fgcolor": PALETTE[0], "solidity": 0.3}},
            text=[c + k for c, k in zip(confirmed, likely)], textposition="outside", cliponaxis=False)])
    fig.update_layout(title=wrapped(title), height=380 + _LEGEND_ROOM, margin={**_MARGIN, "b": _LEGEND_ROOM},
                      xaxis_title=value_label, barmode="stack", yaxis={"autorange": "reversed", "automargin": True},
                      legend=_LEGEND)
    return fig


def stacked_bars(df: pd.DataFrame, *, label_col: str, value_col: str, stack_col: str, stack_order: list[str],
                 title: str, value_label: str, legend_title: str, hatch_col: str | None = None,
                 hatch_label: str = "") -> go.Figure:
    """Stacked horizontal bars; rows where ``hatch_col`` is true are drawn lighter and hatched (in
    the same colour, named "<stack> (<hatch_label>)")."""
    fig = go.Figure()
    colors = stage_colors(len(stack_order))
    names = sorted(set(df[label_col]))
    label = dict(zip(names, shorts(names)))
    for i, stage in enumerate(stack_order):
        part = df[df[stack_col] == stage]
        color = colors[i]
        for hatched in (False, True):
            piece = part[part[hatch_col] == hatched] if hatch_col else (part if not hatched else part.iloc[0:0])
            if not len(piece):
                continue
            marker = {"color": color}
            if hatched:
                marker.update(opacity=0.55, pattern={"shape": "/", "fgcolor": color, "solidity": 0.3})
            fig.add_trace(go.Bar(x=piece[value_col], y=[label[v] for v in piece[label_col]], orientation="h",
                                 marker=marker, name=f"{stage} ({hatch_label})" if hatched else stage,
                                 legendgroup=stage, customdata=piece[label_col],
                                 hovertemplate="%{customdata}: %{x}<extra>%{fullData.name}</extra>"))
    fig.update_layout(title=wrapped(title), barmode="stack",
                      height=max(300, 30 * df[label_col].nunique() + 120 + _LEGEND_ROOM),
                      margin={**_MARGIN, "b": _LEGEND_ROOM}, xaxis_title=value_label,
                      legend={**_LEGEND, "title_text": legend_title, "traceorder": "normal"},
                      yaxis={"categoryorder": "total ascending", "automargin": True})
    return fig


def step_lines(df: pd.DataFrame, *, x_col: str, y_col: str, line_col: str, line_order: list[str], title: str,
               value_label: str, legend_title: str) -> go.Figure:
    fig = go.Figure()
    colors = stage_colors(len(line_order))
    for i, name in enumerate(line_order):
        part = df[df[line_col] == name]
        if len(part):
            fig.add_trace(go.Scatter(x=part[x_col], y=part[y_col], name=name, mode="lines", line_shape="hv",
                                     line={"color": colors[i]}))
    fig.update_layout(title=wrapped(title), margin={**_MARGIN, "b": _LEGEND_ROOM}, height=420 + _LEGEND_ROOM,
                      yaxis_title=value_label, legend={**_LEGEND, "title_text": legend_title},
                      xaxis={"tickformat": "%d/%m/%Y"})
    return fig


ADOPTION_COLORS = "cividis_r"   # light (not used) to dark (in use); ordered for colour-blind readers and in grey


def adoption_heatmap(matrix: pd.DataFrame, *, title: str, level_names: list[str], highlight: str | None = None
                     ) -> go.Figure:
    """Province rows x platform columns, values 0-3 (not used .. in use), blank where not reported."""
    text = matrix.map(lambda v: "" if pd.isna(v) else level_names[int(v)])
    rows = [f"<b>{plain(r)}</b>" if r == highlight else plain(r) for r in matrix.index]
    fig = go.Figure(go.Heatmap(z=matrix.to_numpy(dtype=float), x=[plain(c) for c in shorts(matrix.columns)],
                               y=rows, zmin=0,
                               zmax=3, colorscale=ADOPTION_COLORS, text=text.to_numpy(), texttemplate="%{text}",
                               textfont={"size": 10}, hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
                               colorbar={"tickvals": [0, 1, 2, 3], "ticktext": level_names}, xgap=2, ygap=2))
    fig.update_layout(title=wrapped(title), height=max(300, 26 * len(matrix) + 220), margin={**_MARGIN, "b": 160},
                      xaxis={"tickangle": -35, "automargin": True}, yaxis={"autorange": "reversed", "automargin": True})
    return fig


class Frozen(go.Figure):
    """A built figure that gives the same dict every time it is asked (Streamlit asks on every
    draw, and Plotly's ``to_dict`` deep-copies the figure each time: ~1 ms a chart a run), and the
    same JSON text for that dict (``plotly.io.to_json``, which ``st.plotly_chart`` calls on every
    draw: 1-3 ms a chart). Made once per view by ``shown`` and shared by every session: never
    modify it."""

    def to_dict(self) -> dict:
        kept = self.__dict__.get("_kept")
        if kept is None:
            kept = super().to_dict()
            _keep_json()
            key = id(kept)
            _JSON[key] = (weakref.ref(self, lambda ref: _forget(key, ref)), [])
            self.__dict__["_kept"] = kept
        return kept


_JSON: dict[int, tuple[weakref.ref, list[str]]] = {}   # id(a Frozen's dict) -> (the Frozen, [its JSON])
_to_json: list = []   # plotly.io.to_json as Plotly made it


def _kept_to_json(fig, validate=True, pretty=False, remove_uids=True, engine=None):
    """``plotly.io.to_json``, answering a Frozen figure's kept dict with its JSON written once
    (the same call Streamlit makes, made the first time); anything else as Plotly does."""
    entry = _JSON.get(id(fig)) if isinstance(fig, dict) and not validate and not pretty and remove_uids \
        and engine is None else None
    owner = entry[0]() if entry is not None else None
    if owner is None or owner.__dict__.get("_kept") is not fig:
        return _to_json[0](fig, validate=validate, pretty=pretty, remove_uids=remove_uids, engine=engine)
    text = entry[1]
    if not text:
        text.append(_to_json[0](fig, validate=False))
    _given.text = text   # what this thread's chart is drawn with: its identity (``json_digest``) follows
    return text[0]


_given = threading.local()   # per script thread: the kept [JSON, digest] ``_kept_to_json`` gave last


def json_digest(spec: object) -> str | None:
    """A short digest of ``spec`` when it is the JSON a kept figure just gave in this thread
    (worked out once per figure), else None. Streamlit names each chart by hashing its whole JSON
    on every draw (~5% of a busy server's CPU, the hash releasing the GIL); a page names it by this
    instead (``pages.chart_view``). Comparing the two texts is a memcmp, not a hash."""
    text = getattr(_given, "text", None)
    if not text or not isinstance(spec, str) or len(spec) != len(text[0]) or spec != text[0]:
        return None
    if len(text) == 1:
        text.append(hashlib.blake2b(text[0].encode("utf-8"), digest_size=16).hexdigest())
    return text[1]


def _forget(key: int, ref: weakref.ref) -> None:
    """A Frozen gone: its entry goes with it (the register is bounded by the views memo)."""
    entry = _JSON.get(key)
    if entry is not None and entry[0] is ref:
        _JSON.pop(key, None)


def _keep_json() -> None:
    """Put ``_kept_to_json`` in front of ``plotly.io.to_json`` (once per process)."""
    import plotly.io
    with _lock:
        if not _to_json:
            _to_json.append(plotly.io.to_json)
            plotly.io.to_json = _kept_to_json


@dataclass(frozen=True)
class Shown:
    """A chart as every page shows it, ready to draw (``pages/chart_view.draw``): the title as page
    text (it wraps on a phone, where a Plotly title runs off the edge), the figure without it, its
    text alternative, and the figures behind it as a table (None: the page shows that table under
    the chart already). Built once per view and shared: never modify it."""
    title: str
    figure: go.Figure
    alt: str
    data: pd.DataFrame | None
    data_title: str


def shown(fig: go.Figure, data: pd.DataFrame | None, lang: str) -> Shown:
    """``fig`` prepared for a page (title taken out, top margin closed), once, not on every run.
    ``fig`` was validated when it was built: its dict, changed, is not validated again (a copy of
    a figure through Plotly's validators costs ~40 ms for a chart of 30 bodies; this ~2 ms)."""
    import html

    from views.words import tr
    title = html.unescape((fig.layout.title.text or "").replace("<br>", " "))
    spec = fig.to_dict()
    spec["layout"].pop("title", None)
    spec["layout"]["margin"] = {**spec["layout"].get("margin", {}), "t": 10}
    bare = Frozen(spec, _validate=False)
    return Shown(title, bare, tr("chart.alt", lang, title=title), data, tr("chart.data", lang, title=title))
