"""Import batches: what each imported file added, and taking one back, all or nothing.

A file imported by mistake (the wrong month, someone else's bill, a test
file) is removed with everything it added and nothing else: rows another
import brought stay, even when they are the same transactions, and a bank row
paired with one of its rows counts again as it did. Payments recorded from its
rows stay, unlinked. Its batch record goes too, so the same file can be
imported again afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Engine

from core.categories.rules import drop_unused_categories_on
from core.errors import CoachError
from core.importing.pairs import PAIR, release_pairs
from core.models import ImportBatch, Transaction

BATCH = ImportBatch.__table__
TX = Transaction.__table__


@dataclass(frozen=True)
class Batch:
    id: int
    file_name: str
    imported_at: dt.datetime
    layout: str
    rows: int  # the rows it added that are still in the store


def list_batches(engine: Engine, profile_id: int) -> list[Batch]:
    """The profile's imports, newest first."""
    b, x = BATCH.c, TX.c
    rows = sa.select(sa.func.count(x.id)).where(x.batch_id == b.id).scalar_subquery()
    query = (
        sa.select(b.id, b.file_name, b.created_at, b.layout, rows)
        .where(b.profile_id == profile_id)
        .order_by(b.created_at.desc(), b.id.desc())
    )
    with engine.connect() as conn:
        return [
            Batch(id, name, _utc(created), layout, count)
            for id, name, created, layout, count in conn.execute(query)
        ]


def remove_batch(engine: Engine, profile_id: int, batch_id: int) -> Batch:
    """Delete an import's rows and its record in one transaction; what was removed.

    CoachError `safety.import_not_found` when the profile has no such import
    (never had, or someone removed it a moment ago).
    """
    b, x = BATCH.c, TX.c
    if not 0 < batch_id < 2**31:  # the id column's range: anything else names no import
        raise CoachError("safety.import_not_found", id=batch_id)
    with engine.begin() as conn:
        found = conn.execute(
            sa.select(b.id, b.file_name, b.created_at, b.layout)
            .where(b.profile_id == profile_id, b.id == batch_id)
            .with_for_update()
        ).first()
        if found is None:
            raise CoachError("safety.import_not_found", id=batch_id)
        # a pair with a row of this file: its other row counts again as it did
        rows = sa.select(x.id).where(x.batch_id == batch_id)
        paired = conn.execute(
            sa.select(PAIR.c.id).where(
                PAIR.c.profile_id == profile_id,
                sa.or_(PAIR.c.bank_id.in_(rows), PAIR.c.kept_id.in_(rows)),
            )
        ).scalars()
        release_pairs(conn, profile_id, list(paired))
        removed = conn.execute(
            TX.delete().where(x.profile_id == profile_id, x.batch_id == batch_id)
        ).rowcount
        conn.execute(BATCH.delete().where(b.id == batch_id))
        drop_unused_categories_on(conn, profile_id)
    return Batch(found.id, found.file_name, _utc(found.created_at), found.layout, removed)


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes; every batch time is stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
