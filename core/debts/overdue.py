"""Where the debts stand: what is owed, what the minimums come to, and what waiting
costs, the figure an overdue borrower needs before anything else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from core.debts.entry import DebtRecord, planner_debt
from core.money import round_half_up
from core.months import next_month
from core.planner import minimums_due
from core.planner.debts import DAYS_IN_YEAR

DELAYS = {"day": 1, "week": 7, "month": 30}


def delay_cost(debt: DebtRecord, days: int) -> int:
    """Cents that `days` more days overdue add: penalty interest by the day, plus the
    monthly late fee for each whole 30 days. Zero for a debt that is not overdue."""
    if not debt.overdue:
        return 0
    rate = debt.penalty_apr if debt.penalty_apr is not None else debt.apr
    interest = round_half_up(Decimal(debt.balance_cents) * rate * days / (100 * DAYS_IN_YEAR))
    return interest + debt.late_fee_cents * (days // 30)


def delay_costs(debts: list[DebtRecord]) -> dict[str, int]:
    """One more day, week and month, summed over every overdue debt."""
    return {name: sum(delay_cost(d, days) for d in debts) for name, days in DELAYS.items()}


@dataclass(frozen=True)
class DebtTotals:
    """The debts page's headline: money in cents; `delay` as `delay_costs` gives it."""

    total: int
    minimums: int
    count: int
    overdue: list[DebtRecord]
    delay: dict[str, int]


def totals(debts: list[DebtRecord], today: dt.date | None = None) -> DebtTotals:
    """What is owed, next month's minimums as the plan counts them (capped at what is
    owed, paid-off debts out), and what more waiting costs on the overdue ones."""
    overdue = [d for d in debts if d.overdue]
    return DebtTotals(
        total=sum(d.balance_cents for d in debts),
        minimums=minimums_due([planner_debt(d) for d in debts], next_month(today)),
        count=len(debts),
        overdue=overdue,
        delay=delay_costs(overdue),
    )
