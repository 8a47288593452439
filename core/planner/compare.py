"""The strategies side by side, and what the chosen one saves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.planner.debts import Debt
from core.planner.result import PlanResult
from core.planner.simulation import minimum_only, plan

# The order a strategy is measured against; a custom order against the rate-first one.
OTHER = {"avalanche": "snowball", "snowball": "avalanche", "custom": "avalanche"}


@dataclass(frozen=True)
class Saving:
    """How much sooner and cheaper (cents) the chosen plan is; negative when it is not."""

    months: int
    interest: int

    def message_key(self, prefix: str) -> str | None:
        """Which sentence tells this saving: none when no interest is saved, the
        months only when there are some, and "a month" said as such."""
        if self.interest <= 0:
            return None
        if self.months <= 0:
            return f"{prefix}_interest"
        return f"{prefix}_one" if self.months == 1 else prefix


@dataclass(frozen=True)
class Comparison:
    """`plans` holds avalanche, snowball, custom (when an order was given) and minimum
    (each debt paid only its own minimum). A saving is None when either plan compared
    does not clear."""

    chosen: str
    other: str
    plans: dict[str, PlanResult]
    versus_minimum: Saving | None
    versus_other: Saving | None

    def in_order(self) -> dict[str, PlanResult]:
        """Every plan, the chosen one first: how they are listed and exported."""
        return {self.chosen: self.plans[self.chosen]} | self.plans


def compare(
    debts: Sequence[Debt],
    budget: int,
    start: str,
    *,
    chosen: str = "avalanche",
    extras: Mapping[str, int] | None = None,
    order: Sequence[str] | None = None,
) -> Comparison:
    strategies = ["avalanche", "snowball"] + (["custom"] if order is not None else [])
    if chosen not in strategies:
        raise ValueError(f"cannot choose {chosen!r}: compare among {strategies}")
    plans = {s: plan(debts, s, budget, start, extras=extras, order=order) for s in strategies}
    plans["minimum"] = minimum_only(debts, start)
    other = OTHER[chosen]
    return Comparison(
        chosen=chosen,
        other=other,
        plans=plans,
        versus_minimum=_saving(plans[chosen], plans["minimum"]),
        versus_other=_saving(plans[chosen], plans[other]),
    )


def _saving(chosen: PlanResult, baseline: PlanResult) -> Saving | None:
    if not (chosen.feasible and baseline.feasible):
        return None
    return Saving(baseline.months - chosen.months, baseline.total_interest - chosen.total_interest)
