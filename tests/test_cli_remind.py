"""`recovery-coach remind …` run as a user or cron runs it: add, list, export, due."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from icalendar import Calendar

from core.i18n import t
from tests.cli import run

WEILIDAI = [
    "debts", "add", "--name", "微粒贷", "--balance", "20000", "--daily-rate", "0.05",
    "--min-payment", "1800", "--due-day", "8",
]  # fmt: skip


def add(db, title: str, day: str, *more: str, lang: str = "en"):
    return run(db, "remind", "add", "--title", title, "--day", day, *more, lang=lang)


def test_add_then_list_as_json(db):
    assert run(db, *WEILIDAI).code == 0
    done = add(db, "还微粒贷", "5", "--time", "8:30", "--debt", "微粒贷")
    assert done.code == 0, done.err
    assert "every month on day 5 at 08:30" in done.out
    last = add(db, "Budget review", "31", lang="zh")
    assert "没有 31 号的月份，就在当月最后一天提醒" in last.out
    listed = run(db, "remind", "list", "--json").json()
    assert [(r["id"], r["title"], r["day"], r["time"], r["debt"], r["active"]) for r in listed] == [
        (1, "还微粒贷", 5, "08:30", "微粒贷", True),
        (2, "Budget review", 31, "09:00", None, True),
    ]
    assert all(
        dt.date.fromisoformat(r["next"]) >= dt.date.today() - dt.timedelta(days=1) for r in listed
    )
    table = run(db, "remind", "list", lang="zh").out
    assert "还微粒贷" in table
    assert t("reminders.cli_col_next", "zh") in table


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--day", "32"], "Day of the month: “32” will not do"),
        (["--day", "0"], "give a whole number from 1 to 31"),
        (["--time", "24:00"], "Time: “24:00” will not do"),
        (["--debt", "花呗"], "Linked debt: there is no debt called “花呗”"),
        (["--title", " "], "Reminder: cannot be empty."),
    ],
)
def test_impossible_values_are_refused_naming_the_field_and_nothing_is_written(db, args, words):
    given = {"--title": "x", "--day": "5", **dict(zip(args[::2], args[1::2], strict=True))}
    result = run(db, "remind", "add", *[part for pair in given.items() for part in pair])
    assert result.code == 1
    assert words in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert run(db, "remind", "list", "--json").json() == []


def test_refusals_in_chinese(db):
    result = add(db, "x", "5", "--debt", "花呗", lang="zh")
    assert result.code == 1
    assert result.err.strip() == "关联的欠款：" + t(
        "reminders.reason_unknown_debt", "zh", name="花呗"
    )


def due(db, *args: str, lang: str = "en"):
    return run(db, "remind", "due", *args, lang=lang)


def test_due_around_a_month_end_and_a_year_end(db):
    assert run(db, *WEILIDAI).code == 0
    add(db, "Pay rent", "1", "--time", "07:00")
    add(db, "还微粒贷", "31", "--debt", "微粒贷")
    add(db, "Mid month", "15")
    feb = due(db, "--on", "2027-02-26", "--within", "3", "--json").json()
    assert feb == {
        "on": "2027-02-26",
        "within": 3,
        "timezone": "Asia/Shanghai",
        "due": [
            {"id": 2, "title": "还微粒贷", "date": "2027-02-28", "time": "09:00", "debt": "微粒贷",
             "note": ""},
            {"id": 1, "title": "Pay rent", "date": "2027-03-01", "time": "07:00", "debt": None,
             "note": ""},
        ],
        # no payment to 微粒贷 recorded since 9 January: its 8 February due date was missed
        "missed": [{"id": 2, "title": "还微粒贷", "debt": "微粒贷", "due_date": "2027-02-08",
                    "since": "2027-01-09"}],
    }  # fmt: skip
    leap = due(db, "--on", "2028-02-29", "--within", "0", "--json").json()
    assert [(d["title"], d["date"]) for d in leap["due"]] == [("还微粒贷", "2028-02-29")]
    year_end = due(db, "--on", "2027-12-31", "--within", "1")
    assert year_end.code == 0
    assert year_end.out.splitlines() == [
        "Missed: 微粒贷 was due on 2027-12-08, and no payment has been recorded since "
        "2027-11-09. (还微粒贷)",
        "2027-12-31 09:00  还微粒贷 (微粒贷)",
        "2028-01-01 07:00  Pay rent",
    ]
    default = due(db, "--on", "2027-12-10", "--json").json()
    assert (default["within"], [d["date"] for d in default["due"]]) == (7, ["2027-12-15"])


def test_nothing_due_prints_nothing_for_cron(db):
    add(db, "Mid month", "15")
    quiet = due(db, "--on", "2027-03-01", "--within", "2")
    assert (quiet.code, quiet.out, quiet.err) == (0, "", "")
    assert due(db, "--on", "2027-03-01", "--json").json()["due"] == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--on", "2027-02-30"], "Date: “2027-02-30” is not a date"),
        (["--on", "31/01/2027"], "is not a date"),
        (["--within", "-1"], "Days ahead: “-1” will not do"),
        (["--within", "367"], "from 0 to 366"),
    ],
)
def test_due_refuses_a_bad_date_or_window(db, args, words):
    result = due(db, *args)
    assert result.code == 1
    assert words in result.err
    assert "Traceback" not in result.err


def test_an_unknown_time_zone_is_refused(db, monkeypatch):
    monkeypatch.setenv("RC_TIMEZONE", "Mars/Olympus")
    result = due(db)
    assert result.code == 1
    assert "Unknown time zone “Mars/Olympus”" in result.err


def test_export_writes_a_calendar_that_keeps_its_uids(db, tmp_path):
    add(db, "还微粒贷", "31")
    add(db, "Review", "30", "--time", "20:00")
    first, second = tmp_path / "a.ics", tmp_path / "提醒.ics"
    done = run(db, "remind", "export", str(first))
    assert done.code == 0, done.err
    assert "Wrote 2 reminders to" in done.out
    assert run(db, "remind", "export", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()
    events = Calendar.from_ical(first.read_bytes()).walk("VEVENT")
    assert [str(e["RRULE"].to_ical(), "ascii") for e in events] == [
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
    ]
    nowhere = run(db, "remind", "export", str(tmp_path / "no" / "such" / "dir.ics"))
    assert nowhere.code == 1
    assert "Cannot write" in nowhere.err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_is_in_the_users_language(db, lang):
    shown = re.sub(r"[\s│╭╮╰╯─]+", "", run(db, "remind", "due", "--help", lang=lang).out)
    for key in ("remind_due", "remind_due_on", "remind_due_within"):
        assert re.sub(r"\s+", "", t(f"cli_help.{key}", lang)) in shown
