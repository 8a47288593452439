"""Plotly figures from plain DataFrames of cents; labels come in already translated."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go

from core.ledger.budget import MonthFigures
from core.months import Month
from core.planner import Focus, PlanResult, ScheduleRow
from core.usertext import without_controls

INCOME = "#2f7d6d"
SPENDING = "#d08c60"
SURPLUS = "#1f2a2e"


def _label(text: str) -> str:
    """A name as plotly shows it literally: plotly reads <b>, <a href> and entities in
    every label, and a debt or category name is the user's own text."""
    return html.escape(without_controls(str(text)), quote=False)


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
    # Money as everywhere else: ¥2,000.00 when pointed at; the axis in whole yuan.
    fig.update_yaxes(
        tickprefix="¥",
        tickformat=",.0f",
        hoverformat=",.2f",
        gridcolor="#e3e7e5",
        zerolinecolor="#9aa7a3",
    )
    return fig


def monthly_figure(figures: Sequence[MonthFigures], labels: dict[str, str]) -> go.Figure:
    """Income and spending side by side each month, surplus as a line over them; every
    month is on the axis (a month without records shows nothing there)."""
    months = [f.month for f in figures]
    fig = go.Figure()
    for name, colour in (("income", INCOME), ("spending", SPENDING)):
        fig.add_bar(
            x=months,
            y=_yuan(pd.Series([getattr(f, name) for f in figures], dtype="int64")),
            name=labels[name],
            marker_color=colour,
            hovertemplate="¥%{y:,.2f}",
        )
    fig.add_scatter(
        x=months,
        y=_yuan(pd.Series([f.surplus for f in figures], dtype="int64")),
        name=labels["surplus"],
        mode="lines+markers",
        line={"color": SURPLUS, "width": 2},
        hovertemplate="¥%{y:,.2f}",
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category", tickangle=0)
    return _layout(fig)


def category_figure(frame: pd.DataFrame, label: str) -> go.Figure:
    """Biggest spending categories first, as horizontal bars (easier to read than a pie)."""
    frame = frame.sort_values("spending")
    fig = go.Figure(
        go.Bar(
            x=_yuan(frame["spending"]),
            y=frame["category"].map(_label),
            orientation="h",
            marker_color=SPENDING,
            name=label,
        )
    )
    fig.update_traces(hovertemplate="%{y}: ¥%{x:,.2f}<extra></extra>")
    fig.update_xaxes(tickprefix="¥", tickformat=",.0f", gridcolor="#e3e7e5")
    fig = _layout(fig, height=max(220, 34 * len(frame) + 60))
    fig.update_layout(hovermode="closest", showlegend=False)
    fig.update_yaxes(tickprefix="", tickformat="")  # category names, not money
    return fig


# One colour per debt, in paying order, shared by the balance and timeline charts.
DEBT_COLOURS = ("#2f7d6d", "#d08c60", "#5b7db1", "#b5656b", "#8a9a5b", "#7a6aa8", "#c2a14d")


def _month_start(months: pd.Series | list[str]) -> pd.Series:
    return pd.to_datetime(pd.Series(months, dtype="str") + "-01")


def _month_ticks(months: int) -> str:
    """A tick every quarter on a short plan, every few years on a long one: a
    phone-wide axis holds about ten."""
    step = next((m for m in (3, 6, 12) if months <= 10 * m), 12 * -(-months // 120))
    return f"M{step}"


def balances_figure(result: PlanResult, labels: dict[str, str]) -> go.Figure:
    """What is still owed after each month's payment, one band per debt in paying
    order, with a tick where each debt is paid off."""
    frame = pd.DataFrame(result.schedule, columns=list(ScheduleRow._fields))
    owed = (
        frame.pivot(index="month", columns="debt", values="balance")
        .reindex(columns=result.order)
        .fillna(0)
        .astype("int64")
    )
    when = _month_start(owed.index)
    fig = go.Figure()
    for k, name in enumerate(result.order):
        colour = DEBT_COLOURS[k % len(DEBT_COLOURS)]
        fig.add_scatter(
            x=when,
            y=_yuan(owed[name]),
            name=_label(name),
            stackgroup="owed",
            mode="lines",
            line={"width": 0.5, "color": colour},
            hovertemplate="¥%{y:,.2f}",
        )
    total = owed.sum(axis=1)
    paid_off = [d for d in result.debts if d.payoff_month in owed.index]
    # Markers only: names printed beside them collide when debts clear close together
    # (and always on a phone); each name shows when the marker is pointed at.
    fig.add_scatter(
        x=_month_start([d.payoff_month for d in paid_off]),
        y=_yuan(pd.Series([total[d.payoff_month] for d in paid_off], dtype="int64")),
        text=[f"✓ {_label(d.name)}" for d in paid_off],
        mode="markers",
        marker={"symbol": "diamond", "size": 10, "color": SURPLUS},
        name=labels["paid_off"],
        hovertemplate="%{text}<extra></extra>",
    )
    fig.update_xaxes(dtick=_month_ticks(len(owed)), tickformat="%Y-%m")
    fig = _layout(fig)
    fig.update_yaxes(title=None)
    return fig


def focus_figure(spans: list[Focus], month_text: Callable[[str], str]) -> go.Figure:
    """Which debt gets the money beyond the minimums, as bars along the calendar."""
    order = list(dict.fromkeys(s.debt for s in spans))
    fig = go.Figure()
    for span in spans:
        start = _month_start([span.first])[0]
        end = _month_start([span.last])[0] + pd.offsets.MonthBegin(1)
        colour = DEBT_COLOURS[order.index(span.debt) % len(DEBT_COLOURS)]
        fig.add_bar(
            base=[start],
            x=[(end - start).total_seconds() * 1000],
            y=[_label(span.debt)],
            orientation="h",
            marker_color=colour,
            showlegend=False,
            hovertext=f"{_label(span.debt)}: {month_text(span.first)} – {month_text(span.last)}",
            hoverinfo="text",
        )
    fig.update_xaxes(type="date", tickformat="%Y-%m")
    labels = [_label(debt) for debt in order]
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=labels)
    fig = _layout(fig, height=max(160, 44 * len(order) + 70))
    fig.update_layout(hovermode="closest")
    fig.update_yaxes(tickprefix="", tickformat="")
    return fig


def plan_vs_actual_figure(
    start: str, start_total: int, projected: list[int], actual: list[int], labels: dict[str, str]
) -> go.Figure:
    """What the adopted plan expected to be owed after each month, and what was owed;
    both lines start from the total the plan started from, the month before its first."""
    first = Month(start) - 1
    planned = [start_total, *projected]
    done = [start_total, *actual]
    fig = go.Figure()
    fig.add_scatter(
        x=_month_start([first + k for k in range(len(planned))]),
        y=_yuan(pd.Series(planned, dtype="int64")),
        name=labels["plan"],
        mode="lines",
        line={"color": SPENDING, "width": 2, "dash": "dash"},
        hovertemplate="%{y:,.2f}",
    )
    fig.add_scatter(
        x=_month_start([first + k for k in range(len(done))]),
        y=_yuan(pd.Series(done, dtype="int64")),
        name=labels["actual"],
        mode="lines+markers",
        line={"color": INCOME, "width": 3},
        hovertemplate="%{y:,.2f}",
    )
    fig.update_xaxes(dtick=_month_ticks(len(planned)), tickformat="%Y-%m")
    fig = _layout(fig)
    fig.update_yaxes(title=None, rangemode="tozero")
    return fig
