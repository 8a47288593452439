import datetime as dt
from decimal import Decimal

import pytest

from core.debts.entry import (
    DebtEntry,
    DebtFieldsInvalid,
    DebtInvalid,
    entry_from_text,
    large_amounts,
    parse_rate,
    validate,
)
from core.debts.store import add_debt, add_debts, list_debts, set_archived, update_debt
from core.errors import CoachError
from core.planner import apr_from_daily
from core.profiles import profile_id
from tests import factories

WELIDAI = factories.debt(apr=apr_from_daily(Decimal("0.05")))


def test_add_list_and_edit_keep_every_field(engine, profile):
    debt_id = add_debt(engine, profile, WELIDAI)
    [stored] = list_debts(engine, profile)
    assert stored.id == debt_id and stored.overdue
    assert (stored.balance_cents, stored.apr, stored.penalty_apr) == (
        2_000_000,
        Decimal("18.25"),
        Decimal("27.375"),
    )
    update_debt(
        engine,
        profile,
        debt_id,
        DebtEntry(
            name="微粒贷", balance_cents=1_500_000, apr=Decimal("18.25"), min_payment_cents=150_000
        ),
    )
    [edited] = list_debts(engine, profile)
    assert edited.balance_cents == 1_500_000 and not edited.overdue


def test_archive_hides_but_keeps(engine, profile):
    debt_id = add_debt(engine, profile, WELIDAI)
    set_archived(engine, profile, debt_id)
    assert list_debts(engine, profile) == []
    [kept] = list_debts(engine, profile, include_archived=True)
    assert kept.archived


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"balance_cents": -1}, "balance"),
        ({"min_payment_cents": -100}, "min_payment"),
        ({"apr": Decimal("1000.01")}, "apr"),
        ({"apr": Decimal("-1")}, "apr"),
        ({"due_day": 0}, "due_day"),
        ({"due_day": 32}, "due_day"),
        ({"name": "  "}, "name"),
        ({"promo_apr": Decimal(0), "promo_end": "2027-13"}, "promo_end"),
        ({"promo_apr": Decimal(0)}, "promo_end"),
    ],
)
def test_impossible_values_name_the_field_and_change_nothing(engine, profile, change, field):
    bad = DebtEntry(**{**WELIDAI.__dict__, **change})
    with pytest.raises(DebtInvalid) as caught:
        add_debt(engine, profile, bad)
    assert caught.value.field == field
    assert list_debts(engine, profile) == []


def test_message_says_which_field_and_why_in_both_languages():
    with pytest.raises(DebtInvalid) as caught:
        validate(DebtEntry(name="x", balance_cents=1, apr=Decimal(2000), min_payment_cents=1))
    assert caught.value.message("en").startswith("Interest rate (APR %): must be between 0 and")
    assert caught.value.message("zh").startswith("年利率（%）：应在 0 到")


def test_names_are_unique_among_active_debts(engine, profile):
    first = add_debt(engine, profile, WELIDAI)
    with pytest.raises(DebtInvalid, match="already have a debt"):
        add_debt(engine, profile, WELIDAI)
    # once the first is archived (paid off), the name is free for a new loan
    set_archived(engine, profile, first)
    second = add_debt(engine, profile, WELIDAI)
    assert [d.id for d in list_debts(engine, profile)] == [second]
    # and the archived one cannot come back while the new one is active
    with pytest.raises(DebtInvalid, match="already have a debt"):
        set_archived(engine, profile, first, archived=False)
    assert len(list_debts(engine, profile, include_archived=True)) == 2


def test_bulk_add_is_all_or_nothing_and_skips_known_names(engine, profile):
    add_debt(engine, profile, WELIDAI)
    card = DebtEntry(
        name="信用卡", balance_cents=800_000, apr=Decimal(18), min_payment_cents=40_000
    )
    with pytest.raises(DebtInvalid):
        add_debts(
            engine, profile, [card, DebtEntry(**{**card.__dict__, "name": "坏", "due_day": 40})]
        )
    assert [d.name for d in list_debts(engine, profile)] == ["微粒贷"]
    assert add_debts(engine, profile, [card, WELIDAI]) == (1, 1)


def test_profiles_do_not_see_each_others_debts(engine, profile):
    add_debt(engine, profile, WELIDAI)
    assert list_debts(engine, profile_id(engine, "other")) == []


def test_rates_typed_by_people():
    assert parse_rate("18.25%", "apr") == Decimal("18.25")
    assert parse_rate("０.０５", "daily_rate") == Decimal("0.05")
    with pytest.raises(DebtInvalid, match="not a number"):
        parse_rate("abc", "apr")


def test_typed_fields_become_a_debt_the_same_way_everywhere():
    entry = entry_from_text(
        name=" 微粒贷 ", balance="¥20,000.00", min_payment="1800", daily_rate="0.05%",
        due_day="8", overdue_since="2026/9/8", penalty_apr="27.375", late_fee="50",
    )  # fmt: skip
    assert (entry.name, entry.balance_cents, entry.apr, entry.due_day) == (
        "微粒贷", 2_000_000, Decimal("18.25"), 8,
    )  # fmt: skip
    assert (entry.overdue_since, entry.penalty_apr, entry.late_fee_cents) == (
        dt.date(2026, 9, 8), Decimal("27.375"), 5_000,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"apr": "18", "daily_rate": "0.05"}, "daily_rate", "debts.reason_one_rate"),
        ({}, "apr", "debts.reason_one_rate"),
        ({"apr": "18", "balance": "1e20"}, "balance", "debts.reason_exponent"),
        ({"apr": "18", "balance": "1e15"}, "balance", "debts.reason_exponent"),
        ({"apr": "1E2"}, "apr", "debts.reason_exponent"),
        ({"apr": "18", "balance": "  "}, "balance", "debts.reason_required"),
        ({"apr": "18", "balance": "三千"}, "balance", "debts.reason_number"),
        ({"apr": "18", "min_payment": "-300"}, "min_payment", "debts.reason_negative"),
        ({"apr": "18", "late_fee": "10000000000000"}, "late_fee", "debts.reason_too_large"),
        ({"apr": "18", "balance": "99999999999999"}, "balance", "debts.reason_too_large"),
        ({"apr": "18", "name": "贷" * 101}, "name", "debts.reason_too_long"),
        ({"apr": "18", "due_day": "8.5"}, "due_day", "debts.reason_number"),
        ({"apr": "18", "overdue_since": "last week"}, "overdue_since", "debts.reason_date"),
    ],
)
def test_impossible_typed_fields_name_the_field(fields, field, reason):
    typed = {"name": "网贷", "balance": "3000", "min_payment": "300", **fields}
    with pytest.raises(DebtInvalid) as caught:
        entry_from_text(**typed)
    assert (caught.value.field, caught.value.key) == (field, reason)


def test_rates_keep_six_decimal_places_on_every_store(engine, profile):
    add_debt(
        engine, profile, entry_from_text(name="x", balance="1", min_payment="1", apr="12.1234567")
    )
    [stored] = list_debts(engine, profile)
    assert stored.apr == Decimal("12.123457")


def test_an_id_no_debt_can_have_is_not_found(engine, profile):
    with pytest.raises(CoachError, match="99999999999999999999"):
        set_archived(engine, profile, 99_999_999_999_999_999_999)


def test_every_bad_field_is_named_at_once_in_the_forms_order():
    with pytest.raises(DebtFieldsInvalid) as caught:
        entry_from_text(
            name=" ",
            balance="1e+20",
            min_payment="abc",
            apr="-3",
            due_day="40",
            late_fee="-1",
        )
    problems = [(p.field, p.key) for p in caught.value.problems]
    assert problems == [
        ("name", "debts.reason_required"),
        ("balance", "debts.reason_exponent"),
        ("min_payment", "debts.reason_number"),
        ("apr", "debts.reason_negative"),
        ("due_day", "debts.reason_due_day"),
        ("late_fee", "debts.reason_negative"),
    ]
    zh = caught.value.message("zh")
    assert zh.count("；") == 5 and zh.startswith("名称：不能为空。")
    assert "“1e+20”" in caught.value.message("en")


def test_amounts_over_a_hundred_million_are_named_for_a_second_look():
    entry = entry_from_text(name="x", balance="200,000,000", min_payment="300", apr="18")
    assert large_amounts(entry) == ["balance"]
    assert (
        large_amounts(entry_from_text(name="x", balance="100000000", min_payment="1", apr="1"))
        == []
    )
