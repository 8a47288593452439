"""A profile's plan: its stored debts and budget turned into planner inputs.

The command line and the dashboard both come through here, so a plan asked for
either way starts from the same debts, the same default budget and the same rules
for reading a month, an extra payment or a custom order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine

from core.budget import average_surplus
from core.debts import DebtRecord, list_debts
from core.errors import CoachError
from core.importing.values import text_to_cents
from core.planner import Comparison, Debt, compare
from core.planner.months import month_index, month_label


def planner_debt(record: DebtRecord) -> Debt:
    return Debt(
        name=record.name,
        balance=record.balance_cents,
        apr=record.apr,
        min_payment=record.min_payment_cents,
        overdue=record.overdue,
        penalty_apr=record.penalty_apr,
        late_fee=record.late_fee_cents,
        promo_apr=record.promo_apr if record.promo_end else None,
        promo_end=record.promo_end if record.promo_apr is not None else None,
    )


def next_month(today: dt.date | None = None) -> str:
    """The first payment month when none is chosen: the month after today."""
    return month_label(month_index((today or dt.date.today()).strftime("%Y-%m")) + 1)


def parse_month(text: str) -> str:
    """'YYYY-MM' (a single-digit month is accepted) or CoachError naming the text."""
    parts = text.strip().split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
        candidate = f"{parts[0]}-{int(parts[1]):02d}"
        if 1 <= int(parts[1]) <= 12:
            return candidate
    raise CoachError("planning.bad_month", value=text)


def parse_extra(text: str) -> tuple[str, int]:
    """'YYYY-MM:AMOUNT', e.g. '2027-02:3000' for a year-end bonus paid in February 2027."""
    month, sep, amount = text.partition(":")
    cents = text_to_cents(amount) if sep else None
    if cents is None or cents <= 0:
        raise CoachError("planning.bad_extra", value=text)
    return parse_month(month), cents


def add_extras(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Two extras in the same month add up."""
    extras: dict[str, int] = {}
    for month, cents in pairs:
        extras[month] = extras.get(month, 0) + cents
    return extras


def full_order(debts: Sequence[Debt], first: Sequence[str]) -> list[str]:
    """The user's order: the names in `first`, then every other debt as listed."""
    names = [d.name for d in debts]
    unknown = [n for n in first if n not in names]
    if unknown:
        raise CoachError("planning.unknown_debt", names="、".join(unknown))
    chosen = list(dict.fromkeys(first))
    return chosen + [n for n in names if n not in chosen]


@dataclass(frozen=True)
class PlanRequest:
    """Everything a plan is computed from; `budget_source` says where the budget came
    from: 'given', 'average_surplus', or 'minimums' when there are no figures yet."""

    debts: list[Debt]
    strategy: str
    budget: int
    budget_source: str
    start: str
    extras: dict[str, int] = field(default_factory=dict)
    order: list[str] | None = None

    def compare(self) -> Comparison:
        return compare(
            self.debts,
            self.budget,
            self.start,
            chosen=self.strategy,
            extras=self.extras,
            order=self.order,
        )


def default_budget(average: int | None, debts: Sequence[Debt]) -> tuple[int, str]:
    """The average monthly surplus (never below zero); with no figures yet, the minimums."""
    if average is None:
        return sum(d.min_payment for d in debts if d.balance > 0), "minimums"
    return max(average, 0), "average_surplus"


def make_request(
    records: Sequence[DebtRecord],
    average: int | None,
    strategy: str,
    *,
    budget: int | None = None,
    start: str | None = None,
    extras: dict[str, int] | None = None,
    order: Sequence[str] = (),
) -> PlanRequest:
    """A request over `records` (the active debts) given the average monthly surplus;
    CoachError when there is nothing to plan."""
    debts = [planner_debt(r) for r in records]
    if not debts:
        raise CoachError("planning.no_debts")
    if budget is None:
        budget, source = default_budget(average, debts)
    else:
        source = "given"
    return PlanRequest(
        debts=debts,
        strategy=strategy,
        budget=budget,
        budget_source=source,
        start=start or next_month(),
        extras=dict(extras or {}),
        order=full_order(debts, order) if strategy == "custom" or order else None,
    )


def plan_request(engine: Engine, profile_id: int, strategy: str, **choices) -> PlanRequest:
    """`make_request` over the profile's stored debts and budget."""
    records = list_debts(engine, profile_id)
    return make_request(records, average_surplus(engine, profile_id), strategy, **choices)
