"""Profiles: every record belongs to one, so a shared server only has to choose which."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import select

from core import versions
from core.db import session_scope
from core.errors import CoachError
from core.models import Profile
from core.settings import DEFAULT_PROFILE
from core.usertext import first_control

MAX_NAME = 100  # the store's column size
PROFILE = Profile.__table__


def profile_name(name: str | None) -> str:
    """The name as stored: trimmed, "" the default profile; CoachError when it cannot be
    one (too long for the store, or holding a control character)."""
    name = (name or "").strip() or DEFAULT_PROFILE
    if len(name) > MAX_NAME:
        raise CoachError("safety.profile_too_long", length=len(name), max=MAX_NAME)
    if (at := first_control(name)) is not None:
        raise CoachError("safety.profile_control", position=at + 1)
    return name


def profile_id(engine: Engine, name: str = DEFAULT_PROFILE) -> int:
    """The id of profile `name` (see `profile_name`), created on first use.

    Several commands may start a new profile at once: the insert does nothing if
    another got there first, and the profile is read back, so all get the one row.
    The common case, a profile that exists, only reads and takes no write lock.
    """
    name = profile_name(name)
    found = _find(engine, name)
    if found is not None:
        return found
    insert = sqlite_insert if engine.dialect.name == "sqlite" else postgresql_insert
    with engine.begin() as conn:
        made = conn.execute(
            insert(PROFILE).values(name=name).on_conflict_do_nothing().returning(PROFILE.c.id)
        ).scalar()
        if made is not None:
            versions.bump(conn, made)  # its own version row, at 1; no other profile's moves
    found = _find(engine, name)
    assert found is not None  # profiles are never deleted
    return found


def _find(engine: Engine, name: str) -> int | None:
    with engine.connect() as conn:
        return conn.execute(sa.select(PROFILE.c.id).where(PROFILE.c.name == name)).scalar()


def profile_names(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return list(session.exec(select(Profile.name).order_by(Profile.name)))
