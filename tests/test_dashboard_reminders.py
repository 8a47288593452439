"""The reminders page as a person uses it, in zh and en, on a real SQLite store."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from core.debts.store import add_debt, list_debts
from core.i18n import t
from core.importing.store import import_file
from core.profiles import profile_id
from core.reminders.reminder import REVIEW, ReminderEntry
from core.reminders.store import add_reminder, list_reminders
from tests.factories import WEILIDAI
from tests.filemakers import csv_bytes
from tests.test_dashboard import labels, ok, one, open_page, set_lang, start, texts


@pytest.fixture
def mine(store: Engine) -> Engine:
    """The user's own records (so no sample is loaded) and one debt due on the 8th."""
    sheet = csv_bytes([["Date", "Description", "Amount"], ["2026-10-05", "Piano lesson", "-300"]])
    import_file(store, profile_id(store), "mine.csv", sheet)
    add_debt(store, profile_id(store), WEILIDAI)
    return store


def reminders_page(lang: str):
    return open_page(start(lang), "reminders")


def test_the_page_in_both_languages_proposes_a_reminder_per_debt_and_a_review(mine):
    at = reminders_page("zh")
    for lang in ("zh", "en"):
        set_lang(at, lang)
        assert texts(at.title) == [t("reminders_page.title", lang)]
        assert t("reminders_page.proposals_title", lang) in texts(at.subheader)
        shown = " ".join(texts(at.markdown))
        assert t("reminders.proposal_pay_title", lang, name="微粒贷") in shown
        assert t("reminders_page.every_month", lang, day=5, time="09:00") in shown
        assert t("reminders.proposal_review_title", lang) in shown
        assert t("reminders_page.every_month_end", lang, time="20:00") in shown
        assert texts(at.info) == [t("reminders_page.empty", lang)]
        assert t("reminders_page.zone", lang, zone="Asia/Shanghai") in texts(at.caption)


def test_confirming_proposals_stores_them_and_they_are_not_proposed_again(mine):
    at = reminders_page("en")
    ok(at.selectbox(key="reminder_lead").set_value(2).run())
    assert list_reminders(mine, profile_id(mine)) == []
    ok(one(at.button, t("reminders_page.confirm_all", "en")).click().run())
    pay, review = list_reminders(mine, profile_id(mine))
    assert (pay.title, pay.day, pay.debt_name, pay.time) == ("Pay 微粒贷", 6, "微粒贷", dt.time(9))
    assert (review.kind, review.day, review.time) == (REVIEW, 31, dt.time(20))
    assert t("reminders_page.proposals_title", "en") not in texts(at.subheader)
    table = at.dataframe[0].value
    assert table["title"].tolist() == ["Pay 微粒贷", "Monthly budget review"]
    assert table["status"].tolist() == ["on", "on"]


def test_add_a_31st_reminder_with_the_form_and_an_empty_title_is_refused(mine):
    at = reminders_page("zh")
    form = "reminder_form_new_0"
    at.selectbox(key=f"{form}_day").set_value(31)
    ok(one(at.button, t("reminders_page.add", "zh")).click().run())
    assert texts(at.error) == [
        t("reminders.invalid", "zh", field=t("reminders.field_title", "zh"),
          reason=t("reminders.reason_required", "zh"))
    ]  # fmt: skip
    assert list_reminders(mine, profile_id(mine)) == []
    at.text_input(key=f"{form}_title").set_value("月底*查账*")
    at.selectbox(key=f"{form}_day").set_value(31)
    at.selectbox(key=f"{form}_debt").set_value(list_debts(mine, profile_id(mine))[0].id)
    at.time_input(key=f"{form}_time").set_value(dt.time(21, 30))
    ok(one(at.button, t("reminders_page.add", "zh")).click().run())
    (saved,) = list_reminders(mine, profile_id(mine))
    assert (saved.title, saved.day, saved.time, saved.debt_name) == (
        "月底*查账*", 31, dt.time(21, 30), "微粒贷"
    )  # fmt: skip
    assert at.dataframe[0].value["title"].tolist() == ["月底*查账*"]
    assert not at.error


def test_pause_and_change_a_reminder(mine):
    me = profile_id(mine)
    add_reminder(mine, me, ReminderEntry(title="还花呗", day=10))
    at = reminders_page("en")
    (chosen,) = list_reminders(mine, me)
    ok(at.selectbox(key="reminder_pick").set_value(chosen).run())
    ok(one(at.button, t("reminders_page.pause", "en")).click().run())
    (paused,) = list_reminders(mine, me)
    assert (paused.active, paused.revision) == (False, 1)
    assert at.dataframe[0].value["status"].tolist() == ["paused"]
    ok(at.selectbox(key="reminder_pick").set_value(paused).run())
    form = f"reminder_form_{paused.id}_0"
    at.selectbox(key=f"{form}_day").set_value(30)
    at.checkbox(key=f"{form}_active").check()
    ok(one(at.button, t("reminders_page.save", "en")).click().run())
    (changed,) = list_reminders(mine, me)
    assert (changed.day, changed.active, changed.revision) == (30, True, 2)


def test_what_is_due_this_week_is_shown_and_the_calendar_can_be_downloaded(mine):
    me = profile_id(mine)
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    add_reminder(mine, me, ReminderEntry(title="还 微粒贷", day=today.day, time=dt.time(7, 5)))
    add_reminder(mine, me, ReminderEntry(title="later", day=today.day, active=False))
    at = reminders_page("en")
    assert t("reminders_page.upcoming_title", "en", days=7) in texts(at.subheader)
    due = [m for m in texts(at.markdown) if "07:05" in m]
    assert len(due) == 1 and "还 微粒贷" in due[0]
    assert not [m for m in texts(at.markdown) if "later" in m]
    (download,) = at.get("download_button")
    assert download.proto.label == t("reminders_page.download", "en")
    assert t("reminders_page.dismiss", "en") not in labels(at.button)
