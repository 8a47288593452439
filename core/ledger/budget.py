"""Monthly figures in integer cents, summed from the month totals (`core.ledger.totals`).

How a transaction counts: income adds to income; an expense adds its amount to
spending with the sign flipped, so spending is a positive number and a refund
(an expense with a positive amount) reduces it; a transfer counts as neither.
Every query is scoped to one profile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Engine

from core.categories.builtins import CATEGORY_KEYS
from core.ledger.totals import month_totals
from core.models import Category, ImportBatch, Transaction
from core.money import round_half_up
from core.months import Month

TX = Transaction.__table__
CATEGORY = Category.__table__
BATCH = ImportBatch.__table__
AVERAGE_MONTHS = 3


@dataclass(frozen=True)
class MonthFigures:
    month: str  # YYYY-MM
    income: int  # cents
    spending: int  # cents, positive when money went out
    surplus: int  # income - spending


def in_months(months: list[str]) -> sa.ColumnElement[bool]:
    x = TX.c
    ranges = [sa.and_(x.date >= m.first_day(), x.date < m.end()) for m in map(Month, months)]
    return sa.or_(*ranges) if ranges else sa.false()


def monthly(engine: Engine, profile_id: int) -> list[MonthFigures]:
    """Income, spending and surplus for every month with income or spending, oldest first."""
    return figures_of(month_totals(engine, profile_id))


def figures_of(totals: pd.DataFrame) -> list[MonthFigures]:
    """`monthly` from the month totals (`core.ledger.totals`)."""
    by_month = totals.groupby("month", sort=True)[["income", "expense"]].sum()
    return [
        MonthFigures(
            month=Month(month),
            income=int(income),
            spending=-int(expense),
            surplus=int(income) + int(expense),
        )
        for month, income, expense in by_month.itertuples()
    ]


def average_window(today: dt.date | None = None) -> list[Month]:
    """The AVERAGE_MONTHS calendar months before today's month, oldest first."""
    current = Month.current(today)
    return [current - k for k in range(AVERAGE_MONTHS, 0, -1)]


def _window(figures: list[MonthFigures], today: dt.date | None) -> list[MonthFigures]:
    """The figures of the averaging window's months, a month without records as zeros
    (it counts as a month with nothing in it, so old months never stand in for it);
    none at all when no month of the window has records."""
    by_month = {f.month: f for f in figures}
    window = average_window(today)
    if not any(m in by_month for m in window):
        return []
    return [by_month.get(m, MonthFigures(m, 0, 0, 0)) for m in window]


def _average(figures: list[MonthFigures]) -> int | None:
    if not figures:
        return None
    return round_half_up(Decimal(sum(f.surplus for f in figures)) / len(figures))


def with_gaps(figures: list[MonthFigures], until: str | None = None) -> list[MonthFigures]:
    """Every month from the first with records to the last (or to `until`, if later),
    a month without records as zeros, so a chart's axis shows the gaps."""
    if not figures:
        return []
    by_month = {f.month: f for f in figures}
    first, last = Month(figures[0].month), Month(max(figures[-1].month, until or ""))
    return [by_month.get(m, MonthFigures(m, 0, 0, 0)) for m in _months(first, last)]


def _months(first: Month, last: Month) -> list[Month]:
    return [first + k for k in range(last.index - first.index + 1)]


def average_surplus(engine: Engine, profile_id: int, today: dt.date | None = None) -> int | None:
    """Average monthly surplus in cents over the three calendar months before today's,
    rounded half up; a month of them without records counts as a month with nothing
    (so the figure is never taken from old months). None when none of them has records.
    This is the figure the payoff planner starts from.
    """
    return average_surplus_of(month_totals(engine, profile_id), today)


def average_surplus_of(totals: pd.DataFrame, today: dt.date | None = None) -> int | None:
    """`average_surplus` from the month totals."""
    return _average(_window(figures_of(totals), today))


DEBT_CATEGORY = next(name for name, key in CATEGORY_KEYS.items() if key == "debt")


def average_debt_payments(
    engine: Engine, profile_id: int, today: dt.date | None = None
) -> int | None:
    """Average monthly spending in the debt repayment category (还款) over the months
    `average_surplus` uses. Those payments are already counted as spending, so the
    surplus understates what a payoff plan, which replaces them, has to work with."""
    return average_debt_payments_of(month_totals(engine, profile_id), today)


def average_debt_payments_of(totals: pd.DataFrame, today: dt.date | None = None) -> int | None:
    """`average_debt_payments` from the month totals."""
    months = [f.month for f in _window(figures_of(totals), today)]
    if not months:
        return None
    frame = categories_of(totals, months)
    paid = int(frame.loc[frame["category"] == DEBT_CATEGORY, "spending"].sum())
    return round_half_up(Decimal(paid) / len(months))


@dataclass(frozen=True)
class BudgetFigures:
    """Every month with figures, the months the average is taken over (empty when none
    of them has records), those of them without records, and the average."""

    months: list[MonthFigures]
    averaged: list[MonthFigures]
    average_surplus: int | None
    empty: list[str]


def budget_figures(engine: Engine, profile_id: int, today: dt.date | None = None) -> BudgetFigures:
    figures = monthly(engine, profile_id)
    averaged = _window(figures, today)
    present = {f.month for f in figures}
    empty = [f.month for f in averaged if f.month not in present]
    return BudgetFigures(figures, averaged, _average(averaged), empty)


def spending_by_category(
    engine: Engine, profile_id: int, months: list[str] | None = None
) -> pd.DataFrame:
    """Spending per category (positive cents), largest first; `category` None = uncategorised.

    `months` ("YYYY-MM") limits the period; None means all time. Categories
    whose refunds cancel their spending exactly are left out.
    """
    return categories_of(month_totals(engine, profile_id), months)


def categories_of(totals: pd.DataFrame, months: list[str] | None = None) -> pd.DataFrame:
    """`spending_by_category` from the month totals (`core.ledger.totals`)."""
    if months is not None:  # each checked: ValueError names text that is not YYYY-MM
        totals = totals[totals["month"].isin([Month(m) for m in months])]
    sums = totals.groupby("category_id", dropna=False, sort=False).agg(
        category=("category", "first"), expense=("expense", "sum")
    )
    rows = [
        (None if pd.isna(name) else name, -int(expense))
        for name, expense in sums.itertuples(index=False)
        if int(expense)
    ]
    rows.sort(key=lambda row: (-row[1], row[0] or ""))
    return pd.DataFrame(
        {
            "category": pd.Series([r[0] for r in rows], dtype=object),
            "spending": pd.Series([r[1] for r in rows], dtype="int64"),
        }
    )
