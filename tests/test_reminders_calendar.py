"""The calendar file read back as a calendar app reads it: parsed with icalendar and
expanded with recurring-ical-events (an implementation independent of ours)."""

from __future__ import annotations

import calendar as months
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from core.reminders.calendar import calendar_file, event_uid, monthly_rule
from core.reminders.reminder import ReminderRecord

SHANGHAI = ZoneInfo("Asia/Shanghai")
CHANGED = dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)


def reminder(id: int, day: int, **fields: object) -> ReminderRecord:
    fields = {
        "title": f"day {day}",
        "starts": dt.date(2025, 1, 1),
        "changed_at": CHANGED,
        **fields,
    }
    return ReminderRecord(id=id, day=day, **fields)  # type: ignore[arg-type]


def parsed(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def expanded(data: bytes, first: dt.date, last: dt.date) -> list:
    """Every event occurrence from `first` up to and including `last`."""
    return recurring_ical_events.of(parsed(data)).between(first, last + dt.timedelta(days=1))


def month_end_day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, months.monthrange(year, month)[1]))


DAYS = (1, 15, 29, 30, 31)


@pytest.mark.parametrize(
    "first_year",
    [2025, 2027],  # 2025-2026 has no leap day; 2027-2028 has 29 February 2028
)
def test_exactly_one_occurrence_a_month_for_24_months_on_the_right_dates(first_year):
    data = calendar_file([reminder(day, day) for day in DAYS], "1:test", SHANGHAI)
    first, last = dt.date(first_year, 1, 1), dt.date(first_year + 1, 12, 31)
    by_day: dict[int, list[dt.datetime]] = {day: [] for day in DAYS}
    for event in expanded(data, first, last):
        by_day[int(str(event["SUMMARY"]).split()[1])].append(event.start)
    for day in DAYS:
        starts = sorted(by_day[day])
        expected = [
            dt.datetime.combine(month_end_day(y, m, day), dt.time(9), tzinfo=SHANGHAI)
            for y in (first_year, first_year + 1)
            for m in range(1, 13)
        ]
        assert starts == expected, day


def test_the_month_ends_named_in_the_issue():
    data = calendar_file([reminder(31, 31), reminder(29, 29), reminder(30, 30)], "1:test", SHANGHAI)
    found = {
        (str(e["SUMMARY"]), e.start.date())
        for e in expanded(data, dt.date(2027, 2, 1), dt.date(2028, 4, 30))
    }
    assert {
        ("day 31", dt.date(2027, 2, 28)),
        ("day 31", dt.date(2027, 4, 30)),
        ("day 31", dt.date(2028, 2, 29)),
        ("day 29", dt.date(2027, 2, 28)),
        ("day 29", dt.date(2028, 2, 29)),
        ("day 30", dt.date(2028, 2, 29)),
        ("day 30", dt.date(2028, 3, 30)),
    } <= found
    assert ("day 30", dt.date(2028, 3, 31)) not in found


def test_no_day_uses_a_plain_monthday_past_28_that_short_months_would_skip():
    for day in range(1, 32):
        rule = monthly_rule(day)
        assert day <= 28 or rule["BYMONTHDAY"] == [-1] or rule["BYSETPOS"] == [-1]


def test_the_series_starts_on_the_first_occurrence_from_the_day_it_was_made():
    data = calendar_file([reminder(1, 30, starts=dt.date(2027, 1, 31))], "1:test", SHANGHAI)
    (event,) = parsed(data).walk("VEVENT")
    assert event.start == dt.datetime(2027, 2, 28, 9, tzinfo=SHANGHAI)
    assert not expanded(data, dt.date(2027, 1, 1), dt.date(2027, 2, 27))


def test_uids_are_stable_across_exports_and_differ_by_reminder_and_profile():
    rs = [reminder(1, 5), reminder(2, 31)]
    first = calendar_file(rs, "1:test", SHANGHAI)
    assert calendar_file(rs, "1:test", SHANGHAI) == first  # nothing depends on the clock
    uids = [str(e["UID"]) for e in parsed(first).walk("VEVENT")]
    assert uids == [event_uid("1:test", 1), event_uid("1:test", 2)]
    assert len(set(uids)) == 2
    other = calendar_file(rs, "2:test", SHANGHAI)
    assert not set(uids) & {str(e["UID"]) for e in parsed(other).walk("VEVENT")}


def test_a_changed_reminder_keeps_its_uid_with_a_higher_sequence():
    before = parsed(calendar_file([reminder(1, 5)], "1:test", SHANGHAI)).walk("VEVENT")[0]
    edited = reminder(1, 6, revision=1, changed_at=CHANGED + dt.timedelta(days=3))
    after = parsed(calendar_file([edited], "1:test", SHANGHAI)).walk("VEVENT")[0]
    assert after["UID"] == before["UID"]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.DTSTAMP > before.DTSTAMP


def test_each_event_has_an_alarm_the_time_zone_the_text_and_paused_ones_are_left_out():
    rs = [
        reminder(1, 8, title="还款：微粒贷", note="最低还款 ¥1,800.00", debt_name="微粒贷"),
        reminder(2, 20, active=False),
    ]
    cal = parsed(calendar_file(rs, "1:test", SHANGHAI, lang="zh"))
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Shanghai"
    (event,) = cal.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert str(event["SUMMARY"]) == "还款：微粒贷"
    assert str(event["DESCRIPTION"]) == "最低还款 ¥1,800.00\n关联欠款：微粒贷"
    (alarm,) = event.walk("VALARM")
    assert (str(alarm["ACTION"]), alarm["TRIGGER"].dt) == ("DISPLAY", dt.timedelta(0))
    assert str(cal["X-WR-CALNAME"]) == "还款提醒"


def test_another_time_zone_keeps_the_wall_clock_time_through_daylight_saving():
    new_york = ZoneInfo("America/New_York")
    data = calendar_file([reminder(1, 15, time=dt.time(18, 30))], "1:test", new_york)
    assert [str(z["TZID"]) for z in parsed(data).walk("VTIMEZONE")] == ["America/New_York"]
    starts = [e.start for e in expanded(data, dt.date(2027, 1, 1), dt.date(2027, 12, 31))]
    assert [s.astimezone(new_york).time() for s in starts] == [dt.time(18, 30)] * 12
    assert {s.utcoffset() for s in starts} == {dt.timedelta(hours=-5), dt.timedelta(hours=-4)}


def test_an_empty_calendar_is_still_a_valid_file():
    cal = parsed(calendar_file([], "1:test", SHANGHAI))
    assert cal.walk("VEVENT") == []
    assert str(cal["VERSION"]) == "2.0"
