"""The month-by-month engine: charges first, then minimums, then the rest in order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

from core.months import month_index, month_label
from core.planner.debts import Debt
from core.planner.rates import HORIZON, Terms
from core.planner.result import DebtOutcome, PlanResult, Problem, ScheduleRow
from core.planner.search import smallest_budget
from core.planner.strategies import payoff_order


def plan(
    debts: Sequence[Debt],
    strategy: str,
    budget: int,
    start: str,
    *,
    extras: Mapping[str, int] | None = None,
    order: Sequence[str] | None = None,
) -> PlanResult:
    """Pay `budget` cents a month from `start` (the first payment month, 'YYYY-MM').

    Each month every owing debt is charged interest on its opening balance (and its
    late fee if overdue), then gets its minimum (in the first month with its arrears:
    they are due now, before any extra); the rest of the budget, plus any
    one-time `extras[month]`, goes down the strategy's order, each debt passing on
    what it does not need. A cleared debt's minimum so stays in the budget.
    """
    first, positions, extra_list = plan_inputs(debts, strategy, budget, start, extras, order)
    terms = Terms.of(debts, first)
    minimums = terms.minimums_due()
    if budget < minimums:
        return PlanResult(
            feasible=False,
            months=0,
            debt_free=None,
            order=[debts[i].name for i in positions],
            debts=[DebtOutcome(d.name, None, 0, 0) for d in debts],
            total_interest=0,
            total_paid=0,
            schedule=[],
            shortfall=minimums - budget,
            problem=Problem("below_minimums", None, minimums),
        )
    return _run(debts, terms, positions, first, budget, extra_list, rollover=True)


def minimums_due(debts: Sequence[Debt], start: str) -> int:
    """The least budget a plan starting in `start` accepts: the first month's minimums."""
    return Terms.of(debts, month_index(start)).minimums_due()


def minimum_only(debts: Sequence[Debt], start: str) -> PlanResult:
    """Each debt gets its own minimum and nothing more; a cleared debt's minimum is
    not passed on. The baseline the strategies are measured against."""
    first = month_index(start)
    _check_names(debts)
    positions = list(range(len(debts)))
    no_extras = [0] * HORIZON
    return _run(debts, Terms.of(debts, first), positions, first, 0, no_extras, rollover=False)


def plan_inputs(
    debts: Sequence[Debt],
    strategy: str,
    budget: int,
    start: str,
    extras: Mapping[str, int] | None,
    order: Sequence[str] | None,
) -> tuple[int, list[int], list[int]]:
    """Checked inputs: the start month's index, the paying order, the extra per plan month."""
    first = month_index(start)
    _check_names(debts)
    if not isinstance(budget, int) or budget < 0:
        raise ValueError(f"the budget must be whole cents >= 0, got {budget!r}")
    extra_list = [0] * HORIZON
    for month, cents in (extras or {}).items():
        if not isinstance(cents, int) or cents < 0:
            raise ValueError(f"the extra payment for {month} must be whole cents >= 0")
        offset = month_index(month) - first
        if 0 <= offset < HORIZON:
            extra_list[offset] += cents
    return first, payoff_order(debts, strategy, start, order), extra_list


def _check_names(debts: Sequence[Debt]) -> None:
    seen: set[str] = set()
    for d in debts:
        if d.name in seen:
            raise ValueError(f"two debts are called {d.name!r}; the plan needs distinct names")
        seen.add(d.name)


def _run(
    debts: Sequence[Debt],
    terms: Terms,
    positions: list[int],
    first: int,
    budget: int,
    extras: list[int],
    *,
    rollover: bool,
) -> PlanResult:
    names = [d.name for d in debts]
    balance = list(terms.balance)
    # One tuple per debt, unpacked once per debt-month: the loop's only lookups.
    fixed = list(
        zip(
            names, terms.fee, terms.minimum, terms.promo_until, terms.promo, terms.base, strict=True
        )
    )
    # The first month also asks for any arrears, on top of the minimum.
    opening = [(*f[:2], f[2] + a, *f[3:]) for f, a in zip(fixed, terms.arrears, strict=True)]
    interest_sum = [0] * len(debts)
    payoff: list[str | None] = [None] * len(debts)
    schedule: list[ScheduleRow] = []
    append, row = schedule.append, partial(tuple.__new__, ScheduleRow)  # _make, minus a call
    live = [i for i in positions if balance[i] > 0]
    month = first_row = 0
    while live and month < HORIZON:
        label = month_label(first + month)
        first_row = len(schedule)
        pool = budget + extras[month]
        cleared = False
        table = opening if month == 0 else fixed
        for i in live:
            name, fee, pay, until, promo, base = table[i]
            b = balance[i]
            num, half, den = promo if month <= until else base
            charge = (b * num + half) // den + fee
            b += charge
            if pay >= b:
                pay, cleared = b, True
            pool -= pay
            balance[i] = b - pay
            interest_sum[i] += charge
            append(row((label, name, charge, fee, pay, b - pay)))
        if rollover and pool > 0:
            # The rest goes down the order; each debt passes on what it does not need.
            for k, i in enumerate(live):
                left = balance[i]
                if not left:
                    continue
                more = left if left < pool else pool
                balance[i] = left - more
                pool -= more
                was = schedule[first_row + k]
                schedule[first_row + k] = row((*was[:4], was.payment + more, left - more))
                cleared = cleared or more == left
                if not pool:
                    break
        if cleared:
            for i in live:
                if not balance[i]:
                    payoff[i] = label
            live = [i for i in live if balance[i]]
        month += 1
    problem = None
    if live:
        last = {r.debt: r for r in schedule[first_row:]}
        problem = _why(debts, terms, positions, live, last, extras, rollover=rollover)
    return PlanResult(
        feasible=not live,
        months=month,
        debt_free=month_label(first + month - 1) if month and not live else None,
        order=[names[i] for i in positions],
        debts=[
            DebtOutcome(
                names[i],
                payoff[i],
                interest_sum[i],
                terms.balance[i] + interest_sum[i] - balance[i],
            )
            for i in range(len(debts))
        ],
        total_interest=sum(interest_sum),
        total_paid=sum(terms.balance) + sum(interest_sum) - sum(balance),
        schedule=schedule,
        problem=problem,
    )


def _why(
    debts: Sequence[Debt],
    terms: Terms,
    positions: list[int],
    live: list[int],
    last: dict[str, ScheduleRow],
    extras: list[int],
    *,
    rollover: bool,
) -> Problem:
    """After the horizon: the first debt still owed whose last payment did not cover
    its charges never pays; otherwise the plan is just too slow. Either way `amount`
    is the smallest monthly budget that clears everything within the horizon (for
    minimums only: the payment that debt alone needs), so following it is enough."""
    growing = [i for i in live if last[debts[i].name].payment <= last[debts[i].name].interest]
    focus = (growing or live)[0]
    kind = "never_pays" if growing else "horizon"
    if rollover:
        owing = [i for i in positions if terms.balance[i] > 0]
        return Problem(kind, debts[focus].name, smallest_budget(terms, owing, extras, HORIZON))
    return Problem(kind, debts[focus].name, smallest_budget(terms, [focus], extras, HORIZON))
