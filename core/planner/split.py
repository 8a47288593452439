"""When the budget does not cover the minimums: a fair split of what there is, the two
ways it can go, and the month the normal plan takes over.

The split is what debt advisers offer lenders: every debt gets a share of the budget
pro rata to its balance, never more than its minimum, with a small token payment as a
floor for each debt when the budget reaches that far. Shares are exact to the cent and
add up to the budget (largest remainder; a tie goes to the more urgent debt, see
`triage`). When the budget covers every minimum but not the arrears on top (逾期金额),
every debt gets its minimum and the rest pays arrears, most urgent debt first.

Two timelines follow the split month by month, each under a stated assumption:

- accepted: every lender accepts its offer as the monthly payment and stops penalty
  interest and late fees. Normal interest (the contract rate, or a promotional rate
  while it lasts) still runs, because stopping all interest (停息挂账) is not a right,
  only something to negotiate; but it is never charged beyond that month's payment,
  since a lender who accepts a payment below the interest has agreed not to let the
  debt grow. So under this assumption no debt ever grows while the split lasts.
- refused: no lender agrees. A debt paid less than it is due falls behind from the next
  month and, like a debt already overdue, is charged its penalty rate (its normal rate
  when no penalty rate is known) and its monthly late fee on everything still unpaid,
  until it is paid off, as the normal plan charges an overdue debt.

In the first month whose budget covers the minimums due (because debts were cleared,
or a bigger budget was given from that month), each timeline hands over to the normal
plan (`simulation.plan`, avalanche, snowball or a custom order) with the balances it
has reached. Everything stops at the planner's horizon of 600 months.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from math import floor

from core.months import month_index, month_label
from core.planner.debts import Debt
from core.planner.rates import HORIZON, Terms
from core.planner.result import ScheduleRow
from core.planner.simulation import plan
from core.planner.triage import Priority, triage

TOKEN = 10_000  # cents: ¥100, the default token payment each debt gets where the budget allows


@dataclass(frozen=True)
class Offer:
    """One debt's part of the first month. `minimum` is what it is due this month: its
    minimum plus `arrears`, never more than it owes; `ask` is what to ask the lender
    to accept less."""

    name: str
    kind: str
    minimum: int
    arrears: int
    offer: int
    priority: Priority

    @property
    def ask(self) -> int:
        return self.minimum - self.offer


@dataclass(frozen=True)
class Timeline:
    """The split followed month by month under one assumption (accepted or refused).

    `switch` is the first month whose budget covers the minimums due, from which the
    normal order applies; None if that never comes. When every debt is cleared,
    `feasible` is true, `debt_free` is the last month and `months` counts from the
    start. Otherwise `months` and the totals cover the months simulated, and `never`
    says why: never_pays (the payment to `stuck` does not cover its charges) or
    horizon (still owing after 600 months)."""

    assumption: str
    feasible: bool
    months: int
    debt_free: str | None
    switch: str | None
    total_interest: int
    total_paid: int
    schedule: list[ScheduleRow]
    never: str | None = None
    stuck: str | None = None


@dataclass(frozen=True)
class SplitPlan:
    """`offers` in triage order, most urgent first; `token` the floor each debt got
    where the budget reached."""

    budget: int
    due: int
    token: int
    offers: list[Offer]
    accepted: Timeline
    refused: Timeline

    @property
    def shortfall(self) -> int:
        return self.due - self.budget

    @property
    def pays_minimums(self) -> bool:
        """The budget covers every minimum and falls short only on the arrears: then
        each debt gets its minimum and the rest pays arrears, instead of a pro rata split."""
        return self.budget >= sum(offer.minimum - offer.arrears for offer in self.offers)

    @property
    def cost_of_refusal(self) -> int | None:
        """How much more interest and fees the refused timeline costs than the accepted
        one: the case for negotiating now. None unless both clear."""
        if not (self.accepted.feasible and self.refused.feasible):
            return None
        return self.refused.total_interest - self.accepted.total_interest


def share_out(
    pot: int,
    weights: Sequence[int],
    caps: Sequence[int],
    floors: Sequence[int] | None = None,
    rank: Sequence[int] = (),
) -> list[int]:
    """Whole cents adding up to `pot` exactly, each between its floor and its cap and
    otherwise in proportion to its weight: share_i = clamp(λ x weight_i, floor_i, cap_i)
    for the one λ that spends `pot` (a zero weight gets its floor), then rounded down,
    and the cents left over given one each to the largest fractions; a tie goes to the
    one earlier in `rank`, then to the earlier position.

    Needs floor_i <= cap_i and sum(floors) <= pot <= what the caps can take."""
    n = len(weights)
    lows = list(floors) if floors is not None else [0] * n
    highs = [hi if w > 0 else lo for w, lo, hi in zip(weights, lows, caps, strict=True)]
    fits = all(lo <= hi for lo, hi in zip(lows, highs, strict=True))
    if not (fits and sum(lows) <= pot <= sum(highs)):
        raise ValueError(f"cannot share {pot} between floors {lows} and caps {list(caps)}")
    total = sum(weights)
    if total and all(
        lo * total <= pot * w <= hi * total for w, lo, hi in zip(weights, lows, highs, strict=True)
    ):  # plain pro rata, the usual case: whole numbers only, for speed
        parts = [divmod(pot * w, total) for w in weights]
        shares, spare = [q for q, _ in parts], [r for _, r in parts]  # spare: in 1/total
    else:
        level = _level(pot, weights, lows, highs)
        exact = [
            min(max(level * w, Fraction(lo)), Fraction(hi))
            for w, lo, hi in zip(weights, lows, highs, strict=True)
        ]
        shares = [floor(x) for x in exact]
        spare = [x - share for x, share in zip(exact, shares, strict=True)]
    place = {i: k for k, i in enumerate(rank)}
    by_fraction = sorted(range(n), key=lambda i: (-spare[i], place.get(i, n), i))
    for i in by_fraction[: pot - sum(shares)]:
        shares[i] += 1
    return shares


def _level(pot: int, weights: Sequence[int], lows: Sequence[int], highs: Sequence[int]) -> Fraction:
    """The λ at which sum(clamp(λ x w, lo, hi)) == pot: a sweep over the points where a
    share leaves its floor (the slope grows by w) or reaches its cap (it falls by w)."""
    events: dict[Fraction, int] = {}
    for w, lo, hi in zip(weights, lows, highs, strict=True):
        if w > 0:
            events[Fraction(lo, w)] = events.get(Fraction(lo, w), 0) + w
            events[Fraction(hi, w)] = events.get(Fraction(hi, w), 0) - w
    level, total, slope = Fraction(0), Fraction(sum(lows)), 0
    if total >= pot:
        return level
    for point in sorted(events):
        reached = total + slope * (point - level)
        if reached >= pot:
            return level + (pot - total) / slope
        level, total, slope = point, reached, slope + events[point]
    return level


def month_split(
    pot: int,
    balances: Sequence[int],
    dues: Sequence[int],
    regular: Sequence[int],
    rank: Sequence[int],
    token: int = TOKEN,
) -> list[int]:
    """One month's payments from `pot` < sum(dues) (or equal to it). `regular` is the
    part of each due that is the minimum, the rest being arrears.

    If `pot` covers the minimums, each debt gets its minimum and what is left pays
    arrears in `rank` order. Otherwise the pot is shared pro rata to the balances,
    capped at each due, with a floor of `token` (or the due, if smaller) for every
    debt when the pot covers all the floors."""
    if pot >= sum(regular):
        pays, rest = list(regular), pot - sum(regular)
        for i in rank:
            more = min(rest, dues[i] - regular[i])
            pays[i] += more
            rest -= more
        return pays
    floors = [min(token, due) if b else 0 for b, due in zip(balances, dues, strict=True)]
    if sum(floors) > pot:
        floors = [0] * len(dues)
    return share_out(pot, balances, dues, floors, rank)


def budget_schedule(
    budget: int, start: str, budget_from: Mapping[str, int] | None = None
) -> list[int]:
    """The budget of every plan month: `budget`, then each amount in `budget_from`
    from its month on. Here a budget only grows (it is how a plan gets back to the
    normal order); ValueError for one that falls, or that is not after `start`."""
    first = month_index(start)
    budgets = [budget] * HORIZON
    current = budget
    for month, cents in sorted((budget_from or {}).items()):
        offset = month_index(month) - first
        if offset <= 0 or not isinstance(cents, int) or cents < current:
            raise ValueError(f"a budget from {month} must be cents >= {current}, after {start}")
        current = cents
        if offset < HORIZON:
            budgets[offset:] = [cents] * (HORIZON - offset)
    return budgets


def split_plan(
    debts: Sequence[Debt],
    budget: int,
    start: str,
    *,
    strategy: str = "avalanche",
    order: Sequence[str] | None = None,
    extras: Mapping[str, int] | None = None,
    budget_from: Mapping[str, int] | None = None,
    token: int = TOKEN,
) -> SplitPlan | None:
    """The split of `budget` when it is below the first month's minimums (None when it
    covers them: then the normal plan applies). One-off `extras` join the budget of
    their month; what the split cannot use is kept for the month after."""
    first = month_index(start)
    terms = Terms.of(debts, first)
    due = terms.minimums_due()
    if budget >= due:
        return None
    ranking = triage(debts, start)
    rank = [i for i, _ in ranking]
    dues, regular = _dues(terms, terms.balance, 0)
    pays = month_split(budget, terms.balance, dues, regular, rank, token)
    offers = [
        Offer(p.name, debts[i].kind, dues[i], dues[i] - regular[i], pays[i], p) for i, p in ranking
    ]
    budgets = budget_schedule(budget, start, budget_from)
    extra_list = [0] * HORIZON
    for month, cents in (extras or {}).items():
        offset = month_index(month) - first
        if 0 <= offset < HORIZON:
            extra_list[offset] += cents
    run = _Run(debts, first, budgets, extra_list, strategy, order, rank, token)
    return SplitPlan(budget, due, token, offers, run.timeline("accepted"), run.timeline("refused"))


def _dues(
    terms: Terms | Sequence[Terms], balance: Sequence[int], month: int
) -> tuple[list[int], list[int]]:
    """Each debt's due this month, and the part of it that is its minimum alone (the
    rest is arrears). `terms` may differ per debt: one Terms, or one per debt."""
    dues, regular = [], []
    for i, b in enumerate(balance):
        own = terms[i] if isinstance(terms, Sequence) else terms
        due = own.due(i, b, month) if b else 0
        dues.append(due)
        regular.append(min(due, own.minimum[i]))
    return dues, regular


@dataclass
class _Run:
    """What both timelines share: the debts, the budget and extras of every plan month,
    the order for afterwards, and the triage ranking."""

    debts: Sequence[Debt]
    first: int
    budgets: list[int]
    extras: list[int]
    strategy: str
    order: Sequence[str] | None
    rank: list[int]
    token: int

    def timeline(self, assumption: str) -> Timeline:
        accepted = assumption == "accepted"
        debts, first, n = self.debts, self.first, len(self.debts)
        # Accepted: normal terms throughout. Refused: a debt is charged as an overdue one
        # once it is behind (from the start if it is overdue already), else normally.
        calm = Terms.of([replace(d, overdue=False) for d in debts], first)
        late = Terms.of([replace(d, overdue=True) for d in debts], first)
        behind = [d.overdue for d in debts]
        balance = [d.balance for d in debts]
        schedule: list[ScheduleRow] = []
        carried = 0
        for month in range(HORIZON):
            if not any(balance):
                return self._done(assumption, month, schedule)
            terms = [late if behind[i] and not accepted else calm for i in range(n)]
            dues, regular = _dues(terms, balance, month)
            if self.budgets[month] >= sum(dues):
                return self._hand_over(assumption, month, balance, behind, carried, schedule)
            pot = self.budgets[month] + self.extras[month] + carried
            spend = min(pot, sum(dues))
            carried = pot - spend
            pays = month_split(spend, balance, dues, regular, self.rank, self.token)
            label = month_label(first + month)
            for i in range(n):
                if not balance[i]:
                    continue
                charge = terms[i].charge(i, balance[i], month)
                if accepted:
                    charge = min(charge, pays[i])
                balance[i] += charge - pays[i]
                fee = terms[i].fee[i]  # none under calm terms
                schedule.append(ScheduleRow(label, debts[i].name, charge, fee, pays[i], balance[i]))
                behind[i] = behind[i] or pays[i] < dues[i]
        return self._never(assumption, balance, schedule)

    def _hand_over(
        self,
        assumption: str,
        month: int,
        balance: list[int],
        behind: list[bool],
        carried: int,
        schedule: list[ScheduleRow],
    ) -> Timeline:
        """From `month` on, the normal plan with the balances reached; a bigger budget
        later is extra money in its months."""
        later = [
            replace(
                d,
                balance=balance[i],
                arrears=d.arrears if month == 0 else 0,
                overdue=assumption == "refused" and behind[i],
            )
            for i, d in enumerate(self.debts)
        ]
        budget = self.budgets[month]
        extras = {}
        for m in range(month, HORIZON):
            cents = self.budgets[m] - budget + self.extras[m] + (carried if m == month else 0)
            if cents:
                extras[month_label(self.first + m)] = cents
        start = month_label(self.first + month)
        rest = plan(later, self.strategy, budget, start, extras=extras, order=self.order)
        months = month + rest.months
        split_interest = sum(row.interest for row in schedule)
        split_paid = sum(row.payment for row in schedule)
        feasible = rest.feasible and months <= HORIZON
        never = stuck = None
        if not feasible:
            never = rest.problem.kind if rest.problem else "horizon"
            stuck = rest.problem.debt if rest.problem else rest.schedule[-1].debt
        return Timeline(
            assumption=assumption,
            feasible=feasible,
            months=months,
            debt_free=rest.debt_free if feasible else None,
            switch=start,
            total_interest=split_interest + rest.total_interest,
            total_paid=split_paid + rest.total_paid,
            schedule=schedule + rest.schedule,
            never=never,
            stuck=stuck,
        )

    def _done(self, assumption: str, month: int, schedule: list[ScheduleRow]) -> Timeline:
        """Every debt cleared during the split itself, the minimums never covered."""
        return Timeline(
            assumption=assumption,
            feasible=True,
            months=month,
            debt_free=month_label(self.first + month - 1) if month else None,
            switch=None,
            total_interest=sum(row.interest for row in schedule),
            total_paid=sum(row.payment for row in schedule),
            schedule=schedule,
        )

    def _never(self, assumption: str, balance: list[int], schedule: list[ScheduleRow]) -> Timeline:
        """Still owing at the horizon: the first debt whose last payment did not cover
        its charges never pays; otherwise the split is just too slow."""
        month = schedule[-1].month
        last = {row.debt: row for row in schedule[-len(self.debts) :] if row.month == month}
        owing = [d.name for d, b in zip(self.debts, balance, strict=True) if b]
        growing = [name for name in owing if last[name].payment <= last[name].interest]
        return Timeline(
            assumption=assumption,
            feasible=False,
            months=HORIZON,
            debt_free=None,
            switch=None,
            total_interest=sum(row.interest for row in schedule),
            total_paid=sum(row.payment for row in schedule),
            schedule=schedule,
            never="never_pays" if growing else "horizon",
            stuck=(growing or owing)[0],
        )
