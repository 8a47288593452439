"""Reminders kept per profile: added, changed, paused and resumed (never deleted), and
the missed due dates the user dismissed."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, replace
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session, select

from core.db import session_scope
from core.errors import CoachError
from core.models import Debt, Profile, Reminder, ReminderDismissal
from core.progress.payments import payments_since
from core.reminders import clock
from core.reminders.calendar import calendar_file
from core.reminders.due import Due, Missed, PaidSince, due, missed
from core.reminders.reminder import ReminderEntry, ReminderInvalid, ReminderRecord, validate


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _record(row: Reminder, debt_name: str | None) -> ReminderRecord:
    fields = {k: getattr(row, k) for k in ReminderEntry.__dataclass_fields__}
    return ReminderRecord(
        **fields,
        id=row.id or 0,
        starts=row.starts,
        revision=row.revision,
        changed_at=row.changed_at,
        debt_name=debt_name,
    )


def _owned(session: Session, profile_id: int, reminder_id: int) -> Reminder:
    row = session.get(Reminder, reminder_id) if 0 < reminder_id < 2**63 else None
    if row is None or row.profile_id != profile_id:
        raise CoachError("reminders.not_found", id=reminder_id)
    return row


def _check_debt(session: Session, profile_id: int, debt_id: int | None) -> None:
    """A linked debt must be one of the profile's listed (not archived) debts."""
    if debt_id is None:
        return
    row = session.get(Debt, debt_id) if 0 < debt_id < 2**63 else None
    if row is None or row.profile_id != profile_id or row.archived:
        raise ReminderInvalid("debt", "reminders.reason_no_debt", id=debt_id)


def debt_id_named(engine: Engine, profile_id: int, name: str) -> int:
    """The id of the listed debt called `name` (as the command line names debts)."""
    with session_scope(engine) as session:
        found = session.exec(
            select(Debt.id).where(
                Debt.profile_id == profile_id,
                Debt.name == name.strip(),
                Debt.archived == False,  # noqa: E712
            )
        ).first()
    if found is None:
        raise ReminderInvalid("debt", "reminders.reason_unknown_debt", name=name)
    return found


def add_reminder(
    engine: Engine, profile_id: int, entry: ReminderEntry, starts: dt.date | None = None
) -> int:
    """Store a new reminder; it falls from `starts` on (default: today where the user lives)."""
    entry = validate(entry)
    with session_scope(engine, writes_to=profile_id) as session:
        _check_debt(session, profile_id, entry.debt_id)
        row = Reminder(
            profile_id=profile_id,
            starts=starts or clock.today(clock.zone()),
            **asdict(entry),
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def update_reminder(
    engine: Engine, profile_id: int, reminder_id: int, entry: ReminderEntry
) -> None:
    """Change every field the user states (paused or active included); the kind stays."""
    entry = validate(entry)
    with session_scope(engine, writes_to=profile_id) as session:
        row = _owned(session, profile_id, reminder_id)
        _check_debt(session, profile_id, entry.debt_id)
        for key, value in asdict(replace(entry, kind=row.kind)).items():
            setattr(row, key, value)
        row.revision += 1
        row.changed_at = _now()


def set_active(engine: Engine, profile_id: int, reminder_id: int, active: bool) -> None:
    """Pause (left out of the calendar file and of what is due) or resume."""
    with session_scope(engine, writes_to=profile_id) as session:
        row = _owned(session, profile_id, reminder_id)
        if row.active != active:
            row.active = active
            row.revision += 1
            row.changed_at = _now()


def list_reminders(engine: Engine, profile_id: int) -> list[ReminderRecord]:
    """Every reminder of the profile, paused ones too, in the order they were made."""
    query = (
        select(Reminder, Debt.name)
        .outerjoin(Debt, Debt.id == Reminder.debt_id)
        .where(Reminder.profile_id == profile_id)
        .order_by(Reminder.id)
    )
    with session_scope(engine) as session:
        return [_record(row, name) for row, name in session.exec(query)]


def dismiss(engine: Engine, profile_id: int, reminder_id: int, due_on: dt.date) -> None:
    """Stop flagging the missed due date `due_on`; dismissing it twice changes nothing."""
    with session_scope(engine, writes_to=profile_id) as session:
        _owned(session, profile_id, reminder_id)
        known = session.exec(
            select(ReminderDismissal.id).where(
                ReminderDismissal.reminder_id == reminder_id, ReminderDismissal.due_on == due_on
            )
        ).first()
        if known is None:
            session.add(ReminderDismissal(reminder_id=reminder_id, due_on=due_on))


def dismissals(engine: Engine, profile_id: int) -> set[tuple[int, dt.date]]:
    query = (
        select(ReminderDismissal.reminder_id, ReminderDismissal.due_on)
        .join(Reminder, Reminder.id == ReminderDismissal.reminder_id)
        .where(Reminder.profile_id == profile_id)
    )
    with session_scope(engine) as session:
        return {(rid, on) for rid, on in session.exec(query)}


def due_reminders(engine: Engine, profile_id: int, first: dt.date, within: int) -> list[Due]:
    return due(list_reminders(engine, profile_id), first, within)


def recorded_payments(engine: Engine, profile_id: int) -> PaidSince:
    """Whether a payment to a debt is recorded (and not voided) on or after a day: the
    payments of core.progress."""
    return lambda debt, since: bool(payments_since(engine, profile_id, debt, since))


def missed_reminders(
    engine: Engine, profile_id: int, today: dt.date, paid_since: PaidSince | None = None
) -> list[Missed]:
    """Missed due dates of the profile's reminders, judged by `paid_since` (default: the
    payments recorded in the store)."""
    paid_since = paid_since or recorded_payments(engine, profile_id)
    with session_scope(engine) as session:
        query = select(Debt.id, Debt.due_day).where(
            Debt.profile_id == profile_id,
            Debt.archived == False,  # noqa: E712
        )
        due_days = dict(session.exec(query).all())
    return missed(
        list_reminders(engine, profile_id),
        due_days,
        paid_since,
        dismissals(engine, profile_id),
        today,
    )


def calendar_key(engine: Engine, profile_id: int) -> str:
    """What makes the calendar's UIDs this profile's: its number and the moment it was
    made, so two stores (a laptop and a server) never give two reminders one UID."""
    with session_scope(engine) as session:
        profile = session.get(Profile, profile_id)
        assert profile is not None, profile_id
        return f"{profile_id}:{profile.created_at.isoformat()}"


def export_calendar(engine: Engine, profile_id: int, where: ZoneInfo, lang: str) -> bytes:
    """The .ics of the profile's active reminders, times in zone `where`."""
    return calendar_file(
        list_reminders(engine, profile_id), calendar_key(engine, profile_id), where, lang
    )
