"""Debts in the store: kept per profile, archived rather than deleted."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import Engine
from sqlmodel import select

from core.db import session_scope
from core.debts.entry import DebtEntry, DebtInvalid, DebtRecord, validate
from core.errors import CoachError
from core.models import BalanceAnchor, Debt, Payment


def _fields(row: Debt) -> dict[str, object]:
    return {k: getattr(row, k) for k in DebtEntry.__dataclass_fields__}


def _record(row: Debt) -> DebtRecord:
    return DebtRecord(**_fields(row), id=row.id or 0, archived=row.archived)


def _active_name_taken(session, profile_id: int, name: str, except_id: int | None) -> bool:
    query = select(Debt.id).where(
        Debt.profile_id == profile_id,
        Debt.name == name,
        Debt.archived == False,  # noqa: E712
    )
    return any(found != except_id for found in session.exec(query))


def add_debt(engine: Engine, profile_id: int, entry: DebtEntry) -> int:
    entry = validate(entry)
    with session_scope(engine, writes_to=profile_id) as session:
        if _active_name_taken(session, profile_id, entry.name, None):
            raise DebtInvalid("name", "debts.reason_name_taken", name=entry.name)
        row = Debt(profile_id=profile_id, **asdict(entry))
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def add_debts(engine: Engine, profile_id: int, entries: list[DebtEntry]) -> tuple[int, int]:
    """All or nothing; a name already listed counts as a duplicate. Returns (added, duplicates)."""
    cleaned = [validate(e) for e in entries]
    with session_scope(engine, writes_to=profile_id) as session:
        added = 0
        seen: set[str] = set()
        for entry in cleaned:
            if entry.name in seen or _active_name_taken(session, profile_id, entry.name, None):
                continue
            seen.add(entry.name)
            session.add(Debt(profile_id=profile_id, **asdict(entry)))
            added += 1
        return added, len(cleaned) - added


def update_debt(engine: Engine, profile_id: int, debt_id: int, entry: DebtEntry) -> None:
    entry = validate(entry)
    with session_scope(engine, writes_to=profile_id) as session:
        row = _owned(session, profile_id, debt_id)
        if _active_name_taken(session, profile_id, entry.name, debt_id):
            raise DebtInvalid("name", "debts.reason_name_taken", name=entry.name)
        for key, value in asdict(entry).items():
            setattr(row, key, value)


def set_archived(engine: Engine, profile_id: int, debt_id: int, archived: bool = True) -> None:
    """Archive (paid off, or entered by mistake); nothing is ever silently deleted."""
    with session_scope(engine, writes_to=profile_id) as session:
        row = _owned(session, profile_id, debt_id)
        if not archived and _active_name_taken(session, profile_id, row.name, debt_id):
            raise DebtInvalid("name", "debts.reason_name_taken", name=row.name)
        row.archived = archived


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
