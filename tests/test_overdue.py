from decimal import Decimal

from core.debts.entry import DebtRecord
from core.debts.overdue import delay_cost, delay_costs
from tests.factories import record

OVERDUE = record()
CURRENT = DebtRecord(name="卡", balance_cents=800_000, apr=Decimal(18), min_payment_cents=40_000)


def test_penalty_interest_by_the_day_and_the_fee_by_the_month():
    # 20,000 x 27.375 % / 365 = 15.00 a day
    assert delay_cost(OVERDUE, 1) == 1_500
    assert delay_cost(OVERDUE, 7) == 10_500
    assert delay_cost(OVERDUE, 30) == 45_000 + 5_000


def test_without_a_penalty_rate_the_normal_rate_runs_on():
    plain = DebtRecord(**{**OVERDUE.__dict__, "penalty_apr": None, "late_fee_cents": 0})
    assert delay_cost(plain, 1) == 1_000  # 20,000 x 18.25 % / 365


def test_a_debt_paid_on_time_costs_nothing_extra_and_totals_add_up():
    assert delay_cost(CURRENT, 30) == 0
    assert delay_costs([OVERDUE, CURRENT]) == {"day": 1_500, "week": 10_500, "month": 50_000}
