"""What the outside world sees as JSON: one home for every shape the command line
prints, so a key is named, and money written, the same way everywhere.

Money is always a decimal string with two places (`format_cents`), never a float;
months are 'YYYY-MM'; a figure that does not exist is null.
"""

from __future__ import annotations

from core.debts.entry import DebtRecord, rate_text
from core.ledger.budget import BudgetFigures
from core.money import format_cents
from core.planner import Comparison, PlanResult, Saving
from core.planner.request import PlanRequest


def budget_json(figures: BudgetFigures) -> dict:
    """Month by month and the three-month average (null if there is none)."""
    average = figures.average_surplus
    return {
        "months": [
            {
                "month": f.month,
                "income": format_cents(f.income),
                "spending": format_cents(f.spending),
                "surplus": format_cents(f.surplus),
            }
            for f in figures.months
        ],
        "average_surplus": None if average is None else format_cents(average),
        "average_months": [f.month for f in figures.averaged],
    }


def debt_json(debt: DebtRecord) -> dict[str, object]:
    def rate(value: object) -> str | None:
        return None if value is None else rate_text(value)  # type: ignore[arg-type]

    return {
        "id": debt.id,
        "name": debt.name,
        "lender": debt.lender,
        "balance": format_cents(debt.balance_cents),
        "apr": rate(debt.apr),
        "min_payment": format_cents(debt.min_payment_cents),
        "due_day": debt.due_day,
        "overdue": debt.overdue,
        "overdue_since": debt.overdue_since.isoformat() if debt.overdue_since else None,
        "penalty_apr": rate(debt.penalty_apr),
        "late_fee": format_cents(debt.late_fee_cents),
        "promo_apr": rate(debt.promo_apr),
        "promo_end": debt.promo_end,
        "archived": debt.archived,
    }


def plan_to_json(result: PlanResult) -> dict:
    out: dict = {
        "feasible": result.feasible,
        "months": result.months,
        "total_interest": format_cents(result.total_interest),
        "total_paid": format_cents(result.total_paid),
        "debt_free": result.debt_free,
        "order": list(result.order),
        "debts": [
            {
                "name": d.name,
                "payoff_month": d.payoff_month,
                "interest": format_cents(d.interest),
                "paid": format_cents(d.paid),
            }
            for d in result.debts
        ],
        "schedule": [
            {
                "month": row.month,
                "debt": row.debt,
                "interest": format_cents(row.interest),
                "fee": format_cents(row.fee),
                "payment": format_cents(row.payment),
                "balance": format_cents(row.balance),
            }
            for row in result.schedule
        ],
    }
    if result.shortfall is not None:
        out["shortfall"] = format_cents(result.shortfall)
    if result.problem is not None:
        out["problem"] = {
            "kind": result.problem.kind,
            "debt": result.problem.debt,
            "amount": format_cents(result.problem.amount),
        }
    return out


def _saving(saving: Saving | None) -> dict | None:
    if saving is None:
        return None
    return {"months": saving.months, "interest": format_cents(saving.interest)}


def plan_request_json(request: PlanRequest, comparison: Comparison) -> dict:
    """The contract keys from plan_to_json, plus the inputs and the side-by-side view."""
    chosen = comparison.plans[comparison.chosen]
    return {
        **plan_to_json(chosen),
        "strategy": comparison.chosen,
        "budget": format_cents(request.budget),
        "budget_source": request.budget_source,
        "start": request.start,
        "extras": {month: format_cents(c) for month, c in sorted(request.extras.items())},
        "comparison": {
            name: {
                "feasible": result.feasible,
                "months": result.months,
                "debt_free": result.debt_free,
                "total_interest": format_cents(result.total_interest),
                "total_paid": format_cents(result.total_paid),
            }
            for name, result in comparison.plans.items()
        },
        "saves_versus_minimum": _saving(comparison.versus_minimum),
        "saves_versus_" + comparison.other: _saving(comparison.versus_other),
    }
