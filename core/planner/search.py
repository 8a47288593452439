"""The smallest budget that clears a plan in time, fast enough to bisect on.

Debts behind the one receiving the extra money only ever get their own minimum,
whatever the budget, so their month-by-month balances are computed once. Each trial
budget then follows just the debt being paid down: O(months + debts) per trial
instead of O(months x debts). It agrees with `simulation.plan` to the month.
"""

from __future__ import annotations

from core.planner.rates import Terms


def smallest_budget(terms: Terms, live: list[int], extras: list[int], limit: int) -> int:
    """Cents a month for debts `live` (paying order, all owing) to be cleared within
    `limit` >= 1 months; `extras[m]` is added to the budget of plan month m."""
    if not live:
        return 0
    ends, after = _minimum_paths(terms, live, limit)
    low = sum(terms.minimum[i] + terms.arrears[i] for i in live)
    if _clears(terms, live, extras, limit, ends, after, low):
        return low
    # Paying everything owed in the first month clears it: an upper bound.
    high = max(low, sum(terms.balance[i] + terms.charge(i, terms.balance[i], 0) for i in live))
    while high - low > 1:
        middle = (low + high) // 2
        if _clears(terms, live, extras, limit, ends, after, middle):
            high = middle
        else:
            low = middle
    return high


def _minimum_paths(
    terms: Terms, live: list[int], limit: int
) -> tuple[dict[int, list[int]], list[list[int]]]:
    """Each debt's end-of-month balance on its minimum alone, and, for each place in
    the order, what the debts behind it take in minimums each month."""
    ends: dict[int, list[int]] = {}
    behind = [0] * limit
    after: list[list[int]] = [behind] * len(live)
    for k in range(len(live) - 1, -1, -1):
        after[k] = behind
        i = live[k]
        path, paid = terms.minimum_path(i, limit)
        ends[i] = path
        behind = [a + b for a, b in zip(behind, paid, strict=True)]
    return ends, after


def _clears(
    terms: Terms,
    live: list[int],
    extras: list[int],
    limit: int,
    ends: dict[int, list[int]],
    after: list[list[int]],
    budget: int,
) -> bool:
    k, count = 0, len(live)
    focus = live[0]
    balance = terms.balance[focus]
    for month in range(limit):
        owed = balance + terms.charge(focus, balance, month)
        room = budget + extras[month] - after[k][month]
        if room < owed:
            balance = owed - room
            continue
        left = room - owed
        k += 1
        while k < count and left >= ends[live[k]][month]:
            left -= ends[live[k]][month]
            k += 1
        if k == count:
            return True
        focus = live[k]
        balance = ends[focus][month] - left
    return False
