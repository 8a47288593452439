"""Where you stand: the first screen's figures and its one next step."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from core.coach.cards import title as coach_title
from core.coach.contacts import ContactEntry
from core.coach.log import add_contact
from core.debts.entry import DebtRecord, entry_from_text, planner_debt
from core.debts.store import add_debt, list_debts
from core.home import HomeInputs, MonthFigure, NextStep, Reminder, where_you_stand
from core.home import sources as home_sources
from core.home.standing import STEP_RULES, next_due
from core.i18n import LANGUAGES, t
from core.importing.store import import_file
from core.ledger.budget import MonthFigures
from core.ledger.freshness import months_before, stale_since
from core.money import display
from core.months import Month
from core.planner import plan
from core.planner.request import plan_request
from core.progress.payments import record_payment
from core.progress.plans import adopt_plan
from core.reminders.reminder import ReminderEntry
from core.reminders.store import add_reminder
from tests import factories
from tests.filemakers import wechat_csv, wechat_record

TODAY = dt.date(2026, 11, 20)
OVERDUE = factories.record(
    lender="",
    balance_cents=1_500_000,
    min_payment_cents=126_000,
    due_day=15,
    overdue_since=dt.date(2026, 10, 15),
    late_fee_cents=0,
    id=1,
)
CARD = DebtRecord(
    name="信用卡",
    balance_cents=680_000,
    apr=Decimal(18),
    min_payment_cents=30_000,
    due_day=31,
    id=2,
)
SMALL = DebtRecord(
    name="花呗", balance_cents=240_000, apr=Decimal("14.6"), min_payment_cents=20_000, id=3
)
MONTHS = [
    MonthFigures("2026-08", 1_000_000, 800_000, 200_000),
    MonthFigures("2026-09", 1_000_000, 700_000, 300_000),
    MonthFigures("2026-10", 1_000_000, 900_000, 100_000),
]


def inputs(debts=(CARD, SMALL), budget=300_000, strategy="avalanche", **changes) -> HomeInputs:
    planned = [planner_debt(d) for d in debts]
    result = plan(planned, strategy, budget, "2026-12") if planned else None
    base = HomeInputs(
        today=TODAY,
        months=MONTHS,
        latest_record=dt.date(2026, 10, 30),
        average=200_000,
        debts=list(debts),
        plan=result,
        strategy=strategy,
        budget=budget,
    )
    return dataclasses.replace(base, **changes)


def test_an_empty_store_asks_for_the_three_step_start():
    standing = where_you_stand(inputs(debts=(), months=[], latest_record=None, average=None))
    assert standing.empty
    assert standing.month is None and standing.owed is None and standing.debt_free is None
    assert standing.next_step == NextStep("home.step_start", "import")


def test_an_overdue_debt_comes_first_with_its_days_and_the_cost_of_a_week():
    standing = where_you_stand(inputs(debts=(CARD, OVERDUE, SMALL), budget=500_000))
    step = standing.next_step
    # 15,000 x 27.375 % / 365 x 7 = 78.75
    assert step == NextStep(
        "home.step_overdue", "debts", {"debt": "微粒贷", "days": 36, "week": "¥78.75"}
    )
    assert step.title("zh") == "先处理微粒贷"
    assert "36" in step.why("en") and "¥78.75" in step.why("en")


def test_a_budget_below_the_minimums_says_by_how_much():
    standing = where_you_stand(inputs(budget=40_000))
    assert standing.next_step == NextStep(
        "home.step_below_minimums", "plan", {"shortfall": "¥100.00", "amount": "¥500.00"}
    )
    assert standing.debt_free.month is None
    assert standing.debt_free.problem == "below_minimums"
    assert standing.debt_free.shortfall == 10_000


@pytest.mark.parametrize(
    ("strategy", "first", "reason"),
    [
        ("avalanche", "信用卡", "highest rate"),
        ("snowball", "花呗", "smallest debt"),
    ],
)
def test_the_plan_step_names_its_own_order(strategy, first, reason):
    standing = where_you_stand(inputs(strategy=strategy))
    step = standing.next_step
    assert step.key == f"home.step_pay_{strategy}" and step.page == "plan"
    assert step.params["debt"] == first
    assert step.params["month"] == "2026-12"
    assert step.title("en").startswith("Pay ¥") and "Dec 2026" in step.title("en")
    assert "2026年12月" in step.title("zh")
    assert reason in step.why("en")
    assert standing.debt_free.source == strategy
    assert standing.debt_free.month is not None


def test_no_records_asks_for_a_bill_and_no_debts_asks_for_the_list():
    no_records = where_you_stand(inputs(months=[], latest_record=None, average=None))
    assert no_records.next_step.key == "home.step_import"
    assert no_records.month is None
    no_debts = where_you_stand(inputs(debts=()))
    assert no_debts.next_step == NextStep("home.step_add_debts", "debts")
    assert no_debts.owed is None and no_debts.reminders == []


def test_records_over_a_month_old_ask_for_recent_ones():
    standing = where_you_stand(inputs(latest_record=dt.date(2026, 10, 19)))
    assert standing.stale_since == dt.date(2026, 10, 19)
    assert standing.next_step == NextStep("home.step_stale", "import", {"date": "2026-10-19"})
    fresh = where_you_stand(inputs(latest_record=dt.date(2026, 10, 20)))
    assert fresh.stale_since is None
    assert fresh.next_step.key == "home.step_pay_avalanche"


def test_spending_above_income_points_at_the_budget():
    standing = where_you_stand(inputs(average=-45_000))
    assert standing.next_step == NextStep("home.step_overspending", "budget", {"amount": "¥450.00"})


def test_this_month_so_far_else_the_calendar_month_before():
    now = MonthFigures("2026-11", 300_000, 100_000, 200_000)
    so_far = where_you_stand(inputs(months=[*MONTHS, now])).month
    assert (so_far.month, so_far.surplus, so_far.so_far) == ("2026-11", 200_000, True)
    last = where_you_stand(inputs()).month
    assert (last.month, last.surplus, last.so_far) == ("2026-10", 100_000, False)
    # records end in August: no figure for this month or the last (the stale step says so)
    old = where_you_stand(inputs(months=MONTHS[:1])).month
    assert old is None


def test_owed_total_and_its_change_when_an_earlier_figure_is_known():
    plain = where_you_stand(inputs()).owed
    assert (plain.total, plain.change) == (920_000, None)
    before = (dt.date(2026, 10, 1), 1_000_000)
    changed = where_you_stand(inputs(owed_before=before)).owed
    assert (changed.total, changed.change, changed.since) == (920_000, -80_000, before[0])


def test_an_adopted_plan_gives_the_debt_free_month():
    standing = where_you_stand(inputs(adopted=True, adopted_debt_free="2027-09"))
    assert (standing.debt_free.month, standing.debt_free.source) == ("2027-09", "adopted")


def test_reminders_default_to_the_debts_due_days_soonest_first():
    standing = where_you_stand(inputs(debts=(CARD, OVERDUE, SMALL)))
    # 微粒贷 is due on the 15th: next in December; the card on the 31st: 30 November
    assert standing.reminders == [
        Reminder(dt.date(2026, 11, 30), "信用卡", 30_000),
        Reminder(dt.date(2026, 12, 15), "微粒贷", 126_000),
    ]
    given = [Reminder(dt.date(2026, 11, 25), "Budget review")]
    assert where_you_stand(inputs(reminders=given)).reminders == given


def test_the_coachs_urgent_word_comes_first_in_its_own_words():
    texts = {"en": ("Know your rights", "A collector came at 22:30."), "zh": ("你的权利", "晚上")}
    advice = NextStep("coach.rights", "coach", texts=texts)
    standing = where_you_stand(inputs(debts=(OVERDUE, CARD), budget=500_000, advice=advice))
    assert standing.next_step == advice
    assert advice.title("en") == "Know your rights" and advice.why("zh") == "晚上"
    empty = inputs(debts=(), months=[], latest_record=None, average=None, advice=advice)
    assert where_you_stand(empty).next_step.key == "home.step_start"


@pytest.mark.parametrize(
    ("day", "today", "due"),
    [
        (15, dt.date(2026, 11, 15), dt.date(2026, 11, 15)),
        (15, dt.date(2026, 11, 16), dt.date(2026, 12, 15)),
        (31, dt.date(2027, 2, 3), dt.date(2027, 2, 28)),
        (31, dt.date(2028, 2, 29), dt.date(2028, 2, 29)),
        (30, dt.date(2026, 12, 31), dt.date(2027, 1, 30)),
    ],
)
def test_a_due_day_falls_on_a_shorter_months_last_day(day, today, due):
    assert next_due(day, today) == due


def test_a_month_before_is_a_calendar_month():
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 1) == dt.date(2025, 12, 15)
    assert stale_since(None, TODAY) is None


def test_every_step_is_in_both_catalogues():
    keys = [r.__name__ for r in STEP_RULES]
    assert keys[:3] == ["_start", "_advice", "_overdue"]
    steps = {"start", "overdue", "below_minimums", "import", "add_debts", "stale"}
    steps |= {"overspending", "plan_problem", "done", "pay_avalanche", "pay_snowball"}
    steps |= {"pay_custom"}
    params = {"debt": "x", "days": 1, "week": "¥1.00", "shortfall": "¥1.00", "amount": "¥1.00"}
    params |= {"date": "2026-01-01", "total": "¥1.00", "month": "2026-12"}
    for lang in LANGUAGES:
        for step in steps:
            for part in ("title", "why"):
                assert t(f"home.step_{step}_{part}", lang, **params)


# --- read from the store ---------------------------------------------------------------------


def _debt(engine: Engine, profile: int, **fields: str) -> None:
    add_debt(engine, profile, entry_from_text(**fields))


def test_gather_reads_the_store_and_lets_providers_add_what_they_know(
    engine: Engine, profile: int, monkeypatch: pytest.MonkeyPatch
):
    """Store tests run on today's date: balances and payments are as of now."""
    today = dt.date.today()
    assert home_sources.standing(engine, profile, today).empty
    now = dt.datetime.combine(today, dt.time(0, 5))
    bill = wechat_csv(
        [
            wechat_record(now, "转账", "公司", "工资", "收入", "5000.00"),
            wechat_record(now, "商户消费", "超市", "买菜", "支出", "800"),
        ]
    )
    import_file(engine, profile, "wechat.csv", bill)
    _debt(engine, profile, name="信用卡", balance="3000", apr="18", min_payment="300",
          due_day=str(today.day))  # fmt: skip
    found = home_sources.gather(engine, profile, today)
    assert found.latest_record == today
    standing = where_you_stand(found)
    assert standing.month == MonthFigure(Month.current(today), 420_000, so_far=True)
    assert standing.owed.total == 300_000 and standing.owed.change is None
    assert standing.reminders == [Reminder(today, "信用卡", 30_000)]
    assert standing.next_step.key == "home.step_pay_avalanche"
    assert standing.debt_free.month is not None

    given = home_sources.standing(engine, profile, today, strategy="snowball", budget=30_000)
    assert (given.debt_free.source, given.debt_free.budget) == ("snowball", 30_000)
    assert given.next_step.params["amount"] == display(30_000)

    monkeypatch.setattr(
        home_sources,
        "PROVIDERS",
        [lambda e, p, d: {"adopted": True, "adopted_debt_free": "2027-03"}],
    )
    adopted = home_sources.standing(engine, profile, today)
    assert (adopted.debt_free.month, adopted.debt_free.source) == ("2027-03", "adopted")
    monkeypatch.setattr(home_sources, "PROVIDERS", [lambda e, p, d: {"surplus": 1}])
    with pytest.raises(ValueError, match="surplus"):
        home_sources.gather(engine, profile, today)


def test_progress_gives_the_followed_plan_and_what_is_owed_now(engine: Engine, profile: int):
    """An adopted plan's debt-free month; a payment lowers what is owed, and the change
    shows against the start."""
    today = dt.date.today()
    _debt(engine, profile, name="信用卡", balance="3000", apr="18", min_payment="300")
    request = plan_request(engine, profile, "avalanche", budget=50_000)
    adopt_plan(engine, profile, request)
    followed = home_sources.standing(engine, profile, today)
    planned = request.compare().plans["avalanche"]
    assert (followed.debt_free.month, followed.debt_free.source) == (planned.debt_free, "adopted")
    [card] = list_debts(engine, profile)
    record_payment(engine, profile, card.id, today, 50_000)
    paid = home_sources.standing(engine, profile, today)
    assert paid.owed.total == 250_000
    assert paid.owed.change == -50_000 and paid.owed.since == today


def test_below_the_minimums_the_first_screen_says_when_the_fair_split_would_clear(
    engine: Engine, profile: int
):
    today = dt.date.today()
    _debt(engine, profile, name="信用卡", balance="3000", apr="18", min_payment="300")
    _debt(engine, profile, name="花呗", balance="2000", apr="14.6", min_payment="200")
    free = home_sources.standing(engine, profile, today, budget=40_000).debt_free
    assert (free.month, free.problem, free.shortfall) == (None, "below_minimums", 10_000)
    split = plan_request(engine, profile, "avalanche", budget=40_000).split()
    assert split.accepted.feasible
    assert free.if_agreed == split.accepted.debt_free
    covered = home_sources.standing(engine, profile, today, budget=60_000).debt_free
    assert covered.month and covered.if_agreed is None  # no split when the minimums are met


def test_the_users_reminders_and_the_coachs_urgent_word_join_from_the_store(
    engine: Engine, profile: int
):
    """With reminders set, they are what is coming up; a collector's visit at night with
    a threat puts the coach's rights card before everything, in its own words."""
    today = dt.date.today()
    _debt(engine, profile, name="信用卡", balance="3000", apr="18", min_payment="300", due_day="9")
    assert [r.title for r in home_sources.standing(engine, profile, today).reminders] == ["信用卡"]
    add_reminder(engine, profile, ReminderEntry("Budget review", today.day), starts=today)
    standing = home_sources.standing(engine, profile, today)
    assert standing.reminders == [Reminder(today, "Budget review")]

    night = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(22, 30))
    add_contact(engine, profile, ContactEntry(night, "visit", flags=("threats",)))
    step = home_sources.standing(engine, profile, today).next_step
    assert (step.key, step.page) == ("coach.rights", "coach")
    assert step.title("zh") == coach_title("rights", "zh")
    assert "22:30" in step.why("en")
