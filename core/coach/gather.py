"""The user's situation read from the store: the snapshot the rules decide on, the
monthly means a proposal is built from, and the letters about a stored debt."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import Engine

from core.categories.builtins import CATEGORY_KEYS
from core.coach.letters import (
    LETTER_KINDS,
    Letter,
    Means,
    complaint_letter,
    notice_request_letter,
    other_minimums,
    proposal_letter,
    propose,
    stop_third_party_letter,
)
from core.coach.log import current_contacts
from core.coach.quickfix import TERMS, quick_fix_term
from core.coach.situation import MonthTotals, QuickFix, Snapshot
from core.debts.entry import DebtRecord
from core.debts.store import list_debts
from core.errors import CoachError
from core.ledger import budget
from core.ledger.transactions import has_data
from core.models import Transaction
from core.money import round_half_up
from core.months import Month, next_month
from core.planner import minimums_due, plan
from core.planner.request import budget_with_repayments, make_request
from core.progress.balances import current
from core.progress.history import load
from core.progress.plans import followed_plan
from core.progress.tracking import check_plan, tracked
from core.reminders.store import missed_reminders

# Built-in categories that are not essential spending; everything else is counted as
# essential, uncategorised spending and the user's own categories included, so the
# figure a letter offers errs on the side of what the user can keep. Debt repayments
# are left out too: the other debts' minimums are counted on their own.
NOT_ESSENTIAL = frozenset({"shopping", "entertainment", "gifts", "debt"})
QUICK_FIXES_SHOWN = 10


def _last_month(engine: Engine, profile_id: int, today: dt.date) -> MonthTotals | None:
    wanted = Month.current(today) - 1
    for m in budget.monthly(engine, profile_id):
        if m.month == wanted:
            return MonthTotals(m.month, m.income, m.spending)
    return None


def quick_fixes(engine: Engine, profile_id: int, debts: list[DebtRecord]) -> list[QuickFix]:
    """Debts, then the latest transactions, whose text names a quick-fix service."""
    found = [
        QuickFix("debt", d.name, term)
        for d in debts
        if (term := quick_fix_term(f"{d.name} {d.lender}")) is not None
    ]
    x = Transaction.__table__.c
    named = [
        column.icontains(term, autoescape=True)
        for term in TERMS
        for column in (x.description, x.counterparty)
    ]
    query = (
        sa.select(x.date, x.description, x.counterparty, x.amount_cents)
        .where(x.profile_id == profile_id, sa.or_(*named))
        .order_by(x.date.desc(), x.id.desc())
        .limit(QUICK_FIXES_SHOWN)
    )
    with engine.connect() as conn:
        for date, description, counterparty, amount in conn.execute(query):
            text = " ".join(part for part in (counterparty, description) if part)
            term = quick_fix_term(text)
            if term is not None:
                found.append(QuickFix("transaction", text, term, date, int(amount)))
    return found


def _plan_figures(
    engine: Engine, profile_id: int, owing: list[DebtRecord], today: dt.date
) -> tuple[int | None, int, bool | None]:
    """(what a month leaves for debts, the minimums, whether a plan at that budget
    clears) as the plan page starts: the average surplus plus the repayments already
    counted in spending. Without full months there is no budget to judge."""
    if not owing:
        return None, 0, None
    request = make_request(
        owing,
        budget.average_surplus(engine, profile_id, today),
        "avalanche",
        start=next_month(today),
    )
    minimums = minimums_due(request.debts, request.start)
    if request.budget_source != "average_surplus":
        return None, minimums, None
    repaid = budget.average_debt_payments(engine, profile_id, today)
    available = budget_with_repayments(request, repaid) or request.budget
    if available < minimums:
        return available, minimums, None
    return available, minimums, plan(request.debts, "avalanche", available, request.start).feasible


def snapshot(engine: Engine, profile_id: int, today: dt.date | None = None) -> Snapshot:
    today = today or dt.date.today()
    debts = list_debts(engine, profile_id)
    owing = [d for d in debts if d.balance_cents > 0]
    available, minimums, clears = _plan_figures(engine, profile_id, owing, today)
    return Snapshot(
        today=today,
        debts=tuple(debts),
        has_records=has_data(engine, profile_id),
        last_month=_last_month(engine, profile_id, today),
        budget=available,
        minimums=minimums,
        plan_clears=clears,
        contacts=tuple(current_contacts(engine, profile_id)),
        quick_fixes=tuple(quick_fixes(engine, profile_id, debts)),
        missed_payments=missed_payments(engine, profile_id, today),
        stalled=stalled(engine, profile_id, today),
    )


def missed_payments(engine: Engine, profile_id: int, today: dt.date) -> tuple[str, ...]:
    """Debts whose due date passed with no payment recorded (the reminders' missed flags,
    dismissed ones left out), each named once."""
    names = (m.reminder.debt_name for m in missed_reminders(engine, profile_id, today))
    return tuple(dict.fromkeys(name for name in names if name))


def stalled(engine: Engine, profile_id: int, today: dt.date) -> tuple[str, ...]:
    """The debts still owed under the followed plan when the user has fallen behind it."""
    adopted = followed_plan(engine, profile_id)
    if adopted is None:
        return ()
    histories = load(engine, profile_id)
    if check_plan(histories, adopted, today).verdict != "behind":
        return ()
    return tuple(h.record.name for h in tracked(histories, today) if current(h, today) > 0)


def _essential(frame, names: set[str]) -> int:
    return int(frame.loc[~frame["category"].isin(names), "spending"].sum())


def means(engine: Engine, profile_id: int, debt: DebtRecord, today: dt.date | None = None) -> Means:
    """Average income and essential spending over the full months the budget averages,
    and what the other debts ask for each month. Zero income without records."""
    months = budget.budget_figures(engine, profile_id, today).averaged
    others = other_minimums(debt, list_debts(engine, profile_id))
    if not months:
        return Means(0, 0, others, ())
    labels = [m.month for m in months]
    frame = budget.spending_by_category(engine, profile_id, labels)
    optional = {name for name, key in CATEGORY_KEYS.items() if key in NOT_ESSENTIAL}
    count = Decimal(len(months))
    return Means(
        income=round_half_up(sum(Decimal(m.income) for m in months) / count),
        essentials=round_half_up(Decimal(_essential(frame, optional)) / count),
        other_minimums=others,
        months=tuple(labels),
    )


def find_debt(engine: Engine, profile_id: int, name: str) -> DebtRecord:
    """The active debt called `name`; CoachError listing the names there are."""
    debts = list_debts(engine, profile_id)
    if not debts:
        raise CoachError("letters.no_debts")
    for debt in debts:
        if debt.name == name.strip():
            return debt
    names = "、".join(f"“{d.name}”" for d in debts)
    raise CoachError("letters.unknown_debt", name=name, names=names)


def letter_for(
    engine: Engine,
    profile_id: int,
    kind: str,
    name: str,
    lang: str,
    today: dt.date | None = None,
    *,
    card: bool | None = None,
) -> Letter:
    """Letter `kind` about the debt called `name`, from the user's budget and log."""
    if kind not in LETTER_KINDS:
        raise CoachError("letters.unknown_kind", value=kind, kinds=", ".join(LETTER_KINDS))
    debt = find_debt(engine, profile_id, name)
    today = today or dt.date.today()
    if kind == "proposal":
        funds = means(engine, profile_id, debt, today)
        offer = propose(debt, funds, card=card, start=next_month(today))
        return proposal_letter(offer, today, lang)
    if kind == "notice_request":
        return notice_request_letter(debt, today, lang)
    contacts = current_contacts(engine, profile_id)
    if kind == "stop_third_party":
        return stop_third_party_letter(debt, contacts, today, lang)
    return complaint_letter(debt, contacts, today, lang)
