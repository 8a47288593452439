"""Reminders the app suggests, for the user to confirm: one before each debt's due day,
and a monthly budget review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

from core.i18n import t
from core.money import display
from core.reminders.reminder import REVIEW, ReminderEntry, ReminderRecord

DEFAULT_LEAD_DAYS = 3
MAX_LEAD_DAYS = 27
PAY_TIME = dt.time(9, 0)
REVIEW_DAY = 31  # the last day of every month
REVIEW_TIME = dt.time(20, 0)


class DueDebt(Protocol):
    id: int
    name: str
    due_day: int | None
    min_payment_cents: int


def reminder_day(due_day: int, lead_days: int) -> int:
    """The day of the month that is at least `lead_days` before the due day in every month.

    February is the shortest case: a due day past the 28th falls on the 28th (or
    29th) there, so it counts as the 28th. When that leaves no day in the same month,
    the reminder goes to the month before, again counted as a 28-day month: a debt due
    on the 2nd, three days ahead, is reminded on the 27th.
    """
    if not 0 <= lead_days <= MAX_LEAD_DAYS:
        raise ValueError(f"lead_days must be 0 to {MAX_LEAD_DAYS}, not {lead_days}")
    due = min(due_day, 28)
    return due - lead_days if due > lead_days else 28 + due - lead_days


def proposals(
    debts: Iterable[DueDebt],
    reminders: Iterable[ReminderRecord],
    lead_days: int = DEFAULT_LEAD_DAYS,
    lang: str = "zh",
) -> list[ReminderEntry]:
    """A reminder for each debt with a due day that no reminder is linked to yet (paused
    ones count: the user has seen it), and a monthly review unless one exists."""
    reminders = list(reminders)
    linked = {r.debt_id for r in reminders}
    found = [
        ReminderEntry(
            title=t("reminders.proposal_pay_title", lang, name=d.name),
            day=reminder_day(d.due_day, lead_days),
            time=PAY_TIME,
            debt_id=d.id,
            note=t(
                "reminders.proposal_pay_note",
                lang,
                day=d.due_day,
                minimum=display(d.min_payment_cents),
            ),
        )
        for d in debts
        if d.due_day is not None and d.id not in linked
    ]
    if not any(r.kind == REVIEW for r in reminders):
        found.append(
            ReminderEntry(
                title=t("reminders.proposal_review_title", lang),
                day=REVIEW_DAY,
                time=REVIEW_TIME,
                note=t("reminders.proposal_review_note", lang),
                kind=REVIEW,
            )
        )
    return found
