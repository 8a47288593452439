"""Monthly figures, the three-month average, transaction lists, clearing, the sample data."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from core.categories.rules import list_rules
from core.debts.entry import DebtEntry
from core.debts.store import add_debt, list_debts, update_debt
from core.ledger import budget, samples
from core.ledger.budget import MonthFigures
from core.ledger.transactions import clear_data, has_data, transactions
from core.models import ImportBatch, Profile
from core.present.json import budget_json
from core.profiles import profile_id
from tests import factories


def commit(engine: Engine, profile: int, rows: list[tuple]) -> None:
    """rows: (date, cents, kind, description[, category])."""
    keys = ("date", "amount", "kind", "description", "category")
    factories.commit(engine, profile, [dict(zip(keys, row, strict=False)) for row in rows])


MIXED = [
    ("2026-01-05", 500000, "income", "工资"),
    ("2026-01-06", -120000, "expense", "房租"),
    ("2026-01-07", -30000, "expense", "超市"),
    ("2026-01-08", 10000, "expense", "超市 退款"),  # a refund lowers spending
    ("2026-01-09", -200000, "transfer", "存到余额宝"),  # counts nowhere
    ("2026-02-01", -5000, "expense", "地铁"),
    ("2026-02-02", -4000, "expense", "退货的衣服"),
    ("2026-02-03", 4000, "expense", "衣服退款"),  # a full refund nets to zero
    ("2026-03-10", 100000, "transfer", "从信用卡转入"),  # a transfer-only month is no month
]


def test_monthly_counts_income_spending_refunds_and_not_transfers(engine, profile):
    commit(engine, profile, MIXED)
    assert budget.monthly(engine, profile) == [
        MonthFigures("2026-01", income=500000, spending=140000, surplus=360000),
        MonthFigures("2026-02", income=0, spending=5000, surplus=-5000),
    ]


def test_spending_is_positive_and_surplus_can_be_negative(engine, profile):
    commit(engine, profile, [("2025-12-31", -1, "expense", "糖"), ("2026-01-01", 2, "income", "x")])
    months = budget.monthly(engine, profile)
    assert [(m.month, m.spending, m.surplus) for m in months] == [
        ("2025-12", 1, -1),
        ("2026-01", 0, 2),
    ]


def _month_rows(surpluses: dict[str, int]) -> list[tuple]:
    rows = []
    for month, surplus in surpluses.items():
        rows.append((f"{month}-15", 100000, "income", f"工资 {month}"))
        rows.append((f"{month}-16", surplus - 100000, "expense", f"开销 {month}"))
    return rows


def test_average_surplus_over_the_three_calendar_months_before_this_one(engine, profile):
    commit(
        engine,
        profile,
        _month_rows(
            {"2025-10": 90000, "2025-12": 100, "2026-01": 200, "2026-02": 301, "2026-03": -5}
        ),
    )
    today = dt.date(2026, 3, 20)  # March is not over: Dec, Jan, Feb
    assert budget.average_surplus(engine, profile, today) == 200  # 601 / 3 = 200.33
    # a month of the window without records counts as one with nothing in it:
    # Oct, Nov (none), Dec = (90000 + 0 + 100) / 3; old months never stand in for it
    assert budget.average_surplus(engine, profile, dt.date(2026, 1, 1)) == 30033
    assert budget.average_surplus(engine, profile, dt.date(2025, 11, 1)) == 30000
    assert budget.average_surplus(engine, profile, dt.date(2025, 10, 31)) is None
    # records that stop in March 2026 say nothing of Oct-Dec 2026
    assert budget.average_surplus(engine, profile, dt.date(2027, 1, 1)) is None
    figures = budget.budget_figures(engine, profile, dt.date(2026, 1, 1))
    assert [f.month for f in figures.averaged] == ["2025-10", "2025-11", "2025-12"]
    assert figures.empty == ["2025-11"]


def test_average_rounds_to_the_nearest_cent(engine, profile):
    other = profile_id(engine, "other")
    commit(engine, profile, _month_rows({"2026-01": 1, "2026-02": 1}))  # 2 / 3 cent
    commit(engine, other, _month_rows({"2026-01": -1, "2026-02": -1}))
    today = dt.date(2026, 3, 1)
    assert budget.average_surplus(engine, profile, today) == 1
    assert budget.average_surplus(engine, other, today) == -1


def test_every_month_on_the_axis_gaps_included(engine, profile):
    commit(engine, profile, _month_rows({"2025-11": 100, "2026-02": 200}))
    shown = budget.with_gaps(budget.monthly(engine, profile), until="2026-04")
    assert [(f.month, f.surplus) for f in shown] == [
        ("2025-11", 100),
        ("2025-12", 0),
        ("2026-01", 0),
        ("2026-02", 200),
        ("2026-03", 0),
        ("2026-04", 0),
    ]
    assert budget.with_gaps([], "2026-04") == []
    assert [f.month for f in budget.with_gaps(budget.monthly(engine, profile), "2025-01")][-1] == (
        "2026-02"
    )


def test_average_surplus_of_an_empty_profile_is_none(engine, profile):
    assert budget.average_surplus(engine, profile) is None
    assert budget.monthly(engine, profile) == []


def test_debt_repayments_already_in_spending_are_averaged(engine, profile):
    """微粒贷 repaid from the same months the surplus averages: the plan replaces them."""
    rows = _month_rows({"2026-01": 50000, "2026-02": 50000, "2026-03": 50000})
    rows += [
        ("2026-01-15", -126000, "expense", "微粒贷还款", "还款"),
        ("2026-02-15", -126000, "expense", "微粒贷还款", "还款"),
        ("2026-03-15", -63001, "expense", "信用卡还款", "debt repayment"),
        ("2025-12-15", -999900, "expense", "微粒贷还款", "还款"),  # before the three months
    ]
    commit(engine, profile, rows)
    today = dt.date(2026, 4, 2)
    assert budget.average_debt_payments(engine, profile, today) == 105000  # 315001 / 3
    assert budget.average_debt_payments(engine, profile, dt.date(2026, 1, 3)) == 333300
    assert budget.average_debt_payments(engine, profile, dt.date(2025, 12, 3)) is None


def test_budget_json_shape(engine, profile):
    commit(engine, profile, MIXED)
    payload = budget_json(budget.budget_figures(engine, profile, today=dt.date(2026, 3, 1)))
    assert payload == {
        "months": [
            {"month": "2026-01", "income": "5000.00", "spending": "1400.00", "surplus": "3600.00"},
            {"month": "2026-02", "income": "0.00", "spending": "50.00", "surplus": "-50.00"},
        ],
        # Dec (no records), Jan, Feb: (0 + 3600 - 50) / 3
        "average_surplus": "1183.33",
        "average_months": ["2025-12", "2026-01", "2026-02"],
        "average_empty_months": ["2025-12"],
    }
    empty = budget_json(budget.budget_figures(engine, profile_id(engine, "empty")))
    assert empty == {
        "months": [],
        "average_surplus": None,
        "average_months": [],
        "average_empty_months": [],
    }


def test_spending_by_category(engine, profile):
    commit(
        engine,
        profile,
        [
            ("2026-01-02", -3000, "expense", "美团外卖"),
            ("2026-01-03", -2000, "expense", "饿了么"),
            ("2026-01-04", 500, "expense", "饿了么 退款"),
            ("2026-01-05", -7000, "expense", "神秘支出"),
            ("2026-02-01", -100, "expense", "地铁"),
            ("2026-02-02", -900, "expense", "衬衫", "衣服"),
            ("2026-02-03", 900, "expense", "衬衫退款", "衣服"),
            ("2026-02-04", 99999, "income", "工资"),
            ("2026-02-05", -99999, "transfer", "余额宝"),
        ],
    )
    frame = budget.spending_by_category(engine, profile)
    assert list(frame.columns) == ["category", "spending"]
    assert list(frame.itertuples(index=False, name=None)) == [
        (None, 7000),
        ("餐饮", 4500),
        ("交通", 100),
    ]
    january = budget.spending_by_category(engine, profile, ["2026-01"])
    assert january["spending"].sum() == 11500
    assert budget.spending_by_category(engine, profile, ["2026-02"])["category"].tolist() == [
        "交通"
    ]
    assert budget.spending_by_category(engine, profile, []).empty
    with pytest.raises(ValueError, match="YYYY-MM"):
        budget.spending_by_category(engine, profile, ["January"])


def test_transactions_list_search_and_filters(engine, profile):
    commit(
        engine,
        profile,
        [
            ("2026-01-02", -3000, "expense", "Starbucks latte"),
            ("2026-01-03", -2000, "expense", "饿了么 午饭"),
            ("2026-02-01", -100, "expense", "某小店"),
            ("2026-02-01", 50000, "income", "朋友还钱"),
            ("2026-02-02", -99999, "transfer", "余额宝"),
            ("2026-02-03", -500, "expense", "100% 纯棉", "衣服"),
        ],
    )
    frame = transactions(engine, profile)
    assert list(frame.columns) == [
        "id", "date", "description", "counterparty", "amount_cents", "kind", "category",
    ]  # fmt: skip
    assert frame["date"].tolist() == sorted(frame["date"].tolist(), reverse=True)
    assert frame["description"].tolist()[:2] == ["100% 纯棉", "余额宝"]
    assert frame["amount_cents"].dtype == "int64"

    def found(**kwargs) -> list[str]:
        return transactions(engine, profile, **kwargs)["description"].tolist()

    assert found(search="STARBUCKS") == ["Starbucks latte"]
    assert found(search="餐饮") == ["饿了么 午饭", "Starbucks latte"]
    assert found(search="food") == ["饿了么 午饭", "Starbucks latte"]  # a built-in in English
    assert found(search="衣服") == ["100% 纯棉"]
    assert found(search="%") == ["100% 纯棉"]  # LIKE wildcards are literal
    assert found(search="_") == []
    assert found(month="2026-01") == ["饿了么 午饭", "Starbucks latte"]
    # same day: the later record first; transfers are never asked about
    assert found(uncategorised_only=True) == ["朋友还钱", "某小店"]
    assert len(found(limit=2)) == 2
    assert transactions(engine, profile, search="不存在").empty


def test_clear_data_keeps_rules_and_has_data(engine, profile):
    assert has_data(engine, profile) is False
    commit(engine, profile, MIXED)
    other = profile_id(engine, "other")
    commit(engine, other, MIXED[:2])
    rules = list_rules(engine, profile)
    assert has_data(engine, profile) is True
    assert clear_data(engine, profile) == len(MIXED)
    assert has_data(engine, profile) is False
    assert budget.monthly(engine, profile) == []
    assert list_rules(engine, profile) == rules
    with engine.connect() as conn:
        batches = conn.execute(sa.select(ImportBatch.profile_id)).scalars().all()
    assert batches == [other]
    assert has_data(engine, other) is True


def test_profiles_see_only_their_own_figures(engine, profile):
    other = profile_id(engine, "other")
    commit(engine, profile, MIXED)
    commit(engine, other, [("2026-01-01", -777, "expense", "美团")])
    assert [m.spending for m in budget.monthly(engine, other)] == [777]
    assert budget.spending_by_category(engine, other)["spending"].tolist() == [777]
    assert transactions(engine, other)["amount_cents"].tolist() == [-777]
    assert len(transactions(engine, profile)) == len(MIXED)


# --- sample data ----------------------------------------------------------------------


def test_sample_folder_holds_the_files():
    names = [p.name for p in samples.sample_files()]
    assert names and all(n.endswith((".xlsx", ".xls", ".csv")) for n in names)
    assert samples.SAMPLE_DIR.name == "sample_data"


def test_loading_the_example_twice_adds_nothing_and_clearing_takes_it_all(engine, profile):
    samples.load_samples(engine, profile)
    assert samples.showing_samples(engine, profile) is True
    count = len(transactions(engine, profile))
    debts = len(list_debts(engine, profile))
    assert count > 0 and debts == 3
    samples.load_samples(engine, profile)  # a second click, or a second tab
    assert (len(transactions(engine, profile)), len(list_debts(engine, profile))) == (count, 3)
    assert samples.clear_samples(engine, profile) == count
    assert samples.showing_samples(engine, profile) is False
    assert has_data(engine, profile) is False and list_debts(engine, profile) == []
    with engine.connect() as conn:
        marked = conn.execute(
            sa.select(Profile.sample_loaded_at).where(Profile.id == profile)
        ).scalar_one()
    assert marked is not None


def test_clear_samples_keeps_the_users_own_rows(engine, profile):
    samples.load_samples(engine, profile)
    commit(engine, profile, [("2026-01-01", -100, "expense", "我自己的")])
    samples.clear_samples(engine, profile)
    assert transactions(engine, profile)["description"].tolist() == ["我自己的"]


def test_a_failed_example_load_leaves_nothing_and_can_be_retried(engine, profile, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(samples, "import_debt_sheet", broken)  # after the files went in
    with pytest.raises(RuntimeError):
        samples.load_samples(engine, profile)
    assert has_data(engine, profile) is False and list_debts(engine, profile) == []
    monkeypatch.undo()
    samples.load_samples(engine, profile)
    assert samples.showing_samples(engine, profile) is True


def test_sample_debts_come_and_go_with_the_samples(engine, profile):
    samples.load_samples(engine, profile)
    listed = list_debts(engine, profile)
    assert {d.name for d in listed} == {"微粒贷", "信用卡", "花呗"}
    assert next(d for d in listed if d.name == "微粒贷").overdue
    card = next(d for d in listed if d.name == "信用卡")
    update_debt(engine, profile, card.id, replace(card, balance_cents=650_000))  # now the user's
    add_debt(engine, profile, DebtEntry("借朋友", 500_000, Decimal(0), 50_000))
    samples.clear_samples(engine, profile)
    assert sorted(d.name for d in list_debts(engine, profile)) == ["信用卡", "借朋友"]


def test_the_sample_familys_plan_clears_once_repayments_count(engine, profile):
    """The sample budget's surplus is small because it already pays 微粒贷; with those
    payments added back the sample debts can be planned (the plan page offers that)."""
    samples.load_samples(engine, profile)
    today = dt.date(2026, 11, 29)
    surplus = budget.average_surplus(engine, profile, today)
    repaid = budget.average_debt_payments(engine, profile, today)
    minimums = sum(d.min_payment_cents for d in list_debts(engine, profile))
    assert surplus < minimums <= surplus + repaid
