"""The days the app keeps: 1 January 1970 to ten years from today.

Outside that window a date is a misread or a typo (9999-12-31, 0001-01-01), and
one such row would break every later page that counts months from it (the year
10000 does not exist). So it is refused at the door, naming the row.
"""

from __future__ import annotations

import datetime as dt

FIRST_DAY = dt.date(1970, 1, 1)
YEARS_AHEAD = 10


def last_day(today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February, ten years on in a common year
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def in_window(day: dt.date, today: dt.date | None = None) -> bool:
    return FIRST_DAY <= day <= last_day(today)
