"""The balance between anchors: what a debt owes on any day.

A debt's balance is known at its anchors: the balance typed when it was added, and
each statement balance the user confirms later. From an anchor on, the balance moves
by two things only. On the first day of every month after the anchor's month the
planner's own monthly charge is added (`Terms.charge`: interest on the balance owed
that morning at the month's rate, rounded half up to the cent, plus the late fee while
overdue), and every payment not voided is taken off on its day. Entries on the same
day count in the order they were entered, so a balance confirmed after a payment
already includes it. A paid-off debt is charged nothing.

Because the charge is the planner's, paying exactly what an adopted plan schedules
leaves exactly the balances it projects.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import NamedTuple

from core.debts.entry import DebtRecord, planner_debt
from core.months import Month
from core.planner.rates import Terms

# When something happened: its day, then the moment it was entered (orders one day).
Moment = tuple[dt.date, dt.datetime]


def month_of(day: dt.date) -> int:
    """The planner's month index of a day: the rule counts months as the planner does."""
    return Month.of(day).index


def first_day(month: int) -> dt.date:
    return Month.from_index(month).first_day()


def last_day(month: int) -> dt.date:
    return Month.from_index(month).end() - dt.timedelta(days=1)


@dataclass(frozen=True)
class Anchor:
    """A balance known on a day: `id` None for the balance the debt was added with."""

    day: dt.date
    recorded: dt.datetime
    balance: int
    id: int | None = None

    @property
    def moment(self) -> Moment:
        return (self.day, self.recorded)


@dataclass(frozen=True)
class Payment:
    """Money paid to a debt. A voided payment is kept, with when and why, and counts
    for nothing."""

    id: int
    day: dt.date
    recorded: dt.datetime
    amount: int
    note: str = ""
    transaction_id: int | None = None
    voided_at: dt.datetime | None = None
    void_note: str = ""

    @property
    def moment(self) -> Moment:
        return (self.day, self.recorded)

    @property
    def live(self) -> bool:
        return self.voided_at is None


class Step(NamedTuple):
    """One change to the balance. `kind`: added | anchor | charge | payment; `amount`
    is the anchor's balance, the charge or the payment; `ref` the anchor or payment id."""

    day: dt.date
    kind: str
    amount: int
    balance: int
    ref: int | None


@dataclass(frozen=True)
class DebtHistory:
    """Everything one debt's balance is worked out from; `anchors[0]` is its adding."""

    record: DebtRecord
    anchors: tuple[Anchor, ...]
    payments: tuple[Payment, ...]

    @property
    def added(self) -> Anchor:
        return self.anchors[0]

    def live_payments(self) -> list[Payment]:
        return [p for p in self.payments if p.live]

    def with_payment(self, payment: Payment) -> DebtHistory:
        return replace(self, payments=(*self.payments, payment))

    def with_anchor(self, anchor: Anchor) -> DebtHistory:
        return replace(self, anchors=(*self.anchors, anchor))


class Charges:
    """The monthly charge on one debt by the planner's rule. Months from the one it fell
    overdue in are charged as the planner charges an overdue debt (penalty rate, late
    fee); earlier months at its normal terms."""

    def __init__(self, record: DebtRecord, first: int) -> None:
        normal = planner_debt(replace(record, overdue_since=None))
        self.terms = Terms.of((normal, planner_debt(record)), first)
        self.first = first
        since = record.overdue_since
        self.late_from = None if since is None else month_of(since)

    def __call__(self, balance: int, month: int) -> int:
        if balance <= 0:
            return 0
        late = self.late_from is not None and month >= self.late_from
        return self.terms.charge(int(late), balance, month - self.first)


def replay(history: DebtHistory, until: dt.date, *, through: Moment | None = None) -> list[Step]:
    """Every change to the balance from the debt's adding to the end of `until`; with
    `through`, only entries up to and including that moment count (charges still run
    to `until`'s month). Entries before the debt was added count for nothing."""
    entries: list[tuple[Moment, int, Anchor | Payment]] = [
        (a.moment, 0, a) for a in history.anchors
    ] + [(p.moment, 1, p) for p in history.live_payments()]
    entries.sort(key=lambda e: (e[0], e[1]))
    charges = Charges(history.record, month_of(history.added.day))
    steps: list[Step] = []
    balance: int | None = None
    month = 0
    for moment, _, entry in entries:
        if moment[0] > until or (through is not None and moment > through):
            break
        if balance is None and not isinstance(entry, Anchor):
            continue
        if balance is not None:
            balance = _charge_to(steps, charges, balance, month, month_of(moment[0]))
        month = month_of(moment[0])
        if isinstance(entry, Anchor):
            balance = entry.balance
            kind = "added" if entry.id is None else "anchor"
            steps.append(Step(entry.day, kind, entry.balance, balance, entry.id))
        else:
            balance -= entry.amount
            steps.append(Step(entry.day, "payment", entry.amount, balance, entry.id))
    if balance is not None:
        _charge_to(steps, charges, balance, month, month_of(until))
    return steps


def _charge_to(steps: list[Step], charges: Charges, balance: int, month: int, to: int) -> int:
    for m in range(month + 1, to + 1):
        charge = charges(balance, m)
        if charge:
            balance += charge
            steps.append(Step(first_day(m), "charge", charge, balance, None))
    return balance


def balance_on(steps: list[Step], day: dt.date) -> int | None:
    """The balance at the end of `day` (None before the debt was added). `steps` must
    run at least to `day`'s month."""
    found = bisect_right(steps, day, key=lambda s: s.day)
    return steps[found - 1].balance if found else None


def balance_at(history: DebtHistory, moment: Moment) -> int | None:
    """The balance just after `moment`, counting everything entered up to it."""
    steps = replay(history, moment[0], through=moment)
    return steps[-1].balance if steps else None


def current(history: DebtHistory, today: dt.date) -> int:
    return replay(history, today)[-1].balance


def overpaid(steps: list[Step]) -> list[Step]:
    """Payments that took the balance below zero: each paid more than was owed."""
    return [s for s in steps if s.kind == "payment" and s.balance < 0]


def cleared_on(steps: list[Step]) -> dt.date | None:
    """The day the debt was last brought to zero, if it owes nothing now and once owed."""
    if not steps or steps[-1].balance != 0 or not any(s.balance > 0 for s in steps):
        return None
    day = steps[-1].day
    for step in reversed(steps):
        if step.balance != 0:
            break
        day = step.day
    return day
