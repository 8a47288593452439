"""Imported transactions as payments: likely links proposed, one click to confirm.

A transaction is proposed for a debt when money went out on or after the day the debt
was added and either the debt's name or its lender appears in the transaction's text,
or the transaction is a repayment (category 还款, or a repayment word in its text) of
about the debt's minimum (within 20 %). A debt paid off is proposed no more. When
several debts fit equally well, all are offered and the user chooses.

Confirming records a payment from the transaction (its day, its amount) or, when a
payment of that amount was already entered by hand within three days, attaches the
transaction to it instead of counting the money twice. The transaction itself is not
changed: it keeps counting in the budget as it did.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from core.db import session_scope
from core.errors import CoachError
from core.ledger.budget import DEBT_CATEGORY
from core.models import Category, LinkDismissal, Transaction
from core.models import Payment as PaymentRow
from core.progress.balances import DebtHistory, current
from core.progress.history import PAYMENT, load, local_day, now_utc
from core.progress.payments import MAX_NOTE, Recorded, record_payment

TX = Transaction.__table__
CATEGORY = Category.__table__
DISMISSAL = LinkDismissal.__table__
REPAYMENT_WORDS = ("还款", "还贷", "repay", "loan payment")
NEAR_MINIMUM = (8, 12)  # within 20 % of the minimum: 8/10 to 12/10 of it
SAME_PAYMENT_DAYS = 3
WEIGHTS = {"name": 4, "lender": 4, "category": 2, "words": 2, "amount": 1}


@dataclass(frozen=True)
class Line:
    """An imported transaction as the matcher reads it; `amount` is cents paid out."""

    id: int
    day: dt.date
    amount: int
    description: str
    counterparty: str
    source_category: str
    category: str | None

    @property
    def text(self) -> str:
        joined = " ".join((self.description, self.counterparty, self.source_category))
        return unicodedata.normalize("NFKC", joined).casefold()

    def note(self) -> str:
        """What the payment made from it says: the line's own words, once each."""
        parts = [self.source_category, self.description, self.counterparty]
        words = [p.strip() for p in parts if p.strip() and p.strip() != "/"]
        return " · ".join(dict.fromkeys(words))[:MAX_NOTE]


@dataclass(frozen=True)
class Candidate:
    """A debt a line may have paid, why (`reasons`: name, lender, category, words,
    amount), and the payment entered by hand it matches, if any."""

    debt_id: int
    name: str
    reasons: tuple[str, ...]
    payment_id: int | None = None

    @property
    def score(self) -> int:
        return sum(WEIGHTS[r] for r in self.reasons)


@dataclass(frozen=True)
class Proposal:
    line: Line
    candidates: list[Candidate]

    @property
    def unsure(self) -> bool:
        """Two debts fit equally well: the user has to choose."""
        c = self.candidates
        return len(c) > 1 and c[0].score == c[1].score


def _found(needle: str, text: str) -> bool:
    needle = unicodedata.normalize("NFKC", needle).strip().casefold()
    return len(needle) >= 2 and needle in text


def _reasons(line: Line, history: DebtHistory) -> tuple[str, ...]:
    text, record = line.text, history.record
    reasons = [
        reason
        for reason, present in (
            ("name", _found(record.name, text)),
            ("lender", _found(record.lender, text) and not _found(record.name, text)),
            ("category", line.category == DEBT_CATEGORY),
            ("words", line.category != DEBT_CATEGORY and any(w in text for w in REPAYMENT_WORDS)),
        )
        if present
    ]
    low, high = NEAR_MINIMUM
    minimum = record.min_payment_cents
    if minimum and low * minimum <= 10 * line.amount <= high * minimum:
        reasons.append("amount")
    named = "name" in reasons or "lender" in reasons
    repayment = "category" in reasons or "words" in reasons
    return tuple(reasons) if named or (repayment and "amount" in reasons) else ()


def _same_payment(line: Line, history: DebtHistory) -> int | None:
    """A live payment entered by hand, of the same amount, within three days of the line."""
    for p in history.live_payments():
        near = abs((p.day - line.day).days) <= SAME_PAYMENT_DAYS
        if p.transaction_id is None and p.amount == line.amount and near:
            return p.id
    return None


def propose(lines: list[Line], histories: list[DebtHistory], today: dt.date) -> list[Proposal]:
    """Proposals for `lines` (not yet linked or dismissed), newest first."""
    proposals = []
    for line in lines:
        candidates = []
        for history in histories:
            if history.record.archived or line.day < history.added.day or line.day > today:
                continue
            reasons = _reasons(line, history)
            same = _same_payment(line, history) if reasons else None
            if reasons and (same is not None or current(history, today) > 0):
                candidates.append(Candidate(history.record.id, history.record.name, reasons, same))
        if candidates:
            candidates.sort(key=lambda c: -c.score)  # stable: ties keep the debts' order
            proposals.append(Proposal(line, candidates))
    proposals.sort(key=lambda p: (p.line.day, p.line.id), reverse=True)
    return proposals


def proposals(engine: Engine, profile_id: int, today: dt.date | None = None) -> list[Proposal]:
    """Likely links among the profile's imported transactions."""
    today = today or local_day(now_utc())
    histories = load(engine, profile_id)
    active = [h for h in histories if not h.record.archived]
    if not active:
        return []
    x, c = TX.c, CATEGORY.c
    linked = sa.select(PAYMENT.c.transaction_id).where(
        PAYMENT.c.profile_id == profile_id,
        PAYMENT.c.voided_at.is_(None),
        PAYMENT.c.transaction_id.is_not(None),
    )
    dismissed = sa.select(DISMISSAL.c.transaction_id).where(DISMISSAL.c.profile_id == profile_id)
    query = (
        sa.select(
            x.id, x.date, x.amount_cents, x.description, x.counterparty, x.source_category, c.name
        )
        .select_from(TX.outerjoin(CATEGORY, c.id == x.category_id))
        .where(
            x.profile_id == profile_id,
            x.amount_cents < 0,
            x.kind.in_(("expense", "transfer")),
            x.date >= min(h.added.day for h in active),
            x.date <= today,
            x.id.not_in(linked),
            x.id.not_in(dismissed),
        )
    )
    with engine.connect() as conn:
        lines = [
            Line(row[0], row[1], -row[2], row[3], row[4], row[5], row[6])
            for row in conn.execute(query)
        ]
    return propose(lines, active, today)


def link(
    engine: Engine,
    profile_id: int,
    transaction_id: int,
    debt_id: int,
    *,
    payment_id: int | None = None,
    now: dt.datetime | None = None,
) -> Recorded:
    """Record the transaction as a payment to the debt, or attach it to `payment_id`,
    the same payment entered by hand. CoachError when it is not the profile's, brought
    no money out, or already pays a debt."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(TX).where(TX.c.id == transaction_id, TX.c.profile_id == profile_id)
        ).first()
    if row is None:
        raise CoachError("progress.no_transaction", id=transaction_id)
    if row.amount_cents >= 0:
        raise CoachError("progress.not_outgoing")
    line = Line(row.id, row.date, -row.amount_cents, row.description, row.counterparty,
                row.source_category, None)  # fmt: skip
    try:
        if payment_id is None:
            return record_payment(
                engine,
                profile_id,
                debt_id,
                line.day,
                line.amount,
                line.note(),
                transaction_id=transaction_id,
                now=now,
            )
        return _attach(engine, profile_id, debt_id, payment_id, transaction_id, now)
    except IntegrityError as exc:
        raise CoachError("progress.already_linked") from exc


def _attach(
    engine: Engine,
    profile_id: int,
    debt_id: int,
    payment_id: int,
    transaction_id: int,
    now: dt.datetime | None,
) -> Recorded:
    with session_scope(engine, writes_to=profile_id) as session:
        row = session.get(PaymentRow, payment_id) if 0 < payment_id < 2**31 else None
        if (
            row is None
            or (row.profile_id, row.debt_id) != (profile_id, debt_id)
            or row.voided_at is not None
            or row.transaction_id is not None
        ):
            raise CoachError("progress.no_payment", id=payment_id)
        row.transaction_id = transaction_id
    today = local_day(now or now_utc())
    balance = next(current(h, today) for h in load(engine, profile_id) if h.record.id == debt_id)
    return Recorded(payment_id, balance, [])


def dismiss(engine: Engine, profile_id: int, transaction_id: int) -> None:
    """The transaction is not a payment to any debt: propose it no more."""
    try:
        with session_scope(engine, writes_to=profile_id) as session:
            found = session.get(Transaction, transaction_id) if 0 < transaction_id < 2**31 else None
            if found is None or found.profile_id != profile_id:
                raise CoachError("progress.no_transaction", id=transaction_id)
            session.add(
                LinkDismissal(
                    profile_id=profile_id, transaction_id=transaction_id, created_at=now_utc()
                )
            )
    except IntegrityError:  # dismissed already: nothing more to do
        pass
