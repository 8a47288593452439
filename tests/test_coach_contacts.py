"""A collection contact as typed: checked, cleaned, and flagged from its time."""

from __future__ import annotations

import datetime as dt

import pytest

from core.coach.contacts import (
    ContactEntry,
    ContactInvalid,
    ContactRecord,
    all_flags,
    parse_when,
    time_flags,
    validate,
)
from core.coach.quickfix import quick_fix_term

NOW = dt.datetime(2026, 10, 13, 12, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-10 22:30", dt.datetime(2026, 10, 10, 22, 30)),
        ("2026-1-5 8:05", dt.datetime(2026, 1, 5, 8, 5)),
        ("2026-10-10T07:00", dt.datetime(2026, 10, 10, 7, 0)),
        ("２０２６-１０-１０ ２２:３０", dt.datetime(2026, 10, 10, 22, 30)),
    ],
)
def test_when_is_read_as_people_type_it(text, expected):
    assert parse_when(text) == expected


@pytest.mark.parametrize(
    "text", ["", "2026-10-10", "2026-13-01 10:00", "2026-02-30 10:00", "22:30", "2026-10-10 25:00"]
)
def test_an_impossible_when_is_refused_naming_it(text):
    with pytest.raises(ContactInvalid) as caught:
        parse_when(text)
    assert caught.value.field == "when"
    assert text in caught.value.message("en")


def entry(**kw) -> ContactEntry:
    return ContactEntry(**{"when": dt.datetime(2026, 10, 10, 22, 30), "kind": "visit", **kw})


def test_validate_cleans_text_and_orders_flags():
    cleaned = validate(
        entry(place="  家门口\x07 ", said="说要\x00找我单位", flags=("public", "threats")), NOW
    )
    assert cleaned.place == "家门口"
    assert cleaned.said == "说要找我单位"
    assert cleaned.flags == ("threats", "public")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "letter"}, "kind"),
        ({"when": NOW + dt.timedelta(minutes=1)}, "when"),
        ({"flags": ("rude",)}, "flags"),
        ({"said": "话" * 2001}, "said"),
        ({"collector": "名" * 101}, "collector"),
    ],
)
def test_validate_refuses_an_impossible_field_naming_it(changes, field):
    with pytest.raises(ContactInvalid) as caught:
        validate(entry(**changes), NOW)
    assert caught.value.field == field
    for lang in ("zh", "en"):
        assert caught.value.message(lang)


def record(when: str, kind: str = "call", entry_no: int = 1, company: str = "", flags=()):
    return ContactRecord(
        when=dt.datetime.fromisoformat(when),
        kind=kind,
        company=company,
        flags=flags,
        entry=entry_no,
    )


def test_night_is_from_22_00_until_08_00():
    records = [
        record("2026-10-10 21:59", entry_no=1),
        record("2026-10-10 22:00", entry_no=2),
        record("2026-10-11 07:59", entry_no=3),
        record("2026-10-11 08:00", entry_no=4, kind="visit"),
    ]
    flags = time_flags(records)
    assert flags == {1: (), 2: ("night",), 3: ("night",), 4: ()}


def test_more_than_three_calls_from_one_company_in_a_day_are_all_flagged():
    calls = [record(f"2026-10-10 1{h}:00", entry_no=h, company="某催收公司") for h in range(4)]
    flags = time_flags(calls)
    assert all(flags[h] == ("too_many_calls",) for h in range(4))
    assert time_flags(calls[:3]) == dict.fromkeys(range(3), ())


def test_calls_on_different_days_companies_or_as_messages_do_not_add_up():
    two_days = [record(f"2026-10-{10 + h % 2} 1{h}:00", entry_no=h) for h in range(4)]
    assert not any(time_flags(two_days).values())
    two_companies = [
        record(f"2026-10-10 1{h}:00", entry_no=h, company="甲" if h % 2 else " 乙 ")
        for h in range(4)
    ]
    assert not any(time_flags(two_companies).values())
    messages = [record(f"2026-10-10 1{h}:00", entry_no=h, kind="message") for h in range(5)]
    assert not any(time_flags(messages).values())


def test_company_names_differing_only_in_case_or_spaces_are_one_caller():
    calls = [
        record(f"2026-10-10 1{h}:00", entry_no=h, company=name)
        for h, name in enumerate(["ABC Collect", "abc collect", "ABC  Collect", " abc Collect"])
    ]
    assert all(f == ("too_many_calls",) for f in time_flags(calls).values())


def test_all_flags_put_the_users_first_then_the_apps():
    night = record("2026-10-10 23:00", kind="visit", flags=("threats",))
    assert all_flags(night, time_flags([night])) == ("threats", "night")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("专业征信修复 包过", "征信修复"),
        ("征信 修复服务", "征信修复"),
        ("XX债务优化咨询", "债务优化"),
        ("停息挂账代办", "停息挂账"),
        ("反催收联盟会员费", "反催收"),
        ("代理维权服务", "代理维权"),
        ("FAST CREDIT  REPAIR LLC", "credit repair"),
        ("Debt Relief Partners", "debt relief"),
        ("美团外卖", None),
        ("微粒贷还款", None),
        ("信用卡还款", None),
    ],
)
def test_quick_fix_offers_are_found_in_text(text, term):
    assert quick_fix_term(text) == term
