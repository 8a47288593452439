"""Monthly charges as exact integer fractions, so the engines' loops never touch Decimal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import repeat

from core.months import month_index
from core.planner.debts import Debt

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
    rate, -1 when there is none; `base` applies after it. `arrears` are due on top of
    the minimum in the first month only.
    """

    balance: list[int]
    minimum: list[int]
    arrears: list[int]
    fee: list[int]
    promo: list[tuple[int, int, int]]
    promo_until: list[int]
    base: list[tuple[int, int, int]]
    paths: dict[tuple[int, int], tuple[list[int], list[int]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(cls, debts: Sequence[Debt], first: int) -> Terms:
        """Shared by every plan over the same debts and start (a comparison makes four),
        so what is worked out once per debt, like its minimum-only path, is reused."""
        return _terms(tuple(debts), first)

    def minimum_path(self, i: int, limit: int) -> tuple[list[int], list[int]]:
        """Debt `i` paid only its minimum for `limit` months: the balance after each
        month and what was paid, both padded with zeros once it is cleared."""
        key = (i, limit)
        if key not in self.paths:
            self.paths[key] = self._minimum_path(i, limit)
        return self.paths[key]

    def _minimum_path(self, i: int, limit: int) -> tuple[list[int], list[int]]:
        minimum, fee, first_due = self.minimum[i], self.fee[i], self.minimum[i] + self.arrears[i]
        promo, until, base = self.promo[i], self.promo_until[i], self.base[i]
        balance, path, paid = self.balance[i], [], []
        for month in range(limit):
            if not balance:
                break
            num, half, den = promo if month <= until else base
            owed = balance + (balance * num + half) // den + fee
            due = first_due if month == 0 else minimum
            pay = due if due < owed else owed
            balance = owed - pay
            path.append(balance)
            paid.append(pay)
        path.extend(repeat(0, limit - len(path)))
        paid.extend(repeat(0, limit - len(paid)))
        return path, paid

    @classmethod
    def _build(cls, debts: Sequence[Debt], first: int) -> Terms:
        return cls(
            balance=[d.balance for d in debts],
            minimum=[d.min_payment for d in debts],
            arrears=[d.arrears for d in debts],
            fee=[d.monthly_fee for d in debts],
            promo=[monthly_rate(d.promo_apr or Decimal(0)) for d in debts],
            promo_until=[
                -1 if d.promo_end is None else month_index(d.promo_end) - first for d in debts
            ],
            base=[monthly_rate(d.base_apr) for d in debts],
        )

    def minimums_due(self) -> int:
        """What the first month's minimums come to: each debt's minimum plus its
        arrears, but never more than it owes once that month's charges are added."""
        return sum(self.due(i, b, 0) for i, b in enumerate(self.balance) if b)

    def due(self, i: int, balance: int, month: int) -> int:
        """What debt `i`, opening plan month `month` at `balance`, must be paid that
        month: its minimum (plus its arrears in the first month), at most what it owes."""
        wanted = self.minimum[i] + (self.arrears[i] if month == 0 else 0)
        return min(wanted, balance + self.charge(i, balance, month))

    def charge(self, i: int, balance: int, month: int) -> int:
        """Interest plus fee on debt `i` for plan month `month`."""
        num, half, den = self.promo[i] if month <= self.promo_until[i] else self.base[i]
        return (balance * num + half) // den + self.fee[i]


@lru_cache(maxsize=8)
def _terms(debts: tuple[Debt, ...], first: int) -> Terms:
    return Terms._build(debts, first)


def clear_planner_caches() -> None:
    """Forget shared terms (benchmarks measure a cold start)."""
    _terms.cache_clear()
