"""What other features add to the first screen, each through one provider (see
`sources.PROVIDERS`): the reminders that are due, and the coach's urgent word."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from core.coach.cards import title
from core.coach.gather import snapshot
from core.coach.rules import advise, why_text
from core.home.standing import NextStep, Reminder
from core.i18n import LANGUAGES
from core.reminders.store import due_reminders, list_reminders, missed_reminders

AHEAD_DAYS = 31  # a month of due dates: every monthly reminder once
# The coach's cards that come before any money: someone at the door, a right being
# broken, a "quick fix" that is a scam. The others repeat what the home page already
# says (the cost of delay, talking to the lender) or can wait (the long run).
URGENT_CARDS = ("rights", "collector_at_door", "scam_warning")


def reminders(engine: Engine, profile_id: int, today: dt.date) -> dict[str, object]:
    """The user's own reminders, missed ones first, once they have any (until then the
    home page shows the debts' due days)."""
    if not list_reminders(engine, profile_id):
        return {}
    missed = [
        Reminder(m.due_on, m.reminder.title, missed=True)
        for m in missed_reminders(engine, profile_id, today)
    ]
    coming = [
        Reminder(d.on, d.reminder.title)
        for d in due_reminders(engine, profile_id, today, AHEAD_DAYS)
    ]
    return {"reminders": missed + coming}


def coach(engine: Engine, profile_id: int, today: dt.date) -> dict[str, object]:
    """The coach's most urgent card when it is one of the URGENT_CARDS, in its words."""
    urgent = [a for a in advise(snapshot(engine, profile_id, today)) if a.key in URGENT_CARDS]
    if not urgent:
        return {}
    card = urgent[0]
    texts = {lang: (title(card.key, lang), why_text(card, lang)) for lang in LANGUAGES}
    return {"advice": NextStep(f"coach.{card.key}", "coach", texts=texts)}
