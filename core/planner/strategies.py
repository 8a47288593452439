"""Which debt gets the money beyond the minimums first; fixed when the plan starts."""

from __future__ import annotations

from collections.abc import Sequence

from core.planner.debts import Debt

STRATEGIES = ("avalanche", "snowball", "custom")


def payoff_order(
    debts: Sequence[Debt], strategy: str, start: str, order: Sequence[str] | None = None
) -> list[int]:
    """Positions of `debts` in paying order.

    avalanche: highest effective rate in the start month first (a promotion or an
    overdue penalty rate counts), then smaller balance. snowball: smallest balance
    first, then higher rate. custom: `order`, a list of every debt name once.
    Input position breaks any remaining tie, so a plan is deterministic.
    """
    if strategy == "custom":
        return _custom(debts, order)
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}; choose one of {STRATEGIES}")
    rates = [d.apr_in(start) for d in debts]
    if strategy == "avalanche":
        return sorted(range(len(debts)), key=lambda i: (-rates[i], debts[i].balance, i))
    return sorted(range(len(debts)), key=lambda i: (debts[i].balance, -rates[i], i))


def _custom(debts: Sequence[Debt], order: Sequence[str] | None) -> list[int]:
    if order is None:
        raise ValueError("the custom strategy needs an order: a list of debt names")
    position = {d.name: i for i, d in enumerate(debts)}
    unknown = [name for name in order if name not in position]
    if unknown:
        raise ValueError(f"custom order names unknown debts: {', '.join(unknown)}")
    repeated = sorted({name for name in order if list(order).count(name) > 1})
    if repeated:
        raise ValueError(f"custom order names a debt more than once: {', '.join(repeated)}")
    missing = [d.name for d in debts if d.name not in set(order)]
    if missing:
        raise ValueError(f"custom order leaves out: {', '.join(missing)}")
    return [position[name] for name in order]
