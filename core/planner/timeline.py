"""What the plan asks for, in time: this month's payments, and which debt the money
beyond the minimums goes to, month after month."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from core.planner.debts import Debt
from core.planner.result import PlanResult, ScheduleRow


@dataclass(frozen=True)
class Focus:
    """`debt` gets the extra from `first` to `last` (both 'YYYY-MM', inclusive)."""

    debt: str
    first: str
    last: str


def first_payments(result: PlanResult) -> list[ScheduleRow]:
    """The first month's payment to every debt, in paying order: the next step."""
    if not result.schedule:
        return []
    month = result.schedule[0].month
    rank = {name: i for i, name in enumerate(result.order)}
    rows = [row for row in result.schedule if row.month == month]
    return sorted(rows, key=lambda row: rank[row.debt])


def focus_timeline(result: PlanResult, debts: Sequence[Debt]) -> list[Focus]:
    """In each month the focus is the first debt, in paying order, paid more than its
    minimum (in the first month, its minimum and arrears); a debt its own minimum
    clears is never the focus, and a month with no money beyond the minimums has none."""
    minimum = {d.name: d.min_payment for d in debts}
    arrears = {d.name: d.arrears for d in debts}  # due with the first month's minimum
    first = result.schedule[0].month if result.schedule else None
    rank = {name: i for i, name in enumerate(result.order)}
    focus_by_month = []
    for month, rows in groupby(result.schedule, key=lambda row: row.month):
        due = {n: m + arrears[n] for n, m in minimum.items()} if month == first else minimum
        extra = [row.debt for row in rows if row.payment > due[row.debt]]
        if extra:
            focus_by_month.append((month, min(extra, key=rank.__getitem__)))
    spans = []
    for debt, months in groupby(focus_by_month, key=lambda pair: pair[1]):
        labels = [month for month, _ in months]
        spans.append(Focus(debt, labels[0], labels[-1]))
    return spans
