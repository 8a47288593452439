"""From what the user typed and stored to a plan request: months, extras, orders, budgets."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from core.debts.entry import DebtRecord, planner_debt
from core.errors import CoachError
from core.months import Month, next_month
from core.planner.request import (
    budget_with_repayments,
    full_order,
    make_request,
    parse_extra,
    split_extras,
)

LOAN = DebtRecord(
    "微粒贷", 1_500_000, Decimal("18.25"), 126_000, overdue_since=dt.date(2026, 10, 15)
)
CARD = DebtRecord("Card", 680_000, Decimal(18), 30_000)
PAID = DebtRecord("花呗", 0, Decimal("14.6"), 20_000)


@pytest.mark.parametrize(
    ("text", "month"),
    [("2027-03", "2027-03"), ("2027-3", "2027-03"), ("2027/03", "2027-03"),
     ("2027年3月", "2027-03"), ("２０２７－０３", "2027-03"), (" 2027.12 ", "2027-12")],
)  # fmt: skip
def test_months_as_people_write_them(text, month):
    assert Month.parse(text) == month


@pytest.mark.parametrize("text", ["2027-13", "2027-00", "27-03", "9999-12", "1999-12", "March"])
def test_not_months(text):
    with pytest.raises(CoachError) as caught:
        Month.parse(text)
    assert text in caught.value.message("en")


def test_extras_with_thousands_separators_and_full_width_colons():
    assert parse_extra("2027-02:1,500") == ("2027-02", 150_000)
    assert parse_extra("2027年2月：¥800.50") == ("2027-02", 80_050)
    assert split_extras("2027-02:1,500,2027-06:500") == ["2027-02:1,500", "2027-06:500"]
    for bad in ("2027-02", "2027-02:0", "2027-02:-5", ":500", "2027-02:lots"):
        with pytest.raises(CoachError):
            parse_extra(bad)


def test_next_month_rolls_over_the_year():
    assert next_month(dt.date(2026, 12, 31)) == "2027-01"
    assert next_month(dt.date(2026, 11, 29)) == "2026-12"


def test_the_custom_order_puts_the_named_first_and_the_rest_as_listed():
    debts = [planner_debt(r) for r in (LOAN, CARD, PAID)]
    assert full_order(debts, ["花呗"]) == ["花呗", "微粒贷", "Card"]
    with pytest.raises(CoachError) as caught:
        full_order(debts, ["Nobody"])
    assert "“Nobody”" in caught.value.message("en")


def test_an_overdue_record_plans_with_its_penalty_from_the_first_month():
    behind = replace(LOAN, penalty_apr=Decimal("27.375"), late_fee_cents=5_000)
    request = make_request([behind], None, "avalanche", budget=200_000, start="2027-01")
    (debt,) = request.debts
    assert debt.overdue and debt.balance == 1_500_000
    assert debt.apr_in("2027-01") == Decimal("27.375") and debt.monthly_fee == 5_000
    # the first month of the plan charges the penalty rate and the fee, not 18.25%
    first = request.compare().plans["avalanche"].schedule[0]
    assert (first.month, first.interest, first.fee) == ("2027-01", 34_219 + 5_000, 5_000)


def test_a_record_not_overdue_ignores_its_penalty_rate_and_fee():
    current = planner_debt(
        replace(LOAN, overdue_since=None, penalty_apr=Decimal("27.375"), late_fee_cents=5_000)
    )
    assert not current.overdue
    assert current.apr_in("2027-01") == Decimal("18.25") and current.monthly_fee == 0


def test_default_budget_is_the_surplus_never_below_zero_else_the_minimums():
    assert make_request([LOAN, CARD], 55_855, "avalanche", start="2027-01").budget == 55_855
    below = make_request([LOAN, CARD], -20_000, "avalanche", start="2027-01")
    assert (below.budget, below.budget_source) == (0, "average_surplus")
    none = make_request([LOAN, CARD, PAID], None, "avalanche", start="2027-01")
    assert (none.budget, none.budget_source) == (156_000, "minimums")  # 花呗 owes nothing


def test_repayments_already_in_spending_add_to_the_average_surplus_only():
    surplus = make_request([LOAN], 55_855, "avalanche", start="2027-01")
    assert budget_with_repayments(surplus, 126_000) == 181_855
    assert budget_with_repayments(surplus, None) is None
    given = make_request([LOAN], 55_855, "avalanche", budget=200_000, start="2027-01")
    assert budget_with_repayments(given, 126_000) is None


def test_an_extra_before_the_first_payment_month_is_refused():
    with pytest.raises(CoachError) as caught:
        make_request([LOAN], None, "avalanche", start="2027-01", extras={"2026-12": 50_000})
    assert "2026-12" in caught.value.message("en") and "2027-01" in caught.value.message("en")


def test_nothing_to_plan_without_debts():
    with pytest.raises(CoachError, match="No debts"):
        make_request([], 100_000, "avalanche")
