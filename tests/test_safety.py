"""Values that used to be accepted and break later pages are refused at the door (or made
harmless), exports write hostile text as text, and database errors say what happened."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from alembic import command

from core import db
from core.dates import FIRST_DAY, last_day
from core.debts.entry import DebtInvalid
from core.debts.store import add_debt, list_debts, set_archived, update_debt
from core.errors import CoachError
from core.i18n import t
from core.importing import ImportRefused, preview_file
from core.importing.sandbox import FILE_MB
from core.importing.store import import_file
from core.ledger import budget
from core.money import MAX_RECORD_YUAN
from core.planner import Debt, compare
from core.present.csv import csv_cell, table_csv, transactions_csv
from core.present.workbook import plan_workbook
from core.profiles import MAX_NAME, profile_id, profile_name, profile_names
from tests import factories
from tests.cli import run
from tests.filemakers import csv_bytes, wechat_csv, wechat_record

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["日期", "说明", "金额"]


def _import_rows(engine, profile, *rows: list[str], skip_invalid: bool = False):
    return import_file(
        engine, profile, "账本.csv", csv_bytes([HEADER, *rows]), skip_invalid=skip_invalid
    )


# --- ranges at the door -------------------------------------------------------------------


def test_a_date_far_away_is_refused_naming_the_row_and_no_page_breaks(engine, profile):
    rows = [
        ["9999-12-31", "错年", "-5"],
        ["1969-12-31", "太早", "-5"],
        ["2026-10-01", "午饭", "-20"],
    ]
    preview = preview_file("账本.csv", csv_bytes([HEADER, *rows]))
    assert [(e.row, e.key) for e in preview.invalid] == [
        (2, "safety.date_out_of_range"),
        (3, "safety.date_out_of_range"),
    ]
    assert "9999-12-31" in preview.invalid[0].message("zh")
    with pytest.raises(ImportRefused):
        _import_rows(engine, profile, *rows)
    assert _import_rows(engine, profile, *rows, skip_invalid=True).imported == 1
    assert [m.month for m in budget.monthly(engine, profile)] == ["2026-10"]
    today = dt.date(2026, 11, 30)
    assert (FIRST_DAY, last_day(today), last_day(dt.date(2028, 2, 29))) == (
        dt.date(1970, 1, 1),
        dt.date(2036, 11, 30),
        dt.date(2038, 2, 28),
    )


def test_amounts_too_large_for_one_record_are_refused_so_no_sum_overflows(engine, profile):
    huge = "9,999,999,999,999.99"
    preview = preview_file("账本.csv", csv_bytes([HEADER, *[["2026-10-01", "错", huge]] * 3]))
    assert {e.key for e in preview.invalid} == {"safety.amount_too_large"}
    assert "1 亿元" in preview.invalid[0].message("zh")
    # the most a record holds, in every row a file of the upload limit could have
    most = f"{MAX_RECORD_YUAN - 1}.99"
    rows = [[f"2026-10-{1 + i % 28:02d}", f"大额 {i}", most] for i in range(2000)]
    assert _import_rows(engine, profile, *rows).imported == 2000
    assert budget.monthly(engine, profile)[0].income == 2000 * (MAX_RECORD_YUAN * 100 - 1)


def test_control_characters_are_refused_in_names_and_stripped_from_bills(engine, profile):
    for name in ("微粒贷\x1b[31m", "微\x0b粒贷", "\u202e贷粒微"):
        with pytest.raises(DebtInvalid) as refused:
            add_debt(engine, profile, factories.debt(name=name))
        assert refused.value.key == "safety.reason_control"
        assert refused.value.field == "name"
    with pytest.raises(DebtInvalid) as refused:
        add_debt(engine, profile, factories.debt(lender="微众\x07银行"))
    assert (refused.value.field, refused.value.params) == ("lender", {"position": 3})
    when = dt.datetime(2026, 10, 1, 12)
    bill = wechat_csv(
        [wechat_record(when, "商户消费", "美团\x1b[2J外卖", "午饭\x0b套餐", "支出", "20")]
    )
    preview = preview_file("微信.csv", bill)
    assert preview.rows[["counterparty", "description"]].values.tolist() == [
        ["美团 [2J外卖", "午饭 套餐"]
    ]
    with pytest.raises(DebtInvalid) as early:
        add_debt(engine, profile, factories.debt(overdue_since=dt.date(1969, 12, 31)))
    assert early.value.key == "safety.reason_too_early"
    assert list_debts(engine, profile) == []


def test_a_name_stored_before_the_door_is_shown_escaped_on_the_command_line(db_file):
    engine = db.create(f"sqlite:///{db_file}")
    me = profile_id(engine)
    add_debt(engine, me, factories.debt(name="微粒贷"))
    with engine.begin() as conn:  # as a store from before this version may hold it
        conn.execute(sa.text("update debt set name = :n"), {"n": "微粒贷\x1b[31m红"})
    engine.dispose()
    listed = run(db_file, "debts", "list")
    assert listed.code == 0, listed.err
    assert "\x1b" not in listed.out and "微粒贷\\x1b[31m红" in listed.out
    as_json = run(db_file, "debts", "list", "--json")
    assert "\x1b" not in as_json.out and as_json.json()[0]["name"] == "微粒贷\x1b[31m红"
    plan_file = db_file.parent / "plan.xlsx"
    assert run(db_file, "plan", "--xlsx", str(plan_file)).code == 0
    assert "微粒贷 [31m红" in [c.value for c in openpyxl.load_workbook(plan_file)["Summary"]["B"]]


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


# --- profiles ----------------------------------------------------------------------------


def test_profile_names_are_normalised_and_bad_ones_refused(engine):
    assert profile_id(engine, "") == profile_id(engine, " default ") == profile_id(engine)
    assert profile_id(engine, " 家人 ") == profile_id(engine, "家人")
    assert profile_names(engine) == ["default", "家人"]
    assert profile_name("x" * MAX_NAME) == "x" * MAX_NAME
    for bad, key in [("x" * 150, "safety.profile_too_long"), ("a\x1bb", "safety.profile_control")]:
        with pytest.raises(CoachError) as refused:
            profile_id(engine, bad)
        assert refused.value.key == key
    assert profile_names(engine) == ["default", "家人"]


def test_a_long_rc_profile_is_one_line_on_the_command_line(engine):
    """On PostgreSQL this was an error from the database, shown as a traceback."""
    env = {
        **os.environ,
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "RC_LANG": "zh",
        "RC_PROFILE": "档" * 150,
    }
    done = subprocess.run(
        [sys.executable, "-m", "core.cli", "debts", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == t("safety.profile_too_long", "zh", length=150, max=MAX_NAME) + "\n"


# --- one active debt per name, whatever the order of writes ---------------------------------


def test_renaming_or_restoring_onto_an_active_name_is_refused(engine, profile):
    first = add_debt(engine, profile, factories.debt(name="花呗"))
    second = add_debt(engine, profile, factories.debt(name="借呗"))
    with pytest.raises(DebtInvalid) as taken:
        update_debt(engine, profile, second, factories.debt(name="花呗"))
    assert (taken.value.key, taken.value.params) == ("debts.reason_name_taken", {"name": "花呗"})
    set_archived(engine, profile, first)
    add_debt(engine, profile, factories.debt(name="花呗"))  # an archived name is free again
    with pytest.raises(DebtInvalid) as restored:
        set_archived(engine, profile, first, archived=False)
    assert restored.value.params == {"name": "花呗"}
    assert sorted(d.name for d in list_debts(engine, profile)) == ["借呗", "花呗"]


def _alembic(engine, step, revision: str) -> None:
    config = db.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        step(config, revision)


def test_0009_archives_repeats_stored_before_and_then_refuses_them(bare):
    _alembic(bare, command.upgrade, "0003")
    meta = sa.MetaData()
    meta.reflect(bare)
    profile, debt = meta.tables["profile"], meta.tables["debt"]
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    with bare.begin() as conn:
        me = conn.execute(
            profile.insert().values(name="default", created_at=now)
        ).inserted_primary_key[0]
        common = {"profile_id": me, "lender": "", "balance_cents": 100, "apr": Decimal(18),
                  "min_payment_cents": 10, "late_fee_cents": 0, "created_at": now}  # fmt: skip
        for name, archived in [
            ("微粒贷", False),
            ("微粒贷", False),
            ("微粒贷", True),
            ("花呗", False),
        ]:
            conn.execute(debt.insert().values(name=name, archived=archived, **common))
    _alembic(bare, command.upgrade, "0009")
    with bare.connect() as conn:
        rows = conn.execute(sa.select(debt.c.id, debt.c.name, debt.c.archived).order_by(debt.c.id))
        assert [tuple(r) for r in rows] == [
            (1, "微粒贷", False),
            (2, "微粒贷", True),
            (3, "微粒贷", True),
            (4, "花呗", False),
        ]
    with pytest.raises(sa.exc.IntegrityError), bare.begin() as conn:
        conn.execute(debt.insert().values(name="花呗", archived=False, **common))
    _alembic(bare, command.downgrade, "0009-1")
    _alembic(bare, command.upgrade, "head")


# --- database errors ---------------------------------------------------------------------------


def test_a_database_error_is_not_called_the_store_being_unavailable(engine, profile):
    failing = {
        "sqlite": "select sum(x) from (select 9223372036854775807 as x union all select 1)",
        "postgresql": "select 1 / 0",
    }[engine.dialect.name]
    with pytest.raises(sa.exc.DBAPIError) as raised, engine.connect() as conn:
        conn.execute(sa.text(failing))
    error = db.store_error(raised.value)
    assert isinstance(error, db.StoreFailed)
    assert error.message("en").startswith("The database could not do this: ")
    unreachable = db.normalise_url("postgresql://x:y@127.0.0.1:1/z")
    with pytest.raises(sa.exc.OperationalError) as refused:
        sa.create_engine(unreachable).connect()
    assert isinstance(db.store_error(refused.value), db.StoreUnavailable)
    with pytest.raises(sa.exc.OperationalError) as missing:
        sa.create_engine("sqlite:////no/such/folder/x.db").connect()
    assert isinstance(db.store_error(missing.value), db.StoreUnavailable)


def test_an_old_store_with_overflowing_rows_says_so_on_the_command_line(db_file):
    engine = db.create(f"sqlite:///{db_file}")
    factories.commit(engine, profile_id(engine), [{"amount": 2**62}, {"amount": 2**62}])
    engine.dispose()
    result = run(db_file, "budget")
    assert result.code == 4
    assert result.err.startswith("The database could not do this: integer overflow")
    assert result.err.count("\n") == 1


# --- exports -----------------------------------------------------------------------------


FORMULAS = ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]


def test_plan_workbook_writes_every_hostile_name_as_text():
    debts = [Debt(name, 100_000, Decimal(300), 100) for name in [*FORMULAS, "名\x1b字\x0b"]]
    plans = compare(debts, 10_000, "2026-06").plans  # never pays: the note names a debt
    data = plan_workbook(plans, "en")
    book = openpyxl.load_workbook(io.BytesIO(data))
    texts = [
        c for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)
    ]
    assert all(c.data_type == "s" for c in texts)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)
    assert "名 字 " in {c.value for c in texts}


def test_csv_writes_formula_text_as_text_and_numbers_as_numbers():
    assert [csv_cell(v) for v in FORMULAS] == [
        "'=1+1", "'+1", "'-1+2", "'@SUM(A1)", "'\t=1", "'\r=1",
    ]  # fmt: skip
    assert [csv_cell(v) for v in ("午饭", "a=b", 12, Decimal("-6.50"), None)] == [
        "午饭", "a=b", 12, Decimal("-6.50"), None,
    ]  # fmt: skip
    import pandas as pd

    frame = pd.DataFrame(
        {
            "date": [dt.date(2026, 10, 1)],
            "description": ['=HYPERLINK("http://evil.example")'],
            "counterparty": ["@SUM(A1)"],
            "amount_cents": [-650],
            "kind": ["expense"],
            "category": [None],
        }
    )
    lines = transactions_csv(frame, "zh").decode("utf-8-sig").splitlines()
    assert lines == [
        "日期,说明,交易对方,金额,计为,分类",
        '2026-10-01,"\'=HYPERLINK(""http://evil.example"")",\'@SUM(A1),-6.50,支出,',
    ]
    assert table_csv(pd.DataFrame({"a": ["-1"]})).startswith(b"\xef\xbb\xbf")


def test_the_dashboard_listens_on_this_computer_only_and_has_no_table_export():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["maxUploadSize"] == FILE_MB  # the command line's limit too
    assert config["client"]["disableDataExport"] is True
