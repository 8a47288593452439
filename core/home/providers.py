"""What other features add to the first screen, each through one provider (see
`sources.PROVIDERS`): the plan the user follows and what they paid (progress), the
reminders that are due, and the coach's urgent word."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from core.coach.cards import title
from core.coach.gather import snapshot
from core.coach.rules import advise, why_text
from core.home.standing import NextStep, Reminder
from core.i18n import LANGUAGES
from core.progress.overview import overview
from core.reminders.store import due_reminders, list_reminders, missed_reminders

AHEAD_DAYS = 31  # a month ahead: the next date of every monthly reminder
# The coach's cards that come before any money: someone at the door, a right being
# broken, a "quick fix" that is a scam. The others repeat what the home page already
# says (the cost of delay, talking to the lender) or can wait (the long run).
URGENT_CARDS = ("rights", "collector_at_door", "scam_warning")


def progress(engine: Engine, profile_id: int, today: dt.date) -> dict[str, object]:
    """The adopted plan's debt-free month; and, once there is something to measure by (a
    plan followed, or a payment), what was owed at the start, so the change shows."""
    found = overview(engine, profile_id, today)
    given: dict[str, object] = {}
    if found.adopted is not None:
        given |= {"adopted": True, "adopted_debt_free": found.adopted.debt_free}
    total = found.progress.total
    starts = [d.since for d in found.progress.debts if d.since is not None]
    if starts and (found.adopted is not None or total.paid):
        given["owed_before"] = (min(starts), total.start)
    return given


def reminders(engine: Engine, profile_id: int, today: dt.date) -> dict[str, object]:
    """The user's own reminders, missed ones first, once they have any (until then the
    home page shows the debts' due days)."""
    if not list_reminders(engine, profile_id):
        return {}
    missed = [
        Reminder(m.due_on, m.reminder.title, missed=True)
        for m in missed_reminders(engine, profile_id, today)
    ]
    seen: set[int] = set()
    coming = []
    for due in due_reminders(engine, profile_id, today, AHEAD_DAYS):  # the next of each
        if due.reminder.id not in seen:
            seen.add(due.reminder.id)
            coming.append(Reminder(due.on, due.reminder.title))
    return {"reminders": missed + coming}


def coach(engine: Engine, profile_id: int, today: dt.date) -> dict[str, object]:
    """The coach's most urgent card when it is one of the URGENT_CARDS, in its words."""
    urgent = [a for a in advise(snapshot(engine, profile_id, today)) if a.key in URGENT_CARDS]
    if not urgent:
        return {}
    card = urgent[0]
    texts = {lang: (title(card.key, lang), why_text(card, lang)) for lang in LANGUAGES}
    return {"advice": NextStep(f"coach.{card.key}", "coach", texts=texts)}
