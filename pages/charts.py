"""Plotly figures used by the pages (presentation only). Built with graph_objects: plotly.express
costs about 90 ms a chart here, which users feel on every filter change (bench/run.py)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.citations import INFERRED

BASIS_COLORS = {"items": "#1f6feb", "published": "#8c959f", "inferred": "#d4a72c"}
PALETTE = ["#1f4e79", "#4e9bd6", "#e4572e", "#f3a6a6", "#f28e1c", "#ffd166", "#2a9d8f", "#8c959f"]
_MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}


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
    groups = df.groupby(color_col, sort=False) if color_col else [(None, df)]
    fig = go.Figure()
    for i, (name, part) in enumerate(groups):
        color = (color_map or {}).get(name, PALETTE[i % len(PALETTE)])
        inferred = part[inferred_col].astype(bool).tolist() if inferred_col else [False] * len(part)
        text = [f"{INFERRED} {v}" if inf else str(v) for v, inf in zip(part[value_col], inferred)]
        fig.add_trace(go.Bar(x=part[value_col], y=part[label_col], name=str(name) if name is not None else "",
                             orientation="h", marker_color=color, text=text, textposition="outside",
                             cliponaxis=False,
                             marker_opacity=[0.45 if inf else 1.0 for inf in inferred],
                             marker_pattern_shape=["/" if inf else "" for inf in inferred]))
    fig.update_layout(title=title, barmode="group", height=max(280, 28 * len(order) + 120), legend_title_text="",
                      margin=_MARGIN, showlegend=color_col is not None, xaxis_title=value_label,
                      yaxis={"categoryorder": "array", "categoryarray": order[::-1]})
    return fig


def stage_bars(labels: list[str], values: list[int], title: str, value_label: str) -> go.Figure:
    fig = go.Figure(go.Bar(x=values, y=labels, orientation="h", text=values, textposition="auto",
                           marker_color=PALETTE[0]))
    fig.update_layout(title=title, height=360, margin=_MARGIN, xaxis_title=value_label,
                      yaxis={"autorange": "reversed"})
    return fig


def stacked_bars(df: pd.DataFrame, *, label_col: str, value_col: str, stack_col: str, stack_order: list[str],
                 title: str, value_label: str, legend_title: str) -> go.Figure:
    fig = go.Figure()
    for i, stage in enumerate(stack_order):
        part = df[df[stack_col] == stage]
        if len(part):
            fig.add_trace(go.Bar(x=part[value_col], y=part[label_col], name=stage, orientation="h",
                                 marker_color=PALETTE[i % len(PALETTE)]))
    fig.update_layout(title=title, barmode="stack", height=max(300, 30 * df[label_col].nunique() + 120),
                      margin=_MARGIN, xaxis_title=value_label, legend_title_text=legend_title,
                      yaxis={"categoryorder": "total ascending"})
    return fig


def step_lines(df: pd.DataFrame, *, x_col: str, y_col: str, line_col: str, line_order: list[str], title: str,
               value_label: str, legend_title: str) -> go.Figure:
    fig = go.Figure()
    for i, name in enumerate(line_order):
        part = df[df[line_col] == name]
        if len(part):
            fig.add_trace(go.Scatter(x=part[x_col], y=part[y_col], name=name, mode="lines", line_shape="hv",
                                     line={"color": PALETTE[i % len(PALETTE)]}))
    fig.update_layout(title=title, margin=_MARGIN, yaxis_title=value_label, legend_title_text=legend_title)
    return fig


ADOPTION_COLORS = [[0.0, "#f3a6a6"], [0.33, "#ffd166"], [0.66, "#4e9bd6"], [1.0, "#1f4e79"]]


def adoption_heatmap(matrix: pd.DataFrame, *, title: str, level_names: list[str], highlight: str | None = None
                     ) -> go.Figure:
    """Province rows x platform columns, values 0-3 (not used .. in use), blank where not reported."""
    text = matrix.map(lambda v: "" if pd.isna(v) else level_names[int(v)])
    rows = [f"<b>{plain(r)}</b>" if r == highlight else plain(r) for r in matrix.index]
    fig = go.Figure(go.Heatmap(z=matrix.to_numpy(dtype=float), x=[plain(c) for c in matrix.columns], y=rows, zmin=0,
                               zmax=3, colorscale=ADOPTION_COLORS, text=text.to_numpy(),
                               hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
                               colorbar={"tickvals": [0, 1, 2, 3], "ticktext": level_names}, xgap=2, ygap=2))
    fig.update_layout(title=title, height=max(300, 26 * len(matrix) + 220), margin={**_MARGIN, "b": 160},
                      xaxis={"tickangle": -35, "automargin": True}, yaxis={"autorange": "reversed", "automargin": True})
    return fig
