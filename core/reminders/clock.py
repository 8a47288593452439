"""The user's time zone, and today's date in it.

A reminder's time of day is wall-clock time where the user lives, and "today" is
their today, not the server's: a server in UTC reaches a Chinese user's next day
eight hours late. The zone is a setting (`RC_TIMEZONE`, see core.settings).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core import settings
from core.errors import CoachError


def zone(name: str | None = None) -> ZoneInfo:
    """The zone `name` (default: the setting); an unknown name is refused."""
    name = (name or "").strip() or settings.timezone_name()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CoachError("reminders.unknown_timezone", name=name) from exc


def today(where: ZoneInfo) -> dt.date:
    return dt.datetime.now(where).date()
