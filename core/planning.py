"""A profile's plan: its stored debts and budget turned into planner inputs.

The command line and the dashboard both come through here, so a plan asked for
either way starts from the same debts, the same default budget and the same rules
for reading a month, an extra payment or a custom order.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine

from core.budget import average_surplus
from core.debts import DebtRecord, list_debts
from core.errors import CoachError
from core.importing.values import text_to_cents
from core.planner import Comparison, Debt, compare, minimums_due
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
        promo_apr=record.promo_apr,  # stored debts carry both or neither (validate)
        promo_end=record.promo_end,
    )


def next_month(today: dt.date | None = None) -> str:
    """The first payment month when none is chosen: the month after today."""
    return month_label(month_index((today or dt.date.today()).strftime("%Y-%m")) + 1)


_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
# Months a plan can sensibly start in or name; 9999-12 would run past the calendar.
YEARS = range(2000, 2200)
# Several extras in one argument are separated by commas, but only where a month
# follows, so "2027-02:1,500" stays one extra of 1,500.
_EXTRA_SEPARATOR = re.compile(r",(?=\s*\d{4}\s*[-/.年])")


def parse_month(text: str) -> str:
    """'YYYY-MM', also written 2027-2, 2027/02 or 2027年2月; CoachError naming the text."""
    found = _MONTH.match(unicodedata.normalize("NFKC", text).strip())
    if found and int(found[1]) in YEARS and 1 <= int(found[2]) <= 12:
        return f"{found[1]}-{int(found[2]):02d}"
    raise CoachError("planning.bad_month", value=text)


def parse_budget(text: str) -> int:
    """A monthly budget as typed: an amount of zero or more; CoachError otherwise."""
    cents = text_to_cents(text)
    if cents is None or cents < 0:
        raise CoachError("planning.bad_budget", value=text)
    return cents


def parse_extra(text: str) -> tuple[str, int]:
    """'YYYY-MM:AMOUNT', e.g. '2027-02:3000' for a year-end bonus paid in February 2027."""
    month, sep, amount = unicodedata.normalize("NFKC", text).partition(":")
    return extra_payment(month, amount) if sep else _bad_extra(text)


def extra_payment(month: str, amount: str) -> tuple[str, int]:
    """A month and an amount, as typed into two boxes."""
    cents = text_to_cents(amount)
    if cents is None or cents <= 0:
        return _bad_extra(f"{month}:{amount}")
    return parse_month(month), cents


def _bad_extra(text: str) -> tuple[str, int]:
    raise CoachError("planning.bad_extra", value=text)


def split_extras(text: str) -> list[str]:
    """Several 'YYYY-MM:AMOUNT' given in one argument, separated by commas."""
    return [item for item in _EXTRA_SEPARATOR.split(text) if item.strip()]


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
        raise CoachError("planning.unknown_debt", names=", ".join(f"“{n}”" for n in unknown))
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


def default_budget(average: int | None, debts: Sequence[Debt], start: str) -> tuple[int, str]:
    """The average monthly surplus (never below zero); with no figures yet, the minimums."""
    if average is None:
        return minimums_due(debts, start), "minimums"
    return max(average, 0), "average_surplus"


def budget_with_repayments(request: PlanRequest, repaid: int | None) -> int | None:
    """The default budget plus the debt repayments already counted in spending, when
    the budget is the average surplus and there were such repayments: the plan takes
    their place, so that money is free for it. None otherwise."""
    if request.budget_source != "average_surplus" or not repaid:
        return None
    return request.budget + repaid


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
    start = start or next_month()
    early = sorted(month for month in extras or {} if month < start)
    if early:
        raise CoachError("planning.extra_before_start", month=early[0], start=start)
    if budget is None:
        budget, source = default_budget(average, debts, start)
    else:
        source = "given"
    return PlanRequest(
        debts=debts,
        strategy=strategy,
        budget=budget,
        budget_source=source,
        start=start,
        extras=dict(extras or {}),
        order=full_order(debts, order) if strategy == "custom" or order else None,
    )


def plan_request(engine: Engine, profile_id: int, strategy: str, **choices) -> PlanRequest:
    """`make_request` over the profile's stored debts and budget."""
    records = list_debts(engine, profile_id)
    return make_request(records, average_surplus(engine, profile_id), strategy, **choices)
