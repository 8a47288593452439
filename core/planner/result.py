"""What a plan answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class ScheduleRow(NamedTuple):
    """One debt in one month. `interest` includes `fee`, so payments reconcile."""

    month: str
    debt: str
    interest: int
    fee: int
    payment: int
    balance: int


@dataclass(frozen=True)
class DebtOutcome:
    name: str
    payoff_month: str | None
    interest: int
    paid: int


@dataclass(frozen=True)
class Problem:
    """Why a plan does not clear every debt, and the figure that would change that.

    below_minimums: `amount` is the budget that covers every minimum (`debt` is None).
    never_pays: `debt` grows because its payment does not cover its charges; `amount`
    is the monthly payment to it that covers interest and fee on its starting balance
    at its highest rate in the plan, plus one cent, so it falls every month.
    horizon: every payment bites but the plan runs past 600 months; `amount` is the
    monthly budget that clears everything within them; `debt` is the one still owed first.
    """

    kind: str
    debt: str | None
    amount: int


@dataclass(frozen=True)
class PlanResult:
    """Money in cents. For a plan that does not clear, `months` and the totals
    cover the months simulated and `problem` says why."""

    feasible: bool
    months: int
    debt_free: str | None
    order: list[str]
    debts: list[DebtOutcome]
    total_interest: int
    total_paid: int
    schedule: list[ScheduleRow]
    shortfall: int | None = None
    problem: Problem | None = None
