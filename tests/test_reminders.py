"""Reminders without a store: when they fall, what is due, what was missed, what is proposed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from core.i18n import t
from core.reminders.due import due, missed
from core.reminders.occurrences import before, between, day_in, on_or_after
from core.reminders.proposals import proposals, reminder_day
from core.reminders.reminder import (
    REVIEW,
    ReminderEntry,
    ReminderInvalid,
    ReminderRecord,
    parse_day,
    parse_time,
    validate,
)

D = dt.date
CHANGED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def reminder(id: int, day: int, **fields: object) -> ReminderRecord:
    fields = {"title": f"r{id}", "starts": D(2026, 1, 1), "changed_at": CHANGED, **fields}
    return ReminderRecord(id=id, day=day, **fields)  # type: ignore[arg-type]


# --- the end-of-month rule -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "year", "month", "expected"),
    [
        (31, 2027, 2, D(2027, 2, 28)),
        (31, 2028, 2, D(2028, 2, 29)),
        (31, 2027, 4, D(2027, 4, 30)),
        (31, 2027, 12, D(2027, 12, 31)),
        (30, 2027, 2, D(2027, 2, 28)),
        (29, 2027, 2, D(2027, 2, 28)),
        (29, 2028, 2, D(2028, 2, 29)),
        (29, 2100, 2, D(2100, 2, 28)),  # a century that is not a leap year
        (29, 2000, 2, D(2000, 2, 29)),
        (30, 2027, 1, D(2027, 1, 30)),
        (1, 2027, 2, D(2027, 2, 1)),
        (28, 2027, 2, D(2027, 2, 28)),
    ],
)
def test_a_day_the_month_lacks_falls_on_its_last_day(day, year, month, expected):
    assert day_in(year, month, day) == expected


@pytest.mark.parametrize("day", [1, 15, 28, 29, 30, 31])
def test_one_occurrence_every_month_for_two_years(day):
    found = list(between(day, D(2027, 1, 1), D(2028, 12, 31)))
    assert [(d.year, d.month) for d in found] == [
        (y, m) for y in (2027, 2028) for m in range(1, 13)
    ]
    assert all(d.day == day or (d.day < day and (d + dt.timedelta(days=1)).day == 1) for d in found)


@pytest.mark.parametrize(
    ("day", "date", "after", "previous"),
    [
        (31, D(2027, 12, 31), D(2027, 12, 31), D(2027, 11, 30)),
        (31, D(2028, 1, 1), D(2028, 1, 31), D(2027, 12, 31)),
        (1, D(2027, 12, 31), D(2028, 1, 1), D(2027, 12, 1)),
        (1, D(2028, 1, 1), D(2028, 1, 1), D(2027, 12, 1)),
        (30, D(2028, 2, 29), D(2028, 2, 29), D(2028, 1, 30)),
        (30, D(2028, 3, 1), D(2028, 3, 30), D(2028, 2, 29)),
    ],
)
def test_next_and_previous_occurrence_across_month_and_year_ends(day, date, after, previous):
    assert on_or_after(day, date) == after
    assert before(day, date) == previous


# --- due soon ------------------------------------------------------------------------


def _due(reminders, first, within):
    return [(d.reminder.id, d.on) for d in due(reminders, first, within)]


def test_due_around_a_month_end():
    rs = [reminder(1, 31), reminder(2, 1), reminder(3, 15)]
    assert _due(rs, D(2027, 2, 27), 2) == [(1, D(2027, 2, 28)), (2, D(2027, 3, 1))]
    assert _due(rs, D(2028, 2, 28), 1) == [(1, D(2028, 2, 29))]  # leap year: the 29th
    assert _due(rs, D(2027, 4, 30), 0) == [(1, D(2027, 4, 30))]


def test_due_across_a_year_end():
    rs = [reminder(1, 31), reminder(2, 1), reminder(3, 2)]
    assert _due(rs, D(2027, 12, 30), 3) == [
        (1, D(2027, 12, 31)),
        (2, D(2028, 1, 1)),
        (3, D(2028, 1, 2)),
    ]
    assert _due(rs, D(2027, 12, 31), 0) == [(1, D(2027, 12, 31))]


def test_the_window_includes_both_ends_and_orders_by_date_then_time():
    rs = [
        reminder(1, 10, time=dt.time(20, 0)),
        reminder(2, 10, time=dt.time(8, 30)),
        reminder(3, 3),
        reminder(4, 11),
    ]
    assert _due(rs, D(2027, 3, 3), 7) == [
        (3, D(2027, 3, 3)),
        (2, D(2027, 3, 10)),
        (1, D(2027, 3, 10)),
    ]
    assert _due(rs, D(2027, 3, 4), 5) == []


def test_a_long_window_lists_each_month_and_skips_paused_and_not_yet_started():
    rs = [
        reminder(1, 31),
        reminder(2, 5, active=False),
        reminder(3, 20, starts=D(2027, 2, 21)),
    ]
    assert _due(rs, D(2027, 1, 1), 58) == [
        (1, D(2027, 1, 31)),
        (1, D(2027, 2, 28)),
    ]
    assert _due(rs, D(2027, 3, 1), 30) == [(3, D(2027, 3, 20)), (1, D(2027, 3, 31))]


# --- missed ----------------------------------------------------------------------------


@dataclass
class Payments:
    """Recorded payments as (debt id, date): the caller's side of `paid_since`."""

    made: list[tuple[int, dt.date]]

    def since(self, debt_id: int, first: dt.date) -> bool:
        return any(d == debt_id and day >= first for d, day in self.made)


TODAY = D(2027, 3, 10)


def _missed(reminders, due_days, made=(), dismissed=(), today=TODAY):
    found = missed(reminders, due_days, Payments(list(made)).since, set(dismissed), today)
    return [(m.reminder.id, m.due_on, m.since) for m in found]


def test_a_passed_due_date_without_a_payment_is_missed_until_one_is_recorded():
    rs = [reminder(1, 5, debt_id=7)]
    # the debt is due on the 8th; the reminder falls three days before
    assert _missed(rs, {7: 8}) == [(1, D(2027, 3, 8), D(2027, 2, 9))]
    assert _missed(rs, {7: 8}, made=[(7, D(2027, 3, 9))]) == []  # paid late: no longer flagged
    assert _missed(rs, {7: 8}, made=[(7, D(2027, 3, 5))]) == []  # paid at the reminder
    assert _missed(rs, {7: 8}, made=[(7, D(2027, 2, 8))]) == [(1, D(2027, 3, 8), D(2027, 2, 9))]
    assert _missed(rs, {7: 8}, made=[(8, D(2027, 3, 9))]) == [(1, D(2027, 3, 8), D(2027, 2, 9))]


def test_nothing_is_missed_before_the_due_date_has_passed():
    rs = [reminder(1, 5, debt_id=7)]
    # the reminder's day passed, the debt's due day (today) has not
    assert _missed(rs, {7: 10}, today=D(2027, 3, 10)) == [(1, D(2027, 2, 10), D(2027, 1, 11))]
    assert _missed(rs, {7: 10}, made=[(7, D(2027, 2, 10))], today=D(2027, 3, 10)) == []


def test_a_dismissed_due_date_stays_dismissed_but_the_next_one_is_flagged():
    rs = [reminder(1, 5, debt_id=7)]
    assert _missed(rs, {7: 8}, dismissed=[(1, D(2027, 3, 8))]) == []
    assert _missed(rs, {7: 8}, dismissed=[(1, D(2027, 2, 8))]) == [
        (1, D(2027, 3, 8), D(2027, 2, 9))
    ]
    later = _missed(rs, {7: 8}, dismissed=[(1, D(2027, 3, 8))], today=D(2027, 4, 9))
    assert later == [(1, D(2027, 4, 8), D(2027, 3, 9))]


def test_only_active_reminders_on_listed_debts_since_they_were_made_are_checked():
    rs = [
        reminder(1, 5, debt_id=7, active=False),
        reminder(2, 5),  # not about a debt: nothing to pay
        reminder(3, 5, debt_id=9),  # its debt is not listed (archived)
        reminder(4, 5, debt_id=8, starts=D(2027, 3, 9)),  # made after the due date
    ]
    assert _missed(rs, {7: 8, 8: 8}) == []


def test_a_debt_with_two_reminders_is_flagged_once_and_either_dismissal_clears_it():
    rs = [reminder(2, 5, debt_id=7), reminder(1, 7, debt_id=7)]
    assert _missed(rs, {7: 8}) == [(1, D(2027, 3, 8), D(2027, 2, 9))]
    assert _missed(rs, {7: 8}, dismissed=[(2, D(2027, 3, 8))]) == []


def test_without_a_due_day_the_reminders_own_day_counts_across_a_year_end():
    rs = [reminder(1, 31, debt_id=7)]
    assert _missed(rs, {7: None}, today=D(2028, 1, 2)) == [(1, D(2027, 12, 31), D(2027, 12, 1))]
    assert _missed(rs, {7: None}, today=D(2027, 3, 1)) == [(1, D(2027, 2, 28), D(2027, 2, 1))]
    assert _missed(rs, {7: None}, made=[(7, D(2027, 2, 1))], today=D(2027, 3, 1)) == []


# --- proposals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_day", "lead", "expected"),
    [(8, 3, 5), (8, 0, 8), (4, 3, 1), (3, 3, 28), (2, 3, 27), (1, 5, 24), (31, 3, 25), (29, 3, 25)],
)
def test_the_proposed_day_is_at_least_the_lead_ahead_in_every_month(due_day, lead, expected):
    assert reminder_day(due_day, lead) == expected
    for year, month in [(2027, m) for m in range(1, 13)] + [(2028, 2), (2028, 3)]:
        due_on = day_in(year, month, due_day)
        assert (due_on - before(expected, due_on + dt.timedelta(days=1))).days >= lead


@dataclass
class Debt:
    id: int
    name: str
    due_day: int | None
    min_payment_cents: int = 180_000


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_proposals_cover_unlinked_debts_with_a_due_day_and_one_review(lang):
    debts = [Debt(1, "微粒贷", 8), Debt(2, "花呗", None), Debt(3, "信用卡", 2)]
    found = proposals(debts, [reminder(1, 5, debt_id=3, active=False)], lead_days=3, lang=lang)
    assert [(p.debt_id, p.day, p.kind) for p in found] == [(1, 5, "custom"), (None, 31, REVIEW)]
    assert found[0].title == t("reminders.proposal_pay_title", lang, name="微粒贷")
    assert "¥1,800.00" in found[0].note
    assert found[1].title == t("reminders.proposal_review_title", lang)
    confirmed = [reminder(1, 5, debt_id=1), reminder(2, 31, kind=REVIEW), reminder(3, 1, debt_id=3)]
    assert proposals(debts, confirmed, lang=lang) == []


# --- what a person types ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:30", dt.time(9, 30)),
        ("09:00", dt.time(9)),
        ("23:59", dt.time(23, 59)),
        ("２１：００", dt.time(21)),
    ],
)
def test_times_of_day(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "9", "9:5", "9.30", "", "nine", "12:60"])
def test_impossible_times_name_the_field(text):
    with pytest.raises(ReminderInvalid) as caught:
        parse_time(text)
    assert caught.value.field == "time"
    assert caught.value.message("en").startswith("Time: ")
    assert caught.value.message("zh").startswith("几点提醒：")


@pytest.mark.parametrize("text", ["0", "32", "-1", "1.5", "x", ""])
def test_impossible_days_name_the_field(text):
    with pytest.raises(ReminderInvalid, match="whole number from 1 to 31"):
        parse_day(text)


def test_parse_day_takes_full_width_digits():
    assert parse_day("３１") == 31


@pytest.mark.parametrize(
    ("entry", "field", "words"),
    [
        (ReminderEntry(title="  ", day=5), "title", "Reminder: cannot be empty."),
        (ReminderEntry(title="x" * 101, day=5), "title", "Reminder: at most 100 characters."),
        (ReminderEntry(title="x", day=32), "day", "Day of the month: “32” will not do"),
        (ReminderEntry(title="x", day=5, note="n" * 501), "note", "Note: at most 500 characters."),
    ],
)
def test_validate_names_the_first_impossible_field(entry, field, words):
    with pytest.raises(ReminderInvalid) as caught:
        validate(entry)
    assert caught.value.field == field
    assert caught.value.message("en").startswith(words)


def test_validate_trims_text_and_drops_seconds():
    entry = validate(ReminderEntry(title=" 还款 ", day=31, time=dt.time(9, 0, 41), note=" n "))
    assert (entry.title, entry.note, entry.time) == ("还款", "n", dt.time(9, 0))
