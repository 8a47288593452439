"""Payments, statement balances, adopted plans, progress and milestones on a real store
(SQLite, and PostgreSQL when TEST_DATABASE_URL is set). Dates are fixed: every write
is given the moment it happens, and debts are backdated to when they were added."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from core.debts.entry import DebtEntry
from core.debts.store import add_debt, list_debts, set_archived, update_debt
from core.errors import CoachError
from core.ledger.samples import clear_samples, load_samples
from core.planner import plan
from core.planner.request import make_request
from core.progress import history, milestones, plans, tracking
from core.progress.history import PAYMENT
from core.progress.payments import (
    PaymentInvalid,
    confirm_balance,
    find_debt,
    parse_amount,
    parse_day,
    payments_since,
    record_payment,
    void_payment,
)
from core.reminders.reminder import ReminderEntry
from core.reminders.store import add_reminder, missed_reminders
from tests.factories import debt

D = dt.date
ADDED = dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)
ADOPTED = dt.datetime(2026, 1, 20, 12, tzinfo=dt.UTC)
# The sample family's loans, not overdue: 微粒贷 15,000.00 at 18.25 %, 花呗 2,400.00 at 14.6 %.
WEILIDAI = debt(current=True, balance_cents=1_500_000, min_payment_cents=126_000, due_day=15)
HUABEI = debt(current=True, name="花呗", lender="蚂蚁消费金融", balance_cents=240_000,
              apr=Decimal("14.6"), min_payment_cents=20_000, due_day=10)  # fmt: skip


def noon(day: dt.date) -> dt.datetime:
    """Midday UTC: the same calendar day wherever the tests run."""
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)


def add(engine: Engine, profile: int, entry: DebtEntry, when: dt.datetime = ADDED) -> int:
    """A debt added at `when` (the store stamps the real time; the tests need a fixed one)."""
    debt_id = add_debt(engine, profile, entry)
    with engine.begin() as conn:
        conn.execute(sa.text("update debt set created_at = :t where id = :i"),
                     {"t": when, "i": debt_id})  # fmt: skip
    return debt_id


def pay(engine, profile, debt_id, day: dt.date, cents: int, note: str = ""):
    return record_payment(engine, profile, debt_id, day, cents, note, now=noon(day))


def state(engine, profile, today: dt.date):
    loaded = history.load(engine, profile)
    adopted = plans.followed_plan(engine, profile)
    return loaded, adopted, today


def payment_rows(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(PAYMENT)).scalar_one()


# --- balances on the store ------------------------------------------------------------


def test_balance_follows_interest_payments_voids_and_statements(engine, profile):
    card = add(engine, profile, DebtEntry("Card", 1_000_000, Decimal(12), 50_000))
    first = pay(engine, profile, card, D(2026, 2, 15), 200_000)
    assert first.balance == 810_000  # 10,000.00 + 1 % on 1 February - 2,000.00
    second = pay(engine, profile, card, D(2026, 3, 15), 100_000)
    assert second.balance == 810_000 + 8_100 - 100_000
    void_payment(engine, profile, second.id, "entered twice", now=noon(D(2026, 3, 16)))
    with pytest.raises(CoachError) as voided_twice:
        void_payment(engine, profile, second.id, now=noon(D(2026, 3, 16)))
    assert voided_twice.value.key == "progress.no_payment"
    (debt,) = history.load(engine, profile)
    assert [(p.amount, p.live, p.void_note) for p in debt.payments] == [
        (200_000, True, ""),
        (100_000, False, "entered twice"),
    ]
    today = D(2026, 4, 2)
    loaded, adopted, _ = state(engine, profile, today)
    assert tracking.progress(loaded, adopted, today).total.remaining == 818_100 + 8_181
    statement = confirm_balance(
        engine, profile, card, D(2026, 4, 3), 800_000, now=noon(D(2026, 4, 3))
    )
    assert statement.balance == 800_000
    loaded, adopted, _ = state(engine, profile, D(2026, 5, 2))
    assert tracking.progress(loaded, adopted, D(2026, 5, 2)).total.remaining == 808_000


def test_payments_since_lists_live_payments_on_or_after_a_day(engine, profile):
    card = add(engine, profile, DebtEntry("Card", 1_000_000, Decimal(12), 50_000))
    other = add(engine, profile, HUABEI)
    pay(engine, profile, card, D(2026, 2, 14), 10_000)
    kept = pay(engine, profile, card, D(2026, 2, 15), 20_000)
    voided = pay(engine, profile, card, D(2026, 2, 16), 30_000)
    pay(engine, profile, other, D(2026, 2, 16), 5_000)
    void_payment(engine, profile, voided.id, now=noon(D(2026, 2, 17)))
    found = payments_since(engine, profile, card, D(2026, 2, 15))
    assert [(p.id, p.day, p.amount) for p in found] == [(kept.id, D(2026, 2, 15), 20_000)]
    assert payments_since(engine, profile, card, D(2026, 2, 17)) == []


# --- validation: the field named, nothing written ------------------------------------


@pytest.mark.parametrize(
    ("day", "cents", "field", "key"),
    [
        (D(2026, 2, 1), 1_010_001, "amount", "progress.reason_more_than_owed"),
        (D(2026, 3, 2), 1, "date", "progress.reason_future"),
        (D(2026, 1, 4), 100, "date", "progress.reason_before_debt"),
        (D(2026, 2, 1), -100, "amount", "progress.reason_positive"),
        (D(2026, 2, 1), 0, "amount", "progress.reason_positive"),
        (D(2026, 2, 1), 10**15, "amount", "progress.reason_too_large"),
    ],
)
def test_an_impossible_payment_names_the_field_and_writes_nothing(
    engine, profile, day, cents, field, key
):
    card = add(engine, profile, DebtEntry("Card", 1_000_000, Decimal(12), 50_000))
    with pytest.raises(PaymentInvalid) as refused:
        record_payment(engine, profile, card, day, cents, now=noon(D(2026, 3, 1)))
    assert (refused.value.field, refused.value.key) == (field, key)
    assert payment_rows(engine) == 0
    assert milestones.list_milestones(engine, profile) == []


def test_the_payment_that_clears_a_debt_is_accepted_and_a_cent_more_is_not(engine, profile):
    card = add(engine, profile, DebtEntry("Card", 1_000_000, Decimal(12), 50_000))
    with pytest.raises(PaymentInvalid) as refused:
        pay(engine, profile, card, D(2026, 2, 1), 1_010_001)
    assert refused.value.message("en") == (
        "Amount: is more than the 10100.00 owed on 2026-02-01. If your statement shows "
        "another balance, confirm that balance first."
    )
    assert refused.value.message("zh").startswith("金额：比 2026-02-01 那天的欠款 10100.00 还多")
    assert pay(engine, profile, card, D(2026, 2, 1), 1_010_000).balance == 0


def test_a_backdated_entry_that_would_overpay_a_later_payment_is_refused(engine, profile):
    card = add(engine, profile, DebtEntry("Card", 1_000_000, Decimal(0), 50_000))
    pay(engine, profile, card, D(2026, 2, 20), 900_000)
    with pytest.raises(PaymentInvalid) as payment:
        pay(engine, profile, card, D(2026, 2, 10), 200_000)
    assert payment.value.key == "progress.reason_later_payment"
    assert payment.value.params == {"paid": "9000.00", "date": "2026-02-20"}
    with pytest.raises(PaymentInvalid) as statement:
        confirm_balance(engine, profile, card, D(2026, 2, 10), 500_000, now=noon(D(2026, 3, 1)))
    assert (statement.value.field, statement.value.key) == (
        "amount",
        "progress.reason_later_payment",
    )
    assert payment_rows(engine) == 1


def test_typed_amounts_dates_and_names_are_read_or_refused_by_field(engine, profile):
    add(engine, profile, WEILIDAI)
    assert parse_amount("¥1,260.00") == 126_000
    assert parse_amount("１２６０") == 126_000
    assert parse_amount("0", zero_allowed=True) == 0
    assert parse_day(" 2026-02-15 ") == D(2026, 2, 15)
    cases = [
        (lambda: parse_amount("abc"), "amount", "progress.reason_number"),
        (lambda: parse_amount("-5"), "amount", "progress.reason_positive"),
        (lambda: parse_amount("-5", zero_allowed=True), "amount", "progress.reason_not_negative"),
        (lambda: parse_day("15/02/2026"), "date", "progress.reason_date"),
        (lambda: find_debt(history.load(engine, profile), "微信"), "debt",
         "progress.reason_unknown_debt"),
        (lambda: record_payment(engine, profile, 999, D(2026, 2, 1), 100, now=noon(D(2026, 3, 1))),
         "debt", "progress.reason_no_debt"),
    ]  # fmt: skip
    for call, field, key in cases:
        with pytest.raises(PaymentInvalid) as refused:
            call()
        assert (refused.value.field, refused.value.key) == (field, key)
        assert refused.value.message("zh").startswith(
            {"amount": "金额：", "date": "日期：", "debt": "欠款："}[field]
        )
    assert find_debt(history.load(engine, profile), " 微粒贷 ").record.name == "微粒贷"


def test_an_archived_debt_takes_no_payment(engine, profile):
    card = add(engine, profile, HUABEI)
    set_archived(engine, profile, card)
    with pytest.raises(PaymentInvalid) as refused:
        pay(engine, profile, card, D(2026, 2, 1), 100)
    assert refused.value.field == "debt"


# --- adopted plans ----------------------------------------------------------------------


def adopt(engine, profile, budget=200_000, start="2026-02", now=ADOPTED, strategy="avalanche"):
    request = make_request(list_debts(engine, profile), None, strategy, budget=budget, start=start)
    return plans.adopt_plan(engine, profile, request, now=now), request


def test_an_adopted_plan_is_a_snapshot_later_changes_do_not_touch(engine, profile):
    wld = add(engine, profile, WEILIDAI)
    add(engine, profile, HUABEI)
    first, request = adopt(engine, profile)
    expected = plan(request.debts, "avalanche", 200_000, "2026-02")
    update_debt(engine, profile, wld, DebtEntry("微粒贷", 9_900_000, Decimal(30), 1))
    (kept,) = plans.list_plans(engine, profile)
    assert kept.id == first and kept.budget == 200_000 and kept.start == "2026-02"
    assert kept.balances == {wld: 1_500_000, wld + 1: 240_000}
    assert kept.debt_free == expected.debt_free == "2026-11"
    assert kept.order == expected.order
    assert kept.months[0] == "2026-02" and len(kept.months) == expected.months
    last = {r.debt: r.balance for r in expected.schedule if r.month == "2026-05"}
    assert kept.projected[wld][3] == last["微粒贷"]
    second, _ = adopt(engine, profile, budget=300_000, now=ADOPTED + dt.timedelta(days=3))
    assert [p.id for p in plans.list_plans(engine, profile)] == [second, first]
    assert plans.followed_plan(engine, profile).budget == 300_000


def test_a_plan_that_does_not_clear_is_not_adopted(engine, profile):
    add(engine, profile, WEILIDAI)
    with pytest.raises(CoachError) as refused:
        adopt(engine, profile, budget=100_000)  # below the minimum
    assert refused.value.key == "progress.adopt_infeasible"
    assert plans.list_plans(engine, profile) == []


# --- progress ---------------------------------------------------------------------------


def test_progress_starts_when_a_debt_was_added_or_when_the_plan_was_adopted(engine, profile):
    early = add(engine, profile, DebtEntry("Card", 1_000_000, Decimal(12), 50_000))
    pay(engine, profile, early, D(2026, 1, 10), 100_000)
    adopt(engine, profile, budget=100_000)  # 20 January: owes 9,000.00
    late = add(engine, profile, DebtEntry("Loan", 500_000, Decimal(0), 50_000),
               when=noon(D(2026, 2, 3)))  # fmt: skip
    pay(engine, profile, early, D(2026, 2, 10), 100_000)
    pay(engine, profile, late, D(2026, 2, 10), 125_000)
    loaded, adopted, today = state(engine, profile, D(2026, 2, 20))
    figures = tracking.progress(loaded, adopted, today)
    card, loan = figures.debts
    assert (card.start, card.paid, card.remaining) == (900_000, 100_000, 809_000)
    assert card.since == D(2026, 1, 20) and card.percent == Decimal("10.1")
    assert (loan.start, loan.paid, loan.remaining, loan.percent) == (
        500_000, 125_000, 375_000, Decimal(25)
    )  # fmt: skip
    assert (figures.total.start, figures.total.paid, figures.total.remaining) == (
        1_400_000, 225_000, 1_184_000
    )  # fmt: skip
    assert figures.total.percent == Decimal("15.4")
    check = tracking.check_plan(loaded, adopted, today)
    assert check.left_out == ["Loan"]


def test_archived_debts_count_only_when_paid_off(engine, profile):
    paid_off = add(engine, profile, DebtEntry("Paid", 100_000, Decimal(0), 10_000))
    mistake = add(engine, profile, DebtEntry("Typo", 999_900, Decimal(0), 10_000))
    pay(engine, profile, paid_off, D(2026, 2, 1), 100_000)
    set_archived(engine, profile, paid_off)
    set_archived(engine, profile, mistake)
    loaded, adopted, today = state(engine, profile, D(2026, 2, 2))
    figures = tracking.progress(loaded, adopted, today)
    assert [(d.name, d.remaining, d.percent) for d in figures.debts] == [("Paid", 0, 100)]


def test_percent_is_zero_to_a_hundred_whatever_interest_does():
    assert tracking.percent_done(100_000, 120_000) == 0
    assert tracking.percent_done(100_000, 0) == 100
    assert tracking.percent_done(300_000, 200_000) == Decimal("33.3")
    assert tracking.percent_done(0, 0) == 100


# --- a scripted year against the plan ---------------------------------------------------


def follow(engine, profile, ids, schedule, months, day=10, scale=1):
    """Pay each month's scheduled payments on `day`, `scale` times them (0 skips)."""
    for row in schedule:
        if row.month in months and row.payment * scale:
            year, month = map(int, row.month.split("-"))
            pay(engine, profile, ids[row.debt], D(year, month, day), row.payment * scale)


@pytest.fixture
def planned(engine, profile):
    ids = {"微粒贷": add(engine, profile, WEILIDAI), "花呗": add(engine, profile, HUABEI)}
    _, request = adopt(engine, profile)
    schedule = plan(request.debts, "avalanche", 200_000, "2026-02").schedule
    return ids, schedule


def months(*labels: str) -> set[str]:
    return set(labels)


def test_a_year_paid_as_planned_is_on_track_to_the_cent(engine, profile, planned):
    ids, schedule = planned
    year = {r.month for r in schedule}
    follow(engine, profile, ids, schedule, year)
    for today in (D(2026, 3, 5), D(2026, 3, 20), D(2026, 7, 1), D(2026, 10, 31)):
        loaded, adopted, _ = state(engine, profile, today)
        check = tracking.check_plan(loaded, adopted, today)
        assert (check.verdict, check.gap, check.months_off) == ("on_track", 0, 0), today
        done = len(check.actual) - 1  # the month under way compares with today
        assert check.actual[:done] == check.projected[:done]
        outlook = tracking.outlook(loaded, adopted, today)
        assert outlook.pace == 200_000 and outlook.result.debt_free == "2026-11"
    loaded, adopted, today = state(engine, profile, D(2027, 1, 31))
    check = tracking.check_plan(loaded, adopted, today)
    assert check.verdict == "done" and check.actual[-1] == 0
    assert check.months[-1] == "2027-01" and check.actual[9:] == [0, 0, 0]
    assert tracking.outlook(loaded, adopted, today).result is None


def test_a_missed_month_is_behind_by_a_month_and_its_payment(engine, profile, planned):
    ids, schedule = planned
    follow(engine, profile, ids, schedule, months("2026-02", "2026-03", "2026-04"))
    loaded, adopted, today = state(engine, profile, D(2026, 5, 25))  # May not paid
    check = tracking.check_plan(loaded, adopted, today)
    assert check.verdict == "on_track"  # May's payment is not late until May is over
    loaded, adopted, today = state(engine, profile, D(2026, 6, 2))
    check = tracking.check_plan(loaded, adopted, today)
    may = [r for r in schedule if r.month == "2026-05"]
    june = [r for r in schedule if r.month == "2026-06"]
    assert check.verdict == "behind" and check.months_off == 1
    owed = tracking.progress(loaded, adopted, today).total.remaining
    expected = sum(r.balance for r in may) + sum(r.interest for r in june)
    assert check.gap == owed - expected
    assert sum(r.payment for r in may) <= check.gap < sum(r.payment for r in may) + 5_000
    slower = tracking.outlook(loaded, adopted, today)  # March to May: 4,000.00 in 3 months
    assert (slower.pace, slower.months, slower.result.feasible) == (133_333, 3, False)
    assert slower.result.problem.kind == "below_minimums"


def test_paying_double_is_ahead_by_months_and_money(engine, profile, planned):
    ids, schedule = planned
    follow(engine, profile, ids, schedule, months("2026-02"))
    follow(engine, profile, ids, schedule, months("2026-03"), scale=2)
    loaded, adopted, today = state(engine, profile, D(2026, 3, 20))
    check = tracking.check_plan(loaded, adopted, today)
    assert check.verdict == "ahead" and check.months_off == 1
    march = sum(r.balance for r in schedule if r.month == "2026-03")
    assert check.gap == march - tracking.progress(loaded, adopted, today).total.remaining
    assert check.gap > 190_000


# --- milestones -------------------------------------------------------------------------


def test_milestones_fire_once_each_on_the_day_they_were_reached(engine, profile, planned):
    ids, schedule = planned
    fired = []
    for row in schedule:
        year, month = map(int, row.month.split("-"))
        done = pay(engine, profile, ids[row.debt], D(year, month, 10), row.payment)
        fired += [(m.kind, m.day) for m in done.reached]
    assert fired == [
        ("first_payment", D(2026, 2, 10)),
        ("percent_25", D(2026, 4, 10)),
        ("percent_50", D(2026, 6, 10)),
        ("percent_75", D(2026, 9, 10)),
        ("first_debt_cleared", D(2026, 10, 10)),
        ("percent_100", D(2026, 11, 10)),
    ]
    kept = [(m.kind, m.day) for m in milestones.list_milestones(engine, profile)]
    assert kept == fired
    # a void takes the total back under 100 %, and paying again fires nothing new
    last = history.load(engine, profile)[0].payments[-1]
    void_payment(engine, profile, last.id, now=noon(D(2026, 11, 12)))
    again = pay(engine, profile, ids["微粒贷"], D(2026, 11, 12), last.amount)
    assert again.reached == []
    assert [(m.kind, m.day) for m in milestones.list_milestones(engine, profile)] == fired


def test_a_statement_of_zero_clears_a_debt(engine, profile):
    card = add(engine, profile, DebtEntry("Card", 100_000, Decimal(0), 10_000))
    add(engine, profile, DebtEntry("Loan", 300_000, Decimal(0), 10_000))
    done = confirm_balance(engine, profile, card, D(2026, 2, 1), 0, now=noon(D(2026, 2, 1)))
    assert [(m.kind, m.day) for m in done.reached] == [
        ("first_debt_cleared", D(2026, 2, 1)),
        ("percent_25", D(2026, 2, 1)),
    ]


# --- the store's side --------------------------------------------------------------------


def test_migration_0005_builds_exactly_the_models_tables(engine):
    """The migration carries its own table definitions: they must match the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    mine = {"payment", "balanceanchor", "adoptedplan", "milestone", "linkdismissal"}
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    named = [(f"'{name}'", f"<{name}>") for name in mine]  # a table's name, or its repr
    assert [d for d in differences if any(a in repr(d) or b in repr(d) for a, b in named)] == []


def test_clearing_the_sample_keeps_a_sample_debt_the_user_paid(engine, profile):
    load_samples(engine, profile)
    paid = find_debt(history.load(engine, profile), "花呗").record.id
    record_payment(engine, profile, paid, dt.date.today(), 100)
    clear_samples(engine, profile)
    assert [d.name for d in list_debts(engine, profile)] == ["花呗"]
    (kept,) = [h for h in history.load(engine, profile) if h.record.id == paid]
    assert [p.amount for p in kept.payments] == [100]


def test_recorded_payments_decide_which_reminders_are_missed(engine, profile):
    """The reminders ask payments_since: a due date passed with no payment since the one
    before is missed until a payment is recorded; a voided payment does not count."""
    loan = add(engine, profile, debt(), when=noon(D(2026, 12, 1)))  # due on the 8th
    add_reminder(engine, profile, ReminderEntry(title="还款", day=5, debt_id=loan),
                 starts=D(2027, 1, 1))  # fmt: skip
    assert [m.due_on for m in missed_reminders(engine, profile, D(2027, 3, 10))] == [D(2027, 3, 8)]
    paid = record_payment(engine, profile, loan, D(2027, 2, 9), 180_000, now=noon(D(2027, 3, 10)))
    assert missed_reminders(engine, profile, D(2027, 3, 10)) == []
    void_payment(engine, profile, paid.id, now=noon(D(2027, 3, 10)))
    assert [m.due_on for m in missed_reminders(engine, profile, D(2027, 3, 10))] == [D(2027, 3, 8)]
