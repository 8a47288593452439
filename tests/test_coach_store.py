"""The coach on a real store: the contact log keeps every version, and the snapshot and
means are read from what the user recorded."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
import sqlalchemy as sa

from core.coach.contacts import ContactEntry, ContactInvalid
from core.coach.gather import means, snapshot
from core.coach.log import add_contact, all_versions, correct_contact, current_contacts
from core.coach.rules import advise, why_text
from core.debts.entry import DebtEntry
from core.debts.store import add_debt, list_debts
from core.errors import CoachError
from core.models import CollectionContact
from core.profiles import profile_id
from tests import factories

TODAY = dt.date(2026, 10, 13)
NOW = dt.datetime(2026, 10, 13, 12, 0)
VISIT = ContactEntry(
    when=dt.datetime(2026, 10, 10, 22, 30),
    kind="visit",
    place="家门口",
    collector="王某",
    company="某某资产管理",
    id_shown=False,
    said="不还钱就天天来",
    flags=("threats",),
)
WEILIDAI = factories.debt(overdue_since=dt.date(2026, 10, 1), late_fee_cents=0)
CARD = DebtEntry(
    name="招行信用卡", balance_cents=800_000, apr=Decimal(18), min_payment_cents=40_000
)


def commit(engine, profile: int, rows: list[tuple]) -> None:
    """rows: (date, cents, kind, description)."""
    fields = ("date", "amount", "kind", "description")
    factories.commit(engine, profile, [dict(zip(fields, row, strict=True)) for row in rows])


# --- the contact log -------------------------------------------------------------------


def test_contacts_are_numbered_and_read_back(engine, profile):
    assert add_contact(engine, profile, VISIT, NOW) == 1
    call = replace(VISIT, when=dt.datetime(2026, 10, 9, 9, 0), kind="call", flags=())
    assert add_contact(engine, profile, call, NOW) == 2
    records = current_contacts(engine, profile)
    assert [(r.entry, r.kind) for r in records] == [(2, "call"), (1, "visit")]  # by time
    visit = records[1]
    assert visit.when == VISIT.when
    assert visit.flags == ("threats",)
    assert visit.said == "不还钱就天天来"
    assert visit.recorded_at is not None


def test_a_correction_is_a_new_version_and_the_old_one_stays(engine, profile):
    number = add_contact(engine, profile, VISIT, NOW)
    fixed = replace(VISIT, said="不还钱就去你单位", flags=("threats", "contacted_others"))
    assert correct_contact(engine, profile, number, fixed, NOW) == 2
    assert correct_contact(engine, profile, number, replace(fixed, place="楼下"), NOW) == 3
    versions = all_versions(engine, profile)
    assert [(r.entry, r.version) for r in versions] == [(1, 1), (1, 2), (1, 3)]
    assert versions[0].said == "不还钱就天天来"
    assert versions[0].flags == ("threats",)
    assert [r.place for r in current_contacts(engine, profile)] == ["楼下"]
    with engine.connect() as conn:
        rows = conn.execute(sa.select(sa.func.count()).select_from(CollectionContact)).scalar()
    assert rows == 3


def test_correcting_a_contact_that_does_not_exist_is_a_message(engine, profile):
    with pytest.raises(CoachError) as caught:
        correct_contact(engine, profile, 7, VISIT, NOW)
    assert caught.value.key == "contacts.not_found"
    assert all_versions(engine, profile) == []


def test_an_impossible_contact_writes_nothing(engine, profile):
    with pytest.raises(ContactInvalid):
        add_contact(engine, profile, replace(VISIT, flags=("rude",)), NOW)
    with pytest.raises(ContactInvalid):
        add_contact(engine, profile, replace(VISIT, said="话" * 2001), NOW)
    assert all_versions(engine, profile) == []


def test_each_profile_keeps_its_own_log(engine, profile):
    other = profile_id(engine, "other")
    add_contact(engine, profile, VISIT, NOW)
    assert add_contact(engine, other, VISIT, NOW) == 1
    with pytest.raises(CoachError):
        correct_contact(engine, other, 2, VISIT, NOW)
    assert len(all_versions(engine, profile)) == 1


# --- the snapshot the rules decide on --------------------------------------------------


def test_an_empty_store_brings_only_getting_started(engine, profile):
    assert [a.key for a in advise(snapshot(engine, profile, TODAY))] == ["getting_started"]


def test_the_founding_case_from_the_store(engine, profile):
    """An overdue 微粒贷 and a 22:30 visit with a threat: what each week costs, how to
    approach the lender, the rights and what to do now."""
    add_debt(engine, profile, WEILIDAI)
    add_contact(engine, profile, VISIT, NOW)
    found = advise(snapshot(engine, profile, TODAY))
    keys = [a.key for a in found]
    assert keys[:3] == ["rights", "good_faith", "collector_at_door"]
    assert {"cost_of_delay", "negotiate"} <= set(keys)
    by_key = {a.key: a for a in found}
    assert "¥105.00" in why_text(by_key["cost_of_delay"], "en")  # a week at 27.375 %
    assert "95384" in why_text(by_key["negotiate"], "zh")
    assert "2026-10-10 22:30" in why_text(by_key["rights"], "zh")


def test_last_months_figures_and_the_budget_come_from_the_records(engine, profile):
    add_debt(engine, profile, CARD)
    commit(
        engine,
        profile,
        [
            ("2026-08-05", 600_000, "income", "工资"),
            ("2026-08-06", -500_000, "expense", "房租"),
            ("2026-09-05", 600_000, "income", "工资"),
            ("2026-09-06", -650_000, "expense", "房租"),
            ("2026-10-01", -900_000, "expense", "本月还没过完"),
        ],
    )
    found = snapshot(engine, profile, TODAY)
    assert found.last_month is not None
    assert (found.last_month.month, found.last_month.income, found.last_month.spending) == (
        "2026-09",
        600_000,
        650_000,
    )
    # the plan's budget: the average surplus over July to September, July's empty month
    # counting as nothing: (0 + 1,000 - 500) / 3
    assert found.budget == 16_667
    assert found.minimums == 40_000
    assert found.plan_clears is None  # below the minimums, a plan is not the question
    keys = [a.key for a in advise(found)]
    assert keys == ["negotiate", "cause", "long_run"]


def test_quick_fix_transactions_and_debts_are_found(engine, profile):
    commit(
        engine,
        profile,
        [
            ("2026-09-03", -29_900, "expense", "某某征信修复服务费"),
            ("2026-09-04", -3_500, "expense", "美团外卖"),
        ],
    )
    add_debt(engine, profile, replace(CARD, name="债务优化服务"))
    fixes = snapshot(engine, profile, TODAY).quick_fixes
    assert [(f.source, f.text, f.term) for f in fixes] == [
        ("debt", "债务优化服务", "债务优化"),
        ("transaction", "某某征信修复服务费", "征信修复"),
    ]
    assert fixes[1].date == dt.date(2026, 9, 3)
    assert fixes[1].amount == -29_900


# --- what a letter can offer -----------------------------------------------------------


def test_means_average_income_and_essential_spending_and_count_other_minimums(engine, profile):
    add_debt(engine, profile, WEILIDAI)
    add_debt(engine, profile, CARD)
    rows = []
    for month in ("2026-07", "2026-08", "2026-09"):
        rows += [
            (f"{month}-05", 800_000, "income", "工资"),
            (f"{month}-06", -300_000, "expense", "房租"),
            (f"{month}-07", -100_000, "expense", "超市买菜"),
            (f"{month}-08", -50_000, "expense", "淘宝 衣服"),  # shopping: not essential
            (f"{month}-09", -40_000, "expense", "信用卡还款"),  # repayments: counted apart
            (f"{month}-10", -20_000, "expense", "杂项"),  # unsorted: counted as essential
        ]
    commit(engine, profile, rows)
    weilidai = next(d for d in list_debts(engine, profile) if d.name == "微粒贷")
    found = means(engine, profile, weilidai, TODAY)
    assert found.months == ("2026-07", "2026-08", "2026-09")
    assert found.income == 800_000
    assert found.essentials == 300_000 + 100_000 + 20_000
    assert found.other_minimums == 40_000
    assert found.affordable == 800_000 - 420_000 - 40_000


def test_means_without_records_are_zero(engine, profile):
    add_debt(engine, profile, WEILIDAI)
    found = means(engine, profile, list_debts(engine, profile)[0], TODAY)
    assert (found.income, found.essentials, found.affordable) == (0, 0, 0)


def test_a_missed_due_date_brings_mindset_until_a_payment_is_recorded(engine):
    """The reminders say a due date passed with nothing paid: the coach answers with
    the mindset card naming the debt; a recorded payment makes it go."""
    from core.progress.payments import record_payment
    from core.reminders.reminder import ReminderEntry
    from core.reminders.store import add_reminder

    profile, today = profile_id(engine), dt.date.today()
    card = add_debt(engine, profile, replace(CARD, due_day=28))
    starts = today - dt.timedelta(days=70)
    add_reminder(engine, profile, ReminderEntry(title="还卡", day=25, debt_id=card), starts)
    missed = snapshot(engine, profile, today)
    assert missed.missed_payments == ("招行信用卡",)
    assert "mindset" in [card.key for card in advise(missed)]
    record_payment(engine, profile, card, today, 40_000)
    paid = snapshot(engine, profile, today)
    assert paid.missed_payments == ()
    assert "mindset" not in [card.key for card in advise(paid)]
