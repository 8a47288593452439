from decimal import Decimal

import pytest

from tests.cli import run

WELIDAI = [
    "debts",
    "add",
    "--name",
    "微粒贷",
    "--balance",
    "20000",
    "--daily-rate",
    "0.05",
    "--min-payment",
    "1800",
    "--due-day",
    "8",
    "--overdue-since",
    "2026-09-08",
    "--penalty-apr",
    "27.375",
    "--late-fee",
    "50",
]


def test_add_then_list_as_json(db):
    assert run(db, *WELIDAI).code == 0
    card = [
        "debts",
        "add",
        "--name",
        "Card",
        "--balance",
        "8,000",
        "--apr",
        "10",
        "--min-payment",
        "400",
    ]
    assert run(db, *card).code == 0
    listed = run(db, "debts", "list", "--json").json()
    assert [d["name"] for d in listed] == ["微粒贷", "Card"]
    weili = listed[0]
    assert Decimal(weili["apr"]) == Decimal("18.25")
    assert listed[1]["apr"] == "10"  # as written, not 1E+1
    assert (weili["balance"], weili["min_payment"], weili["late_fee"]) == (
        "20000.00",
        "1800.00",
        "50.00",
    )
    assert (weili["overdue"], weili["overdue_since"], weili["due_day"]) == (True, "2026-09-08", 8)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (["--balance", "-1"], "Balance owed: cannot be negative"),
        (["--due-day", "32"], "Due day of month: must be a day from 1 to 31"),
        (["--penalty-apr", "1200"], "Penalty rate (APR %): must be between 0 and 1000"),
    ],
)
def test_impossible_values_are_refused_with_the_field_and_no_traceback(db, change, words):
    args = [*WELIDAI]
    for flag, value in zip(change[::2], change[1::2], strict=True):
        args[args.index(flag) + 1] = value
    result = run(db, *args)
    assert result.code == 1
    assert words in result.err
    assert "Traceback" not in result.err
    assert run(db, "debts", "list", "--json").json() == []


def test_both_rates_or_neither_is_refused(db):
    result = run(db, "debts", "add", "--name", "x", "--balance", "1", "--min-payment", "1")
    assert result.code == 1
    assert "either an annual rate or a daily rate" in result.err


def test_messages_in_chinese(db):
    run(db, *WELIDAI)
    result = run(db, *WELIDAI, lang="zh")
    assert result.code == 1
    assert "已经有一笔叫“微粒贷”的欠款了" in result.err


def test_archive_keeps_the_record(db):
    run(db, *WELIDAI)
    assert run(db, "debts", "archive", "1").code == 0
    assert run(db, "debts", "list", "--json").json() == []
    assert run(db, "debts", "list", "--json", "--archived").json()[0]["archived"] is True
    missing = run(db, "debts", "archive", "99")
    assert missing.code == 1
    assert "no debt number 99" in missing.err
