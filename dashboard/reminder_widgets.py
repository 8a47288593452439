"""The reminders where the user lands: what is due in the next days, and missed due
dates with a way to set them aside. `upcoming_reminders()` is for any page to call."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.errors import CoachError
from core.reminders import clock
from core.reminders.reminder import time_text
from core.reminders.store import dismiss
from core.usertext import markdown
from dashboard import cache, state, widgets
from dashboard.state import tr
from dashboard.widgets import link

UPCOMING_DAYS = 7


def day_text(date: dt.date) -> str:
    """'3月8日（周一）', 'Mon 8 Mar'."""
    return tr(
        "reminders_page.day_format",
        month=tr("nav.month_names").split()[date.month - 1],
        day=date.day,
        weekday=tr("reminders_page.weekdays").split()[date.weekday()],
    )


def today() -> dt.date | None:
    """Today where the user lives; None (with the reason shown) if the zone is misnamed."""
    try:
        return clock.today(clock.zone())
    except CoachError as exc:
        st.error(tr("reminders_page.bad_zone", message=markdown(exc.message(state.lang()))))
        return None


def upcoming_reminders(days: int = UPCOMING_DAYS, *, manage_link: bool = True) -> None:
    """Reminders due from today to `days` days ahead, then missed due dates, each with a
    button to stop flagging it; then (`manage_link`) a link to the reminders page."""
    now = today()
    if now is None:
        return
    url, profile = state.url(), state.profile()
    found = cache.due_reminders(url, profile, now, days)
    st.subheader(tr("reminders_page.upcoming_title", days=days))
    if not found:
        st.caption(tr("reminders_page.upcoming_none", days=days))
    for item in found:
        st.markdown(
            tr(
                "reminders_page.upcoming_item",
                date=day_text(item.on),
                time=time_text(item.reminder.time),
                title=markdown(item.reminder.title),
            )
        )
    for missed in cache.missed_reminders(url, profile, now):
        r = missed.reminder
        with st.container(border=True):
            st.warning(
                tr(
                    "reminders_page.missed",
                    debt=markdown(r.debt_name or ""),
                    due=day_text(missed.due_on),
                    since=day_text(missed.since),
                ),
                icon=":material/alarm:",
            )
            st.caption(tr("reminders_page.missed_hint"))
            if st.button(tr("reminders_page.dismiss"), key=f"dismiss_{r.id}_{missed.due_on}"):
                try:
                    dismiss(state.engine(), profile, r.id, missed.due_on)
                except CoachError as exc:  # gone meanwhile, e.g. in another tab
                    st.error(widgets.message(exc))
                    return
                state.data_changed()
                st.toast(tr("reminders_page.dismissed", due=day_text(missed.due_on)))
                st.rerun()
    if manage_link:
        link("reminders", tr("reminders_page.open_page"))
