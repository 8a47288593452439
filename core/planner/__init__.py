"""The payoff planner: pure functions from debts and a budget to a month-by-month plan.

Money is integer cents, rates are Decimal APR percent, months are 'YYYY-MM'.
"""

from core.planner.compare import Comparison, Saving, compare
from core.planner.debts import Debt, apr_from_daily, daily_from_apr
from core.planner.rates import HORIZON
from core.planner.result import DebtOutcome, PlanResult, Problem, ScheduleRow
from core.planner.simulation import minimum_only, minimums_due, plan
from core.planner.split import Offer, SplitPlan, Timeline, split_plan
from core.planner.strategies import STRATEGIES
from core.planner.timeline import Focus, first_payments, focus_timeline
from core.planner.triage import Priority, triage
from core.planner.whatif import ExtraEffect, budget_needed, effect_of_extra

__all__ = [
    "HORIZON",
    "STRATEGIES",
    "Comparison",
    "Debt",
    "DebtOutcome",
    "ExtraEffect",
    "Focus",
    "Offer",
    "PlanResult",
    "Priority",
    "Problem",
    "Saving",
    "ScheduleRow",
    "SplitPlan",
    "Timeline",
    "apr_from_daily",
    "budget_needed",
    "compare",
    "daily_from_apr",
    "effect_of_extra",
    "first_payments",
    "focus_timeline",
    "minimum_only",
    "minimums_due",
    "plan",
    "split_plan",
    "triage",
]
