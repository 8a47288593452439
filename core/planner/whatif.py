"""What would change the answer: the budget a target date needs, and what +X a month buys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.months import Month, month_index
from core.planner.debts import Debt
from core.planner.rates import HORIZON, Terms
from core.planner.result import PlanResult
from core.planner.search import smallest_budget
from core.planner.simulation import plan, plan_inputs


def target_months(start: str, chosen: PlanResult) -> tuple[list[Month], int]:
    """The months a "debt-free by" question can name, from the plan's start, and which to
    ask first: the month the plan reaches, so the question starts from where the user
    stands and moves sooner or later from there (two years out when it does not clear)."""
    first = Month(start)
    span = max(120, chosen.months + 12) if chosen.feasible else 120
    targets = [first + k for k in range(min(span, HORIZON))]
    reached = Month(chosen.debt_free).index - first.index if chosen.feasible else 24
    return targets, min(max(reached, 0), len(targets) - 1)


def budget_needed(
    debts: Sequence[Debt],
    strategy: str,
    by_month: str,
    start: str,
    *,
    extras: Mapping[str, int] | None = None,
    order: Sequence[str] | None = None,
) -> int | None:
    """The smallest monthly budget in cents whose plan's last payment falls in or
    before `by_month`; a target past the 600-month horizon counts as the horizon.
    None when `by_month` is before `start`, leaving no month to pay in."""
    first, positions, extra_list = plan_inputs(debts, strategy, 0, start, extras, order)
    limit = min(month_index(by_month) - first + 1, HORIZON)
    if limit < 1:
        return None
    terms = Terms.of(debts, first)
    owing = [i for i in positions if terms.balance[i] > 0]
    return smallest_budget(terms, owing, extra_list, limit)


@dataclass(frozen=True)
class ExtraEffect:
    """`feasible`: the plan with the extra clears. The savings compare it with the plan
    without, and are None when that one does not clear (there is no finish to compare)."""

    feasible: bool
    months_saved: int | None
    interest_saved: int | None


def effect_of_extra(
    debts: Sequence[Debt],
    strategy: str,
    start: str,
    budget: int,
    plus: int,
    *,
    extras: Mapping[str, int] | None = None,
    order: Sequence[str] | None = None,
) -> ExtraEffect:
    """What paying `plus` cents more every month changes."""
    if not isinstance(plus, int) or plus < 0:
        raise ValueError(f"the extra per month must be whole cents >= 0, got {plus!r}")
    before = plan(debts, strategy, budget, start, extras=extras, order=order)
    after = plan(debts, strategy, budget + plus, start, extras=extras, order=order)
    if not (before.feasible and after.feasible):
        return ExtraEffect(after.feasible, None, None)
    return ExtraEffect(
        True, before.months - after.months, before.total_interest - after.total_interest
    )
