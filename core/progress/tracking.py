"""Progress per debt and in total, the adopted plan against what happened, and where the
current pace leads. Pure: histories and a plan in, figures out (money in cents).

Which debts count: every active debt, and an archived one the records show as paid
off (an archived debt still owing was entered by mistake or settled elsewhere: it is
left out rather than guessed at).

A debt's start is its balance when it was added or, for a debt the followed plan
includes and that was added before it, its balance when the plan was adopted. Paid is
what was paid after that; remaining is its balance today; percent done is how much of
the start is gone, 0 to 100.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from core.debts.entry import DebtRecord, planner_debt
from core.months import month_label
from core.planner import Debt, PlanResult, plan
from core.progress.balances import (
    DebtHistory,
    Moment,
    Step,
    balance_at,
    balance_on,
    current,
    last_day,
    month_of,
    replay,
)
from core.progress.plans import AdoptedPlan

PACE_MONTHS = 3  # the pace is what was paid a month over the latest full months, up to 3


def percent_done(start: int, remaining: int) -> Decimal:
    """How much of `start` is paid off, 0 to 100 to one place, rounded half up."""
    if start <= 0:
        return Decimal(100) if remaining <= 0 else Decimal(0)
    done = min(max(start - remaining, 0), start)
    return (Decimal(done * 100) / start).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    """Start, paid and remaining in cents; `debt_id` is None for the total."""

    name: str
    start: int
    paid: int
    remaining: int
    debt_id: int | None = None
    since: dt.date | None = None

    @property
    def percent(self) -> Decimal:
        return percent_done(self.start, self.remaining)


@dataclass(frozen=True)
class Progress:
    debts: list[Figures]
    total: Figures


def tracked(histories: list[DebtHistory], today: dt.date) -> list[DebtHistory]:
    """The debts progress counts: active ones, and archived ones paid off."""
    return [h for h in histories if not h.record.archived or _paid_off(h, today)]


def _paid_off(history: DebtHistory, today: dt.date) -> bool:
    return bool(history.live_payments()) and current(history, today) <= 0


def start_moment(history: DebtHistory, adopted: AdoptedPlan | None) -> Moment:
    added = history.added.moment
    if adopted is None or history.record.id not in adopted.balances:
        return added
    return max(added, adopted.moment)


def progress(histories: list[DebtHistory], adopted: AdoptedPlan | None, today: dt.date) -> Progress:
    debts = []
    for history in tracked(histories, today):
        since = start_moment(history, adopted)
        start = balance_at(history, since) or 0
        paid = sum(p.amount for p in history.live_payments() if p.moment > since and p.day <= today)
        remaining = max(current(history, today), 0)
        debts.append(
            Figures(history.record.name, start, paid, remaining, history.record.id, since[0])
        )
    total = Figures(
        "",
        sum(d.start for d in debts),
        sum(d.paid for d in debts),
        sum(d.remaining for d in debts),
    )
    return Progress(debts, total)


@dataclass(frozen=True)
class PlanCheck:
    """The followed plan against what happened, in totals over the debts both include.

    `projected[j]` is the total planned for the end of `months[j]`; `actual[j]` what
    was owed then (for the current month: today), for the months so far.

    `verdict`: done when nothing is owed; behind when more is owed than the plan had
    for this month before its payments (last month's total plus this month's charges);
    ahead when less is owed than the plan has for the end of this month; on track in
    between. `gap` is by how much money (0 when on track), `months_off` by how many
    whole months of the plan. `left_out`: debts added after the plan, which it does
    not include.
    """

    start_total: int
    months: list[str]
    projected: list[int]
    actual: list[int]
    verdict: str
    gap: int
    months_off: int
    left_out: list[str]


def check_plan(histories: list[DebtHistory], adopted: AdoptedPlan, today: dt.date) -> PlanCheck:
    counted = tracked(histories, today)
    followed = [h for h in counted if h.record.id in adopted.balances]
    ids = [h.record.id for h in followed]
    length = len(adopted.months)
    projected = [sum(adopted.projected[i][j] for i in ids) for j in range(length)]
    charged = [sum(adopted.charged[i][j] for i in ids) for j in range(length)]
    start_total = sum(adopted.balances[i] for i in ids)
    now = month_of(today) - adopted.first_month
    steps = [replay(h, today) for h in followed]
    actual = [_owed(steps, month_end(adopted.first_month + j, today)) for j in range(now + 1)]
    owed = _owed(steps, today)

    def planned(j: int) -> int:
        return start_total if j < 0 else projected[j] if j < length else 0

    charges_now = charged[now] if 0 <= now < length else 0
    if owed == 0 and start_total:
        verdict, gap, off = "done", 0, 0
    elif owed > planned(now - 1) + charges_now:
        reached = next((j for j in range(-1, length) if planned(j) <= owed), -1)
        verdict, gap = "behind", owed - planned(now - 1) - charges_now
        off = max(now - 1 - reached, 0)
    elif owed < planned(now):
        reached = max(j for j in range(-1, length) if planned(j) >= owed)
        verdict, gap, off = "ahead", planned(now) - owed, max(reached - now, 0)
    else:
        verdict, gap, off = "on_track", 0, 0
    return PlanCheck(
        start_total=start_total,
        months=[month_label(adopted.first_month + j) for j in range(max(length, now + 1))],
        projected=projected,
        actual=actual,
        verdict=verdict,
        gap=gap,
        months_off=off,
        left_out=[h.record.name for h in counted if h.record.id not in adopted.balances],
    )


def month_end(month: int, today: dt.date) -> dt.date:
    """The last day of `month`, or today for the month under way."""
    return min(last_day(month), today)


def _owed(steps: list[list[Step]], day: dt.date) -> int:
    return sum(max(balance_on(s, day) or 0, 0) for s in steps)


@dataclass(frozen=True)
class Outlook:
    """Where the recent pace leads: `pace` is cents paid a month lately (None before any
    payment), over `months` months; `result` the plan at that pace (None when nothing
    is owed or nothing paid yet). It counts from this month, from the balances it
    opened with, if nothing was paid in it yet; otherwise from next month."""

    pace: int | None
    months: int
    result: PlanResult | None


def outlook(histories: list[DebtHistory], adopted: AdoptedPlan | None, today: dt.date) -> Outlook:
    followed = tracked(histories, today)
    since = min((start_moment(h, adopted) for h in followed), default=None)
    if since is None:
        return Outlook(None, 0, None)
    paid = [p for h in followed for p in h.live_payments() if p.moment > since and p.day <= today]
    this_month = month_of(today)
    full = list(range(month_of(since[0]) + 1, this_month))[-PACE_MONTHS:]
    if full:
        total = sum(p.amount for p in paid if month_of(p.day) in full)
        pace, months = _rounded(total, len(full)), len(full)
    elif paid:
        pace, months = sum(p.amount for p in paid), 1
    else:
        return Outlook(None, 0, None)
    paid_now = any(month_of(p.day) == this_month for p in paid)
    start = this_month + 1 if paid_now else this_month
    opening = today if paid_now else last_day(this_month - 1)
    owing = [(h, balance_on(replay(h, opening), opening) or 0) for h in followed]
    debts = [_at(h.record, balance) for h, balance in owing if balance > 0]
    if not debts:
        return Outlook(pace, months, None)
    strategy, order = _strategy(adopted, [d.name for d in debts])
    return Outlook(pace, months, plan(debts, strategy, pace, month_label(start), order=order))


def _rounded(total: int, count: int) -> int:
    return int((Decimal(total) / count).quantize(Decimal(1), ROUND_HALF_UP))


def _at(record: DebtRecord, balance: int) -> Debt:
    return planner_debt(replace(record, balance_cents=balance))


def _strategy(adopted: AdoptedPlan | None, names: list[str]) -> tuple[str, list[str] | None]:
    """The followed plan's order, for the debts still owed (others after, as listed)."""
    if adopted is None:
        return "avalanche", None
    if adopted.strategy != "custom":
        return adopted.strategy, None
    kept = [n for n in adopted.order if n in names]
    return "custom", kept + [n for n in names if n not in kept]
