"""Where you stand: this month's figure, what is owed, the debt-free month, the next
reminders and the one step that matters most now, from plain figures (no store, no clock).

Each step names the page where it is done, so the first screen can link to it, and
carries its figures; `NextStep.title`/`why` put them into words in the user's language.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from core.debts.entry import DebtRecord
from core.debts.overdue import delay_cost
from core.i18n import t
from core.ledger.budget import MonthFigures
from core.ledger.freshness import stale_since
from core.money import display
from core.months import Month
from core.planner import PlanResult, first_payments

REMINDERS_SHOWN = 3


@dataclass(frozen=True)
class MonthFigure:
    """The surplus of the month under way (`so_far`), or of the calendar month before."""

    month: str
    surplus: int
    so_far: bool


@dataclass(frozen=True)
class Owed:
    """What the active debts add up to; `change` since `since` when an earlier figure
    is known (negative: less is owed now)."""

    total: int
    change: int | None = None
    since: dt.date | None = None


@dataclass(frozen=True)
class DebtFree:
    """The month the plan clears every debt, or None with the plan's `problem` kind.
    `source`: 'adopted' (the plan the user follows) or the strategy of the plan shown."""

    month: str | None
    source: str
    problem: str | None = None
    budget: int | None = None  # the monthly budget of the plan shown (cents)
    shortfall: int | None = None  # how far that budget is below the minimums
    if_agreed: str | None = None  # then: the month the fair split clears them, if accepted


@dataclass(frozen=True)
class Reminder:
    """Something due on `date`: a debt's payment (`amount` cents) or a reminder's `title`."""

    date: dt.date
    title: str
    amount: int | None = None
    missed: bool = False


@dataclass(frozen=True)
class NextStep:
    """The step to take now: catalogue keys `<key>_title` and `<key>_why`, filled with
    `params` (money already written out; a `month` param is written per language),
    done on `page`. A step another feature words itself (the coach's advice) carries
    its `texts` instead: language -> (title, why)."""

    key: str
    page: str
    params: Mapping[str, object] = field(default_factory=dict)
    texts: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def _filled(self, lang: str) -> dict[str, object]:
        return {
            name: Month(value).text(lang) if name == "month" else value
            for name, value in self.params.items()
        }

    def title(self, lang: str) -> str:
        if self.texts:
            return self.texts[lang][0]
        return t(f"{self.key}_title", lang, **self._filled(lang))

    def why(self, lang: str) -> str:
        if self.texts:
            return self.texts[lang][1]
        return t(f"{self.key}_why", lang, **self._filled(lang))


@dataclass(frozen=True)
class HomeInputs:
    """Everything the first screen is worked out from. The optional ones come from
    features that may not be there: an adopted plan's debt-free month, the total owed
    at an earlier date, reminders (otherwise the debts' own due days), advice."""

    today: dt.date
    months: Sequence[MonthFigures]  # months with records, oldest first
    latest_record: dt.date | None
    average: int | None  # the average monthly surplus the plan starts from
    debts: Sequence[DebtRecord]  # active ones
    plan: PlanResult | None  # the plan shown when none is adopted (None: no debts)
    strategy: str = "avalanche"
    budget: int | None = None  # that plan's monthly budget
    # below the minimums: when the fair split clears every debt if the lenders accept it
    split_debt_free: str | None = None
    adopted_debt_free: str | None = None
    adopted: bool = False
    owed_before: tuple[dt.date, int] | None = None
    reminders: Sequence[Reminder] | None = None
    advice: NextStep | None = None  # only what comes before money: the coach's urgent word


@dataclass(frozen=True)
class Standing:
    empty: bool  # nothing in the store: no records, no debts
    month: MonthFigure | None
    owed: Owed | None  # None: no debts listed
    debt_free: DebtFree | None
    reminders: list[Reminder]
    next_step: NextStep
    stale_since: dt.date | None  # the latest record, when it is over a month old


def month_figure(months: Sequence[MonthFigures], today: dt.date) -> MonthFigure | None:
    """This month so far when it has records, else the calendar month before; None
    when neither has any."""
    by_month = {m.month: m for m in months}
    current = Month.current(today)
    if current in by_month:
        return MonthFigure(current, by_month[current].surplus, so_far=True)
    last = current - 1
    if last in by_month:
        return MonthFigure(last, by_month[last].surplus, so_far=False)
    return None


def next_due(day: int, today: dt.date) -> dt.date:
    """The next date, today or later, of a monthly due day (the month's last day when
    it is shorter)."""
    for ahead in (0, 1):
        first = dt.date(today.year, today.month, 1) if not ahead else _next_month(today)
        last = calendar.monthrange(first.year, first.month)[1]
        due = first.replace(day=min(day, last))
        if due >= today:
            return due
    raise AssertionError("unreachable: next month's due date is after today")


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def due_reminders(debts: Sequence[DebtRecord], today: dt.date) -> list[Reminder]:
    """Each debt's next due date and minimum, soonest first (debts with a due day)."""
    due = [
        Reminder(next_due(d.due_day, today), d.name, min(d.min_payment_cents, d.balance_cents))
        for d in debts
        if d.due_day and d.balance_cents > 0
    ]
    return sorted(due, key=lambda r: (r.date, r.title))


# --- the next step: the first rule that applies ------------------------------------------


def _start(i: HomeInputs) -> NextStep | None:
    if not i.months and not i.debts:
        return NextStep("home.step_start", "import")
    return None


def _overdue(i: HomeInputs) -> NextStep | None:
    overdue = [d for d in i.debts if d.overdue and d.balance_cents > 0]
    if not overdue:
        return None
    worst = max(overdue, key=lambda d: (delay_cost(d, 7), d.balance_cents))
    days = (i.today - worst.overdue_since).days
    return NextStep(
        "home.step_overdue",
        "debts",
        {"debt": worst.name, "days": max(days, 0), "week": display(delay_cost(worst, 7))},
    )


def _below_minimums(i: HomeInputs) -> NextStep | None:
    problem = i.plan.problem if i.plan else None
    if i.adopted or problem is None or problem.kind != "below_minimums":
        return None
    return NextStep(
        "home.step_below_minimums",
        "plan",
        {"shortfall": display(i.plan.shortfall or 0), "amount": display(problem.amount)},
    )


def _no_records(i: HomeInputs) -> NextStep | None:
    return None if i.months else NextStep("home.step_import", "import")


def _no_debts(i: HomeInputs) -> NextStep | None:
    return None if i.debts else NextStep("home.step_add_debts", "debts")


def _stale(i: HomeInputs) -> NextStep | None:
    since = stale_since(i.latest_record, i.today)
    return NextStep("home.step_stale", "import", {"date": since.isoformat()}) if since else None


def _overspending(i: HomeInputs) -> NextStep | None:
    if i.average is None or i.average >= 0:
        return None
    return NextStep("home.step_overspending", "budget", {"amount": display(-i.average)})


def _plan_problem(i: HomeInputs) -> NextStep | None:
    if i.adopted or i.plan is None or i.plan.feasible:
        return None
    return NextStep("home.step_plan_problem", "plan")


def _advice(i: HomeInputs) -> NextStep | None:
    return i.advice


def _pay(i: HomeInputs) -> NextStep | None:
    if i.plan is None or not i.plan.feasible:
        return None
    steps = first_payments(i.plan)
    if not steps:
        return NextStep("home.step_done", "debts")
    first = steps[0]
    return NextStep(
        f"home.step_pay_{i.strategy}",
        "plan",
        {
            "debt": first.debt,
            "amount": display(first.payment),
            "total": display(sum(s.payment for s in steps)),
            "month": first.month,
        },
    )


def _nothing_owed(i: HomeInputs) -> NextStep | None:
    return NextStep("home.step_done", "debts")


# In order of urgency: a person at the door or a scam (the coach's word), money lost by
# the day, then what stops a plan, then the plan.
STEP_RULES: list[Callable[[HomeInputs], NextStep | None]] = [
    _start,
    _advice,
    _overdue,
    _below_minimums,
    _no_records,
    _no_debts,
    _stale,
    _overspending,
    _plan_problem,
    _pay,
    _nothing_owed,
]


def next_step(inputs: HomeInputs) -> NextStep:
    return next(step for rule in STEP_RULES if (step := rule(inputs)) is not None)


def where_you_stand(inputs: HomeInputs) -> Standing:
    debts = [d for d in inputs.debts if not d.archived]
    owed = None
    if debts:
        total = sum(d.balance_cents for d in debts)
        before = inputs.owed_before
        owed = Owed(total, total - before[1], before[0]) if before else Owed(total)
    debt_free = None
    if inputs.adopted:
        debt_free = DebtFree(inputs.adopted_debt_free, "adopted")
    elif inputs.plan is not None:
        problem = inputs.plan.problem.kind if inputs.plan.problem else None
        debt_free = DebtFree(
            inputs.plan.debt_free,
            inputs.strategy,
            problem,
            inputs.budget,
            inputs.plan.shortfall,
            inputs.split_debt_free,
        )
    reminders = (
        list(inputs.reminders)
        if inputs.reminders is not None
        else due_reminders(debts, inputs.today)
    )
    return Standing(
        empty=not inputs.months and not debts,
        month=month_figure(inputs.months, inputs.today),
        owed=owed,
        debt_free=debt_free,
        reminders=reminders[:REMINDERS_SHOWN],
        next_step=next_step(inputs),
        stale_since=stale_since(inputs.latest_record, inputs.today),
    )
