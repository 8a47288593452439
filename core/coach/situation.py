"""What the rules look at: a plain snapshot of the user's situation.

Built from the store by `core.coach.gather`, or by hand in tests; the rules never
read the store themselves, so each rule can be tried on exactly the data it needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.coach.contacts import ContactRecord
from core.debts.entry import DebtRecord


@dataclass(frozen=True)
class MonthTotals:
    """Income and spending (positive cents) of one calendar month, 'YYYY-MM'."""

    month: str
    income: int
    spending: int


@dataclass(frozen=True)
class QuickFix:
    """A transaction or a debt whose text names a quick-fix service."""

    source: str  # transaction | debt
    text: str
    term: str
    date: dt.date | None = None
    amount: int | None = None  # cents, as recorded (negative when money went out)


@dataclass(frozen=True)
class Snapshot:
    """`debts` are the active ones. `last_month` is the last full calendar month, None
    without records for it. `budget` is what the month leaves for debts (None without
    figures); `minimums` what the debts ask for; `plan_clears` whether a plan at that
    budget clears them (None when there is nothing to plan). `contacts` are the current
    version of each logged contact. `missed_payments` and `stalled` name debts, once
    progress is tracked."""

    today: dt.date
    debts: tuple[DebtRecord, ...] = ()
    has_records: bool = False
    last_month: MonthTotals | None = None
    budget: int | None = None
    minimums: int = 0
    plan_clears: bool | None = None
    contacts: tuple[ContactRecord, ...] = ()
    quick_fixes: tuple[QuickFix, ...] = ()
    missed_payments: tuple[str, ...] = ()
    stalled: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.debts or self.has_records or self.contacts)
