"""A plan's request: a profile's stored debts and budget turned into planner inputs.

The command line and the dashboard both come through here, so a plan asked for
either way starts from the same debts, the same default budget and the same rules
for reading a month, an extra payment or a custom order. The one module of the
planner that reads the store (`plan_request`); the engine itself stays pure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine

from core.debts.entry import DebtRecord, planner_debt
from core.errors import CoachError
from core.ledger.budget import average_surplus
from core.money import display, parse_cents, yuan_up
from core.months import Month, next_month
from core.planner import (
    Comparison,
    Debt,
    PlanResult,
    SplitPlan,
    compare,
    minimums_due,
    plan,
    split_plan,
)
from core.planner.rates import HORIZON
from core.planner.split import TOKEN
from core.progress.history import current_records

# Several extras in one argument are separated by commas, but only where a month
# follows, so "2027-02:1,500" stays one extra of 1,500.
_EXTRA_SEPARATOR = re.compile(r",(?=\s*\d{4}\s*[-/.年])")


def parse_budget(text: str) -> int:
    """A monthly budget as typed: an amount of zero or more; CoachError otherwise."""
    cents = parse_cents(text)
    if cents is None or cents < 0:
        raise CoachError("planning.bad_budget", value=text)
    return cents


def parse_extra(text: str) -> tuple[str, int]:
    """'YYYY-MM:AMOUNT', e.g. '2027-02:3000' for a year-end bonus paid in February 2027."""
    month, sep, amount = unicodedata.normalize("NFKC", text).partition(":")
    return extra_payment(month, amount) if sep else _bad_extra(text)


def extra_payment(month: str, amount: str) -> tuple[str, int]:
    """A month and an amount, as typed into two boxes."""
    cents = parse_cents(amount)
    if cents is None or cents <= 0:
        return _bad_extra(f"{month}:{amount}")
    return Month.parse(month), cents


def _bad_extra(text: str) -> tuple[str, int]:
    raise CoachError("planning.bad_extra", value=text)


def parse_budget_from(text: str) -> tuple[str, int]:
    """'YYYY-MM:AMOUNT', a monthly budget from that month on, e.g. '2027-06:3000'."""
    month, sep, amount = unicodedata.normalize("NFKC", text).partition(":")
    cents = parse_cents(amount) if sep else None
    if cents is None or cents < 0:
        raise CoachError("split.bad_budget_from", value=text)
    return Month.parse(month), cents


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
    from: 'given', 'average_surplus', or 'minimums' when there are no figures yet.
    `budget_from` holds bigger budgets from later months; `token` is the least each
    debt gets when the budget is below the minimums and shared out (see `split`)."""

    debts: list[Debt]
    strategy: str
    budget: int
    budget_source: str
    start: str
    extras: dict[str, int] = field(default_factory=dict)
    order: list[str] | None = None
    budget_from: dict[str, int] = field(default_factory=dict)
    token: int = TOKEN

    @property
    def all_extras(self) -> dict[str, int]:
        """The one-off extras, plus in every month from a bigger budget's on what it adds
        to the budget: how the normal plan counts a budget that grows."""
        extras = dict(self.extras)
        rises = sorted(self.budget_from.items())
        for k, (month, cents) in enumerate(rises):
            end = Month(rises[k + 1][0]) if k + 1 < len(rises) else Month(self.start) + HORIZON
            current = Month(month)
            while current < end:
                extras[current] = extras.get(current, 0) + cents - self.budget
                current += 1
        return extras

    def plan(self) -> PlanResult:
        """The chosen strategy's plan alone (no comparison)."""
        return plan(
            self.debts,
            self.strategy,
            self.budget,
            self.start,
            extras=self.extras,
            order=self.order,
        )

    def compare(self) -> Comparison:
        return compare(
            self.debts,
            self.budget,
            self.start,
            chosen=self.strategy,
            extras=self.all_extras,
            order=self.order,
        )

    def split(self) -> SplitPlan | None:
        """The fair split when the budget is below the first month's minimums; None when
        it covers them."""
        return split_plan(
            self.debts,
            self.budget,
            self.start,
            strategy=self.strategy,
            order=self.order,
            extras=self.extras,
            budget_from=self.budget_from,
            token=self.token,
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


def budget_ceiling(request: PlanRequest, repaid: int | None) -> int:
    """The most a budget control needs to offer, in whole hundreds of yuan: twice the
    default, three times the minimums, at least ¥1,000, and room for the default with
    the repayments already counted in spending."""
    suggested = yuan_up(request.budget)
    top = max(2 * suggested, 3 * yuan_up(minimums_due(request.debts, request.start)), 1000)
    with_repaid = budget_with_repayments(request, repaid)
    return -(-max(top, yuan_up(with_repaid or 0)) // 100) * 100


# How finely a budget slider moves: the smallest of these steps (yuan) that keeps it to
# at most BUDGET_STOPS stops, so a phone-wide slider moves in round amounts.
BUDGET_STEPS = (1, 5, 10, 20, 50, 100, 200, 500, 1000)
BUDGET_STOPS = 500


def budget_options(ceiling_yuan: int, *exact: int | None) -> list[int]:
    """The amounts (cents) a budget slider stops at: round steps from zero to the
    ceiling (whole yuan), with the `exact` amounts (the budget in use, the default…)
    among them, even past the ceiling, so a typed budget is on the slider as typed."""
    step = next((s for s in BUDGET_STEPS if ceiling_yuan / s <= BUDGET_STOPS), BUDGET_STEPS[-1])
    stops = set(range(0, ceiling_yuan * 100 + 1, step * 100))
    stops.update(cents for cents in exact if cents is not None and cents >= 0)
    return sorted(stops)


def make_request(
    records: Sequence[DebtRecord],
    average: int | None,
    strategy: str,
    *,
    budget: int | None = None,
    start: str | None = None,
    extras: dict[str, int] | None = None,
    order: Sequence[str] = (),
    budget_from: dict[str, int] | None = None,
    token: int = TOKEN,
) -> PlanRequest:
    """A request over `records` (the active debts) given the average monthly surplus;
    CoachError when there is nothing to plan, or a later budget that is not later or
    not bigger."""
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
        budget_from=_growing(budget, start, budget_from or {}),
        token=token,
    )


def _growing(budget: int, start: str, budget_from: dict[str, int]) -> dict[str, int]:
    """Later budgets, each from a month after `start` and no smaller than the one before."""
    before = budget
    for month, cents in sorted(budget_from.items()):
        if month <= start:
            raise CoachError("split.budget_from_not_after", month=month, start=start)
        if cents < before:
            raise CoachError(
                "split.budget_from_lower",
                month=month,
                amount=display(cents),
                before=display(before),
            )
        before = cents
    return dict(budget_from)


def plan_request(engine: Engine, profile_id: int, strategy: str, **choices) -> PlanRequest:
    """`make_request` over the profile's stored debts, at what they owe today (payments
    and confirmed balances counted), and its budget."""
    records = current_records(engine, profile_id)
    return make_request(records, average_surplus(engine, profile_id), strategy, **choices)
