"""Triage: which debt to protect first when the money is short, and why."""

from decimal import Decimal

import pytest

from core.planner import Debt
from core.planner.triage import triage

START = "2027-01"


def names(debts):
    return [priority.name for _, priority in triage(debts, START)]


def test_overdue_first_by_cost_per_day_then_cards_then_by_rate():
    debts = [
        Debt("loan 10%", 500_000, Decimal(10), 20_000),
        Debt("card 18%", 300_000, Decimal(18), 15_000, kind="card"),
        Debt("loan 30%", 100_000, Decimal(30), 10_000),
        # overdue: 20,000.00 at 27.375 % costs 15.00 a day; 5,000.00 at 36.5 % 5.00
        Debt("small overdue", 500_000, Decimal(12), 50_000, True, Decimal("36.5")),
        Debt("微粒贷", 2_000_000, Decimal("18.25"), 180_000, True, Decimal("27.375"), 5_000),
        Debt("card 24%", 200_000, Decimal(24), 10_000, kind="card"),
    ]
    ranked = triage(debts, START)
    assert [p.name for _, p in ranked] == [
        "微粒贷", "small overdue", "card 24%", "card 18%", "loan 30%", "loan 10%",
    ]  # fmt: skip
    assert [i for i, _ in ranked] == [4, 3, 5, 1, 2, 0]
    why = {p.name: (p.reason, p.apr, p.cost_per_day) for _, p in ranked}
    assert why["微粒贷"] == ("overdue", Decimal("27.375"), 1_500)
    assert why["small overdue"] == ("overdue", Decimal("36.5"), 500)
    assert why["card 24%"] == ("card", Decimal(24), 0)
    assert why["loan 30%"] == ("rate", Decimal(30), 0)


def test_an_overdue_card_counts_as_overdue_and_its_normal_rate_when_no_penalty_is_known():
    card = Debt("card", 365_000, Decimal("36.5"), 10_000, overdue=True, kind="card")
    [(_, priority)] = triage([card], START)
    assert (priority.reason, priority.cost_per_day) == ("overdue", 365)  # 3,650.00 x 0.1 %


@pytest.mark.parametrize(
    ("debts", "expected"),
    [
        # equal cost per day: the higher late fee first
        (
            [
                Debt("a", 365_000, Decimal(10), 1, True, late_fee=100),
                Debt("b", 365_000, Decimal(10), 1, True, late_fee=900),
            ],
            ["b", "a"],
        ),
        # equal rates: the smaller balance first, then as listed
        (
            [
                Debt("big", 900, Decimal(5), 1),
                Debt("first", 100, Decimal(5), 1),
                Debt("second", 100, Decimal(5), 1),
            ],
            ["first", "second", "big"],
        ),
        # a promotion counts while it lasts
        (
            [
                Debt("promo", 100, Decimal(30), 1, promo_apr=Decimal(0), promo_end="2027-03"),
                Debt("plain", 100, Decimal(10), 1),
            ],
            ["plain", "promo"],
        ),
        # paid-off debts are left out
        ([Debt("done", 0, Decimal(40), 0), Debt("owed", 1, Decimal(1), 1)], ["owed"]),
    ],
)
def test_ties_and_edges(debts, expected):
    assert names(debts) == expected
