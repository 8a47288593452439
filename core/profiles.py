"""Profiles: every record belongs to one, so a shared server only has to choose which."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import select

from core import versions
from core.db import session_scope
from core.models import Profile
from core.settings import DEFAULT_PROFILE


def profile_id(engine: Engine, name: str = DEFAULT_PROFILE) -> int:
    """The id of profile `name`, created on first use."""
    with session_scope(engine) as session:
        found = session.exec(select(Profile.id).where(Profile.name == name)).first()
        if found is not None:
            return found
        profile = Profile(name=name)
        session.add(profile)
        session.flush()
        assert profile.id is not None
        versions.bump(session.connection(), profile.id)  # its version row, at 1
        return profile.id


def profile_names(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return list(session.exec(select(Profile.name).order_by(Profile.name)))
