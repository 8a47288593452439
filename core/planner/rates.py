"""Monthly charges as exact integer fractions, so the engines' loops never touch Decimal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.planner.debts import Debt
from core.planner.months import month_index

HORIZON = 600  # months: the plan gives up after 50 years


def monthly_rate(apr: Decimal) -> tuple[int, int, int]:
    """(num, half, den) such that (balance * num + half) // den is
    balance x apr / 12 / 100 rounded half-up to the cent, exactly, for balance >= 0."""
    n, d = apr.as_integer_ratio()
    return 2 * n, 1200 * d, 2400 * d


@dataclass(frozen=True)
class Terms:
    """Each debt's charging terms as ints, indexed like the input list.

    `promo_until` is the last plan month (0 = the start month) at the promotional
    rate, -1 when there is none; `base` applies after it.
    """

    balance: list[int]
    minimum: list[int]
    fee: list[int]
    promo: list[tuple[int, int, int]]
    promo_until: list[int]
    base: list[tuple[int, int, int]]

    @classmethod
    def of(cls, debts: Sequence[Debt], first: int) -> Terms:
        return cls(
            balance=[d.balance for d in debts],
            minimum=[d.min_payment for d in debts],
            fee=[d.monthly_fee for d in debts],
            promo=[monthly_rate(d.promo_apr or Decimal(0)) for d in debts],
            promo_until=[
                -1 if d.promo_end is None else month_index(d.promo_end) - first for d in debts
            ],
            base=[monthly_rate(d.base_apr) for d in debts],
        )

    def minimums_due(self) -> int:
        """What the first month's minimums come to: each debt's minimum, but never
        more than it owes once that month's charges are added."""
        return sum(
            min(self.minimum[i], b + self.charge(i, b, 0)) for i, b in enumerate(self.balance) if b
        )

    def charge(self, i: int, balance: int, month: int) -> int:
        """Interest plus fee on debt `i` for plan month `month`."""
        num, half, den = self.promo[i] if month <= self.promo_until[i] else self.base[i]
        return (balance * num + half) // den + self.fee[i]
