"""Properties over random debts: the promises every plan keeps."""

from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core.months import month_index, month_label
from core.planner import Debt, budget_needed, plan

START = "2026-06"


@st.composite
def debt_lists(draw, *, charges=True, smallest=0):
    count = draw(st.integers(1, 5))
    debts = []
    for n in range(count):
        apr = Decimal(draw(st.integers(0, 4_000))) / 100
        overdue = charges and draw(st.booleans())
        promo_end = None
        if charges and draw(st.booleans()):
            promo_end = month_label(month_index(START) + draw(st.integers(-2, 30)))
        balance = draw(st.integers(smallest, 5_000_000))
        debts.append(
            Debt(
                name=f"d{n}",
                balance=balance,
                apr=apr,
                min_payment=draw(st.integers(0, 200_000)),
                overdue=overdue,
                penalty_apr=apr + Decimal(draw(st.integers(0, 2_000))) / 100 if overdue else None,
                late_fee=draw(st.integers(0, 10_000)) if overdue else 0,
                promo_apr=Decimal(draw(st.integers(0, 1_000))) / 100 if promo_end else None,
                promo_end=promo_end,
                # arrears, due with the first month's minimum
                arrears=draw(st.integers(0, min(balance, 300_000))) if overdue else 0,
            )
        )
    return debts


def minimums(debts):
    return sum(d.min_payment + d.arrears for d in debts if d.balance)


extras_maps = st.dictionaries(
    st.integers(0, 40).map(lambda m: month_label(month_index(START) + m)), st.integers(0, 500_000)
)


@settings(max_examples=150, deadline=None)
@given(
    debt_lists(), st.integers(0, 1_000_000), extras_maps, st.sampled_from(["avalanche", "snowball"])
)
def test_every_plan_reconciles_to_the_cent(debts, above, extras, strategy):
    result = plan(debts, strategy, minimums(debts) + above, START, extras=extras)
    remaining = {}
    for row in result.schedule:
        remaining[row.debt] = row.balance
        assert row.interest >= row.fee >= 0
        assert row.payment >= 0
    for d, outcome in zip(debts, result.debts, strict=True):
        rows = [r for r in result.schedule if r.debt == d.name]
        assert outcome.paid == sum(r.payment for r in rows)
        assert outcome.paid == d.balance + outcome.interest - remaining.get(d.name, 0)
        cleared = d.balance > 0 and remaining[d.name] == 0
        assert (outcome.payoff_month is not None) == cleared
    if result.feasible:
        assert result.total_paid == sum(d.balance for d in debts) + result.total_interest


@settings(max_examples=150, deadline=None)
@given(debt_lists(charges=False, smallest=10_000), st.integers(0, 1_000_000))
def test_avalanche_never_costs_more_interest_than_snowball(debts, above):
    """Exactly so before rounding. Each debt-month's interest is rounded to the cent,
    which can tip near-equal rates by half a cent a row; and on a balance of a few cents
    a rounded-up cent of interest can swallow a one-cent minimum, hence 100.00 at least."""
    budget = minimums(debts) + above
    avalanche = plan(debts, "avalanche", budget, START)
    snowball = plan(debts, "snowball", budget, START)
    assume(avalanche.feasible and snowball.feasible)
    rounding = (len(avalanche.schedule) + len(snowball.schedule)) // 2
    assert avalanche.total_interest <= snowball.total_interest + rounding


@settings(max_examples=150, deadline=None)
@given(
    debt_lists(), st.integers(0, 1_000_000), st.integers(1, 1_000_000),
    st.sampled_from(["avalanche", "snowball"]),
)  # fmt: skip
def test_a_bigger_budget_never_finishes_later(debts, above, more, strategy):
    budget = minimums(debts) + above
    smaller = plan(debts, strategy, budget, START)
    bigger = plan(debts, strategy, budget + more, START)
    assert bigger.months <= smaller.months
    assert bigger.feasible or not smaller.feasible


@settings(max_examples=100, deadline=None)
@given(debt_lists(), st.integers(1, 120), extras_maps, st.sampled_from(["avalanche", "snowball"]))
def test_budget_needed_agrees_with_the_plan_to_the_cent(debts, months, extras, strategy):
    by_month = month_label(month_index(START) + months - 1)
    needed = budget_needed(debts, strategy, by_month, START, extras=extras)
    result = plan(debts, strategy, needed, START, extras=extras)
    assert result.feasible
    assert result.months <= months
    if needed > minimums(debts):
        tighter = plan(debts, strategy, needed - 1, START, extras=extras)
        assert not tighter.feasible or tighter.months > months
