"""The reminders as one calendar file (RFC 5545), for any calendar app to import or
subscribe to.

- One monthly recurring event per active reminder, at its time of day in the user's
  time zone (a VTIMEZONE is included), with an alarm at that time.
- The end-of-month rule holds in every app: a plain BYMONTHDAY=31 skips the months
  without a 31st, so day 31 is BYMONTHDAY=-1 (the last day), and days 29 and 30 take
  the last of the days 28 up to theirs (BYMONTHDAY=28,29,30;BYSETPOS=-1 for the 30th):
  the day itself when the month has it, else the month's last day.
- Stable UIDs, derived from the profile and the reminder, and SEQUENCE counting the
  reminder's changes: importing the file again updates events instead of adding copies.
- The same reminders give the same bytes: nothing in the file depends on when it is written.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vDuration

from core.i18n import t
from core.reminders.occurrences import on_or_after
from core.reminders.reminder import ReminderRecord

PRODID = "-//Recovery Coach//Monthly reminders//EN"
_UID_SPACE = uuid.UUID("6f0d2f3e-8a55-4d43-9a7c-5e0f3b1c2a71")
LENGTH = dt.timedelta(minutes=15)
REFRESH = dt.timedelta(hours=6)  # how often a subscribed app should fetch it again
# VTIMEZONE spells out the zone's offsets over this span; apps know the zone by name too
_ZONE_SPAN = (dt.date(2000, 1, 1), dt.date(2100, 1, 1))


def monthly_rule(day: int) -> dict[str, object]:
    """The RRULE that falls on `day` each month, or on the last day of a shorter month."""
    if day <= 28:
        return {"FREQ": "MONTHLY", "BYMONTHDAY": [day]}
    if day == 31:
        return {"FREQ": "MONTHLY", "BYMONTHDAY": [-1]}
    return {"FREQ": "MONTHLY", "BYMONTHDAY": list(range(28, day + 1)), "BYSETPOS": [-1]}


def event_uid(profile_key: str, reminder_id: int) -> str:
    """The same for the same profile and reminder in every export, different across
    profiles and stores (the store makes `profile_key` from the profile)."""
    return f"{uuid.uuid5(_UID_SPACE, f'{profile_key}/{reminder_id}')}@recovery-coach"


def _event(reminder: ReminderRecord, profile_key: str, where: ZoneInfo, lang: str) -> Event:
    first = on_or_after(reminder.day, reminder.starts)
    changed = reminder.changed_at.astimezone(dt.UTC)
    event = Event()
    event.add("uid", event_uid(profile_key, reminder.id))
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("sequence", reminder.revision)
    event.add("summary", reminder.title)
    lines = [reminder.note] if reminder.note else []
    if reminder.debt_name:
        lines.append(t("reminders.calendar_debt", lang, name=reminder.debt_name))
    if lines:
        event.add("description", "\n".join(lines))
    event.add("dtstart", dt.datetime.combine(first, reminder.time, tzinfo=where))
    event.add("duration", LENGTH)
    event.add("rrule", monthly_rule(reminder.day))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder.title)
    alarm.add("trigger", dt.timedelta(0))
    event.add_component(alarm)
    return event


def calendar_file(
    reminders: Iterable[ReminderRecord], profile_key: str, where: ZoneInfo, lang: str = "zh"
) -> bytes:
    """The .ics for the active `reminders`, times in zone `where`."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = t("reminders.calendar_name", lang)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add_component(
        Timezone.from_tzinfo(
            where, tzid=where.key, first_date=_ZONE_SPAN[0], last_date=_ZONE_SPAN[1]
        )
    )
    for reminder in sorted(reminders, key=lambda r: r.id):
        if reminder.active:
            calendar.add_component(_event(reminder, profile_key, where, lang))
    return calendar.to_ical()
