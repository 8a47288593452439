"""`recovery-coach pay`, `balance` and `progress` as a script runs them: the interface
of issue #8 exactly, money as decimal strings, errors one line on stderr."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from core.money import round_half_up
from tests.cli import run

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def two_debts(tmp_path_factory) -> Path:
    """A store with 微粒贷 and 花呗 added today, made once and copied for each test."""
    path = tmp_path_factory.mktemp("cli") / "template.db"
    for name, balance, apr, minimum in (
        ("微粒贷", "15000", "18.25", "1260"),
        ("花呗", "2400", "14.6", "200"),
    ):
        done = run(path, "debts", "add", "--name", name, "--balance", balance, "--apr", apr,
                   "--min-payment", minimum)  # fmt: skip
        assert done.code == 0, done.err
    return path


@pytest.fixture
def db(two_debts: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    with sqlite3.connect(two_debts) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    return path


def rows(path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"select count(*) from {table}").fetchone()[0]


def test_pay_and_progress_json_keep_the_contract(db):
    paid = run(db, "pay", "--debt", "微粒贷", "--amount", "¥1,260.00", "--note", "WeChat")
    assert paid.code == 0, paid.err
    assert paid.out.splitlines()[0] == (
        f"Recorded: 1260.00 paid to “微粒贷” on {TODAY.isoformat()}. Still owed: 13740.00."
    )
    assert "First payment" in paid.out
    out = run(db, "progress", "--json")
    assert out.code == 0, out.err
    assert out.json() == {
        "debts": [
            {"name": "微粒贷", "start": "15000.00", "paid": "1260.00", "remaining": "13740.00",
             "percent": 8.4},
            {"name": "花呗", "start": "2400.00", "paid": "0.00", "remaining": "2400.00",
             "percent": 0.0},
        ],
        "total": {"start": "17400.00", "paid": "1260.00", "remaining": "16140.00",
                  "percent": 7.2},
    }  # fmt: skip


def test_balance_confirms_a_statement_that_counts_from_then_on(db):
    confirmed = run(db, "balance", "--debt", "花呗", "--amount", "2000",
                    "--date", TODAY.isoformat())  # fmt: skip
    assert confirmed.code == 0, confirmed.err
    assert "2000.00" in confirmed.out
    (huabei,) = [d for d in run(db, "progress", "--json").json()["debts"] if d["name"] == "花呗"]
    assert huabei == {
        "name": "花呗", "start": "2400.00", "paid": "0.00", "remaining": "2000.00",
        "percent": 16.7,
    }  # fmt: skip
    cleared = run(db, "balance", "--debt", "花呗", "--amount", "0")
    assert cleared.code == 0 and "First debt cleared" in cleared.out


def test_progress_starts_from_interest_since_the_debt_was_added(db):
    """A debt added two months ago has been charged two months of interest."""
    added = dt.datetime.combine(TODAY.replace(day=1), dt.time(12), dt.UTC)
    month = added.month - 2
    added = added.replace(year=added.year + (month - 1) // 12, month=(month - 1) % 12 + 1)
    with sqlite3.connect(db) as conn:
        conn.execute("update debt set created_at = ? where name = '花呗'",
                     (added.strftime("%Y-%m-%d %H:%M:%S.%f"),))  # fmt: skip
    (huabei,) = [d for d in run(db, "progress", "--json").json()["debts"] if d["name"] == "花呗"]
    first = 240_000 + 2_920  # 14.6 % / 12 on 2,400.00
    second = first + round_half_up(Decimal(first) * Decimal("14.6") / 1200)
    assert (huabei["start"], huabei["remaining"]) == ("2400.00", f"{second / 100:.2f}")
    assert huabei["percent"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--debt", "微粒贷", "--amount", "abc"), "Amount: “abc” is not an amount."),
        (("--debt", "微粒贷", "--amount", "-5"), "Amount: must be more than 0."),
        (("--debt", "微信", "--amount", "5"), "Debt: there is no debt called “微信”."),
        (("--debt", "微粒贷", "--amount", "5", "--date", "2099-01-01"),
         "Date: cannot be after today"),
        (("--debt", "微粒贷", "--amount", "5", "--date", "2020-01-01"),
         "Date: cannot be before the day this debt was added"),
        (("--debt", "微粒贷", "--amount", "5", "--date", "1/2/2026"),
         "Date: “1/2/2026” is not a date"),
        (("--debt", "花呗", "--amount", "2400.01"), "Amount: is more than the 2400.00 owed on"),
    ],
)  # fmt: skip
def test_a_wrong_payment_is_one_line_on_stderr_and_nothing_is_written(db, args, message):
    refused = run(db, "pay", *args)
    assert refused.code == 1 and refused.out == ""
    assert refused.err.startswith(message) and refused.err.count("\n") == 1, refused.err
    assert rows(db, "payment") == 0


def test_errors_and_output_speak_chinese(db):
    refused = run(db, "balance", "--debt", "花呗", "--amount", "-1", lang="zh")
    assert refused.code == 1 and refused.err == "金额：不能是负数。\n"
    assert rows(db, "balanceanchor") == 0
    shown = run(db, "progress", lang="zh")
    assert shown.code == 0, shown.err
    assert shown.out.splitlines()[0].split() == ["欠款", "起始", "已还", "还欠", "完成"]
    assert shown.out.splitlines()[3].split() == ["合计", "17400.00", "0.00", "17400.00", "0.0%"]
    assert "还没有采用计划" in shown.out


def test_progress_with_no_debts(tmp_path):
    empty = run(tmp_path / "empty.db", "progress", "--json")
    assert empty.json() == {
        "debts": [],
        "total": {"start": "0.00", "paid": "0.00", "remaining": "0.00", "percent": 100.0},
    }
    assert "No debts yet" in run(tmp_path / "empty.db", "progress").out


def test_plan_adopt_then_progress_says_on_track(db):
    adopted = run(db, "plan", "--budget", "2000", "--adopt", "--json")
    assert adopted.code == 0, adopted.err
    shown = adopted.json()
    assert shown["adopted_plan"] == 1 and shown["budget"] == "2000.00"
    assert run(db, "plan", "--budget", "2000", "--json").json().get("adopted_plan") is None
    told = run(db, "progress")
    assert told.code == 0, told.err
    assert "You are on track with your plan." in told.out.splitlines()
    refused = run(db, "plan", "--budget", "100", "--adopt")
    assert refused.code == 1 and refused.out == ""
    assert refused.err == (
        "This plan does not pay off every debt. Change the monthly budget first, then adopt it.\n"
    )
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from adoptedplan").fetchone()[0] == 1
