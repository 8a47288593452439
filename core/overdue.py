"""What waiting costs: the figure an overdue borrower needs before anything else."""

from __future__ import annotations

from decimal import Decimal

from core.debts import DebtRecord
from core.money import round_half_up
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
