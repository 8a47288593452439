"""The ledger commands (init, import, budget) as a script runs them: a real subprocess, a real
SQLite file, exit codes, stdout JSON and stderr messages exactly as the command line promises."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from core import db as store_db
from core.ledger import budget, samples
from core.profiles import profile_id
from tests.cli import Result, run
from tests.filemakers import csv_bytes, wechat_csv, wechat_record, xlsx_bytes

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
# (file, layout) for every sample file: the shapes `init --sample` loads
SAMPLE_FILES = [
    ("wechat_bill.csv", "wechat"),
    ("alipay_bill.csv", "alipay"),
    ("family_budget_2025.xlsx", "budget"),
    ("budget_en.csv", "budget"),
]
MONEY = re.compile(r"-?\d+\.\d\d")


def import_json(db: Path, path: Path, *flags: str) -> dict:
    """`import PATH --json`, which must succeed with the promised keys and types."""
    result = run(db, "import", str(path), "--json", *flags)
    assert result.code == 0, result.err
    report = result.json()
    assert isinstance(report, dict)
    for key in ("imported", "duplicates"):
        assert type(report[key]) is int, key
        assert report[key] >= 0, key
    assert isinstance(report["invalid"], list)
    for item in report["invalid"]:
        assert type(item["row"]) is int
        assert isinstance(item["column"], str)
        assert isinstance(item["message"], str)
        assert item["message"]
    return report


def budget_json(db: Path) -> dict:
    """`budget --json`, checked for shape: months in order, money as decimal strings."""
    result = run(db, "budget", "--json")
    assert result.code == 0, result.err
    figures = result.json()
    assert isinstance(figures["months"], list)
    months = [m["month"] for m in figures["months"]]
    assert months == sorted(set(months))
    for month in figures["months"]:
        assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month["month"])
        for key in ("income", "spending", "surplus"):
            assert isinstance(month[key], str)
            assert MONEY.fullmatch(month[key]), (key, month[key])
        assert Decimal(month["income"]) >= 0
        income, spending = Decimal(month["income"]), Decimal(month["spending"])
        assert Decimal(month["surplus"]) == income - spending
    return figures


def assert_plain_refusal(result: Result, name: str) -> None:
    """Refused: a non-zero exit, one line on stderr naming the file, nothing on stdout."""
    assert result.code != 0, result.out
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert name in lines[0]
    assert result.out == ""


def test_init_creates_the_store(db):
    result = run(db, "init")
    assert result.code == 0, result.err
    assert "The store is ready" in result.out
    with closing(sqlite3.connect(db)) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        assert {"alembic_version", "profile", "transaction", "importbatch"} <= tables
        assert conn.execute('SELECT count(*) FROM "transaction"').fetchone() == (0,)


def test_sample_files_import_once_and_match_init_sample(db, tmp_path):
    first = {}
    for name, layout in SAMPLE_FILES:
        report = import_json(db, SAMPLES / name)
        assert (report["layout"], report["duplicates"], report["invalid"]) == (layout, 0, [])
        assert report["imported"] > 0, name
        first[name] = report["imported"]
    figures = budget_json(db)
    assert figures["months"]
    assert any(Decimal(m["spending"]) > 0 for m in figures["months"])

    # the same files again: nothing new, every row a duplicate, the budget as it was
    # (one told apart by the bill's own transaction number, one by the row fingerprint)
    for name in ("wechat_bill.csv", "family_budget_2025.xlsx"):
        again = import_json(db, SAMPLES / name)
        assert (again["imported"], again["duplicates"]) == (0, first[name]), name
    assert budget_json(db) == figures

    # `init --sample` loads exactly these files
    sample_db = tmp_path / "sample.db"
    loaded = run(sample_db, "init", "--sample")
    assert loaded.code == 0, loaded.err
    for name, _ in SAMPLE_FILES:
        assert f"{name}: {first[name]} new" in loaded.out
    assert budget_json(sample_db) == figures


def _bill_with_a_bad_amount() -> bytes:
    """A WeChat CSV: header on row 17, so the records are rows 18, 19 and 20; 19 is bad."""
    return wechat_csv(
        [
            wechat_record(dt.datetime(2026, 9, 1, 12), "商户消费", "超市", "食品", "支出", "12.50"),
            wechat_record(dt.datetime(2026, 9, 2, 12), "商户消费", "超市", "食品", "支出", "abc"),
            wechat_record(dt.datetime(2026, 9, 3, 12), "转账", "小王", "/", "收入", "100.00"),
        ]
    )


def test_refused_files_leave_the_store_as_it_was(db, tmp_path):
    import_json(db, SAMPLES / "budget_en.csv")
    before = budget_json(db)

    # one bad row: refused, each bad cell named by row and column, nothing written
    bill = tmp_path / "wechat_bad.csv"
    bill.write_bytes(_bill_with_a_bad_amount())
    refused = run(db, "import", str(bill), "--json")
    assert refused.code != 0
    assert refused.out == ""
    assert "Traceback" not in refused.err
    assert 'wechat_bad.csv, row 19, column "金额(元)": "¥abc" is not an amount.' in refused.err
    assert "wechat_bad.csv: nothing was imported, because 1 of its rows" in refused.err

    # files that cannot be read at all: one plain line naming the file
    folder = tmp_path / "bills"
    folder.mkdir()
    workbook = xlsx_bytes({"Sheet1": [("Date", "Amount"), (dt.date(2026, 9, 1), -5.0)]})
    files = {
        "empty.csv": b"",
        "receipt.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "contacts.csv": csv_bytes([("Name", "Phone"), ("Lin", "138 0000 0000")]),
        "broken.xlsx": workbook[: len(workbook) // 2],
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    for path in [tmp_path / "missing.csv", folder, *(tmp_path / name for name in files)]:
        result = run(db, "import", str(path), "--json")
        try:
            assert_plain_refusal(result, path.name)
        except AssertionError as exc:
            raise AssertionError(f"{path.name}: {result}") from exc

    assert budget_json(db) == before

    # --skip-invalid: the good rows go in, the bad one is listed
    report = import_json(db, bill, "--skip-invalid")
    assert (report["imported"], report["duplicates"]) == (2, 0)
    [bad] = report["invalid"]
    assert (bad["row"], bad["column"]) == (19, "金额(元)")
    assert "not an amount" in bad["message"]
    september = {m["month"]: m for m in budget_json(db)["months"]}["2026-09"]
    was = {m["month"]: m for m in before["months"]}["2026-09"]
    assert Decimal(september["income"]) - Decimal(was["income"]) == Decimal("100.00")
    assert Decimal(september["spending"]) - Decimal(was["spending"]) == Decimal("12.50")


def test_budget_figures_of_a_hand_built_sheet(db, tmp_path):
    """Refunds are negative spending; transfers, totals rows and blank rows count as nothing;
    two identical purchases on one day are both kept."""
    sheet = [
        ("2026年家庭账本",),
        (),
        ("日期", "类别", "说明", "收支", "金额"),
        (dt.date(2026, 9, 1), "工资", "九月工资", "收入", 8000),
        (dt.date(2026, 9, 3), "房租", "房租", "支出", 2500),
        (dt.date(2026, 9, 5), "购物", "运动鞋", "支出", 399.9),
        (dt.date(2026, 9, 9), "购物", "运动鞋退款", "收入", 399.9),  # refund in full: nets to 0
        (dt.date(2026, 9, 10), "餐饮", "午饭", "支出", 35.5),
        (dt.date(2026, 9, 15), "理财", "转入余额宝", "不计收支", 1000),  # neutral
        (),
        (dt.date(2026, 10, 1), "工资", "十月工资", "收入", 8000),
        (dt.date(2026, 10, 2), "副业", "翻译稿费", "收入", 650.25),
        (dt.date(2026, 10, 3), "房租", "房租", "支出", 2500),
        (dt.date(2026, 10, 12), "医疗", "感冒药", "支出", 88.8),
        (dt.date(2026, 10, 15), "餐饮", "咖啡", "支出", 25),
        (dt.date(2026, 10, 15), "餐饮", "咖啡", "支出", 25),  # a second, genuine coffee
        (dt.date(2026, 10, 20), "购物", "外套", "支出", 300),
        (dt.date(2026, 10, 25), "购物", "外套退款", "收入", 100),  # partial refund
        (dt.date(2026, 10, 28), "内部转账", "还信用卡", "支出", 2000),  # own accounts: neutral
        (None, "合计", None, None, 26524.25),
    ]
    path = tmp_path / "账本.xlsx"
    path.write_bytes(xlsx_bytes({"账本": sheet}))
    report = import_json(db, path)
    assert (report["imported"], report["duplicates"], report["invalid"]) == (15, 0, [])

    # September: income 8000.00; spending 2500 + 399.90 - 399.90 + 35.50 = 2535.50
    # October: income 8000 + 650.25 = 8650.25;
    #          spending 2500 + 88.80 + 25 + 25 + 300 - 100 = 2838.80
    figures = budget_json(db)
    assert figures["months"] == [
        {"month": "2026-09", "income": "8000.00", "spending": "2535.50", "surplus": "5464.50"},
        {"month": "2026-10", "income": "8650.25", "spending": "2838.80", "surplus": "5811.45"},
    ]
    # the average covers the three calendar months before this one, a month without
    # records counting as nothing: (5464.50 + 5811.45) / 3 in December 2026
    window = budget.average_window()
    surplus = {"2026-09": Decimal("5464.50"), "2026-10": Decimal("5811.45")}
    counted = [surplus[m] for m in window if m in surplus]
    expected = f"{(sum(counted) / 3).quantize(Decimal('0.01'), ROUND_HALF_UP)}" if counted else None
    assert (figures["average_surplus"], figures["average_months"]) == (
        expected,
        window if counted else [],
    )


def test_messages_in_chinese(db, tmp_path):
    bill = tmp_path / "账单.csv"
    bill.write_bytes(_bill_with_a_bad_amount())

    refused = run(db, "import", str(bill), lang="zh")
    assert refused.code != 0
    assert "Traceback" not in refused.err
    assert "第 19 行，“金额(元)”列：“¥abc”不是有效的金额" in refused.err
    assert "账单.csv：有 1 行无法读取，因此没有导入任何内容" in refused.err

    kept = run(db, "import", str(bill), "--skip-invalid", lang="zh")
    assert kept.code == 0, kept.err
    assert "账单.csv：新增 2 条" in kept.out
    assert "第 19 行" in kept.err

    table = run(db, "budget", lang="zh")
    assert table.code == 0, table.err
    assert table.out.split()[:4] == ["月份", "收入", "支出", "结余"]
    assert "2026-09" in table.out


def test_an_unreachable_postgresql_server_is_one_plain_line(tmp_path):
    bill = tmp_path / "bill.csv"
    bill.write_bytes(_bill_with_a_bad_amount())
    env = {**os.environ, "DATABASE_URL": "postgresql://x:y@127.0.0.1:1/z", "RC_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "core.cli", "import", str(bill), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("Cannot open the database:")
    assert "DATABASE_URL" in lines[0]


def test_make_run_loads_the_example_data_on_a_stores_first_start_only(db):
    """`make run` calls `init --first-start`: a new store gets the example data once; a
    second start adds nothing; once the user cleared it, it never comes back unasked."""
    first = run(db, "init", "--first-start")
    assert first.code == 0, first.err
    loaded = budget_json(db)
    assert loaded["months"], "the example data is in the store"
    assert run(db, "init", "--first-start").code == 0
    assert budget_json(db) == loaded
    engine = store_db.create(f"sqlite:///{db}")
    samples.clear_samples(engine, profile_id(engine))  # as the home page's button does
    engine.dispose()
    assert run(db, "init", "--first-start").code == 0
    assert budget_json(db)["months"] == []
