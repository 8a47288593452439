"""What the outside world sees as JSON: one home for every shape the command line
prints, so a key is named, and money written, the same way everywhere.

Money is always a decimal string with two places (`format_cents`), never a float;
months are 'YYYY-MM'; a figure that does not exist is null.
"""

from __future__ import annotations

from core.debts.entry import DebtRecord, rate_text
from core.debts.overdue import days_overdue
from core.ledger.budget import BudgetFigures
from core.money import format_cents
from core.planner import Comparison, PlanResult, Saving, SplitPlan, Timeline
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
        "kind": debt.kind,
        "overdue_amount": format_cents(debt.overdue_amount_cents),
        "days_overdue": days_overdue(debt),
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


def plan_request_json(
    request: PlanRequest, comparison: Comparison, split: SplitPlan | None = None
) -> dict:
    """The contract keys from plan_to_json, plus the inputs and the side-by-side view,
    and, when the budget is below the minimums, the fair `split`."""
    chosen = comparison.plans[comparison.chosen]
    out = {
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
        "budget_from": {m: format_cents(c) for m, c in sorted(request.budget_from.items())},
    }
    if split is not None:
        out["split"] = split_json(split)
    return out


def split_json(split: SplitPlan) -> dict:
    """`debts` in triage order (what to pay each lender this month and what to ask it
    to accept less by), then where the split leads if the lenders agree or refuse:
    `months` and `debt_free` are null when that timeline never clears."""
    return {
        "debts": [
            {
                "name": offer.name,
                "minimum": format_cents(offer.minimum),
                "offer": format_cents(offer.offer),
                "ask_reduction": format_cents(offer.ask),
                "arrears": format_cents(offer.arrears),
                "kind": offer.kind,
                "triage": {
                    "reason": offer.priority.reason,
                    "apr": rate_text(offer.priority.apr),
                    "cost_per_day": format_cents(offer.priority.cost_per_day),
                },
            }
            for offer in split.offers
        ],
        "accepted": _timeline_json(split.accepted),
        "refused": _timeline_json(split.refused),
        "budget": format_cents(split.budget),
        "due": format_cents(split.due),
        "token": format_cents(split.token),
        "cost_of_refusal": None
        if split.cost_of_refusal is None
        else format_cents(split.cost_of_refusal),
    }


def _timeline_json(timeline: Timeline) -> dict:
    """Totals cover the months simulated when the timeline never clears."""
    return {
        "months": timeline.months if timeline.feasible else None,
        "debt_free": timeline.debt_free,
        "total_interest": format_cents(timeline.total_interest),
        "total_paid": format_cents(timeline.total_paid),
        "switch_month": timeline.switch,
        "never": None
        if timeline.never is None
        else {"reason": timeline.never, "debt": timeline.stuck},
    }
