"""When a monthly reminder falls: its day of the month, or the month's last day when the
month is shorter (a 31st reminder falls on 28 or 29 February and on 30 April).

Every other module asks here, so the calendar file, `remind due` and the dashboard
agree on every date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator


def day_in(year: int, month: int, day: int) -> dt.date:
    """The date of day `day` (1-31) in that month, or the month's last day if it has fewer."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def on_or_after(day: int, date: dt.date) -> dt.date:
    """The first occurrence on `date` or later."""
    found = day_in(date.year, date.month, day)
    if found >= date:
        return found
    return day_in(*_shift(date.year, date.month, 1), day)


def before(day: int, date: dt.date) -> dt.date:
    """The last occurrence strictly before `date`."""
    found = day_in(date.year, date.month, day)
    if found < date:
        return found
    return day_in(*_shift(date.year, date.month, -1), day)


def between(day: int, first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Every occurrence from `first` to `last`, both included, one per month."""
    date = on_or_after(day, first)
    while date <= last:
        yield date
        date = day_in(*_shift(date.year, date.month, 1), day)
