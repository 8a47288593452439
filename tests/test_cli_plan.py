"""`recovery-coach plan` as scripts and our acceptance checks use it: a real store, a subprocess."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from core.months import next_month
from tests.cli import run
from tests.filemakers import csv_bytes

CONTRACT_KEYS = {
    "feasible", "months", "total_interest", "total_paid", "debt_free", "order", "debts", "schedule",
}  # fmt: skip


def add(db, name: str, balance: str, apr: str, minimum: str, *more: str) -> None:
    args = ["debts", "add", "--name", name, "--balance", balance, "--apr", apr]
    result = run(db, *args, "--min-payment", minimum, *more)
    assert result.code == 0, result.err


@pytest.fixture
def three_debts(db):
    add(db, "微粒贷", "20000", "18.25", "1800", "--overdue-since", "2026-09-08",
        "--penalty-apr", "27.375", "--late-fee", "50")  # fmt: skip
    add(db, "Card", "8000", "18", "400")
    add(db, "花呗", "3000", "14.6", "300")
    return db


def plan_json(db, *args: str) -> dict:
    result = run(db, "plan", *args, "--json")
    assert result.code == 0, result.err
    return result.json()


def test_one_debt_by_hand(db):
    """1,000.00 at 12 % APR (1 % a month) with 500 a month: 10.00, then 5.10, then 0.15."""
    add(db, "Loan", "1000", "12", "50")
    out = plan_json(db, "--strategy", "avalanche", "--budget", "500", "--start", "2027-01")
    assert out["feasible"] is True
    assert (out["months"], out["debt_free"]) == (3, "2027-03")
    assert out["total_interest"] == "15.25" and out["total_paid"] == "1015.25"
    assert [(r["month"], r["interest"], r["payment"], r["balance"]) for r in out["schedule"]] == [
        ("2027-01", "10.00", "500.00", "510.00"),
        ("2027-02", "5.10", "500.00", "15.10"),
        ("2027-03", "0.15", "15.25", "0.00"),
    ]
    assert out["debts"] == [
        {"name": "Loan", "payoff_month": "2027-03", "interest": "15.25", "paid": "1015.25"}
    ]


def test_contract_keys_and_reconciliation(three_debts):
    out = plan_json(three_debts, "--strategy", "avalanche", "--budget", "3500")
    assert out.keys() >= CONTRACT_KEYS
    assert out["order"] == ["微粒贷", "Card", "花呗"]  # the overdue penalty rate counts
    payments = sum(Decimal(r["payment"]) for r in out["schedule"])
    interest = sum(Decimal(r["interest"]) for r in out["schedule"])
    assert payments == Decimal("31000") + Decimal(out["total_interest"])
    assert interest == Decimal(out["total_interest"])
    assert payments == Decimal(out["total_paid"])
    assert out["schedule"][0]["month"] == next_month()
    assert out["debt_free"] == out["schedule"][-1]["month"]
    assert "shortfall" not in out


def test_strategies_compare_and_custom_order(three_debts):
    avalanche = plan_json(three_debts, "--strategy", "avalanche", "--budget", "3500")
    snowball = plan_json(three_debts, "--strategy", "snowball", "--budget", "3500")
    custom = plan_json(three_debts, "--strategy", "custom", "--order", "Card", "--budget", "3500")
    assert snowball["order"] == ["花呗", "Card", "微粒贷"]
    assert custom["order"] == ["Card", "微粒贷", "花呗"]
    assert Decimal(avalanche["total_interest"]) < Decimal(snowball["total_interest"])
    assert avalanche["comparison"]["snowball"]["total_interest"] == snowball["total_interest"]
    minimum = avalanche["comparison"]["minimum"]
    assert minimum["months"] > avalanche["months"]
    saved = avalanche["saves_versus_minimum"]
    assert Decimal(saved["interest"]) == Decimal(minimum["total_interest"]) - Decimal(
        avalanche["total_interest"]
    )


def test_extra_payments_finish_sooner(three_debts):
    base = plan_json(three_debts, "--budget", "2600", "--start", "2027-01")
    bonus = plan_json(
        three_debts, "--budget", "2600", "--start", "2027-01",
        "--extra", "2027-02:5000", "2027-06:2000",
    )  # fmt: skip
    assert bonus["extras"] == {"2027-02": "5000.00", "2027-06": "2000.00"}
    assert bonus["months"] < base["months"]
    feb = sum(Decimal(r["payment"]) for r in bonus["schedule"] if r["month"] == "2027-02")
    assert feb == Decimal("7600")


def test_budget_below_minimums_is_an_answer(three_debts):
    out = plan_json(three_debts, "--budget", "2000")
    assert out["feasible"] is False
    assert out["shortfall"] == "500.00"
    assert out["schedule"] == []
    text = run(three_debts, "plan", "--budget", "2000", lang="zh")
    assert text.code == 0 and "500.00" in text.out and "2,500.00" in text.out


def test_never_pays_names_the_debt(db):
    add(db, "Shark", "10000", "120", "50")
    out = plan_json(db, "--budget", "60")
    assert out["feasible"] is False
    assert out["problem"]["kind"] == "never_pays" and out["problem"]["debt"] == "Shark"
    assert Decimal(out["problem"]["amount"]) > Decimal("1000")


def test_default_budget_is_the_average_surplus(db, tmp_path):
    today = dt.date.today()
    rows = [["日期", "金额", "备注"]]
    for back in (1, 2, 3):
        month = (today.replace(day=1) - dt.timedelta(days=28 * back)).replace(day=5)
        rows += [[month.isoformat(), "6000", "工资"], [month.isoformat(), "-3500", "房租"]]
    sheet = tmp_path / "budget.csv"
    sheet.write_bytes(csv_bytes(rows))
    assert run(db, "import", str(sheet)).code == 0
    add(db, "Loan", "1000", "0", "100")
    out = plan_json(db)
    assert out["budget"] == "2500.00" and out["budget_source"] == "average_surplus"
    assert out["schedule"][0]["payment"] == "1000.00"


def test_no_income_yet_plans_on_the_minimums(db):
    add(db, "Loan", "1000", "0", "100")
    out = plan_json(db)
    assert out["budget_source"] == "minimums" and out["months"] == 10


def test_xlsx_has_a_summary_and_a_sheet_per_plan(three_debts, tmp_path):
    target = tmp_path / "plan.xlsx"
    result = run(three_debts, "plan", "--budget", "3500", "--xlsx", str(target))
    assert result.code == 0, result.err
    chosen = plan_json(three_debts, "--budget", "3500")
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    assert book.sheetnames == [
        "Summary", "Highest rate first", "Smallest balance first", "Minimums only",
    ]  # fmt: skip
    rows = list(book["Highest rate first"].iter_rows(min_row=2))
    assert len(rows) == len(chosen["schedule"])
    payments = [row[4] for row in rows]
    assert all(isinstance(c.value, (int, float)) and "¥" in c.number_format for c in payments)
    total = sum(Decimal(str(c.value)) for c in payments)
    assert total == Decimal(chosen["total_paid"])


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--start", "2027-13"], "2027-13"),
        (["--extra", "2027-02"], "YYYY-MM:AMOUNT"),
        (["--budget", "lots"], "lots"),
        (["--strategy", "custom", "--order", "Nobody"], "Nobody"),
    ],
)
def test_bad_input_is_one_plain_line(three_debts, args, says):
    result = run(three_debts, "plan", *args)
    assert result.code == 1
    assert says in result.err and "Traceback" not in result.err


def test_nothing_to_plan_without_debts(db):
    result = run(db, "plan")
    assert result.code == 1 and "debts add" in result.err


def test_nothing_owed_is_an_answer(db):
    add(db, "Paid", "0", "10", "50")
    text = run(db, "plan")
    assert text.code == 0 and "Nothing is owed" in text.out
    out = plan_json(db)
    assert (out["feasible"], out["months"], out["debt_free"], out["schedule"]) == (
        True, 0, None, [],
    )  # fmt: skip


def test_an_extra_written_with_a_thousands_separator_is_one_extra(db):
    add(db, "Loan", "10000", "0", "100")
    out = plan_json(db, "--budget", "1000", "--start", "2027-01", "--extra", "2027-02:1,500")
    assert out["extras"] == {"2027-02": "1500.00"}
    refused = run(db, "plan", "--start", "2027-01", "--extra", "2026-12:500")
    assert refused.code == 1 and "2026-12" in refused.err


def test_the_text_plan_names_the_first_months_payments(three_debts):
    out = run(three_debts, "plan", "--budget", "3500", "--start", "2027-01").out
    assert "First month (2027-01): 微粒贷 2800.00, Card 400.00, 花呗 300.00" in out
