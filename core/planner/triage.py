"""Which debt to protect first when the money is short: by what missing it costs.

Debt advice services (StepChange, National Debtline) triage before they split: what
harms most if it is missed comes first. Here that is, in order:

1. overdue debts, by what one more day costs (a day's penalty interest on the balance,
   as the debts page shows it), then by late fee: every day of waiting adds to the bill;
2. credit cards, by rate: a card left unpaid after collection notices is the one debt
   where silence can turn a civil matter into a criminal one (恶意透支);
3. everything else, by rate, then the smaller balance.

Input position breaks any remaining tie, so the order is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.planner.debts import Debt, interest_for_days

GROUPS = ("overdue", "card", "rate")


@dataclass(frozen=True)
class Priority:
    """Where a debt stands and why: `reason` is one of GROUPS (the catalogue tells it
    as `split.why_<reason>`), filled with `apr`, its rate in the start month, and
    `cost_per_day`, the cents one more day adds while it is overdue (0 when it is not)."""

    name: str
    reason: str
    apr: Decimal
    cost_per_day: int


def triage(debts: Sequence[Debt], start: str) -> list[tuple[int, Priority]]:
    """(position in `debts`, priority) for every debt still owed, most urgent first."""
    ranked = []
    for i, debt in enumerate(debts):
        if not debt.balance:
            continue
        rate = debt.apr_in(start)
        daily = interest_for_days(debt.balance, rate, 1) if debt.overdue else 0
        reason = "overdue" if debt.overdue else "card" if debt.kind == "card" else "rate"
        key = (GROUPS.index(reason), -daily, -debt.monthly_fee, -rate, debt.balance, i)
        ranked.append((key, i, Priority(debt.name, reason, rate, daily)))
    ranked.sort(key=lambda item: item[0])
    return [(i, priority) for _, i, priority in ranked]
