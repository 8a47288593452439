"""The user's time zone, and today's date in it.

A reminder's time of day is wall-clock time where the user lives, and "today" is
their today, not the server's: a server in UTC reaches a Chinese user's next day
eight hours late. `RC_TIMEZONE` names the zone (an IANA name); Asia/Shanghai by default.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.errors import CoachError

DEFAULT_TIMEZONE = "Asia/Shanghai"


def zone(name: str | None = None) -> ZoneInfo:
    """The zone `name` (default: RC_TIMEZONE, else Asia/Shanghai); an unknown name is refused."""
    name = (name or os.environ.get("RC_TIMEZONE", "")).strip() or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CoachError("reminders.unknown_timezone", name=name) from exc


def today(where: ZoneInfo) -> dt.date:
    return dt.datetime.now(where).date()
