"""The balance between anchors, worked by hand: interest month by month by the planner's
rule, payments and voids, statement confirmations, same-day order, a paid-off debt."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.debts.entry import DebtRecord, planner_debt
from core.planner.rates import Terms
from core.progress.balances import (
    Anchor,
    DebtHistory,
    Payment,
    balance_at,
    balance_on,
    cleared_on,
    current,
    overpaid,
    replay,
)

D = dt.date
ADDED = dt.datetime(2026, 1, 10, 9, tzinfo=dt.UTC)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def record(**changes) -> DebtRecord:
    fields = {
        "name": "Card",
        "balance_cents": 1_000_000,
        "apr": Decimal(12),  # 1 % a month
        "min_payment_cents": 50_000,
        "id": 1,
    } | changes
    return DebtRecord(**fields)


def history(*payments: Payment, anchors: tuple[Anchor, ...] = (), **changes) -> DebtHistory:
    rec = record(**changes)
    first = Anchor(ADDED.date(), ADDED, rec.balance_cents)
    return DebtHistory(rec, (first, *anchors), tuple(payments))


def paid(pid: int, day: dt.date, cents: int, hour: int = 12, **kw) -> Payment:
    return Payment(pid, day, at(day, hour), cents, **kw)


def test_interest_is_charged_on_the_first_of_each_month_after_the_anchor():
    steps = replay(history(), D(2026, 4, 20))
    charges = [(s.day, s.amount, s.balance) for s in steps if s.kind == "charge"]
    assert charges == [
        (D(2026, 2, 1), 10_000, 1_010_000),
        (D(2026, 3, 1), 10_100, 1_020_100),
        (D(2026, 4, 1), 10_201, 1_030_301),
    ]
    assert balance_on(steps, D(2026, 1, 31)) == 1_000_000  # the adding month: no charge
    assert balance_on(steps, D(2026, 1, 9)) is None  # before the debt was added


def test_the_charge_is_the_planners_own():
    """The same figure as Terms.charge for the same debt, balance and month."""
    rec = record(apr=Decimal("18.25"), balance_cents=1_234_567)
    terms = Terms.of([planner_debt(rec)], 2026 * 12 + 1)  # February 2026
    steps = replay(history(apr=Decimal("18.25"), balance_cents=1_234_567), D(2026, 2, 1))
    assert steps[-1].amount == terms.charge(0, 1_234_567, 0)


def test_payments_come_off_on_their_day_and_interest_follows_the_lower_balance():
    h = history(paid(1, D(2026, 2, 15), 200_000))
    steps = replay(h, D(2026, 4, 20))
    assert balance_on(steps, D(2026, 2, 14)) == 1_010_000
    assert balance_on(steps, D(2026, 2, 15)) == 810_000
    assert current(h, D(2026, 4, 20)) == 810_000 + 8_100 + 8_181


def test_a_voided_payment_is_kept_and_counts_for_nothing():
    void = paid(1, D(2026, 2, 15), 200_000, voided_at=at(D(2026, 2, 16)), void_note="typo")
    h = history(void, paid(2, D(2026, 2, 16), 20_000))
    assert len(h.payments) == 2 and [p.id for p in h.live_payments()] == [2]
    assert current(h, D(2026, 2, 28)) == 1_010_000 - 20_000


def test_a_confirmed_statement_balance_becomes_the_new_anchor():
    statement = Anchor(D(2026, 3, 10), at(D(2026, 3, 10)), 800_000, id=7)
    h = history(paid(1, D(2026, 2, 15), 200_000), paid(2, D(2026, 3, 20), 50_000),
                anchors=(statement,))  # fmt: skip
    steps = replay(h, D(2026, 4, 20))
    assert [s.kind for s in steps] == ["added", "charge", "payment", "charge", "anchor",
                                       "payment", "charge"]  # fmt: skip
    assert balance_on(steps, D(2026, 3, 10)) == 800_000
    assert current(h, D(2026, 4, 20)) == 750_000 + 7_500  # April charged on the new balance


def test_on_the_same_day_entries_count_in_the_order_they_were_entered():
    day = D(2026, 3, 10)
    statement = Anchor(day, at(day, 15), 700_000, id=7)
    before = history(paid(1, day, 100_000, hour=14), anchors=(statement,))
    after = history(paid(1, day, 100_000, hour=16), anchors=(statement,))
    assert current(before, day) == 700_000  # the statement already includes the payment
    assert current(after, day) == 600_000


def test_balance_at_a_moment_counts_only_what_was_entered_up_to_it():
    h = history(paid(1, D(2026, 2, 15), 100_000, hour=8), paid(2, D(2026, 2, 15), 1_000, hour=20))
    assert balance_at(h, (D(2026, 2, 15), at(D(2026, 2, 15), 10))) == 1_010_000 - 100_000
    assert balance_at(h, (ADDED.date(), ADDED)) == 1_000_000
    assert balance_at(h, (D(2026, 1, 1), at(D(2026, 1, 1)))) is None


def test_a_paid_off_debt_is_charged_nothing_more_not_even_a_late_fee():
    h = history(
        paid(1, D(2026, 2, 20), 1_000_000 + 20_000 + 5_000),  # Feb: 2 % and the ¥50 fee
        overdue_since=D(2026, 1, 12),
        penalty_apr=Decimal(24),
        late_fee_cents=5_000,
    )
    steps = replay(h, D(2026, 6, 1))
    assert steps[-1].kind == "payment" and steps[-1].balance == 0
    assert current(h, D(2026, 6, 1)) == 0
    assert cleared_on(steps) == D(2026, 2, 20)


def test_overdue_months_are_charged_the_penalty_rate_and_fee_from_the_month_it_fell_overdue():
    h = history(overdue_since=D(2026, 3, 5), penalty_apr=Decimal(24), late_fee_cents=5_000)
    charges = [s.amount for s in replay(h, D(2026, 4, 2)) if s.kind == "charge"]
    assert charges == [10_000, 20_200 + 5_000, 20_704 + 5_000]  # Feb normal; Mar, Apr penalty


def test_a_promotional_rate_applies_up_to_its_end_month():
    h = history(promo_apr=Decimal(0), promo_end="2026-02")
    charges = [(s.day, s.amount) for s in replay(h, D(2026, 3, 2)) if s.kind == "charge"]
    assert charges == [(D(2026, 3, 1), 10_000)]


def test_payments_before_the_debt_was_added_count_for_nothing():
    h = history(paid(1, D(2026, 1, 2), 5_000))
    assert current(h, D(2026, 1, 31)) == 1_000_000


def test_overpaid_names_the_payments_that_went_below_zero():
    h = history(paid(1, D(2026, 1, 20), 600_000), paid(2, D(2026, 1, 21), 500_000))
    assert [s.ref for s in overpaid(replay(h, D(2026, 1, 31)))] == [2]


@pytest.mark.parametrize("kind", ["anchor", "payment"])
def test_cleared_on_is_the_day_the_balance_last_reached_zero(kind):
    zero = Anchor(D(2026, 3, 3), at(D(2026, 3, 3)), 0, id=2)
    h = history(anchors=(zero,)) if kind == "anchor" else history(paid(1, D(2026, 3, 3), 1_020_100))
    assert cleared_on(replay(h, D(2026, 5, 1))) == D(2026, 3, 3)
    assert cleared_on(replay(history(), D(2026, 5, 1))) is None
