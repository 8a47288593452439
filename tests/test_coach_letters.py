"""Letters to the lender: the offer fits what the user can afford, and the letters
carry the user's own numbers and log."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from core.coach.contacts import ContactRecord
from core.coach.letters import (
    MAX_MONTHS,
    Means,
    complaint_letter,
    escalation_date,
    looks_like_card,
    notice_request_letter,
    other_minimums,
    proposal_letter,
    propose,
    split_letter,
    stop_third_party_letter,
)
from core.debts.entry import DebtRecord, planner_debt
from core.errors import CoachError
from core.i18n import t
from core.money import display
from core.months import Month
from core.planner import plan
from core.planner.split import split_plan
from tests.factories import record

TODAY = dt.date(2026, 10, 13)
START = "2026-11"
WEILIDAI = record(overdue_since=dt.date(2026, 10, 1))
CARD = DebtRecord(
    name="招行信用卡", balance_cents=3_000_000, apr=Decimal(18), min_payment_cents=150_000, id=2
)
LOAN = DebtRecord(
    name="借呗", balance_cents=500_000, apr=Decimal(12), min_payment_cents=50_000, id=3
)
MEANS = Means(
    income=800_000,
    essentials=450_000,
    other_minimums=150_000,
    months=("2026-07", "2026-08", "2026-09"),
)


def paid_alone(debt: DebtRecord, payment: int):
    return plan([replace(planner_debt(debt), min_payment=0)], "avalanche", payment, START)


def test_the_affordable_figure_is_income_less_essentials_less_other_minimums():
    assert MEANS.affordable == 800_000 - 450_000 - 150_000
    assert other_minimums(WEILIDAI, [WEILIDAI, CARD, LOAN]) == 150_000 + 50_000
    paid_off = replace(LOAN, balance_cents=0)
    small = replace(LOAN, balance_cents=20_000)  # its minimum is capped at what it owes
    assert other_minimums(WEILIDAI, [WEILIDAI, paid_off, small]) == 20_000


@pytest.mark.parametrize("debt", [WEILIDAI, CARD, LOAN])
@pytest.mark.parametrize("affordable", [150_000, 200_000, 333_333, 2_500_000])
def test_the_offer_fits_the_budget_and_reconciles(debt, affordable):
    means = Means(income=affordable + 100_000, essentials=100_000, other_minimums=0, stated=True)
    offer = propose(debt, means, start=START).offer
    assert offer is not None
    assert offer.payment <= means.affordable
    assert offer.last <= offer.payment
    assert 1 <= offer.months <= MAX_MONTHS
    again = paid_alone(debt, offer.payment)
    assert again.months == offer.months
    assert again.total_paid == offer.total
    assert sum(row.payment for row in again.schedule) == offer.total
    assert offer.total == (offer.months - 1) * offer.payment + offer.last
    # the quickest that fits: paying all that is affordable takes as long
    assert paid_alone(debt, means.affordable).months == offer.months
    # and level: a cent less a month would not clear in as many months
    assert paid_alone(debt, offer.payment - 1).months > offer.months


def test_the_kind_follows_the_debt():
    assert propose(WEILIDAI, MEANS, start=START).kind == "instalment"
    assert propose(LOAN, MEANS, start=START).kind == "extension"  # not yet overdue
    assert propose(CARD, MEANS, start=START).kind == "card_instalment"
    overdue_card = replace(CARD, overdue_since=dt.date(2026, 9, 1))
    assert propose(overdue_card, MEANS, start=START).kind == "card_instalment"
    assert propose(LOAN, MEANS, card=True, start=START).kind == "card_instalment"
    assert propose(CARD, MEANS, card=False, start=START).kind == "extension"


def test_cards_are_guessed_from_their_words():
    assert looks_like_card(CARD)
    assert looks_like_card(replace(LOAN, name="Visa", lender="ABC Credit Card"))
    assert not looks_like_card(WEILIDAI)
    assert not looks_like_card(replace(LOAN, name="卡"))


def test_nothing_fits_when_sixty_months_need_more_than_is_affordable():
    means = Means(income=150_000, essentials=100_000, other_minimums=0, stated=True)  # ¥500
    proposal = propose(CARD, means, start=START)
    assert proposal.offer is None
    assert proposal.needed > means.affordable
    assert paid_alone(CARD, proposal.needed).months <= MAX_MONTHS
    assert paid_alone(CARD, proposal.needed - 1).months > MAX_MONTHS
    broke = Means(income=100_000, essentials=100_000, other_minimums=50_000, stated=True)
    assert propose(CARD, broke, start=START).offer is None


def test_a_debt_with_nothing_owed_needs_no_letter():
    with pytest.raises(CoachError, match="Nothing is owed"):
        propose(replace(LOAN, balance_cents=0), MEANS, start=START)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_proposal_letter_carries_the_numbers(lang):
    proposal = propose(WEILIDAI, MEANS, start=START)
    offer = proposal.offer
    text = proposal_letter(proposal, TODAY, lang).text()
    for figure in (
        display(800_000),
        display(450_000),
        display(150_000),
        display(MEANS.affordable),
        display(offer.payment),
        display(offer.last),
        display(offer.total),
        "2026-10-01",
        "微众银行",
    ):
        assert figure in text
    assert f" {offer.months} " in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_card_and_extension_letters_cite_their_rules(lang):
    card = proposal_letter(propose(CARD, MEANS, start=START), TODAY, lang).text()
    assert "个性化分期" in card
    assert "70" in card
    extension = proposal_letter(propose(LOAN, MEANS, start=START), TODAY, lang).text()
    assert "展期" in extension
    assert "678" in extension


def test_a_proposal_that_does_not_fit_offers_what_is_affordable_and_asks():
    means = Means(income=150_000, essentials=100_000, other_minimums=0, stated=True)
    text = proposal_letter(propose(CARD, means, start=START), TODAY, "en").text()
    assert "¥500.00 a month" in text
    broke = Means(income=100_000, essentials=120_000, other_minimums=0, stated=True)
    text = proposal_letter(propose(CARD, broke, start=START), TODAY, "en").text()
    assert "hardship arrangements" in text
    assert "-¥" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_figures_the_proposal_leaves_blanks_to_fill_in(lang):
    unknown = Means(income=0, essentials=0, other_minimums=150_000)
    proposal = propose(WEILIDAI, unknown, start=START)
    assert proposal.offer is None
    text = proposal_letter(proposal, TODAY, lang).text()
    assert "¥0.00" not in text
    assert ("[金额]" if lang == "zh" else "[amount]") in text


def log():
    return [
        ContactRecord(
            when=dt.datetime(2026, 10, 10, 22, 30),
            kind="visit",
            place="家门口",
            collector="王某",
            company="某某资产管理",
            said="不还钱就去你单位闹",
            flags=("threats",),
            entry=2,
        ),
        ContactRecord(when=dt.datetime(2026, 10, 9, 14, 0), kind="call", entry=1),
        ContactRecord(
            when=dt.datetime(2026, 10, 11, 10, 0), kind="call", flags=("contacted_others",), entry=3
        ),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_complaint_is_built_from_the_log_with_the_date_to_turn_to_12378(lang):
    text = complaint_letter(WEILIDAI, log(), TODAY, lang).text()
    assert escalation_date(TODAY) == dt.date(2026, 10, 28)
    assert "2026-10-28" in text
    assert "12378" in text
    assert "不还钱就去你单位闹" in text
    assert "某某资产管理" in text
    assert text.index("2026-10-10 22:30") < text.index("2026-10-11 10:00")  # by time
    assert "2026-10-09 14:00" not in text  # the unflagged call is not a complaint


def test_a_complaint_with_no_flagged_contact_lists_every_contact():
    plain = [ContactRecord(when=dt.datetime(2026, 10, 9, 14, 0), kind="call", entry=1)]
    assert "2026-10-09 14:00" in complaint_letter(WEILIDAI, plain, TODAY, "en").text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_stop_and_notice_letters(lang):
    stop = stop_third_party_letter(WEILIDAI, log(), TODAY, lang).text()
    assert "23" in stop
    assert "25" in stop
    assert "2026-10-11 10:00" in stop
    assert "2026-10-10 22:30" not in stop  # only contacts with others or public
    notice = notice_request_letter(WEILIDAI, TODAY, lang).text()
    assert "¥20,000.00" in notice
    assert "2026-10-01" in notice


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_below_the_minimums_the_letter_asks_for_the_fair_share_until_full_payments_return(lang):
    split = split_plan([planner_debt(WEILIDAI), planner_debt(LOAN)], 150_000, START)
    share = next(o for o in split.offers if o.name == WEILIDAI.name)
    assert 0 < share.offer < share.minimum
    text = split_letter(WEILIDAI, split, share, START, TODAY, lang).text()
    for cents in (split.budget, split.due, share.offer, share.minimum):
        assert display(cents) in text
    assert Month(START).text(lang) in text
    assert split.accepted.switch is not None
    assert t("letters.split_back", lang, month=Month(split.accepted.switch).text(lang)) in text


def test_a_share_that_never_covers_the_interest_promises_no_month_back():
    split = split_plan([planner_debt(WEILIDAI)], 20_000, START)  # ¥200 against ¥304 of interest
    assert split.accepted.switch is None
    text = split_letter(WEILIDAI, split, split.offers[0], START, TODAY, "en").text()
    assert t("letters.split_back_unknown", "en") in text
