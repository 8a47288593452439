"""What the outside world sees as JSON: one home for every shape the command line
prints, so a key is named, and money written, the same way everywhere.

Money is always a decimal string with two places (`format_cents`), never a float;
months are 'YYYY-MM'; a figure that does not exist is null.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from core.coach.cards import title as card_title
from core.coach.contacts import ContactRecord, latest_versions, time_flags
from core.coach.rules import Advice, why_text
from core.debts.entry import DebtRecord, rate_text
from core.debts.overdue import days_overdue
from core.ledger.budget import BudgetFigures
from core.money import format_cents
from core.planner import Comparison, PlanResult, Saving, SplitPlan, Timeline
from core.planner.request import PlanRequest
from core.reminders.due import Due, Missed
from core.reminders.occurrences import on_or_after
from core.reminders.reminder import ReminderRecord, time_text

if TYPE_CHECKING:  # progress keeps its plans as this module's JSON: no import back
    from core.progress.tracking import Figures, Progress


def budget_json(figures: BudgetFigures) -> dict:
    """Month by month and the three-month average (null if there is none), with the
    window's months and those of them without records (counted as nothing)."""
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
        "average_empty_months": list(figures.empty),
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


def progress_json(figures: Progress) -> dict:
    """The contract: money as decimal strings, percent a number from 0 to 100."""

    def shape(f: Figures) -> dict:
        return {
            "start": format_cents(f.start),
            "paid": format_cents(f.paid),
            "remaining": format_cents(f.remaining),
            "percent": float(f.percent),
        }

    return {
        "debts": [{"name": d.name, **shape(d)} for d in figures.debts],
        "total": shape(figures.total),
    }


# --- coach (issue 9): the advice and the collection contact log ------------------------


def advice_json(found: list[Advice], lang: str) -> dict:
    """`{"advice": [{"key", "title", "why"}]}`, most urgent first; `why` holds one
    reason a line."""
    return {
        "advice": [
            {"key": a.key, "title": card_title(a.key, lang), "why": why_text(a, lang)}
            for a in found
        ]
    }


def _contact_version(record: ContactRecord) -> dict[str, object]:
    return {
        "version": record.version,
        "when": record.when.strftime("%Y-%m-%d %H:%M"),
        "kind": record.kind,
        "place": record.place,
        "collector": record.collector,
        "company": record.company,
        "id_shown": record.id_shown,
        "id_number": record.id_number,
        "phone": record.phone,
        "notice_given": record.notice_given,
        "said": record.said,
        "witness": record.witness,
        "witness_name": record.witness_name,
        "follow_up": record.follow_up,
        "flags": list(record.flags),
        "recorded_at": record.recorded_at.isoformat() if record.recorded_at else None,
    }


def contacts_json(versions: list[ContactRecord]) -> list[dict]:
    """Each contact by time: its latest version's fields, the flags its time shows, and
    every version recorded (the log is evidence: nothing is left out)."""
    latest = latest_versions(versions)
    derived = time_flags(latest)
    return [
        {
            "entry": r.entry,
            **_contact_version(r),
            "time_flags": list(derived.get(r.entry, ())),
            "versions": [_contact_version(v) for v in versions if v.entry == r.entry],
        }
        for r in latest
    ]


# --- Monthly reminders (issue #8): `remind list --json` and `remind due --json`; dates
# 'YYYY-MM-DD', times 'HH:MM' in the user's time zone.


def reminder_json(r: ReminderRecord, today: dt.date) -> dict[str, object]:
    return {
        "id": r.id,
        "title": r.title,
        "day": r.day,
        "time": time_text(r.time),
        "debt": r.debt_name,
        "note": r.note,
        "active": r.active,
        "next": on_or_after(r.day, max(today, r.starts)).isoformat() if r.active else None,
    }


def due_json(d: Due) -> dict[str, object]:
    r = d.reminder
    return {
        "id": r.id,
        "title": r.title,
        "date": d.on.isoformat(),
        "time": time_text(r.time),
        "debt": r.debt_name,
        "note": r.note,
    }


def missed_json(m: Missed) -> dict[str, object]:
    r = m.reminder
    return {
        "id": r.id,
        "title": r.title,
        "debt": r.debt_name,
        "due_date": m.due_on.isoformat(),
        "since": m.since.isoformat(),
    }
