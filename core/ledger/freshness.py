"""How current the records are: figures from old records are shown with a word that
they are old, and an invitation to bring newer ones."""

from __future__ import annotations

import calendar
import datetime as dt

import sqlalchemy as sa
from sqlalchemy import Engine

from core.models import Transaction

TX = Transaction.__table__


def latest_record(engine: Engine, profile_id: int) -> dt.date | None:
    """The date of the newest income or spending record (transfers say nothing of a budget)."""
    x = TX.c
    query = sa.select(sa.func.max(x.date)).where(
        x.profile_id == profile_id, x.kind.in_(("income", "expense"))
    )
    with engine.connect() as conn:
        return conn.execute(query).scalar()


def months_before(day: dt.date, count: int) -> dt.date:
    """The same day `count` calendar months earlier (the last day of a shorter month)."""
    index = day.year * 12 + day.month - 1 - count
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def stale_since(latest: dt.date | None, today: dt.date) -> dt.date | None:
    """The latest record's date when it is more than a month before today, else None."""
    if latest is None or latest >= months_before(today, 1):
        return None
    return latest
