"""The split: a fair share of a budget below the minimums, and where each answer leads."""

from decimal import Decimal
from itertools import groupby

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core.i18n import t
from core.months import month_index, month_label
from core.planner import Debt, minimums_due, plan, split_plan
from core.planner.split import budget_schedule, month_split, share_out
from core.present.text import refusal_text

START = "2027-01"


def later(months: int) -> str:
    return month_label(month_index(START) + months)


# --- sharing out cents --------------------------------------------------------------


@st.composite
def shares_problems(draw):
    """Weights, floors <= caps, and a pot between what the floors need and the caps take."""
    n = draw(st.integers(1, 8))
    weights = draw(st.lists(st.integers(0, 10_000_000), min_size=n, max_size=n))
    caps = draw(st.lists(st.integers(0, 500_000), min_size=n, max_size=n))
    floors = [draw(st.integers(0, cap)) for cap in caps]
    room = [cap if w else lo for w, lo, cap in zip(weights, floors, caps, strict=True)]
    pot = draw(st.integers(sum(floors), sum(room)))
    rank = draw(st.permutations(range(n)))
    return pot, weights, caps, floors, rank


@settings(max_examples=300, deadline=None)
@given(shares_problems())
def test_shares_add_up_to_the_pot_to_the_cent_within_floor_and_cap(problem):
    pot, weights, caps, floors, rank = problem
    shares = share_out(pot, weights, caps, floors, rank)
    assert sum(shares) == pot
    for share, lo, cap, w in zip(shares, floors, caps, weights, strict=True):
        assert lo <= share <= (cap if w else lo)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 10_000_000), min_size=1, max_size=8), st.integers(0, 10_000_000))
def test_unbounded_shares_are_pro_rata_within_a_cent(weights, pot):
    shares = share_out(pot, weights, [pot] * len(weights))
    total = sum(weights)
    for share, w in zip(shares, weights, strict=True):
        assert abs(share * total - pot * w) < total  # |share - pot x w / total| < 1 cent


@pytest.mark.parametrize(
    ("pot", "weights", "caps", "floors", "rank", "expected"),
    [
        (100, [1, 1, 1], [100] * 3, None, (), [34, 33, 33]),  # the spare cent to the first
        (100, [1, 1, 1], [100] * 3, None, (2, 0, 1), [33, 33, 34]),  # ... in rank order
        (100, [1, 2], [100, 50], None, (), [50, 50]),  # a capped share's excess goes on
        (100, [1, 99], [100, 100], [10, 0], (), [10, 90]),  # the floor, then pro rata
        (100, [0, 1], [100, 100], [5, 0], (), [5, 95]),  # no weight: just its floor
    ],
)
def test_share_out_by_hand(pot, weights, caps, floors, rank, expected):
    assert share_out(pot, weights, caps, floors, rank) == expected


def test_share_out_refuses_what_cannot_be_shared():
    with pytest.raises(ValueError, match="cannot share"):
        share_out(101, [1, 1], [50, 50])
    with pytest.raises(ValueError, match="cannot share"):
        share_out(10, [1, 1], [50, 50], [6, 6])


def test_month_split_pays_minimums_then_arrears_most_urgent_first():
    """Budget 1,000 over minimums of 300 + 200 with arrears of 400 and 300 on top."""
    pays = month_split(1_000, [5_000, 5_000, 5_000], [700, 500, 100], [300, 200, 100], [1, 0, 2])
    assert pays == [400, 500, 100]


def test_month_split_token_floor_only_where_the_budget_allows():
    balances, dues, rank = [1_000_000, 1_000], [100_000, 10_000], [0, 1]
    assert month_split(50_000, balances, dues, dues, rank, token=10_000) == [40_000, 10_000]
    # 15.00 cannot give both a 100.00 floor: plain pro rata (the small debt rounds to 1 cent)
    assert month_split(1_500, balances, dues, dues, rank, token=10_000) == [1_499, 1]


# --- the split of a real case -------------------------------------------------------

WEILIDAI = Debt(
    "微粒贷", 2_000_000, Decimal("18.25"), 180_000, True, Decimal("27.375"), late_fee=5_000
)
CARD = Debt("信用卡", 800_000, Decimal(18), 45_000, kind="card")
HUABEI = Debt("花呗", 300_000, Decimal("14.6"), 30_000)
CASE = [WEILIDAI, CARD, HUABEI]  # minimums 1,800 + 450 + 300 = 2,550


def test_2000_against_2550_of_minimums():
    split = split_plan(CASE, 200_000, START)
    assert (split.due, split.shortfall) == (255_000, 55_000)
    offers = {o.name: (o.minimum, o.offer, o.ask) for o in split.offers}
    # pro rata to 20,000 : 8,000 : 3,000; the card's 516.13 is above its minimum, so
    # it gets 450 and the rest is shared by the other two, 20 : 3
    assert offers == {
        "微粒贷": (180_000, 134_783, 45_217),
        "信用卡": (45_000, 45_000, 0),
        "花呗": (30_000, 20_217, 9_783),
    }
    assert [o.name for o in split.offers] == ["微粒贷", "信用卡", "花呗"]  # triage order
    assert sum(o.ask for o in split.offers) == split.shortfall
    for timeline in (split.accepted, split.refused):
        assert timeline.feasible and timeline.never is None
        first = [row for row in timeline.schedule if row.month == START]
        assert {row.debt: row.payment for row in first} == {k: v[1] for k, v in offers.items()}
    assert split.accepted.debt_free < split.refused.debt_free
    assert split.cost_of_refusal == split.refused.total_interest - split.accepted.total_interest
    assert split.cost_of_refusal > 0


def test_a_budget_that_covers_the_minimums_needs_no_split():
    assert split_plan(CASE, 255_000, START) is None
    assert split_plan(CASE, 254_999, START) is not None


def test_refused_and_accepted_by_hand():
    """A (overdue: 12 % APR, penalty 24 %, late fee 10.00) owes 10,000.00, minimum 1,000;
    B (current: 12 %, penalty 18 %, late fee 20.00) owes 5,000.00, minimum 500. 900 a month.

    Month 1 shares 900 as 10,000 : 5,000 = 600 : 300 (both under their minimums).
      refused A: 10,000 + 200.00 (2 %) + 10.00 fee - 600 = 9,610.00
      refused B: 5,000 + 50.00 (1 %, not yet behind) - 300 = 4,750.00, now behind
      accepted A: 10,000 + 100.00 (1 %, no penalty, no fee) - 600 = 9,500.00
      accepted B: 5,000 + 50.00 - 300 = 4,750.00
    Month 2, refused: 900 x 9,610 / 14,360 = 602.2980..., 900 x 4,750 / 14,360 = 297.7019...;
    to the cent 602.29 + 297.70 = 899.99, and the spare cent goes to the larger fraction
    of a cent (0.80 against 0.19): 602.30 and 297.70.
      refused A: 9,610 + 192.20 + 10.00 - 602.30 = 9,209.90
      refused B: 4,750 + 71.25 (1.5 %) + 20.00 fee - 297.70 = 4,543.55
    Month 2, accepted: 9,500 : 4,750 = 600 : 300.
      accepted A: 9,500 + 95.00 - 600 = 8,995.00;  B: 4,750 + 47.50 - 300 = 4,497.50
    """
    a = Debt("A", 1_000_000, Decimal(12), 100_000, True, Decimal(24), 1_000)
    b = Debt("B", 500_000, Decimal(12), 50_000, penalty_apr=Decimal(18), late_fee=2_000)
    split = split_plan([a, b], 90_000, START)

    def rows(timeline, months=2):
        wanted = {later(m) for m in range(months)}
        return [
            (r.month, r.debt, r.interest, r.fee, r.payment, r.balance)
            for r in timeline.schedule
            if r.month in wanted
        ]

    assert rows(split.refused) == [
        (later(0), "A", 21_000, 1_000, 60_000, 961_000),
        (later(0), "B", 5_000, 0, 30_000, 475_000),
        (later(1), "A", 20_220, 1_000, 60_230, 920_990),
        (later(1), "B", 9_125, 2_000, 29_770, 454_355),
    ]
    assert rows(split.accepted) == [
        (later(0), "A", 10_000, 0, 60_000, 950_000),
        (later(0), "B", 5_000, 0, 30_000, 475_000),
        (later(1), "A", 9_500, 0, 60_000, 899_500),
        (later(1), "B", 4_750, 0, 30_000, 449_750),
    ]


def test_the_normal_order_takes_over_in_the_first_month_the_budget_covers_the_minimums():
    a = Debt("A", 1_000_000, Decimal(12), 100_000, True, Decimal(24), 1_000)
    b = Debt("B", 500_000, Decimal(12), 50_000)
    split = split_plan([a, b], 90_000, START, budget_from={later(3): 150_000})
    for timeline in (split.accepted, split.refused):
        assert timeline.switch == later(3)
        covered = [r for r in timeline.schedule if r.month == later(3)]
        assert sum(r.payment for r in covered) == 150_000  # the whole budget, avalanche
        assert {r.debt: r.payment for r in covered}["B"] == 50_000  # B gets just its minimum
        assert timeline.schedule[-1].balance == 0
    # The rest is exactly the normal plan from there, with the balances reached.
    reached = {r.debt: r.balance for r in split.accepted.schedule if r.month == later(2)}
    rest = plan(
        [
            Debt("A", reached["A"], Decimal(12), 100_000),
            Debt("B", reached["B"], Decimal(12), 50_000),
        ],
        "avalanche",
        150_000,
        later(3),
    )
    assert split.accepted.schedule[-len(rest.schedule) :] == rest.schedule
    assert split.accepted.debt_free == rest.debt_free
    assert split.accepted.months == 3 + rest.months


def test_a_growing_budget_must_grow_and_come_after_the_start():
    assert budget_schedule(100, START, {later(2): 300, later(1): 200})[:4] == [100, 200, 300, 300]
    with pytest.raises(ValueError, match="must be cents"):
        budget_schedule(100, START, {later(1): 99})
    with pytest.raises(ValueError, match="must be cents"):
        budget_schedule(100, START, {START: 200})


def test_never_when_the_payment_does_not_cover_the_charges():
    """A token 1.00 against 20,000.00 at 27.375 %: refused never pays it off; accepted
    freezes the interest at the payment, so the balance only stands still."""
    split = split_plan([WEILIDAI], 100, START)
    for timeline in (split.refused, split.accepted):
        assert not timeline.feasible
        assert (timeline.never, timeline.stuck) == ("never_pays", "微粒贷")
        assert timeline.debt_free is None and timeline.switch is None
    assert split.accepted.schedule[-1].balance == WEILIDAI.balance
    assert split.refused.schedule[-1].balance > WEILIDAI.balance
    assert split.cost_of_refusal is None


def test_extras_join_the_split_and_what_it_cannot_use_waits_for_the_next_month():
    a = Debt("A", 1_000_000, Decimal(0), 100_000)
    b = Debt("B", 500_000, Decimal(0), 50_000)
    split = split_plan([a, b], 90_000, START, extras={START: 100_000})
    first = [r.payment for r in split.accepted.schedule if r.month == START]
    assert first == [100_000, 50_000]  # 1,900 available: the minimums, 400 kept
    second = [r.payment for r in split.accepted.schedule if r.month == later(1)]
    assert sum(second) == 130_000  # 900 + the 400 kept


def test_arrears_are_due_now_and_paid_before_any_extra():
    arrears = Debt("A", 1_000_000, Decimal(0), 100_000, True, arrears=300_000)
    other = Debt("B", 500_000, Decimal(0), 50_000)
    assert minimums_due([arrears, other], START) == 450_000
    first = plan([arrears, other], "snowball", 500_000, START).schedule[:2]
    # Snowball puts B first, but A's arrears are due before any extra.
    assert {r.debt: r.payment for r in first} == {"A": 400_000, "B": 100_000}
    # Enough for the minimums, not the arrears: minimums kept, the arrears get the rest.
    split = split_plan([arrears, other], 200_000, START)
    assert [(o.name, o.minimum, o.arrears, o.offer) for o in split.offers] == [
        ("A", 400_000, 300_000, 150_000),
        ("B", 50_000, 0, 50_000),
    ]
    assert split.accepted.switch == later(1)  # from then on the minimums alone are due


# --- properties over random debts ----------------------------------------------------


@st.composite
def debt_lists(draw):
    debts = []
    for n in range(draw(st.integers(1, 5))):
        apr = Decimal(draw(st.integers(0, 4_000))) / 100
        overdue = draw(st.booleans())
        balance = draw(st.integers(0, 5_000_000))
        debts.append(
            Debt(
                name=f"d{n}",
                balance=balance,
                apr=apr,
                min_payment=draw(st.integers(0, 200_000)),
                overdue=overdue,
                penalty_apr=apr + Decimal(draw(st.integers(0, 2_000))) / 100
                if draw(st.booleans())
                else None,
                late_fee=draw(st.integers(0, 10_000)),
                kind=draw(st.sampled_from(["loan", "card", "other"])),
                arrears=draw(st.integers(0, min(balance, 300_000))) if overdue else 0,
            )
        )
    return debts


def below_minimums(draw_budget, debts):
    due = minimums_due(debts, START)
    assume(due > 0)
    return draw_budget(st.integers(0, due - 1))


@settings(max_examples=100, deadline=None)
@given(debt_lists(), st.data(), st.integers(0, 30_000))
def test_split_adds_up_offers_stay_within_minimums_and_accepted_debts_never_grow(
    debts, data, token
):
    budget = below_minimums(data.draw, debts)
    split = split_plan(debts, budget, START, token=token)
    assert sum(o.offer for o in split.offers) == budget
    assert all(0 <= o.offer <= o.minimum for o in split.offers)
    assert sum(o.ask for o in split.offers) == split.shortfall
    opening = {d.name: d.balance for d in debts}
    switch = split.accepted.switch or "9999-12"
    for row in split.accepted.schedule:
        if row.month < switch:
            assert row.balance <= opening[row.debt], row
        opening[row.debt] = row.balance
    for timeline in (split.accepted, split.refused):
        assert timeline.feasible == (timeline.debt_free is not None)
        if timeline.feasible:
            assert timeline.total_paid == sum(d.balance for d in debts) + timeline.total_interest


@settings(max_examples=100, deadline=None)
@given(debt_lists(), st.data(), st.integers(1, 24), st.integers(0, 400_000))
def test_the_switch_is_the_first_month_whose_budget_covers_what_is_due(debts, data, at, rise):
    """Checked from the refused schedule alone (its charges are never capped): before the
    switch every month's budget is below the minimums due, in it the budget covers them."""
    budget = below_minimums(data.draw, debts)
    split = split_plan(debts, budget, START, budget_from={later(at): budget + rise})
    budgets = budget_schedule(budget, START, {later(at): budget + rise})
    opening = {d.name: d.balance for d in debts}
    minimum = {d.name: d.min_payment for d in debts}
    arrears = {d.name: d.arrears for d in debts}
    for month, rows in groupby(split.refused.schedule, key=lambda r: r.month):
        rows = list(rows)
        m = month_index(month) - month_index(START)
        due = sum(
            min(minimum[r.debt] + (arrears[r.debt] if m == 0 else 0), opening[r.debt] + r.interest)
            for r in rows
        )
        if split.refused.switch is None or month < split.refused.switch:
            assert budgets[m] < due, month
        else:
            assert month == split.refused.switch and budgets[m] >= due
            break
        for r in rows:
            opening[r.debt] = r.balance


def test_with_no_penalty_or_fee_known_refusal_costs_nothing_and_the_page_says_so():
    """Neither debt lists a penalty rate or a late fee, and the shares cover the interest:
    both timelines are the same, and the text asks the user to check their contracts
    instead of showing a difference of ¥0."""
    debts = [Debt("A", 1_000_000, Decimal(12), 100_000), Debt("B", 500_000, Decimal(12), 50_000)]
    split = split_plan(debts, 90_000, START)
    assert split.cost_of_refusal == 0
    assert split.accepted.schedule == split.refused.schedule
    for lang in ("zh", "en"):
        assert refusal_text(split, lang) == t("split.cost_unknown", lang)
