"""Monthly figures and transaction lists, summed by the database in integer cents.

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

from core.categories import CATEGORY_KEYS, drop_unused_categories_on
from core.i18n import LANGUAGES, t
from core.models import Category, ImportBatch, Transaction
from core.money import format_cents, round_half_up

TX = Transaction.__table__
CATEGORY = Category.__table__
BATCH = ImportBatch.__table__
AVERAGE_MONTHS = 3
TRANSACTION_COLUMNS = [
    "id",
    "date",
    "description",
    "counterparty",
    "amount_cents",
    "kind",
    "category",
]


@dataclass(frozen=True)
class MonthFigures:
    month: str  # YYYY-MM
    income: int  # cents
    spending: int  # cents, positive when money went out
    surplus: int  # income - spending


def _month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """First day of `month` ("YYYY-MM") and first day of the month after."""
    try:
        year, number = (int(part) for part in month.split("-"))
        start = dt.date(year, number, 1)
    except ValueError as exc:
        raise ValueError(f"not a month (YYYY-MM): {month!r}") from exc
    end = dt.date(year + number // 12, number % 12 + 1, 1)
    return start, end


def _in_months(months: list[str]) -> sa.ColumnElement[bool]:
    x = TX.c
    ranges = [sa.and_(x.date >= a, x.date < b) for a, b in map(_month_bounds, months)]
    return sa.or_(*ranges) if ranges else sa.false()


def monthly(engine: Engine, profile_id: int) -> list[MonthFigures]:
    """Income, spending and surplus for every month with income or spending, oldest first."""
    x = TX.c
    year = sa.extract("year", x.date)
    month = sa.extract("month", x.date)
    income = sa.func.sum(sa.case((x.kind == "income", x.amount_cents), else_=0))
    expense = sa.func.sum(sa.case((x.kind == "expense", x.amount_cents), else_=0))
    query = (
        sa.select(year, month, income, expense)
        .where(x.profile_id == profile_id, x.kind.in_(("income", "expense")))
        .group_by(year, month)
        .order_by(year, month)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    figures = []
    for y, m, cents_in, cents_out in rows:
        income_cents, spending_cents = int(cents_in or 0), -int(cents_out or 0)
        figures.append(
            MonthFigures(
                month=f"{int(y):04d}-{int(m):02d}",
                income=income_cents,
                spending=spending_cents,
                surplus=income_cents - spending_cents,
            )
        )
    return figures


def _full_months(figures: list[MonthFigures], today: dt.date | None) -> list[MonthFigures]:
    """The latest AVERAGE_MONTHS months with figures that ended before today's month."""
    current = (today or dt.date.today()).strftime("%Y-%m")
    return [f for f in figures if f.month < current][-AVERAGE_MONTHS:]


def _average(figures: list[MonthFigures]) -> int | None:
    if not figures:
        return None
    return round_half_up(Decimal(sum(f.surplus for f in figures)) / len(figures))


def average_surplus(engine: Engine, profile_id: int, today: dt.date | None = None) -> int | None:
    """Average monthly surplus in cents over the last three full months, rounded half up.

    Full months are those before today's month; of them, the latest three that
    have income or spending (fewer if there are fewer). None when there are none.
    This is the figure the payoff planner starts from.
    """
    return _average(_full_months(monthly(engine, profile_id), today))


DEBT_CATEGORY = next(name for name, key in CATEGORY_KEYS.items() if key == "debt")


def average_debt_payments(
    engine: Engine, profile_id: int, today: dt.date | None = None
) -> int | None:
    """Average monthly spending in the debt repayment category (还款) over the months
    `average_surplus` uses. Those payments are already counted as spending, so the
    surplus understates what a payoff plan, which replaces them, has to work with."""
    months = [f.month for f in _full_months(monthly(engine, profile_id), today)]
    if not months:
        return None
    frame = spending_by_category(engine, profile_id, months)
    paid = int(frame.loc[frame["category"] == DEBT_CATEGORY, "spending"].sum())
    return round_half_up(Decimal(paid) / len(months))


def budget_json(engine: Engine, profile_id: int, today: dt.date | None = None) -> dict:
    """Month by month and the three-month average, money as decimal strings (null if none)."""
    figures = monthly(engine, profile_id)
    averaged = _full_months(figures, today)
    average = _average(averaged)
    return {
        "months": [
            {
                "month": f.month,
                "income": format_cents(f.income),
                "spending": format_cents(f.spending),
                "surplus": format_cents(f.surplus),
            }
            for f in figures
        ],
        "average_surplus": None if average is None else format_cents(average),
        "average_months": [f.month for f in averaged],
    }


def spending_by_category(
    engine: Engine, profile_id: int, months: list[str] | None = None
) -> pd.DataFrame:
    """Spending per category (positive cents), largest first; `category` None = uncategorised.

    `months` ("YYYY-MM") limits the period; None means all time. Categories
    whose refunds cancel their spending exactly are left out.
    """
    x, c = TX.c, CATEGORY.c
    spending = (-sa.func.sum(x.amount_cents)).label("spending")
    query = (
        sa.select(c.name, spending)
        .select_from(TX.outerjoin(CATEGORY, c.id == x.category_id))
        .where(x.profile_id == profile_id, x.kind == "expense")
        .group_by(c.name)
    )
    if months is not None:
        query = query.where(_in_months(months))
    with engine.connect() as conn:
        rows = [(name, int(cents)) for name, cents in conn.execute(query) if int(cents or 0)]
    rows.sort(key=lambda row: (-row[1], row[0] or ""))
    return pd.DataFrame(
        {
            "category": pd.Series([r[0] for r in rows], dtype=object),
            "spending": pd.Series([r[1] for r in rows], dtype="int64"),
        }
    )


def _built_in_names_matching(term: str) -> list[str]:
    """Built-in categories whose name in any language contains `term` ("food" finds 餐饮)."""
    folded = term.casefold()
    return [
        name
        for name, key in CATEGORY_KEYS.items()
        if any(folded in t(f"budget.category_{key}", lang).casefold() for lang in LANGUAGES)
    ]


def transactions(
    engine: Engine,
    profile_id: int,
    *,
    search: str | None = None,
    month: str | None = None,
    uncategorised_only: bool = False,
    limit: int | None = None,
) -> pd.DataFrame:
    """Transactions newest first: id, date, description, counterparty, amount_cents, kind, category.

    `search` looks in description, counterparty and category (a built-in category
    also by its name in either language), ignoring case. `uncategorised_only`
    lists the income and spending still without a category (transfers count
    nowhere, so they are never asked about).
    """
    x, c = TX.c, CATEGORY.c
    query = (
        sa.select(x.id, x.date, x.description, x.counterparty, x.amount_cents, x.kind, c.name)
        .select_from(TX.outerjoin(CATEGORY, c.id == x.category_id))
        .where(x.profile_id == profile_id)
        .order_by(x.date.desc(), x.id.desc())
    )
    term = (search or "").strip()
    if term:
        matches = [
            x.description.icontains(term, autoescape=True),
            x.counterparty.icontains(term, autoescape=True),
            c.name.icontains(term, autoescape=True),
        ]
        built_ins = _built_in_names_matching(term)
        if built_ins:
            matches.append(c.name.in_(built_ins))
        query = query.where(sa.or_(*matches))
    if month:
        query = query.where(_in_months([month]))
    if uncategorised_only:
        query = query.where(x.category_id.is_(None), x.kind.in_(("income", "expense")))
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(
        {
            name: pd.Series([row[i] for row in rows], dtype=object)
            for i, name in enumerate(TRANSACTION_COLUMNS)
        }
    )
    return frame.astype({"id": "int64", "amount_cents": "int64"})


def has_data(engine: Engine, profile_id: int) -> bool:
    """Whether the profile has any transaction."""
    with engine.connect() as conn:
        found = conn.execute(sa.select(TX.c.id).where(TX.c.profile_id == profile_id).limit(1))
        return found.first() is not None


def clear_data(engine: Engine, profile_id: int) -> int:
    """Delete the profile's transactions and import history; rules stay. Rows deleted.

    Categories nothing refers to any more (no transaction, no rule) go too.
    """
    with engine.begin() as conn:
        deleted = conn.execute(TX.delete().where(TX.c.profile_id == profile_id)).rowcount
        conn.execute(BATCH.delete().where(BATCH.c.profile_id == profile_id))
        drop_unused_categories_on(conn, profile_id)
    return deleted
