"""Undoing an import: the batch's rows and record go, all or nothing; nothing else moves."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from core.errors import CoachError
from core.importing.batches import list_batches, remove_batch
from core.importing.store import import_file
from core.models import Category, ImportBatch, Transaction
from core.profiles import profile_id
from tests.cli import run
from tests.filemakers import csv_bytes, wechat_csv, wechat_record

SEPTEMBER = csv_bytes(
    [["日期", "说明", "金额"], ["2026-09-01", "早餐", "-6.50"], ["2026-09-02", "工资", "9800"]]
)
OCTOBER = csv_bytes(
    [["日期", "说明", "金额"], ["2026-09-02", "工资", "9800"], ["2026-10-01", "午饭", "-20"]]
)


def _count(engine, table, **where) -> int:
    query = sa.select(sa.func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with engine.connect() as conn:
        return conn.execute(query).scalar_one()


def test_imports_are_listed_newest_first_with_their_rows(engine, profile):
    first = import_file(engine, profile, "九月.csv", SEPTEMBER)
    second = import_file(engine, profile, "十月.csv", OCTOBER)  # one row was already there
    batches = list_batches(engine, profile)
    assert [(b.id, b.file_name, b.rows) for b in batches] == [
        (second.batch_id, "十月.csv", 1),
        (first.batch_id, "九月.csv", 2),
    ]
    assert all(b.imported_at.tzinfo is not None for b in batches)
    assert abs(batches[0].imported_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert list_batches(engine, profile_id(engine, "other")) == []


def test_removing_an_import_takes_its_rows_and_nothing_else(engine, profile):
    first = import_file(engine, profile, "九月.csv", SEPTEMBER)
    second = import_file(engine, profile, "十月.csv", OCTOBER)
    other = profile_id(engine, "other")
    import_file(engine, other, "九月.csv", SEPTEMBER)
    removed = remove_batch(engine, profile, first.batch_id)
    assert (removed.id, removed.file_name, removed.rows) == (first.batch_id, "九月.csv", 2)
    tx = Transaction.__table__
    assert _count(engine, tx, profile_id=profile) == 1  # October's own row stays
    assert _count(engine, tx, batch_id=second.batch_id) == 1
    assert _count(engine, tx, profile_id=other) == 2  # another profile's same file stays
    assert [b.id for b in list_batches(engine, profile)] == [second.batch_id]
    # the same file can come in again, as if it never had
    again = import_file(engine, profile, "九月.csv", SEPTEMBER)
    # 工资 came with September only (October's copy was a duplicate): it comes back
    assert (again.imported, again.already_imported_at) == (2, None)


def test_removing_the_last_import_leaves_no_unused_category(engine, profile):
    rows = [wechat_record(dt.datetime(2026, 9, 1, 12), "商户消费", "美团", "午饭", "支出", "20")]
    report = import_file(engine, profile, "微信.csv", wechat_csv(rows))
    assert _count(engine, Category.__table__, profile_id=profile) > 0
    remove_batch(engine, profile, report.batch_id)
    assert _count(engine, Transaction.__table__) == 0
    assert _count(engine, ImportBatch.__table__) == 0


@pytest.mark.parametrize("batch_id", [0, -1, 999_999, 2**40])
def test_an_unknown_or_anothers_import_is_not_found(engine, profile, batch_id):
    with pytest.raises(CoachError) as missing:
        remove_batch(engine, profile, batch_id)
    assert missing.value.key == "safety.import_not_found"
    theirs = import_file(engine, profile_id(engine, "other"), "九月.csv", SEPTEMBER)
    with pytest.raises(CoachError):
        remove_batch(engine, profile, theirs.batch_id)
    assert _count(engine, Transaction.__table__) == 2


def test_the_command_line_lists_and_removes(tmp_path):
    db = tmp_path / "cli.db"
    (tmp_path / "九月.csv").write_bytes(SEPTEMBER)
    assert run(db, "imports", "list").out.strip() == "No files imported yet."
    assert run(db, "import", str(tmp_path / "九月.csv")).code == 0
    listed = run(db, "imports", "list", "--json")
    assert listed.code == 0, listed.err
    [batch] = listed.json()
    assert set(batch) == {"id", "file", "imported_at", "layout", "rows"}
    assert (batch["file"], batch["rows"], batch["layout"]) == ("九月.csv", 2, "budget")
    assert dt.datetime.fromisoformat(batch["imported_at"]).tzinfo is not None
    table = run(db, "imports", "list", lang="zh")
    assert "九月.csv" in table.out and "记录数" in table.out
    removed = run(db, "imports", "remove", str(batch["id"]))
    assert removed.code == 0, removed.err
    assert removed.out.strip() == f"Import {batch['id']} (九月.csv) removed: 2 records taken out."
    again = run(db, "imports", "remove", str(batch["id"]), lang="zh")
    assert again.code == 1
    assert again.err.strip() == (
        f"没有编号为 {batch['id']} 的导入。可以用这个命令查看编号：recovery-coach imports list"
    )
    assert run(db, "budget", "--json").json()["months"] == []


def test_removing_a_platform_bill_lets_the_bank_rows_it_paired_count_again(engine, profile):
    from core.importing.pairs import paired_rows
    from tests.test_statement_store import BOCOM_DEBIT, WECHAT_BILL, figures

    import_file(engine, profile, "bocom.csv", BOCOM_DEBIT)
    bank_only = figures(engine, profile)
    wechat = import_file(engine, profile, "wechat.csv", WECHAT_BILL)
    assert len(paired_rows(engine, profile))
    remove_batch(engine, profile, wechat.batch_id)
    assert len(paired_rows(engine, profile)) == 0
    assert figures(engine, profile) == bank_only
