"""The collection contact log in the store: append-only, every version kept.

Adding a contact gives it the next number in the profile; correcting it adds the
next version under the same number. Nothing is updated in place or deleted, so the
log can stand as evidence: what was first written is always there to show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from sqlalchemy import Engine, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from core.coach.contacts import ContactEntry, ContactRecord, latest_versions, validate
from core.db import session_scope
from core.errors import CoachError
from core.models import CollectionContact

_ATTEMPTS = 3  # two writers taking the same number at once: the loser takes the next


def _row(profile_id: int, entry: ContactEntry, number: int, version: int) -> CollectionContact:
    fields = asdict(entry)
    fields["happened_at"] = fields.pop("when")
    fields["flags"] = ",".join(entry.flags)
    return CollectionContact(profile_id=profile_id, entry=number, version=version, **fields)


def _record(row: CollectionContact) -> ContactRecord:
    return ContactRecord(
        when=row.happened_at,
        kind=row.kind,
        place=row.place,
        collector=row.collector,
        company=row.company,
        id_shown=row.id_shown,
        id_number=row.id_number,
        phone=row.phone,
        notice_given=row.notice_given,
        said=row.said,
        witness=row.witness,
        witness_name=row.witness_name,
        follow_up=row.follow_up,
        flags=tuple(f for f in row.flags.split(",") if f),
        entry=row.entry,
        version=row.version,
        recorded_at=row.recorded_at,
    )


def _insert(
    engine: Engine, profile_id: int, entry: ContactEntry, number: int | None
) -> tuple[int, int]:
    """A first version (number None: the next free number) or the next version of
    contact `number`; (number, version)."""
    with session_scope(engine, writes_to=profile_id) as session:
        if number is None:
            query = select(func.max(CollectionContact.entry)).where(
                CollectionContact.profile_id == profile_id
            )
            chosen, version = (session.exec(query).one() or 0) + 1, 1
        else:
            query = select(func.max(CollectionContact.version)).where(
                CollectionContact.profile_id == profile_id, CollectionContact.entry == number
            )
            top = session.exec(query).one()
            if top is None:
                raise CoachError("contacts.not_found", entry=number)
            chosen, version = number, top + 1
        session.add(_row(profile_id, entry, chosen, version))
    return chosen, version


def _append(
    engine: Engine, profile_id: int, entry: ContactEntry, number: int | None
) -> tuple[int, int]:
    """`_insert`, once more if another writer took the same number or version at once:
    a new contact then takes the next number; a correction is refused, so the user
    sees the other one first."""
    tries = _ATTEMPTS
    while True:
        try:
            return _insert(engine, profile_id, entry, number)
        except IntegrityError as exc:
            tries -= 1
            if number is not None:
                raise CoachError("contacts.changed_meanwhile", entry=number) from exc
            if not tries:
                raise


def add_contact(
    engine: Engine, profile_id: int, entry: ContactEntry, now: dt.datetime | None = None
) -> int:
    """Log a contact; its number."""
    return _append(engine, profile_id, validate(entry, now), None)[0]


def correct_contact(
    engine: Engine,
    profile_id: int,
    number: int,
    entry: ContactEntry,
    now: dt.datetime | None = None,
) -> int:
    """Record a corrected version of contact `number`; the new version's number."""
    return _append(engine, profile_id, validate(entry, now), number)[1]


def all_versions(engine: Engine, profile_id: int) -> list[ContactRecord]:
    """Every version of every contact, by contact number and version."""
    with session_scope(engine) as session:
        rows = session.exec(
            select(CollectionContact)
            .where(CollectionContact.profile_id == profile_id)
            .order_by(CollectionContact.entry, CollectionContact.version)
        )
        return [_record(row) for row in rows]


def current_contacts(engine: Engine, profile_id: int) -> list[ContactRecord]:
    """The latest version of each contact, by time."""
    return latest_versions(all_versions(engine, profile_id))
