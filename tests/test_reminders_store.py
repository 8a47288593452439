"""Reminders in the store, on SQLite and PostgreSQL: kept per profile, changed, paused,
dismissed, and exported as the calendar file."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from core.debts.store import add_debt, delete_unchanged, set_archived
from core.errors import CoachError
from core.profiles import profile_id
from core.reminders.calendar import event_uid
from core.reminders.reminder import REVIEW, ReminderEntry, ReminderInvalid
from core.reminders.store import (
    add_reminder,
    calendar_key,
    debt_id_named,
    dismiss,
    dismissals,
    export_calendar,
    list_reminders,
    missed_reminders,
    set_active,
    update_reminder,
)
from tests.factories import WEILIDAI

D = dt.date
SHANGHAI = ZoneInfo("Asia/Shanghai")


def pay(title: str = "还款：微粒贷", day: int = 5, **fields: object) -> ReminderEntry:
    return ReminderEntry(title=title, day=day, **fields)  # type: ignore[arg-type]


def test_added_reminders_read_back_with_their_debt_and_start(engine, profile):
    debt = add_debt(engine, profile, WEILIDAI)
    first = add_reminder(engine, profile, pay(debt_id=debt, time=dt.time(8, 30), note="最低 1800"))
    second = add_reminder(
        engine, profile, pay("每月预算回顾", 31, kind=REVIEW), starts=D(2027, 1, 31)
    )
    one, two = list_reminders(engine, profile)
    assert (one.id, one.title, one.day, one.time, one.debt_id, one.debt_name, one.note) == (
        first, "还款：微粒贷", 5, dt.time(8, 30), debt, "微粒贷", "最低 1800"
    )  # fmt: skip
    assert one.starts == dt.datetime.now(SHANGHAI).date()  # today where the user lives
    assert (one.active, one.revision, one.kind) == (True, 0, "custom")
    assert (two.id, two.starts, two.kind, two.debt_name) == (second, D(2027, 1, 31), REVIEW, None)
    assert two.changed_at.tzinfo is not None


def test_a_debt_that_is_not_the_profiles_or_is_archived_is_refused_and_nothing_written(
    engine, profile
):
    other = profile_id(engine, "someone else")
    theirs = add_debt(engine, other, WEILIDAI)
    archived = add_debt(engine, profile, WEILIDAI)
    set_archived(engine, profile, archived)
    for debt in (theirs, archived, 999):
        with pytest.raises(ReminderInvalid) as caught:
            add_reminder(engine, profile, pay(debt_id=debt))
        assert caught.value.field == "debt"
        assert f"no debt number {debt}" in caught.value.message("en")
    assert list_reminders(engine, profile) == []
    with pytest.raises(ReminderInvalid, match="no debt called “花呗”"):
        debt_id_named(engine, profile, "花呗")
    assert debt_id_named(engine, other, " 微粒贷 ") == theirs


def test_changes_keep_the_kind_and_count_revisions(engine, profile):
    rid = add_reminder(engine, profile, pay("回顾", 31, kind=REVIEW))
    (before,) = list_reminders(engine, profile)
    update_reminder(engine, profile, rid, pay("月底回顾", 30, time=dt.time(21), note="看看"))
    (after,) = list_reminders(engine, profile)
    assert (after.title, after.day, after.time, after.note, after.kind) == (
        "月底回顾", 30, dt.time(21), "看看", REVIEW
    )  # fmt: skip
    assert after.revision == 1
    assert after.changed_at >= before.changed_at
    assert after.starts == before.starts
    with pytest.raises(ReminderInvalid, match="cannot be empty"):
        update_reminder(engine, profile, rid, pay(" "))
    assert list_reminders(engine, profile) == [after]


def test_pause_and_resume(engine, profile):
    rid = add_reminder(engine, profile, pay())
    set_active(engine, profile, rid, False)
    set_active(engine, profile, rid, False)  # already paused: no new revision
    (paused,) = list_reminders(engine, profile)
    assert (paused.active, paused.revision) == (False, 1)
    set_active(engine, profile, rid, True)
    (resumed,) = list_reminders(engine, profile)
    assert (resumed.active, resumed.revision) == (True, 2)


def test_another_profiles_reminder_cannot_be_touched(engine, profile):
    other = profile_id(engine, "someone else")
    theirs = add_reminder(engine, other, pay())
    for change in (
        lambda: update_reminder(engine, profile, theirs, pay("mine now")),
        lambda: set_active(engine, profile, theirs, False),
        lambda: dismiss(engine, profile, theirs, D(2027, 3, 8)),
        lambda: set_active(engine, profile, 2**70, False),
    ):
        with pytest.raises(CoachError, match="no reminder number"):
            change()
    assert list_reminders(engine, profile) == []
    (kept,) = list_reminders(engine, other)
    assert (kept.title, kept.active) == ("还款：微粒贷", True)


def test_dismissals_are_kept_once_per_due_date_and_clear_the_missed_flag(engine, profile):
    debt = add_debt(engine, profile, WEILIDAI)
    rid = add_reminder(engine, profile, pay(debt_id=debt), starts=D(2027, 1, 1))
    never_paid = lambda _debt, _since: False  # noqa: E731
    found = missed_reminders(engine, profile, D(2027, 3, 10), never_paid)
    assert [(m.reminder.id, m.due_on, m.since) for m in found] == [
        (rid, D(2027, 3, 8), D(2027, 2, 9))
    ]
    dismiss(engine, profile, rid, D(2027, 3, 8))
    dismiss(engine, profile, rid, D(2027, 3, 8))
    assert dismissals(engine, profile) == {(rid, D(2027, 3, 8))}
    assert dismissals(engine, profile_id(engine, "someone else")) == set()
    assert missed_reminders(engine, profile, D(2027, 3, 10), never_paid) == []
    assert [m.due_on for m in missed_reminders(engine, profile, D(2027, 4, 9), never_paid)] == [
        D(2027, 4, 8)
    ]
    asked = []
    paid = lambda debt_id, since: asked.append((debt_id, since)) or True  # noqa: E731
    assert missed_reminders(engine, profile, D(2027, 4, 9), paid) == []
    assert asked == [(debt, D(2027, 3, 9))]
    set_archived(engine, profile, debt)  # paid off: nothing left to miss
    assert missed_reminders(engine, profile, D(2027, 4, 9), never_paid) == []


def test_a_deleted_sample_debt_takes_its_reminders_and_dismissals_with_it(engine, profile):
    debt = add_debt(engine, profile, WEILIDAI)
    rid = add_reminder(engine, profile, pay(debt_id=debt))
    kept = add_reminder(engine, profile, pay("回顾", 31))
    dismiss(engine, profile, rid, D(2027, 3, 8))
    assert delete_unchanged(engine, profile, [WEILIDAI]) == 1
    assert [r.id for r in list_reminders(engine, profile)] == [kept]
    assert dismissals(engine, profile) == set()


def _uids(data: bytes) -> dict[str, int]:
    return {str(e["UID"]): e["SEQUENCE"] for e in Calendar.from_ical(data).walk("VEVENT")}


def test_the_exported_calendar_keeps_uids_across_exports_and_changes(engine, profile):
    first = add_reminder(engine, profile, pay(day=31))
    second = add_reminder(engine, profile, pay("回顾", 15))
    data = export_calendar(engine, profile, SHANGHAI, "zh")
    assert export_calendar(engine, profile, SHANGHAI, "zh") == data
    uids = _uids(data)
    key = calendar_key(engine, profile)
    assert uids == {event_uid(key, first): 0, event_uid(key, second): 0}
    update_reminder(engine, profile, first, pay(day=30))
    set_active(engine, profile, second, False)
    assert _uids(export_calendar(engine, profile, SHANGHAI, "zh")) == {event_uid(key, first): 1}
    other = profile_id(engine, "someone else")
    add_reminder(engine, other, pay(day=31))
    assert not _uids(export_calendar(engine, other, SHANGHAI, "zh")).keys() & uids.keys()
