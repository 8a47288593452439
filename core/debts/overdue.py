"""Where the debts stand: what is owed, what the minimums come to, and what waiting
costs, the figure an overdue borrower needs before anything else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.debts.entry import DebtRecord, planner_debt
from core.months import next_month
from core.planner import minimums_due
from core.planner.debts import interest_for_days

DELAYS = {"day": 1, "week": 7, "month": 30}


def delay_cost(debt: DebtRecord, days: int) -> int:
    """Cents that `days` more days overdue add: penalty interest by the day, plus the
    monthly late fee for each whole 30 days. Zero for a debt that is not overdue."""
    if not debt.overdue:
        return 0
    rate = debt.penalty_apr if debt.penalty_apr is not None else debt.apr
    interest = interest_for_days(debt.balance_cents, rate, days)
    return interest + debt.late_fee_cents * (days // 30)


def days_overdue(debt: DebtRecord, today: dt.date | None = None) -> int | None:
    """How many days the debt has been overdue (0 on the day it fell overdue); None
    for a debt that is not."""
    if debt.overdue_since is None:
        return None
    return ((today or dt.date.today()) - debt.overdue_since).days


def delay_costs(debts: list[DebtRecord]) -> dict[str, int]:
    """One more day, week and month, summed over every overdue debt."""
    return {name: sum(delay_cost(d, days) for d in debts) for name, days in DELAYS.items()}


@dataclass(frozen=True)
class DebtTotals:
    """The debts page's headline: money in cents; `delay` as `delay_costs` gives it."""

    total: int
    minimums: int
    arrears: int
    count: int
    overdue: list[DebtRecord]
    delay: dict[str, int]


def totals(debts: list[DebtRecord], today: dt.date | None = None) -> DebtTotals:
    """What is owed, next month's minimums as the plan counts them (with the overdue
    amounts due now; capped at what is owed, paid-off debts out), those overdue
    amounts alone, and what more waiting costs on the overdue debts."""
    overdue = [d for d in debts if d.overdue]
    return DebtTotals(
        total=sum(d.balance_cents for d in debts),
        minimums=minimums_due([planner_debt(d) for d in debts], next_month(today)),
        arrears=sum(d.overdue_amount_cents for d in debts),
        count=len(debts),
        overdue=overdue,
        delay=delay_costs(overdue),
    )
