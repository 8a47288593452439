"""A reminder as the user states it, checked on the way in."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace

from core.errors import CoachError
from core.i18n import t

MAX_TITLE = 100
MAX_NOTE = 500
DEFAULT_TIME = dt.time(9, 0)
CUSTOM, REVIEW = "custom", "review"
KINDS = (CUSTOM, REVIEW)
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


class ReminderInvalid(CoachError):
    """One field of a reminder is impossible; the message names the field and why."""

    def __init__(self, field: str, key: str, **params: object) -> None:
        self.field = field
        super().__init__(key, **params)

    def message(self, lang: str = "en") -> str:
        return t(
            "reminders.invalid",
            lang,
            field=t(f"reminders.field_{self.field}", lang),
            reason=t(self.key, lang, **self.params),
        )


@dataclass(frozen=True)
class ReminderEntry:
    """Every month on `day` (1-31, the last day in a shorter month) at `time`, in the
    user's time zone. `debt_id` links the debt it is about, if any; `kind` marks the
    app's own suggestions that are not about a debt (the monthly budget review), so they
    are not suggested twice."""

    title: str
    day: int
    time: dt.time = DEFAULT_TIME
    debt_id: int | None = None
    note: str = ""
    active: bool = True
    kind: str = CUSTOM


@dataclass(frozen=True, kw_only=True)
class ReminderRecord(ReminderEntry):
    """A stored reminder. It falls from `starts` (the day it was made) on; `revision`
    counts its changes and `changed_at` dates the last, so a calendar app re-importing
    the file takes the newest version."""

    id: int
    starts: dt.date
    revision: int = 0
    changed_at: dt.datetime
    debt_name: str | None = None


def validate(entry: ReminderEntry) -> ReminderEntry:
    """The entry, cleaned, or ReminderInvalid naming the first impossible field."""
    title, note = entry.title.strip(), entry.note.strip()
    if not title:
        raise ReminderInvalid("title", "reminders.reason_required")
    if len(title) > MAX_TITLE:
        raise ReminderInvalid("title", "reminders.reason_too_long", max=MAX_TITLE)
    if len(note) > MAX_NOTE:
        raise ReminderInvalid("note", "reminders.reason_too_long", max=MAX_NOTE)
    if isinstance(entry.day, bool) or not isinstance(entry.day, int) or not 1 <= entry.day <= 31:
        raise ReminderInvalid("day", "reminders.reason_day", value=entry.day)
    if entry.kind not in KINDS:
        raise ValueError(f"unknown reminder kind {entry.kind!r}")
    return replace(entry, title=title, note=note, time=entry.time.replace(second=0, microsecond=0))


def parse_day(text: str) -> int:
    """A day of the month typed by a person: '31', '３１'."""
    cleaned = unicodedata.normalize("NFKC", str(text)).strip()
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= 31:
        raise ReminderInvalid("day", "reminders.reason_day", value=text)
    return int(cleaned)


def parse_time(text: str) -> dt.time:
    """A time of day written HH:MM on a 24-hour clock: '9:30', '21:00', '２１：００'."""
    found = _TIME.match(unicodedata.normalize("NFKC", str(text)).strip())
    if found is None or int(found[1]) > 23 or int(found[2]) > 59:
        raise ReminderInvalid("time", "reminders.reason_time", value=text)
    return dt.time(int(found[1]), int(found[2]))


def time_text(time: dt.time) -> str:
    return time.strftime("%H:%M")
