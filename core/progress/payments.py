"""Recording payments and statement balances, and voiding a payment: checked first,
nothing written when a field is wrong.

A write is checked against the debt's whole history by the balance rule: a payment
may not be more than was owed when it was made, nor leave a later payment paying more
than would then be owed; the same holds for a confirmed balance and the payments
after it. Every successful write looks for milestones newly reached.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Engine

from core.db import session_scope
from core.errors import CoachError
from core.i18n import t
from core.models import BalanceAnchor
from core.models import Payment as PaymentRow
from core.money import MAX_YUAN, format_cents, parse_cents
from core.progress import milestones
from core.progress.balances import (
    Anchor,
    DebtHistory,
    Payment,
    current,
    overpaid,
    replay,
)
from core.progress.history import (
    PAYMENT,
    load,
    local_day,
    now_utc,
    payment_from_row,
)

MAX_NOTE = 500


class PaymentInvalid(CoachError):
    """One field of a payment or a confirmed balance is impossible: the message names it."""

    def __init__(self, field: str, key: str, **params: object) -> None:
        self.field = field
        super().__init__(key, **params)

    def message(self, lang: str = "en") -> str:
        return t(
            "progress.invalid",
            lang,
            field=t(f"progress.field_{self.field}", lang),
            reason=t(self.key, lang, **self.params),
        )


@dataclass(frozen=True)
class Recorded:
    """What a write did: the row's id, the debt's balance now, milestones just reached."""

    id: int
    balance: int
    reached: list[milestones.Reached]


def parse_amount(text: str, *, zero_allowed: bool = False) -> int:
    """Cents from an amount as typed (¥1,260.00); PaymentInvalid naming `amount`."""
    cents = parse_cents(str(text))
    if cents is None:
        raise PaymentInvalid("amount", "progress.reason_number", value=text)
    _check_amount(cents, zero_allowed=zero_allowed)
    return cents


def _check_amount(cents: int, *, zero_allowed: bool) -> None:
    if cents < 0 or (cents == 0 and not zero_allowed):
        raise PaymentInvalid(
            "amount", "progress.reason_not_negative" if zero_allowed else "progress.reason_positive"
        )
    if cents >= MAX_YUAN * 100:
        raise PaymentInvalid("amount", "progress.reason_too_large")


def parse_day(text: str) -> dt.date:
    """A day written YYYY-MM-DD; PaymentInvalid naming `date`."""
    try:
        return dt.date.fromisoformat(unicodedata.normalize("NFKC", str(text)).strip())
    except ValueError as exc:
        raise PaymentInvalid("date", "progress.reason_date", value=text) from exc


def find_debt(histories: list[DebtHistory], name: str) -> DebtHistory:
    """The active debt called `name` (names are unique among active debts)."""
    wanted = unicodedata.normalize("NFKC", name).strip()
    for history in histories:
        if not history.record.archived and history.record.name == wanted:
            return history
    raise PaymentInvalid("debt", "progress.reason_unknown_debt", name=name)


def _owned(histories: list[DebtHistory], debt_id: int) -> DebtHistory:
    for history in histories:
        if history.record.id == debt_id and not history.record.archived:
            return history
    raise PaymentInvalid("debt", "progress.reason_no_debt", id=debt_id)


def _check_day(history: DebtHistory, day: dt.date, today: dt.date) -> None:
    if day > today:
        raise PaymentInvalid("date", "progress.reason_future", today=today.isoformat())
    if day < history.added.day:
        raise PaymentInvalid(
            "date", "progress.reason_before_debt", added=history.added.day.isoformat()
        )


def _check_history(
    before: DebtHistory, after: DebtHistory, new: Payment | None, today: dt.date
) -> None:
    """PaymentInvalid naming `amount` if `after` has a payment paying more than was owed
    that `before` did not have."""
    days = [today, *(a.day for a in after.anchors), *(p.day for p in after.payments)]
    until = max(days)  # every entry, also those dated after the moment being checked
    known = {s.ref for s in overpaid(replay(before, until))}
    for step in overpaid(replay(after, until)):
        if step.ref in known:
            continue
        owed = step.balance + step.amount
        if new is not None and step.ref == new.id:
            raise PaymentInvalid(
                "amount",
                "progress.reason_more_than_owed",
                owed=format_cents(max(owed, 0)),
                date=step.day.isoformat(),
            )
        raise PaymentInvalid(
            "amount",
            "progress.reason_later_payment",
            paid=format_cents(step.amount),
            date=step.day.isoformat(),
        )


def record_payment(
    engine: Engine,
    profile_id: int,
    debt_id: int,
    day: dt.date,
    amount: int,
    note: str = "",
    *,
    transaction_id: int | None = None,
    now: dt.datetime | None = None,
) -> Recorded:
    now = now or now_utc()
    today = local_day(now)
    histories = load(engine, profile_id)
    history = _owned(histories, debt_id)
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise PaymentInvalid("note", "progress.reason_too_long", max=MAX_NOTE)
    _check_amount(amount, zero_allowed=False)
    _check_day(history, day, today)
    trial = Payment(id=-1, day=day, recorded=now, amount=amount)
    after = history.with_payment(trial)
    _check_history(history, after, trial, today)
    row = PaymentRow(
        profile_id=profile_id,
        debt_id=debt_id,
        date=day,
        amount_cents=amount,
        note=note,
        transaction_id=transaction_id,
        created_at=now,
    )
    return _recorded(engine, profile_id, row, after, now)


def confirm_balance(
    engine: Engine,
    profile_id: int,
    debt_id: int,
    day: dt.date,
    balance: int,
    *,
    now: dt.datetime | None = None,
) -> Recorded:
    """The balance on a statement becomes the debt's new anchor from `day` on."""
    now = now or now_utc()
    today = local_day(now)
    history = _owned(load(engine, profile_id), debt_id)
    _check_amount(balance, zero_allowed=True)
    _check_day(history, day, today)
    after = history.with_anchor(Anchor(day, now, balance, id=-1))
    _check_history(history, after, None, today)
    row = BalanceAnchor(
        profile_id=profile_id, debt_id=debt_id, date=day, balance_cents=balance, created_at=now
    )
    return _recorded(engine, profile_id, row, after, now)


def _recorded(
    engine: Engine,
    profile_id: int,
    row: PaymentRow | BalanceAnchor,
    after: DebtHistory,
    now: dt.datetime,
) -> Recorded:
    """Save `row`; what the debt owes now that it is written, and any milestone reached."""
    with session_scope(engine, writes_to=profile_id) as session:
        session.add(row)
        session.flush()
        assert row.id is not None
        new_id = row.id
    return Recorded(
        new_id, current(after, local_day(now)), milestones.record_reached(engine, profile_id, now)
    )


def void_payment(
    engine: Engine,
    profile_id: int,
    payment_id: int,
    note: str = "",
    *,
    now: dt.datetime | None = None,
) -> None:
    """Mark a payment void: it stays listed, with when and why, and counts for nothing.
    A linked transaction is free to be linked again."""
    note = note.strip()
    if len(note) > 200:
        raise PaymentInvalid("void_note", "progress.reason_too_long", max=200)
    with session_scope(engine, writes_to=profile_id) as session:
        row = session.get(PaymentRow, payment_id) if 0 < payment_id < 2**31 else None
        if row is None or row.profile_id != profile_id or row.voided_at is not None:
            raise CoachError("progress.no_payment", id=payment_id)
        row.voided_at = now or now_utc()
        row.void_note = note


def payments_since(engine: Engine, profile_id: int, debt_id: int, since: dt.date) -> list[Payment]:
    """The debt's payments dated on or after `since`, not voided, oldest first: whether
    a payment was made for a due date (the reminders ask this)."""
    query = (
        sa.select(PAYMENT)
        .where(
            PAYMENT.c.profile_id == profile_id,
            PAYMENT.c.debt_id == debt_id,
            PAYMENT.c.date >= since,
            PAYMENT.c.voided_at.is_(None),
        )
        .order_by(PAYMENT.c.date, PAYMENT.c.created_at)
    )
    with engine.connect() as conn:
        return [payment_from_row(row) for row in conn.execute(query)]
