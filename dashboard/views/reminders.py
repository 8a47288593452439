"""Reminders page: what is due and missed, suggestions to confirm, the user's reminders
to add, change or pause, and the calendar file to download."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.errors import CoachError
from core.reminders import clock
from core.reminders.occurrences import on_or_after
from core.reminders.proposals import DEFAULT_LEAD_DAYS, MAX_LEAD_DAYS, proposals
from core.reminders.reminder import ReminderEntry, ReminderInvalid, ReminderRecord, time_text
from core.reminders.store import add_reminder, set_active, update_reminder
from core.usertext import markdown
from dashboard import cache, state, widgets
from dashboard.reminder_widgets import day_text, today, upcoming_reminders
from dashboard.state import tr

CALENDAR_FILE = "recovery-coach-reminders.ics"


def _changed(message: str) -> None:
    state.data_changed()
    st.toast(message)
    st.rerun()


def _proposals(reminders: list[ReminderRecord]) -> None:
    debts = cache.debts(state.url(), state.profile())
    if not proposals(debts, reminders, DEFAULT_LEAD_DAYS, state.lang()):
        return
    with st.container(border=True):
        st.subheader(tr("reminders_page.proposals_title"))
        st.caption(tr("reminders_page.proposals_help"))
        state.remembered("reminder_lead", DEFAULT_LEAD_DAYS)
        # a choice, not a number box: a box's range error would be Streamlit's English
        lead = st.selectbox(
            tr("reminders_page.lead_days"),
            range(MAX_LEAD_DAYS + 1),
            key="reminder_lead",
            on_change=state.remember,
            args=("reminder_lead",),
        )
        found = proposals(debts, reminders, int(lead), state.lang())
        for entry in found:
            text, button = st.columns([4, 1], vertical_alignment="center")
            when = (
                tr("reminders_page.every_month_end", time=time_text(entry.time))
                if entry.day == 31
                else tr("reminders_page.every_month", day=entry.day, time=time_text(entry.time))
            )
            text.markdown(f"**{markdown(entry.title)}** · {when}  \n{markdown(entry.note)}")
            if button.button(
                tr("reminders_page.confirm"), key=f"propose_{entry.kind}_{entry.debt_id}"
            ):
                _confirm([entry])
        if len(found) > 1 and st.button(tr("reminders_page.confirm_all"), key="propose_all"):
            _confirm(found)


def _confirm(entries: list[ReminderEntry]) -> None:
    try:
        for entry in entries:
            add_reminder(state.engine(), state.profile(), entry)
    except CoachError as exc:  # a debt archived meanwhile
        state.data_changed()  # those before it were added
        st.error(widgets.message(exc))
        return
    _changed(tr("reminders_page.added", title=", ".join(markdown(e.title) for e in entries)))


def _table(reminders: list[ReminderRecord], now: dt.date) -> None:
    frame = pd.DataFrame(
        [
            {
                "title": r.title,
                "day": r.day,
                "time": time_text(r.time),
                "debt": r.debt_name or "",
                "status": tr(f"reminders_page.status_{'active' if r.active else 'paused'}"),
                "next": day_text(on_or_after(r.day, max(now, r.starts))) if r.active else "",
            }
            for r in reminders
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        # what and when first, so they stay in view on a phone
        column_order=["title", "next", "time", "status", "day", "debt"],
        column_config={k: tr(f"reminders_page.col_{k}") for k in frame.columns},
    )


def _form(existing: ReminderRecord | None) -> None:
    """Add a reminder, or change `existing`; the core checks every field."""
    r = existing
    key = f"reminder_form_{r.id if r else 'new'}_{st.session_state.get('reminder_form_round', 0)}"
    debts = {d.id: d.name for d in cache.debts(state.url(), state.profile())}
    if r and r.debt_id is not None and r.debt_id not in debts:
        debts[r.debt_id] = r.debt_name or str(r.debt_id)
    with st.form(key, border=True):
        title = st.text_input(
            tr("reminders.field_title"),
            value=r.title if r else "",
            placeholder=tr("reminders_page.title_hint"),
            key=f"{key}_title",
        )
        left, right = st.columns(2)
        day = left.selectbox(
            tr("reminders.field_day"),
            range(1, 32),
            index=r.day - 1 if r else None,
            placeholder=tr("reminders_page.day_hint"),
            key=f"{key}_day",
        )
        at = right.time_input(
            tr("reminders.field_time"),
            value=r.time if r else dt.time(9, 0),
            step=dt.timedelta(minutes=15),
            key=f"{key}_time",
        )
        st.caption(tr("reminders_page.month_end_help"))
        options = [None, *debts]
        debt = st.selectbox(
            tr("reminders.field_debt"),
            options,
            index=options.index(r.debt_id) if r else 0,
            format_func=lambda d: tr("reminders_page.no_debt") if d is None else debts[d],
            key=f"{key}_debt",
        )
        note = st.text_area(
            tr("reminders.field_note"), value=r.note if r else "", key=f"{key}_note"
        )
        active = st.checkbox(
            tr("reminders_page.active"), value=r.active if r else True, key=f"{key}_active"
        )
        submitted = st.form_submit_button(
            tr("reminders_page.save") if r else tr("reminders_page.add"), type="primary"
        )
    if not submitted:
        return
    try:
        if day is None:
            raise ReminderInvalid("day", "reminders.reason_required")
        entry = ReminderEntry(
            title=title, day=int(day), time=at, debt_id=debt, note=note, active=active
        )
        if r:
            update_reminder(state.engine(), state.profile(), r.id, entry)
        else:
            add_reminder(state.engine(), state.profile(), entry)
    except CoachError as exc:
        st.error(widgets.message(exc))
        return
    st.session_state["reminder_form_round"] = st.session_state.get("reminder_form_round", 0) + 1
    _changed(tr("reminders_page.saved", title=markdown(entry.title.strip())))


def _edit(reminders: list[ReminderRecord]) -> None:
    with st.expander(tr("reminders_page.edit_title")):
        chosen = st.selectbox(
            tr("reminders_page.edit_pick"),
            reminders,
            format_func=lambda r: r.title,
            index=None,
            placeholder=tr("reminders_page.edit_pick_hint"),
            key="reminder_pick",
        )
        if chosen is None:
            return
        label = "reminders_page.pause" if chosen.active else "reminders_page.resume"
        if st.button(tr(label), key=f"toggle_{chosen.id}"):
            try:
                set_active(state.engine(), state.profile(), chosen.id, not chosen.active)
            except CoachError as exc:
                st.error(widgets.message(exc))
                return
            _changed(tr("reminders_page.saved", title=markdown(chosen.title)))
        _form(chosen)


def _calendar(zone: str) -> None:
    st.subheader(tr("reminders_page.calendar_title"))
    st.download_button(
        tr("reminders_page.download"),
        data=cache.reminder_calendar(state.url(), state.profile(), zone, state.lang()),
        file_name=CALENDAR_FILE,
        mime="text/calendar",
        icon=":material/calendar_month:",
        key="reminder_calendar",
    )
    st.caption(tr("reminders_page.calendar_help"))


def render() -> None:
    st.title(tr("reminders_page.title"))
    st.caption(tr("reminders_page.intro"))
    now = today()
    if now is None:
        return
    zone = clock.zone().key
    st.caption(tr("reminders_page.zone", zone=zone))
    upcoming_reminders(manage_link=False)
    reminders = cache.reminders(state.url(), state.profile())
    _proposals(reminders)
    st.subheader(tr("reminders_page.list_title"))
    if reminders:
        _table(reminders, now)
        _edit(reminders)
    else:
        st.info(tr("reminders_page.empty"))
    st.subheader(tr("reminders_page.add_title"))
    _form(None)
    _calendar(zone)
