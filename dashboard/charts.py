"""Plotly figures from plain DataFrames of cents; labels come in already translated."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

INCOME = "#2f7d6d"
SPENDING = "#d08c60"
SURPLUS = "#1f2a2e"


def _yuan(cents: pd.Series) -> pd.Series:
    """Chart axes only: plotly needs numbers; no arithmetic happens on these."""
    return cents.astype("int64") / 100


def _layout(fig: go.Figure, height: int = 340) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 8, "r": 8, "t": 30, "b": 8},
        legend={"orientation": "h", "y": 1.12, "x": 0},
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
        hovermode="x unified",
        separators=".,",
    )
    fig.update_yaxes(tickprefix="¥", gridcolor="#e3e7e5", zerolinecolor="#9aa7a3")
    return fig


def monthly_figure(frame: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """Income and spending side by side each month, surplus as a line over them."""
    fig = go.Figure()
    fig.add_bar(
        x=frame["month"], y=_yuan(frame["income"]), name=labels["income"], marker_color=INCOME
    )
    fig.add_bar(
        x=frame["month"], y=_yuan(frame["spending"]), name=labels["spending"], marker_color=SPENDING
    )
    fig.add_scatter(
        x=frame["month"],
        y=_yuan(frame["surplus"]),
        name=labels["surplus"],
        mode="lines+markers",
        line={"color": SURPLUS, "width": 2},
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category")
    return _layout(fig)


def category_figure(frame: pd.DataFrame, label: str) -> go.Figure:
    """Biggest spending categories first, as horizontal bars (easier to read than a pie)."""
    frame = frame.sort_values("spending")
    fig = go.Figure(
        go.Bar(
            x=_yuan(frame["spending"]),
            y=frame["category"],
            orientation="h",
            marker_color=SPENDING,
            name=label,
        )
    )
    fig.update_xaxes(tickprefix="¥", gridcolor="#e3e7e5")
    fig = _layout(fig, height=max(220, 34 * len(frame) + 60))
    fig.update_layout(hovermode="closest", showlegend=False)
    return fig
