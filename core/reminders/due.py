"""What is due soon, and what was missed.

A reminder linked to a debt is *missed* when that debt's due date has passed (the
debt's due day; the reminder's own day if the debt has none) and no payment to the
debt is recorded since the due date before it. It stays flagged until a payment is
recorded or the user dismisses that due date. Payments are not this package's: the
caller passes `paid_since`, so this logic is tested without a payment store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from core.reminders.occurrences import before, between
from core.reminders.reminder import ReminderRecord

# (debt id, first day) -> whether a payment to that debt is recorded on that day or later
PaidSince = Callable[[int, dt.date], bool]


@dataclass(frozen=True)
class Due:
    reminder: ReminderRecord
    on: dt.date


@dataclass(frozen=True)
class Missed:
    """`due_on` passed with no payment recorded from `since` (the day after the due date
    before it) on."""

    reminder: ReminderRecord
    due_on: dt.date
    since: dt.date


def due(reminders: Iterable[ReminderRecord], first: dt.date, within: int) -> list[Due]:
    """Occurrences of active reminders from `first` to `within` days later, both included
    (`within` 0 is `first` alone), earliest first."""
    last = first + dt.timedelta(days=within)
    found = [
        Due(r, on)
        for r in reminders
        if r.active
        for on in between(r.day, max(first, r.starts), last)
    ]
    return sorted(found, key=lambda d: (d.on, d.reminder.time, d.reminder.id))


def missed(
    reminders: Iterable[ReminderRecord],
    due_days: Mapping[int, int | None],
    paid_since: PaidSince,
    dismissed: Collection[tuple[int, dt.date]],
    today: dt.date,
) -> list[Missed]:
    """The missed due dates of active reminders linked to a debt in `due_days` (debt id
    -> its due day; a debt left out, such as an archived one, is not checked).

    Only the latest due date before `today` counts, and only from the day the reminder
    was made. `dismissed` holds (reminder id, due date) pairs; a debt with two reminders
    is flagged once, and a dismissal through either clears it.
    """
    reminders = sorted(reminders, key=lambda r: r.id)
    debt_of = {r.id: r.debt_id for r in reminders}
    cleared = {(debt_of[rid], on) for rid, on in dismissed if rid in debt_of}
    found: list[Missed] = []
    for r in reminders:
        if not r.active or r.debt_id is None or r.debt_id not in due_days:
            continue
        day = due_days[r.debt_id] or r.day
        due_on = before(day, today)
        if due_on < r.starts or (r.debt_id, due_on) in cleared:
            continue
        cleared.add((r.debt_id, due_on))  # one flag per debt and due date
        since = before(day, due_on) + dt.timedelta(days=1)
        if not paid_since(r.debt_id, since):
            found.append(Missed(r, due_on, since))
    return sorted(found, key=lambda m: (m.due_on, m.reminder.id))
