"""The coach's rules: each card comes up on the data that warrants it, stays away
otherwise, and says why in the user's own figures."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from core.coach.cards import BY_KEY, CARDS, INDUSTRY, LAW, card_text, title
from core.coach.contacts import CONDUCT_FLAGS, ContactRecord
from core.coach.rules import action_texts, advise, card_for, plan_negotiate, why_text
from core.coach.situation import MonthTotals, QuickFix, Snapshot
from core.debts.entry import DebtRecord
from core.debts.overdue import delay_cost
from core.i18n import t
from core.money import display
from core.planner.request import make_request
from tests.factories import record

TODAY = dt.date(2026, 10, 13)
WEILIDAI = record(overdue_since=dt.date(2026, 10, 1))  # 12 days overdue on TODAY
CARD = DebtRecord(
    name="招行信用卡", balance_cents=800_000, apr=Decimal(18), min_payment_cents=40_000, id=2
)


def keys(snapshot: Snapshot) -> list[str]:
    return [a.key for a in advise(snapshot)]


def advice(snapshot: Snapshot, key: str):
    return next(a for a in advise(snapshot) if a.key == key)


def contact(when: str, kind: str = "visit", flags: tuple[str, ...] = (), entry: int = 1, **kw):
    return ContactRecord(
        when=dt.datetime.fromisoformat(when), kind=kind, flags=flags, entry=entry, **kw
    )


# --- no data, and data that needs nothing ---------------------------------------------


def test_a_new_user_sees_only_getting_started():
    assert keys(Snapshot(today=TODAY)) == ["getting_started"]


def test_getting_started_goes_once_there_is_anything():
    assert "getting_started" not in keys(Snapshot(today=TODAY, debts=(CARD,)))
    assert "getting_started" not in keys(Snapshot(today=TODAY, has_records=True))
    assert "getting_started" not in keys(
        Snapshot(today=TODAY, contacts=(contact("2026-10-01 10:00"),))
    )


def test_a_debt_paid_on_time_within_budget_brings_nothing():
    calm = Snapshot(
        today=TODAY,
        debts=(CARD,),
        has_records=True,
        last_month=MonthTotals("2026-09", 800_000, 600_000),
        budget=100_000,
        minimums=40_000,
        plan_clears=True,
    )
    assert keys(calm) == []


def test_a_debt_that_is_not_overdue_brings_neither_cost_of_delay_nor_rights():
    found = keys(Snapshot(today=TODAY, debts=(CARD,), budget=0, minimums=40_000))
    assert "cost_of_delay" not in found
    assert "rights" not in found
    assert "negotiate" in found  # the budget, not the debt, brings this


# --- overdue debts ----------------------------------------------------------------------


def test_an_overdue_debt_brings_the_cost_of_delay_with_its_own_figures():
    snapshot = Snapshot(today=TODAY, debts=(WEILIDAI, CARD))
    found = advice(snapshot, "cost_of_delay")
    assert len(found.reasons) == 1  # the card on time is not mentioned
    week = delay_cost(WEILIDAI, 7)
    assert week == 10_500  # 20,000 x 27.375 % / 365 x 7
    for lang in ("zh", "en"):
        why = why_text(found, lang)
        assert why == t(
            "coach.why_delay",
            lang,
            name="微粒贷",
            days=12,
            day=display(delay_cost(WEILIDAI, 1)),
            week=display(week),
            month=display(delay_cost(WEILIDAI, 30)),
        )
        assert "¥105.00" in why
        assert "12" in why


def test_one_day_overdue_reads_as_one_day():
    snapshot = Snapshot(today=dt.date(2026, 10, 2), debts=(WEILIDAI,))
    assert " 1 day." in why_text(advice(snapshot, "cost_of_delay"), "en")


def test_an_overdue_debt_brings_negotiate_naming_the_lender_and_webanks_line():
    found = advice(Snapshot(today=TODAY, debts=(WEILIDAI,)), "negotiate")
    for lang in ("zh", "en"):
        why = why_text(found, lang)
        assert "微众银行" in why
        assert "95384" in why
    other = DebtRecord(**{**WEILIDAI.__dict__, "name": "借呗", "lender": "蚂蚁"})
    assert "95384" not in why_text(advice(Snapshot(today=TODAY, debts=(other,)), "negotiate"), "en")


def test_a_paid_off_overdue_debt_brings_nothing():
    cleared = DebtRecord(**{**WEILIDAI.__dict__, "balance_cents": 0})
    assert keys(Snapshot(today=TODAY, debts=(cleared,), has_records=True)) == []


def test_an_overdue_debt_brings_cause_too():
    why = why_text(advice(Snapshot(today=TODAY, debts=(WEILIDAI,)), "cause"), "en")
    assert "2026-10-01" in why


# --- budget and plan ---------------------------------------------------------------------


def test_a_budget_below_the_minimums_brings_negotiate_with_the_gap():
    snapshot = Snapshot(today=TODAY, debts=(CARD,), budget=25_000, minimums=40_000)
    why = why_text(advice(snapshot, "negotiate"), "en")
    assert "¥250.00" in why
    assert "¥400.00" in why
    assert "¥150.00" in why


def test_a_budget_that_covers_the_minimums_is_silent():
    snapshot = Snapshot(
        today=TODAY, debts=(CARD,), budget=40_000, minimums=40_000, plan_clears=True
    )
    assert "negotiate" not in keys(snapshot)


def test_a_plan_that_cannot_clear_brings_negotiate():
    stuck = Snapshot(today=TODAY, debts=(CARD,), budget=50_000, minimums=40_000, plan_clears=False)
    assert "¥500.00" in why_text(advice(stuck, "negotiate"), "en")


# --- last month's spending ---------------------------------------------------------------


def test_spending_above_income_last_month_brings_cause_and_long_run():
    snapshot = Snapshot(
        today=TODAY, has_records=True, last_month=MonthTotals("2026-09", 600_000, 712_345)
    )
    assert keys(snapshot) == ["cause", "long_run"]
    for key in ("cause", "long_run"):
        why = why_text(advice(snapshot, key), "zh")
        assert "2026-09" in why
        assert "¥6,000.00" in why
        assert "¥7,123.45" in why
        assert "¥1,123.45" in why


@pytest.mark.parametrize("spending", [600_000, 599_999])
def test_spending_within_income_is_silent(spending):
    snapshot = Snapshot(
        today=TODAY, has_records=True, last_month=MonthTotals("2026-09", 600_000, spending)
    )
    assert keys(snapshot) == []


# --- collection contacts -----------------------------------------------------------------


def test_a_logged_contact_brings_collector_at_door_and_no_rights_without_a_flag():
    snapshot = Snapshot(today=TODAY, contacts=(contact("2026-10-10 15:00"),))
    assert keys(snapshot) == ["collector_at_door"]
    assert "2026-10-10 15:00" in why_text(advice(snapshot, "collector_at_door"), "en")


@pytest.mark.parametrize("flag", CONDUCT_FLAGS)
def test_each_conduct_flag_brings_rights_and_good_faith(flag):
    snapshot = Snapshot(today=TODAY, contacts=(contact("2026-10-10 15:00", flags=(flag,)),))
    found = keys(snapshot)
    assert found[:3] == ["rights", "good_faith", "collector_at_door"]
    for lang in ("zh", "en"):
        assert t(f"contacts.flag_{flag}", lang) in why_text(advice(snapshot, "rights"), lang)


@pytest.mark.parametrize(
    ("when", "night"),
    [
        ("2026-10-10 21:59", False),
        ("2026-10-10 22:00", True),
        ("2026-10-10 22:30", True),
        ("2026-10-11 03:00", True),
        ("2026-10-11 07:59", True),
        ("2026-10-11 08:00", False),
    ],
)
def test_a_contact_at_night_brings_rights_without_any_flag_ticked(when, night):
    found = keys(Snapshot(today=TODAY, contacts=(contact(when, kind="call"),)))
    assert ("rights" in found) is night
    assert ("good_faith" in found) is night


def test_more_than_three_calls_in_a_day_bring_rights():
    calls = [contact(f"2026-10-10 1{h}:00", kind="call", entry=h) for h in range(4)]
    assert "rights" not in keys(Snapshot(today=TODAY, contacts=tuple(calls[:3])))
    snapshot = Snapshot(today=TODAY, contacts=tuple(calls))
    assert "rights" in keys(snapshot)
    assert t("contacts.flag_too_many_calls", "en") in why_text(advice(snapshot, "rights"), "en")


def test_rights_always_come_with_good_faith_right_after():
    moments = ("2026-10-10 12:00", "2026-10-10 23:00")
    for when, kind, flags in itertools.product(
        moments, ("visit", "call", "message"), [(), *((f,) for f in CONDUCT_FLAGS)]
    ):
        found = keys(
            Snapshot(today=TODAY, debts=(WEILIDAI,), contacts=(contact(when, kind, flags),))
        )
        assert ("rights" in found) == ("good_faith" in found)
        if "rights" in found:
            assert found.index("good_faith") == found.index("rights") + 1


def test_the_22_30_visit_with_a_threat_says_what_to_do_now():
    snapshot = Snapshot(today=TODAY, contacts=(contact("2026-10-10 22:30", "visit", ("threats",)),))
    rights = advice(snapshot, "rights")
    assert rights.actions == (
        "coach.do_leave",
        "coach.do_police",
        "coach.do_complain",
        "coach.do_keep_log",
    )
    for lang in ("zh", "en"):
        why = why_text(rights, lang)
        assert "2026-10-10 22:30" in why
        assert t("contacts.flag_threats", lang) in why
        assert t("contacts.flag_night", lang) in why
        steps = " ".join(action_texts(rights, lang))
        assert "110" in steps
        assert "12378" in steps


def test_calls_and_contacted_others_bring_12321_and_the_letter():
    snapshot = Snapshot(
        today=TODAY,
        contacts=(contact("2026-10-10 12:00", "call", ("contacted_others",)),),
    )
    actions = advice(snapshot, "rights").actions
    assert "coach.do_calls" in actions
    assert "coach.do_third_parties" in actions
    assert "coach.do_police" not in actions
    assert "coach.do_leave" not in actions


# --- progress, quick fixes --------------------------------------------------------------


def test_a_missed_payment_or_stalled_progress_brings_mindset():
    assert keys(Snapshot(today=TODAY, debts=(CARD,), missed_payments=("招行信用卡",))) == [
        "mindset"
    ]
    stalled = Snapshot(today=TODAY, debts=(CARD,), stalled=("招行信用卡",))
    assert keys(stalled) == ["mindset"]
    assert "招行信用卡" in why_text(advice(stalled, "mindset"), "zh")


def test_a_quick_fix_transaction_brings_the_scam_warning_naming_it():
    hit = QuickFix("transaction", "XX征信修复服务费", "征信修复", dt.date(2026, 9, 3), -29_900)
    snapshot = Snapshot(today=TODAY, has_records=True, quick_fixes=(hit,))
    assert keys(snapshot) == ["scam_warning"]
    for lang in ("zh", "en"):
        why = why_text(advice(snapshot, "scam_warning"), lang)
        assert "XX征信修复服务费" in why
        assert "2026-09-03" in why
        assert "¥299.00" in why


def test_a_quick_fix_debt_brings_the_scam_warning():
    hit = QuickFix("debt", "债务优化服务", "债务优化")
    found = advice(Snapshot(today=TODAY, debts=(CARD,), quick_fixes=(hit,)), "scam_warning")
    assert "债务优化服务" in why_text(found, "en")


# --- order and content ------------------------------------------------------------------


def test_everything_at_once_comes_most_urgent_first():
    snapshot = Snapshot(
        today=TODAY,
        debts=(WEILIDAI, CARD),
        has_records=True,
        last_month=MonthTotals("2026-09", 600_000, 700_000),
        budget=100_000,
        minimums=220_000,
        plan_clears=False,
        contacts=(contact("2026-10-10 22:30", "visit", ("threats",)),),
        quick_fixes=(QuickFix("transaction", "反催收", "反催收", dt.date(2026, 9, 1), -100),),
        missed_payments=("微粒贷",),
    )
    assert keys(snapshot) == [
        "rights",
        "good_faith",
        "collector_at_door",
        "scam_warning",
        "cost_of_delay",
        "negotiate",
        "cause",
        "mindset",
        "long_run",
    ]


def test_every_card_has_a_title_and_its_points_in_both_languages():
    for card in CARDS:
        for lang in ("zh", "en"):
            assert title(card.key, lang)
            assert len(card_text(card.key, lang)) == len(card.points)


def test_law_and_industry_rules_are_marked_as_such():
    for lang in ("zh", "en"):
        law = t("coach.basis_law", lang, text="")
        industry = t("coach.basis_industry", lang, text="")
        for card in CARDS:
            for point, text in zip(card.points, card_text(card.key, lang), strict=True):
                assert text.startswith(law) == (point.basis == LAW), (card.key, point)
                assert text.startswith(industry) == (point.basis == INDUSTRY), (card.key, point)
    rights = {p.name: p.basis for p in BY_KEY["rights"].points}
    assert rights["hours"] == INDUSTRY  # GB/T 45251-2025 is a standard, not a law
    assert rights["entry"] == LAW
    assert "第47条" in t("coach.rights_entry", "zh")
    assert "GB/T 45251-2025" in t("coach.rights_hours", "zh")


def test_the_plan_on_screen_brings_negotiate_at_its_own_budget():
    calm = Snapshot(today=TODAY, debts=(CARD,), budget=100_000, minimums=40_000, plan_clears=True)
    assert card_for(calm, "negotiate") is None
    request = make_request([CARD], 100_000, "avalanche", budget=30_000, start="2026-11")
    found = plan_negotiate(calm, request, clears=False)
    assert found is not None
    assert "¥300.00" in why_text(found, "en")  # the budget on screen, not the default
    assert "¥400.00" in why_text(found, "en")
    enough = make_request([CARD], 100_000, "avalanche", budget=50_000, start="2026-11")
    assert plan_negotiate(calm, enough, clears=True) is None
    stuck = plan_negotiate(calm, enough, clears=False)
    assert "¥500.00" in why_text(stuck, "en")
