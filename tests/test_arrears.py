"""A debt's kind and overdue amount (逾期金额), and a penalty rate typed by the day: from
the form's fields, a sheet and the command line into the store, and migration 0004."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from core import db
from core.debts.entry import DebtInvalid, entry_from_text, planner_debt
from core.debts.overdue import days_overdue, totals
from core.debts.sheet import DebtSheetInvalid, read_debt_sheet
from core.debts.store import add_debt, list_debts
from core.planner.request import plan_request
from core.progress.history import current_records
from core.progress.payments import record_payment
from tests import factories
from tests.cli import run

TYPED = {"name": "微粒贷", "balance": "20000", "min_payment": "1800", "daily_rate": "0.05"}


def test_overdue_amount_kind_and_a_daily_penalty_rate_from_typed_fields():
    entry = entry_from_text(
        **TYPED,
        overdue_since="2026-09-08",
        overdue_amount="¥3,600",
        penalty_daily_rate="0.075",
        kind="贷款",
    )
    assert (entry.overdue_amount_cents, entry.penalty_apr, entry.kind) == (
        360_000,
        Decimal("27.375"),
        "loan",
    )
    debt = planner_debt(entry)
    assert (debt.arrears, debt.kind, debt.penalty_apr) == (360_000, "loan", Decimal("27.375"))
    assert entry_from_text(**TYPED, kind="Credit Card").kind == "card"
    assert entry_from_text(**TYPED, kind="其它").kind == "other"
    assert entry_from_text(**TYPED).kind == "loan"  # the default


def test_a_form_that_says_not_overdue_drops_the_overdue_amount_and_daily_penalty():
    entry = entry_from_text(
        **TYPED, overdue=False, overdue_amount="3600", penalty_daily_rate="0.075"
    )
    assert (entry.overdue_amount_cents, entry.penalty_apr, entry.overdue_since) == (0, None, None)


@pytest.mark.parametrize(
    ("fields", "field", "key"),
    [
        ({"overdue_since": "2026-09-08", "overdue_amount": "20000.01"}, "overdue_amount",
         "debts.reason_above_balance"),
        ({"overdue_amount": "100"}, "overdue_amount", "debts.reason_overdue_needs_date"),
        ({"overdue_since": "2026-09-08", "overdue_amount": "-1"}, "overdue_amount",
         "debts.reason_negative"),
        ({"overdue_since": "2026-09-08", "overdue_amount": "很多"}, "overdue_amount",
         "debts.reason_number"),
        ({"kind": "mortgage"}, "kind", "debts.reason_kind"),
        ({"penalty_apr": "27", "penalty_daily_rate": "0.075"}, "penalty_daily_rate",
         "debts.reason_one_rate"),
        ({"penalty_daily_rate": "3"}, "penalty_apr", "debts.reason_rate"),  # 1,095 % a year
    ],
)  # fmt: skip
def test_impossible_values_name_the_field(fields, field, key):
    with pytest.raises(DebtInvalid) as caught:
        entry_from_text(**TYPED, **fields)
    assert (caught.value.field, caught.value.key) == (field, key)
    for lang in ("zh", "en"):
        assert caught.value.message(lang)


def test_kind_and_overdue_amount_are_stored_and_read_back(engine, profile):
    add_debt(engine, profile, factories.debt(kind="card", overdue_amount_cents=360_000))
    [stored] = list_debts(engine, profile)
    assert (stored.kind, stored.overdue_amount_cents) == ("card", 360_000)


def test_days_overdue_and_the_overdue_amount_in_the_totals():
    debt = factories.record(overdue_amount_cents=360_000)  # overdue since 2026-09-08
    assert days_overdue(debt, dt.date(2026, 9, 8)) == 0
    assert days_overdue(debt, dt.date(2026, 11, 30)) == 83
    assert days_overdue(factories.record(current=True)) is None
    figures = totals([debt, factories.record(name="花呗", current=True)], dt.date(2026, 11, 30))
    assert figures.arrears == 360_000
    assert figures.minimums == 2 * 180_000 + 360_000  # the overdue amount is due now


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_sheet_gives_kind_overdue_amount_and_daily_penalty_rate():
    header = ["名称", "余额", "日利率", "最低还款", "逾期日期", "逾期金额", "罚息日利率", "类型"]
    rows = [
        header,
        ["微粒贷", 20000, 0.05, 1800, dt.datetime(2026, 9, 8), 3600, 0.075, "贷款"],
        ["信用卡", 8000, 0.05, 400, None, None, None, "信用卡"],
    ]
    weilidai, card = read_debt_sheet("debts.xlsx", _xlsx(rows))
    assert (weilidai.overdue_amount_cents, weilidai.penalty_apr, weilidai.kind) == (
        360_000,
        Decimal("27.375"),
        "loan",
    )
    assert (card.kind, card.overdue_amount_cents) == ("card", 0)
    bad = [
        header,
        ["房贷", 20000, 0.05, 1800, None, None, None, "房贷"],
        ["微粒贷", 20000, 0.05, 1800, None, 3600, None, "贷款"],
    ]
    with pytest.raises(DebtSheetInvalid) as caught:
        read_debt_sheet("debts.xlsx", _xlsx(bad))
    assert [(e.row, e.column, e.value, e.key) for e in caught.value.errors] == [
        (2, "类型", "房贷", "debts.reason_kind"),
        (3, "逾期金额", "3600", "debts.reason_overdue_needs_date"),
    ]


def test_command_line_options_and_json(tmp_path):
    store = tmp_path / "cli.db"
    added = run(
        store,
        *("debts", "add", "--name", "微粒贷", "--balance", "20000", "--daily-rate", "0.05"),
        *("--min-payment", "1800", "--overdue-since", "2026-09-08", "--overdue-amount", "3600"),
        *("--penalty-daily-rate", "0.075", "--kind", "loan"),
    )
    assert added.code == 0, added.err
    [debt] = run(store, "debts", "list", "--json").json()
    assert (debt["kind"], debt["overdue_amount"], debt["penalty_apr"]) == (
        "loan",
        "3600.00",
        "27.375",
    )
    assert debt["days_overdue"] == (dt.date.today() - dt.date(2026, 9, 8)).days
    both = run(
        store,
        *("debts", "add", "--name", "x", "--balance", "1", "--apr", "1", "--min-payment", "1"),
        *("--penalty-apr", "20", "--penalty-daily-rate", "0.05"),
    )
    assert both.code == 1 and both.err.count("\n") == 1 and "Traceback" not in both.err


def test_migration_0004_makes_existing_debts_loans_with_nothing_overdue(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = db.alembic_config()
    before = ScriptDirectory.from_config(config).get_revision("0004").down_revision
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, before)
        conn.execute(sa.text("insert into profile (name, created_at) values ('p', '2026-01-01')"))
        conn.execute(
            sa.text(
                "insert into debt (profile_id, name, lender, balance_cents, apr, "
                "min_payment_cents, late_fee_cents, archived, created_at) "
                "values (1, '微粒贷', '', 2000000, 18.25, 180000, 0, false, '2026-01-01')"
            )
        )
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        row = conn.execute(sa.text("select kind, overdue_amount_cents from debt")).one()
        assert tuple(row) == ("loan", 0)
        command.downgrade(config, before)
        columns = {c["name"] for c in sa.inspect(conn).get_columns("debt")}
        assert not {"kind", "overdue_amount_cents"} & columns
    engine.dispose()


def test_payments_recorded_since_clear_the_overdue_amount_first(engine, profile):
    """A plan starts from today's balances: 1,000 paid leaves 2,600 of the 3,600 overdue
    due; once the payments pass it, nothing is overdue, and never more than is owed."""
    debt_id = add_debt(engine, profile, factories.debt(overdue_amount_cents=360_000))
    today = dt.date.today()
    record_payment(engine, profile, debt_id, today, 100_000)
    [now] = current_records(engine, profile)
    assert now.overdue_amount_cents == 260_000
    record_payment(engine, profile, debt_id, today, 300_000)
    [now] = current_records(engine, profile)
    assert now.overdue_amount_cents == 0
    assert plan_request(engine, profile, "avalanche").debts[0].arrears == 0
