"""Debts in the store: kept per profile, archived rather than deleted."""

from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core.db import session_scope
from core.debts.entry import DebtEntry, DebtInvalid, DebtRecord, validate
from core.errors import CoachError
from core.models import BalanceAnchor, Debt, Payment

DEBT = Debt.__table__


def _fields(row: Debt) -> dict[str, object]:
    return {k: getattr(row, k) for k in DebtEntry.__dataclass_fields__}


def _record(row: Debt) -> DebtRecord:
    return DebtRecord(**_fields(row), id=row.id or 0, archived=row.archived)


# One active debt per name per profile is the schema's rule (the partial unique index
# uq_debt_active_name), not a look before the write: two `debts add` at once both
# looked, found nothing, and stored the debt twice.
_ACTIVE = sa.text("NOT archived")


def _insert(session: Session, profile_id: int, entry: DebtEntry) -> int | None:
    """INSERT … ON CONFLICT DO NOTHING: the new id, or None when the profile already has
    an active debt of that name, stored a moment ago by someone else included."""
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = (
        insert(DEBT)
        .values(profile_id=profile_id, **asdict(entry))
        .on_conflict_do_nothing(index_elements=["profile_id", "name"], index_where=_ACTIVE)
        .returning(DEBT.c.id)
    )
    return session.execute(statement).scalar()


def _name_taken(exc: IntegrityError) -> bool:
    """Whether a refused write broke the one-active-name rule (SQLite names its columns)."""
    text = str(exc.orig)
    return "uq_debt_active_name" in text or "debt.profile_id, debt.name" in text


def add_debt(engine: Engine, profile_id: int, entry: DebtEntry) -> int:
    entry = validate(entry)
    with session_scope(engine, writes_to=profile_id) as session:
        added = _insert(session, profile_id, entry)
    if added is None:
        raise DebtInvalid("name", "debts.reason_name_taken", name=entry.name)
    return added


def add_debts(engine: Engine, profile_id: int, entries: list[DebtEntry]) -> tuple[int, int]:
    """All or nothing; a name already listed counts as a duplicate. Returns (added, duplicates)."""
    cleaned = [validate(e) for e in entries]
    with session_scope(engine, writes_to=profile_id) as session:
        added = sum(_insert(session, profile_id, entry) is not None for entry in cleaned)
    return added, len(cleaned) - added


def update_debt(engine: Engine, profile_id: int, debt_id: int, entry: DebtEntry) -> None:
    entry = validate(entry)
    try:
        with session_scope(engine, writes_to=profile_id) as session:
            row = _owned(session, profile_id, debt_id)
            for key, value in asdict(entry).items():
                setattr(row, key, value)
    except IntegrityError as exc:
        if not _name_taken(exc):
            raise
        raise DebtInvalid("name", "debts.reason_name_taken", name=entry.name) from None


def set_archived(engine: Engine, profile_id: int, debt_id: int, archived: bool = True) -> None:
    """Archive (paid off, or entered by mistake); nothing is ever silently deleted."""
    name = None
    try:
        with session_scope(engine, writes_to=profile_id) as session:
            row = _owned(session, profile_id, debt_id)
            name, row.archived = row.name, archived
    except IntegrityError as exc:
        if not _name_taken(exc):
            raise
        raise DebtInvalid("name", "debts.reason_name_taken", name=name) from None


def delete_unchanged(engine: Engine, profile_id: int, entries: list[DebtEntry]) -> int:
    """Delete active debts identical in every field to one of `entries`; returns how many.

    Only for taking back what the app itself put in (the sample debts): a debt
    the user has edited differs in some field and stays, and so does one the user
    recorded a payment or a statement balance against.
    """
    wanted = {validate(e) for e in entries}
    with session_scope(engine, writes_to=profile_id) as session:
        query = select(Debt).where(Debt.profile_id == profile_id, Debt.archived == False)  # noqa: E712
        used = {
            *session.exec(select(Payment.debt_id).where(Payment.profile_id == profile_id)),
            *session.exec(
                select(BalanceAnchor.debt_id).where(BalanceAnchor.profile_id == profile_id)
            ),
        }
        doomed = [
            row
            for row in session.exec(query)
            if row.id not in used and DebtEntry(**_fields(row)) in wanted
        ]
        for row in doomed:
            session.delete(row)
        return len(doomed)


def _owned(session, profile_id: int, debt_id: int) -> Debt:
    row = session.get(Debt, debt_id) if 0 < debt_id < 2**63 else None
    if row is None or row.profile_id != profile_id:
        raise CoachError("debts.not_found", id=debt_id)
    return row


def list_debts(
    engine: Engine, profile_id: int, *, include_archived: bool = False
) -> list[DebtRecord]:
    with session_scope(engine) as session:
        query = select(Debt).where(Debt.profile_id == profile_id)
        if not include_archived:
            query = query.where(Debt.archived == False)  # noqa: E712
        return [_record(row) for row in session.exec(query.order_by(Debt.id))]
