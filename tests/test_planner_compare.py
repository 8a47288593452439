"""Side by side, what-if, and the JSON the command line prints."""

from decimal import Decimal

import pytest

from core.money import format_cents
from core.planner import Debt, compare, effect_of_extra, plan
from core.present.json import plan_to_json

DEBTS = [
    Debt("card", 800_000, Decimal(18), 40_000),
    Debt("app loan", 300_000, Decimal(36), 20_000),
    Debt("friend", 100_000, Decimal(0), 10_000),
]


def test_comparison_covers_every_strategy_and_what_the_choice_saves():
    result = compare(
        DEBTS, 120_000, "2026-06", chosen="snowball", order=["friend", "card", "app loan"]
    )
    assert set(result.plans) == {"avalanche", "snowball", "custom", "minimum"}
    assert result.other == "avalanche"
    snowball, avalanche, minimum = (result.plans[k] for k in ("snowball", "avalanche", "minimum"))
    assert result.versus_other.interest == avalanche.total_interest - snowball.total_interest
    assert result.versus_minimum.months == minimum.months - snowball.months > 0
    assert result.versus_minimum.interest == minimum.total_interest - snowball.total_interest > 0
    # Minimum-only: no one gets more than their own minimum, freed minimums stay unspent.
    assert all(
        r.payment <= d.min_payment for d in DEBTS for r in minimum.schedule if r.debt == d.name
    )


def test_a_saving_is_none_when_a_plan_compared_does_not_clear():
    never = [Debt("loan", 10_000_000, Decimal(24), 100_000)]  # minimum below the interest
    result = compare(never, 300_000, "2026-06")
    assert result.versus_minimum is None
    assert result.versus_other is not None
    with pytest.raises(ValueError, match="cannot choose 'custom'"):
        compare(never, 300_000, "2026-06", chosen="custom")


def test_the_effect_of_paying_more_each_month():
    effect = effect_of_extra(DEBTS, "avalanche", "2026-06", 80_000, 20_000)
    before = plan(DEBTS, "avalanche", 80_000, "2026-06")
    after = plan(DEBTS, "avalanche", 100_000, "2026-06")
    assert effect.feasible
    assert effect.months_saved == before.months - after.months > 0
    assert effect.interest_saved == before.total_interest - after.total_interest > 0
    # Below the minimums there is no finish to compare with, only the rescue.
    rescue = effect_of_extra(DEBTS, "avalanche", "2026-06", 50_000, 30_000)
    assert (rescue.feasible, rescue.months_saved, rescue.interest_saved) == (True, None, None)


def test_plan_json_has_the_documented_keys_and_money_as_decimal_strings():
    result = plan(DEBTS, "avalanche", 100_000, "2026-06")
    out = plan_to_json(result)
    assert {"feasible", "months", "total_interest", "total_paid", "debt_free", "order"} <= set(out)
    assert "shortfall" not in out and "problem" not in out
    assert out["feasible"] is True and isinstance(out["months"], int)
    assert out["order"] == ["app loan", "card", "friend"]
    assert out["total_paid"] == format_cents(1_200_000 + result.total_interest)
    assert {"name", "payoff_month", "interest"} <= set(out["debts"][0])
    assert out["schedule"][0] == {
        "month": "2026-06", "debt": "app loan", "interest": "90.00", "fee": "0.00",
        "payment": "500.00", "balance": "2590.00",
    }  # fmt: skip


def test_plan_json_for_a_budget_below_the_minimums():
    out = plan_to_json(plan(DEBTS, "avalanche", 60_000, "2026-06"))
    assert (out["feasible"], out["shortfall"], out["debt_free"]) == (False, "100.00", None)
    assert out["problem"] == {"kind": "below_minimums", "debt": None, "amount": "700.00"}
    assert out["schedule"] == []
