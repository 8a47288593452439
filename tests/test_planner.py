"""The month-by-month engine: the figures a borrower acts on."""

import math
from decimal import Decimal

import numpy_financial as npf
import pytest

from core.planner import (
    HORIZON,
    Debt,
    Focus,
    apr_from_daily,
    budget_needed,
    first_payments,
    focus_timeline,
    plan,
)


def reconciles(result, debts):
    """Payments == starting balances + interest (fees included) - what is still owed."""
    owed = {}
    for row in result.schedule:
        owed[row.debt] = row.balance
    for outcome in result.debts:
        start = next(d.balance for d in debts if d.name == outcome.name)
        paid = sum(r.payment for r in result.schedule if r.debt == outcome.name)
        charged = sum(r.interest for r in result.schedule if r.debt == outcome.name)
        assert (paid, charged) == (outcome.paid, outcome.interest)
        assert paid == start + charged - owed.get(outcome.name, 0)
    assert result.total_paid == sum(r.payment for r in result.schedule)
    assert result.total_interest == sum(r.interest for r in result.schedule)
    if result.feasible:
        assert result.total_paid == sum(d.balance for d in debts) + result.total_interest
    return True


def month_rows(result, month):
    return {r.debt: r for r in result.schedule if r.month == month}


@pytest.mark.parametrize(
    ("balance", "apr", "payment"),
    [
        (1_000_000, "6", 30_000),
        (2_000_000, "18.25", 180_000),
        (5_000_000, "36", 160_000),
        (123_456, "9.99", 5_000),
        (800_000, "24", 16_100),
    ],
)
def test_one_debt_takes_as_many_months_as_closed_form_amortisation(balance, apr, payment):
    debt = Debt("loan", balance, Decimal(apr), payment)
    result = plan([debt], "avalanche", payment, "2026-06")
    nper = npf.nper(float(apr) / 1200, -payment / 100, balance / 100)
    assert result.feasible
    assert result.months == math.ceil(nper)
    assert reconciles(result, [debt])


def test_interest_is_charged_on_the_opening_balance_before_payment_and_rounded_half_up():
    # 1,000.00 at 18 % a year: 15.00 interest; 1,234.56 at 18 %: 18.5184 -> 18.52
    debts = [Debt("a", 100_000, Decimal(18), 10_000), Debt("b", 123_456, Decimal(18), 10_000)]
    rows = month_rows(plan(debts, "avalanche", 20_000, "2026-06"), "2026-06")
    assert (rows["a"].interest, rows["a"].balance) == (1_500, 91_500)
    assert (rows["b"].interest, rows["b"].balance) == (1_852, 115_308)


def test_a_debt_cleared_mid_month_passes_the_rest_to_the_next_in_the_same_month():
    small = Debt("small", 10_000, Decimal(0), 1_000)
    big = Debt("big", 100_000, Decimal(0), 1_000)
    result = plan([big, small], "snowball", 30_000, "2026-06")
    first = month_rows(result, "2026-06")
    assert (first["small"].payment, first["small"].balance) == (10_000, 0)
    assert (first["big"].payment, first["big"].balance) == (20_000, 80_000)
    # The cleared debt's minimum stays in the budget: 300.00 a month to the big one.
    assert month_rows(result, "2026-07")["big"].payment == 30_000
    assert result.debts[1].payoff_month == "2026-06"
    assert reconciles(result, [big, small])


def test_money_left_once_everything_is_paid_goes_to_no_one():
    debt = Debt("a", 25_000, Decimal(0), 1_000)
    result = plan([debt], "avalanche", 10_000, "2026-06")
    assert [r.payment for r in result.schedule] == [10_000, 10_000, 5_000]
    assert (result.months, result.debt_free, result.total_paid) == (3, "2026-08", 25_000)


def test_avalanche_goes_by_rate_then_smaller_balance_then_input_position():
    debts = [
        Debt("low", 50_000, Decimal(5), 1_000),
        Debt("high big", 90_000, Decimal(30), 1_000),
        Debt("high small", 40_000, Decimal(30), 1_000),
        Debt("twin", 40_000, Decimal(30), 1_000),
    ]
    assert plan(debts, "avalanche", 10_000, "2026-06").order == [
        "high small", "twin", "high big", "low",
    ]  # fmt: skip


def test_snowball_goes_by_balance_then_higher_rate_then_input_position():
    debts = [
        Debt("big", 90_000, Decimal(30), 1_000),
        Debt("small cheap", 40_000, Decimal(5), 1_000),
        Debt("small dear", 40_000, Decimal(20), 1_000),
        Debt("twin", 40_000, Decimal(20), 1_000),
    ]
    assert plan(debts, "snowball", 10_000, "2026-06").order == [
        "small dear", "twin", "small cheap", "big",
    ]  # fmt: skip


def test_avalanche_counts_the_penalty_rate_of_an_overdue_debt_and_a_running_promotion():
    debts = [
        Debt("card", 100_000, Decimal(20), 1_000),
        Debt("overdue", 100_000, Decimal(10), 1_000, overdue=True, penalty_apr=Decimal(30)),
        Debt("promo", 100_000, Decimal(40), 1_000, promo_apr=Decimal(0), promo_end="2026-12"),
    ]
    assert plan(debts, "avalanche", 10_000, "2026-06").order == ["overdue", "card", "promo"]


def test_a_zero_rate_debt_costs_nothing():
    debt = Debt("friend", 100_000, Decimal(0), 0)
    result = plan([debt], "avalanche", 30_000, "2026-06")
    assert (result.months, result.total_interest, result.total_paid) == (4, 0, 100_000)


def test_the_promotional_rate_holds_until_promo_end_and_the_normal_rate_follows():
    debt = Debt("card", 1_000_000, Decimal(24), 10_000, promo_apr=Decimal(0), promo_end="2026-08")
    result = plan([debt], "avalanche", 10_000, "2026-06")
    charged = [r.interest for r in result.schedule[:4]]
    assert charged == [0, 0, 0, 19_400]  # 9,700.00 x 2 % in September
    assert reconciles(result, [debt])


def test_an_overdue_debt_runs_penalty_interest_and_the_late_fee_every_month_until_paid():
    debt = Debt(
        "微粒贷", 2_000_000, apr_from_daily(Decimal("0.05")), 180_000,
        overdue=True, penalty_apr=Decimal("27.375"), late_fee=5_000,
    )  # fmt: skip
    result = plan([debt], "avalanche", 500_000, "2026-06")
    first = result.schedule[0]
    # 20,000.00 x 27.375 % / 12 = 456.25 interest, plus the 50.00 fee
    assert (first.interest, first.fee, first.balance) == (45_625 + 5_000, 5_000, 1_550_625)
    assert all(r.fee == 5_000 for r in result.schedule)
    assert result.months == 5
    assert reconciles(result, [debt])


def test_a_late_fee_on_a_debt_that_is_not_overdue_is_not_charged():
    debt = Debt("card", 100_000, Decimal(0), 10_000, late_fee=5_000)
    assert plan([debt], "avalanche", 50_000, "2026-06").total_interest == 0


def test_a_daily_rate_converts_to_an_annual_one_by_365_days():
    assert apr_from_daily(Decimal("0.05")) == Decimal("18.25")


def test_a_budget_below_the_minimums_reports_the_exact_shortfall():
    debts = [Debt("a", 100_000, Decimal(10), 12_345), Debt("b", 100_000, Decimal(10), 10_000)]
    result = plan(debts, "avalanche", 20_000, "2026-06")
    assert (result.feasible, result.shortfall, result.schedule) == (False, 2_345, [])
    assert (result.problem.kind, result.problem.amount) == ("below_minimums", 22_345)


def test_a_debt_whose_payment_never_covers_its_interest_is_named_with_the_amount_that_would():
    debts = [
        Debt("card", 100_000, Decimal(0), 1_000),
        Debt("app loan", 10_000_000, Decimal(24), 100_000),  # 2,000.00 interest a month
    ]
    result = plan(debts, "avalanche", 150_000, "2026-06")
    assert not result.feasible
    assert result.months == HORIZON
    assert (result.problem.kind, result.problem.debt) == ("never_pays", "app loan")
    assert reconciles(result, debts)
    # The amount named is the smallest monthly budget that clears everything in time.
    enough = result.problem.amount
    assert enough > 200_000  # more than the interest alone
    assert plan(debts, "avalanche", enough, "2026-06").feasible
    assert not plan(debts, "avalanche", enough - 1, "2026-06").feasible


def test_a_debt_that_grows_before_its_turn_needs_more_than_its_first_months_interest():
    """Smallest balance first: the shark waits behind the card and grows meanwhile, so
    covering its starting interest would not be enough once its turn comes."""
    debts = [
        Debt("card", 300_000, Decimal(0), 10_000),
        Debt("shark", 1_000_000, Decimal(96), 10_000),  # 800.00 interest in month one
    ]
    result = plan(debts, "snowball", 90_000, "2027-01")
    assert result.problem.kind == "never_pays" and result.problem.debt == "shark"
    assert plan(debts, "snowball", result.problem.amount, "2027-01").feasible
    assert not plan(debts, "snowball", 80_001, "2027-01").feasible


def test_a_minimum_larger_than_what_is_owed_counts_only_what_is_owed():
    debts = [
        Debt("nearly paid", 3_030, Decimal(0), 5_000),
        Debt("card", 100_000, Decimal(0), 10_000),
    ]
    result = plan(debts, "avalanche", 13_030, "2027-01")
    assert result.feasible and result.shortfall is None
    short = plan(debts, "avalanche", 13_029, "2027-01")
    assert (short.feasible, short.shortfall) == (False, 1)


def test_a_plan_longer_than_600_months_stops_there_and_names_the_budget_that_fits():
    # 1,000.00 interest a month; 1,000.50 would take about 764 months.
    debt = Debt("mortgage-like", 10_000_000, Decimal(12), 100_000)
    result = plan([debt], "avalanche", 100_050, "2026-06")
    assert (result.feasible, result.months, result.debt_free) == (False, HORIZON, None)
    assert (result.problem.kind, result.problem.debt) == ("horizon", "mortgage-like")
    enough = result.problem.amount
    assert plan([debt], "avalanche", enough, "2026-06").feasible
    assert not plan([debt], "avalanche", enough - 1, "2026-06").feasible
    assert reconciles(result, [debt])


def test_a_custom_order_is_followed_and_a_wrong_one_is_refused_with_the_names():
    debts = [Debt("a", 50_000, Decimal(30), 1_000), Debt("b", 10_000, Decimal(5), 1_000)]
    result = plan(debts, "custom", 20_000, "2026-06", order=["b", "a"])
    assert result.order == ["b", "a"]
    assert month_rows(result, "2026-06")["b"].balance == 0
    with pytest.raises(ValueError, match="unknown debts: c"):
        plan(debts, "custom", 20_000, "2026-06", order=["b", "a", "c"])
    with pytest.raises(ValueError, match="leaves out: a"):
        plan(debts, "custom", 20_000, "2026-06", order=["b"])
    with pytest.raises(ValueError, match="more than once: b"):
        plan(debts, "custom", 20_000, "2026-06", order=["b", "a", "b"])
    with pytest.raises(ValueError, match="needs an order"):
        plan(debts, "custom", 20_000, "2026-06")


def test_a_one_time_extra_is_added_to_that_months_budget_only():
    debt = Debt("a", 100_000, Decimal(0), 10_000)
    result = plan([debt], "avalanche", 10_000, "2026-06", extras={"2026-07": 50_000})
    assert [r.payment for r in result.schedule[:3]] == [10_000, 60_000, 10_000]
    assert result.months == 5


def test_inputs_that_make_no_sense_are_refused():
    debt = Debt("a", 100_000, Decimal(0), 10_000)
    with pytest.raises(ValueError, match="YYYY-MM"):
        plan([debt], "avalanche", 10_000, "2026-13")
    with pytest.raises(ValueError, match="distinct names"):
        plan([debt, debt], "avalanche", 30_000, "2026-06")
    with pytest.raises(ValueError, match="unknown strategy"):
        plan([debt], "fastest", 10_000, "2026-06")
    with pytest.raises(ValueError, match="balance is negative"):
        Debt("b", -1, Decimal(0), 0)
    with pytest.raises(ValueError, match="promo_end is promo_pair"):
        Debt("b", 1, Decimal(0), 0, promo_apr=Decimal(0))


def test_budget_needed_is_the_smallest_budget_that_is_debt_free_by_the_target():
    debts = [
        Debt("card", 800_000, Decimal(18), 40_000),
        Debt(
            "loan", 2_000_000, Decimal("18.25"), 100_000, promo_apr=Decimal(0), promo_end="2026-09"
        ),
    ]
    needed = budget_needed(debts, "avalanche", "2027-12", "2026-06")
    assert plan(debts, "avalanche", needed, "2026-06").debt_free <= "2027-12"
    assert plan(debts, "avalanche", needed - 1, "2026-06").debt_free > "2027-12"
    assert budget_needed(debts, "avalanche", "2026-05", "2026-06") is None


def test_focus_moves_down_the_order_as_each_debt_clears():
    """Rate first: the card (24 %) gets the extra until it is paid, then the loan;
    the small 0 % debt is cleared by its own minimum and is never the focus."""
    debts = [
        Debt("Loan", 300_000, Decimal("10"), 10_000),
        Debt("Card", 100_000, Decimal("24"), 5_000),
        Debt("Friend", 20_000, Decimal("0"), 10_000),
    ]
    result = plan(debts, "avalanche", 60_000, "2027-01")
    spans = focus_timeline(result, debts)
    assert [s.debt for s in spans] == ["Card", "Loan"]
    card = next(d for d in result.debts if d.name == "Card")
    assert spans[0].first == "2027-01" and spans[0].last == card.payoff_month
    assert spans[1].last == result.debt_free
    assert spans[1].first == month_after(card.payoff_month)


def test_the_next_step_lists_every_payment_of_the_first_month():
    """Smallest first: the small debt's minimum clears it and what is left flows on,
    so the next step is not 'the minimum on each of the others'."""
    debts = [
        Debt("mid", 200_000, Decimal(12), 5_000),
        Debt("tiny", 12_000, Decimal(0), 5_000),
        Debt("small", 1_000, Decimal(0), 5_000),
    ]
    result = plan(debts, "snowball", 100_000, "2027-01")
    steps = first_payments(result)
    assert [(r.debt, r.payment) for r in steps] == [
        ("small", 1_000),
        ("tiny", 12_000),
        ("mid", 87_000),
    ]
    assert sum(r.payment for r in steps) == 100_000
    # tiny is cleared with more than its minimum, so it is the first month's focus
    assert focus_timeline(result, debts)[0] == Focus("tiny", "2027-01", "2027-01")


def month_after(month):
    year, number = map(int, month.split("-"))
    return f"{year + number // 12}-{number % 12 + 1:02d}"
