"""Reading a profile's debts with their anchors and payments, in one pass."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import sqlalchemy as sa
from sqlalchemy import Engine

from core.debts.entry import DebtRecord
from core.debts.store import list_debts
from core.models import BalanceAnchor, Debt
from core.models import Payment as PaymentRow
from core.progress.balances import Anchor, DebtHistory, Payment, current

DEBT = Debt.__table__
ANCHOR = BalanceAnchor.__table__
PAYMENT = PaymentRow.__table__


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def local_day(moment: dt.datetime) -> dt.date:
    """The day a stored moment (UTC) falls on where the app runs, as `date.today()` sees it."""
    return moment.astimezone().date()


def load(engine: Engine, profile_id: int) -> list[DebtHistory]:
    """Every debt of the profile, archived ones too, in the order they were added."""
    records = list_debts(engine, profile_id, include_archived=True)
    with engine.connect() as conn:
        added = {
            row.id: row.created_at
            for row in conn.execute(
                sa.select(DEBT.c.id, DEBT.c.created_at).where(_mine(DEBT, profile_id))
            )
        }
        anchors = conn.execute(
            sa.select(ANCHOR).where(_mine(ANCHOR, profile_id)).order_by(ANCHOR.c.id)
        ).all()
        payments = conn.execute(
            sa.select(PAYMENT).where(_mine(PAYMENT, profile_id)).order_by(PAYMENT.c.id)
        ).all()
    histories = []
    for record in records:
        created = added[record.id]
        first = Anchor(local_day(created), created, record.balance_cents)
        histories.append(
            DebtHistory(
                record=record,
                anchors=(first, *(_anchor(a) for a in anchors if a.debt_id == record.id)),
                payments=tuple(payment_from_row(p) for p in payments if p.debt_id == record.id),
            )
        )
    return histories


def current_records(
    engine: Engine, profile_id: int, today: dt.date | None = None
) -> list[DebtRecord]:
    """The active debts, each with what it owes today by the balance rule (interest
    since it was added or last confirmed, less payments): what a new plan starts from."""
    today = today or local_day(now_utc())
    records = []
    for h in load(engine, profile_id):
        if h.record.archived:
            continue
        balance = max(current(h, today), 0)
        records.append(
            replace(h.record, balance_cents=balance, overdue_amount_cents=_arrears_left(h, balance))
        )
    return records


def _arrears_left(history: DebtHistory, balance: int) -> int:
    """The overdue amount still due: what the debt was stated with, less every payment
    recorded since (a payment to an overdue debt clears its arrears first), never more
    than it owes now."""
    paid = sum(p.amount for p in history.payments if p.voided_at is None)
    return max(0, min(history.record.overdue_amount_cents - paid, balance))


def _mine(table: sa.Table, profile_id: int) -> sa.ColumnElement[bool]:
    return table.c.profile_id == profile_id


def _anchor(row: sa.Row) -> Anchor:
    return Anchor(row.date, row.created_at, row.balance_cents, row.id)


def payment_from_row(row: sa.Row) -> Payment:
    return Payment(
        id=row.id,
        day=row.date,
        recorded=row.created_at,
        amount=row.amount_cents,
        note=row.note,
        transaction_id=row.transaction_id,
        voided_at=row.voided_at,
        void_note=row.void_note,
    )
