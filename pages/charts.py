"""Plotly figures used by the pages (presentation only)."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

BASIS_COLORS = {"items": "#1f6feb", "published": "#8c959f", "inferred": "#d4a72c"}


def per_body_bar(df: pd.DataFrame, *, label_col: str, value_col: str, color_col: str | None,
                 title: str, value_label: str, color_map: dict | None = None) -> go.Figure:
    """Horizontal bars, largest at the top, one per managing body."""
    order = df.groupby(label_col)[value_col].sum().sort_values().index.tolist()
    fig = px.bar(df, x=value_col, y=label_col, color=color_col, orientation="h", text=value_col,
                 category_orders={label_col: order[::-1]}, color_discrete_map=color_map or {},
                 labels={value_col: value_label, label_col: ""}, barmode="group" if color_col else "relative")
    fig.update_layout(title=title, height=max(280, 28 * len(order) + 120), legend_title_text="",
                      margin={"l": 10, "r": 10, "t": 50, "b": 10}, yaxis={"autorange": "reversed"})
    fig.update_traces(textposition="outside", cliponaxis=False)
    return fig
