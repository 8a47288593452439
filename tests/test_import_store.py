"""Writing imports to the store: all or nothing, duplicates skipped, categorised on the way in.

Runs on a real SQLite file and, with TEST_DATABASE_URL, a real PostgreSQL database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from core.categories.rules import add_rule
from core.importing import ImportPreview, ImportRefused, RowError, preview_file
from core.importing import store as store_module
from core.importing.store import ImportReport, commit_preview, import_file
from core.models import Category, CategoryRule, ImportBatch, Transaction
from core.profiles import profile_id
from tests.filemakers import csv_bytes, wechat_csv, wechat_record

TX = Transaction.__table__


def preview_of(
    rows: list[dict],
    *,
    file_name: str = "hand.csv",
    layout: str = "budget",
    invalid: list[RowError] | None = None,
    skipped: int = 0,
    content_hash: str | None = None,
) -> ImportPreview:
    """An ImportPreview built by hand, as preview_file would return it.

    Its content hash stands for the file's bytes: by default one per distinct set of rows.
    """
    records = []
    for i, row in enumerate(rows):
        amount = row["amount"]
        description = row.get("description", "")
        counterparty = row.get("counterparty", "")
        records.append(
            {
                "sheet": "Sheet1",
                "row": i + 2,
                "date": row["date"],
                "amount_cents": amount,
                "kind": row.get("kind", "income" if amount > 0 else "expense"),
                "description": description,
                "counterparty": counterparty,
                "source_category": row.get("category", ""),
                "fingerprint": row.get(
                    "fingerprint", f"{row['date']}|{amount}|{description}|{counterparty}|{i}"
                ),
            }
        )
    columns = [
        "sheet", "row", "date", "amount_cents", "kind", "description", "counterparty",
        "source_category", "fingerprint",
    ]  # fmt: skip
    frame = pd.DataFrame(records, columns=columns)
    return ImportPreview(
        file_name=file_name,
        content_hash=content_hash or hashlib.sha256(repr(records).encode()).hexdigest(),
        layout=layout,
        rows=frame.astype({"row": "int64", "amount_cents": "int64"}),
        invalid=invalid or [],
        skipped=skipped,
        sheets=["Sheet1"],
        columns=[],
        mapping={},
    )


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of the tables an import may touch, to compare before and after."""
    with engine.connect() as conn:
        return {
            model.__tablename__: sorted(
                tuple(map(str, row)) for row in conn.execute(sa.select(model.__table__))
            )
            for model in (Category, CategoryRule, ImportBatch, Transaction)
        }


def stored(engine: Engine, profile: int) -> pd.DataFrame:
    c = Category.__table__.c
    x = TX.c
    query = (
        sa.select(x.date, x.amount_cents, x.kind, x.description, x.counterparty, c.name)
        .select_from(TX.outerjoin(Category.__table__, c.id == x.category_id))
        .where(x.profile_id == profile)
        .order_by(x.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    names = ["date", "amount", "kind", "description", "counterparty", "category"]
    return pd.DataFrame(
        {n: pd.Series([r[i] for r in rows], dtype=object) for i, n in enumerate(names)}
    )


def budget_csv(lines: list[tuple]) -> bytes:
    return csv_bytes([("日期", "说明", "类别", "金额"), *lines])


D = dt.date(2026, 3, 5)
BASIC = [
    ("2026-03-01", "工资", "工资", "8000.00"),
    ("2026-03-02", "美团外卖 午饭", "", "-35.50"),
    ("2026-03-03", "冬天的外套", "衣服", "-299.00"),
    ("2026-03-04", "某某", "", "-12.00"),
]


def test_commit_writes_rows_batch_and_categories(engine, profile):
    data = budget_csv(BASIC)
    report = import_file(engine, profile, "家庭账本.csv", data)
    assert isinstance(report, ImportReport)
    assert (report.file_name, report.layout) == ("家庭账本.csv", "budget")
    assert (report.imported, report.duplicates, report.skipped, report.invalid) == (4, 0, 0, [])
    rows = stored(engine, profile)
    assert rows["amount"].tolist() == [800000, -3550, -29900, -1200]
    assert rows["kind"].tolist() == ["income", "expense", "expense", "expense"]
    assert rows["date"].tolist() == [dt.date(2026, 3, d) for d in (1, 2, 3, 4)]
    # the file's own category first, then the keyword rules, else none
    assert rows["category"].tolist() == ["工资", "餐饮", "衣服", None]
    with engine.connect() as conn:
        batch = conn.execute(sa.select(ImportBatch.__table__)).one()
        assert batch.id == report.batch_id
    assert (batch.file_name, batch.layout, batch.profile_id) == ("家庭账本.csv", "budget", profile)
    assert batch.content_hash == preview_file("家庭账本.csv", data).content_hash
    assert (batch.imported, batch.duplicates, batch.skipped, batch.invalid) == (4, 0, 0, 0)


def test_reimporting_the_same_file_adds_nothing(engine, profile):
    data = budget_csv(BASIC)
    import_file(engine, profile, "a.csv", data)
    again = import_file(engine, profile, "a.csv", data)
    assert (again.imported, again.duplicates) == (0, 4)
    assert len(stored(engine, profile)) == 4
    with engine.connect() as conn:
        batches = conn.execute(
            sa.select(ImportBatch.imported, ImportBatch.duplicates).order_by(ImportBatch.id)
        ).all()
    assert [tuple(b) for b in batches] == [(4, 0), (0, 4)]


def test_the_same_file_read_with_other_columns_adds_nothing(engine, profile):
    """Other columns give other fingerprints; the file's bytes are what was imported."""
    data = budget_csv(BASIC)
    first = import_file(engine, profile, "a.csv", data)
    before = stored(engine, profile)
    other_columns = {"date": "日期", "amount": "金额", "description": "类别"}
    again = import_file(engine, profile, "a copy.csv", data, mapping=other_columns)
    assert (again.imported, again.duplicates) == (0, 4)
    assert stored(engine, profile).equals(before)
    with engine.connect() as conn:
        batches = conn.execute(
            sa.select(
                ImportBatch.created_at, ImportBatch.imported, ImportBatch.duplicates
            ).order_by(ImportBatch.id)
        ).all()
    assert [tuple(b[1:]) for b in batches] == [(4, 0), (0, 4)]
    assert first.already_imported_at is None
    assert again.already_imported_at == batches[0].created_at
    # one byte more is another file: its new rows come in
    changed = import_file(engine, profile, "a.csv", data + b"2026-03-09,x,,-1.00\r\n")
    assert (changed.imported, changed.duplicates, changed.already_imported_at) == (1, 4, None)


def test_the_same_file_imported_twice_at_once_comes_in_once(engine, profile, monkeypatch):
    """The second import waits for the first to commit, then finds the file there."""
    _postgresql_only(engine)
    data = budget_csv(BASIC)
    holding, release = threading.Event(), threading.Event()
    insert_rows = store_module._insert_rows

    def first_holds_its_transaction_open(*args):
        inserted = insert_rows(*args)
        if not holding.is_set():
            holding.set()
            release.wait(10)
        return inserted

    monkeypatch.setattr(store_module, "_insert_rows", first_holds_its_transaction_open)
    waiting = sa.text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    other_columns = {"date": "日期", "amount": "金额", "description": "类别"}
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(import_file, engine, profile, "a.csv", data)
        assert holding.wait(10)
        second = pool.submit(import_file, engine, profile, "a.csv", data, mapping=other_columns)
        with engine.connect() as watcher:
            for _ in range(500):  # until the second import waits for the first
                if watcher.execute(waiting).scalar_one() or second.done():
                    break
                time.sleep(0.01)
        assert not second.done()
        release.set()
        assert (first.result().imported, second.result().imported) == (4, 0)
    assert len(stored(engine, profile)) == 4


def test_overlapping_exports_add_only_the_new_rows(engine, profile):
    def lunch(day: int) -> tuple:
        when = dt.datetime(2026, 3, day, 12)
        return wechat_record(when, "商户消费", "美团", "午饭", "支出", "¥20")

    first = [lunch(d) for d in (1, 2, 3)]
    second = [lunch(d) for d in (3, 4)]
    assert import_file(engine, profile, "w1.csv", wechat_csv(first)).imported == 3
    report = import_file(engine, profile, "w2.csv", wechat_csv(second))
    assert (report.imported, report.duplicates) == (1, 1)
    rows = stored(engine, profile)
    assert len(rows) == 4
    assert set(rows["category"]) == {"餐饮"}  # 商户消费 is how it was paid, not what for


def test_overlapping_budget_sheets_without_ids(engine, profile):
    import_file(engine, profile, "jan.csv", budget_csv(BASIC[:3]))
    report = import_file(engine, profile, "jan-feb.csv", budget_csv(BASIC[1:]))
    assert (report.imported, report.duplicates) == (1, 2)
    assert len(stored(engine, profile)) == 4


def test_two_identical_genuine_purchases_are_both_kept(engine, profile):
    lines = [("2026-03-02", "地铁", "", "-4.00"), ("2026-03-02", "地铁", "", "-4.00")]
    report = import_file(engine, profile, "a.csv", budget_csv(lines))
    assert (report.imported, report.duplicates) == (2, 0)
    again = import_file(engine, profile, "a.csv", budget_csv(lines))
    assert (again.imported, again.duplicates) == (0, 2)
    assert stored(engine, profile)["amount"].tolist() == [-400, -400]


def test_one_transaction_listed_twice_in_a_file_counts_once(engine, profile):
    row = {"date": D, "amount": -100, "fingerprint": "wechat:1"}
    report = commit_preview(engine, profile, preview_of([row, row]))
    assert (report.imported, report.duplicates) == (1, 1)


def test_duplicates_in_the_file_and_from_an_earlier_import_in_one_go(engine, profile):
    earlier = {"date": D, "amount": -100, "fingerprint": "wechat:1"}
    commit_preview(engine, profile, preview_of([earlier]))
    new = {"date": D, "amount": -200, "fingerprint": "wechat:2"}
    report = commit_preview(engine, profile, preview_of([earlier, new, new, earlier, new]))
    assert (report.imported, report.duplicates) == (1, 4)
    assert stored(engine, profile)["amount"].tolist() == [-100, -200]


def test_text_is_stored_exactly_as_read(engine, profile):
    """Characters a bulk path must escape (COPY on PostgreSQL) come back unchanged."""
    awkward = ["tab\there", "two\nlines", "back\\slash", "\\N", "\\.", "cr\r", "", "'\"", "午饭"]
    rows = [
        {"date": D, "amount": -1 - i, "description": text, "counterparty": text[::-1]}
        for i, text in enumerate(awkward)
    ]
    assert commit_preview(engine, profile, preview_of(rows)).imported == len(awkward)
    found = stored(engine, profile)
    assert found["description"].tolist() == awkward
    assert found["counterparty"].tolist() == [text[::-1] for text in awkward]


def _postgresql_only(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL behaviour")


@pytest.mark.parametrize("refused", ["NUL \x00 byte", "x" * 501], ids=["nul", "too-long"])
def test_a_value_postgresql_refuses_leaves_the_store_unchanged(engine, profile, refused):
    """Refused while the rows are copied in: reported as SQLAlchemy reports any statement,
    nothing stays, and the next import on the same engine works."""
    _postgresql_only(engine)
    import_file(engine, profile, "earlier.csv", budget_csv(BASIC[:1]))
    before = snapshot(engine)
    rows = [{"date": D, "amount": -100, "category": "新类别"}, {"date": D, "amount": -200}]
    rows[1]["description"] = refused
    with pytest.raises(sa.exc.DataError):
        commit_preview(engine, profile, preview_of(rows))
    assert snapshot(engine) == before
    assert import_file(engine, profile, "later.csv", budget_csv(BASIC)).imported == 3


def test_a_concurrent_import_of_the_same_rows_waits_and_skips_them(engine, profile):
    """ON CONFLICT, not a look-up beforehand: a row another session is still writing is
    skipped once that session commits, never a unique-key error."""
    _postgresql_only(engine)
    shared = {"date": D, "amount": -100, "fingerprint": "wechat:1"}
    preview = preview_of([shared, {"date": D, "amount": -200, "fingerprint": "wechat:2"}])
    waiting = sa.text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    with engine.connect() as other, ThreadPoolExecutor(1) as pool:
        other.execute(
            TX.insert().values(
                profile_id=profile,
                date=D,
                amount_cents=-100,
                kind="expense",
                fingerprint="wechat:1",
            )
        )
        report = pool.submit(commit_preview, engine, profile, preview)
        with engine.connect() as watcher:
            for _ in range(500):  # until the import waits on the uncommitted row
                if watcher.execute(waiting).scalar_one() or report.done():
                    break
                time.sleep(0.01)
        assert not report.done()
        other.commit()
        assert (report.result().imported, report.result().duplicates) == (1, 1)
    assert stored(engine, profile)["amount"].tolist() == [-100, -200]


def _invalid() -> list[RowError]:
    return [RowError("Sheet1", 7, "金额", "abc", "import.bad_amount")]


def test_invalid_rows_refuse_the_file_and_write_nothing(engine, profile):
    before = snapshot(engine)
    preview = preview_of([{"date": D, "amount": -100}], invalid=_invalid())
    with pytest.raises(ImportRefused) as caught:
        commit_preview(engine, profile, preview)
    assert caught.value.key == "import.refused_invalid_rows"
    assert caught.value.params == {"file": "hand.csv", "count": 1}
    assert "1 of its rows could not be read" in str(caught.value)
    assert "有 1 行无法读取" in caught.value.message("zh")
    assert snapshot(engine) == before


def test_invalid_rows_in_a_real_file(engine, profile):
    data = budget_csv([*BASIC, ("2026-03-05", "午饭", "", "十块")])
    with pytest.raises(ImportRefused):
        import_file(engine, profile, "bad.csv", data)
    assert stored(engine, profile).empty
    report = import_file(engine, profile, "bad.csv", data, skip_invalid=True)
    assert report.imported == 4
    assert [(e.row, e.key) for e in report.invalid] == [(6, "import.bad_amount")]
    with engine.connect() as conn:
        assert conn.execute(sa.select(ImportBatch.invalid)).scalar_one() == 1


def test_skip_invalid_imports_the_valid_rows(engine, profile):
    preview = preview_of([{"date": D, "amount": -100}], invalid=_invalid(), skipped=2)
    report = commit_preview(engine, profile, preview, skip_invalid=True)
    assert (report.imported, report.skipped, len(report.invalid)) == (1, 2, 1)


def test_a_database_error_mid_write_leaves_the_store_unchanged(engine, profile):
    before = snapshot(engine)
    rows = [{"date": D, "amount": -100, "description": "美团外卖", "category": "新类别"}] * 3
    rows = [{**r, "fingerprint": f"f{i}"} for i, r in enumerate(rows)]
    rows.append({"date": None, "amount": -100, "fingerprint": "broken"})  # NOT NULL date
    with pytest.raises(sa.exc.IntegrityError):
        commit_preview(engine, profile, preview_of(rows))
    assert snapshot(engine) == before  # no batch, no rows, no categories, no default rules


def test_a_failure_after_the_first_insert_rolls_everything_back(engine, profile, monkeypatch):
    """Several executemany rounds: the first lands, a later one fails, nothing stays."""
    import_file(engine, profile, "earlier.csv", budget_csv(BASIC[:1]))
    before = snapshot(engine)
    monkeypatch.setattr(store_module, "CHUNK_ROWS", 2)
    rows = [{"date": D, "amount": -i - 1, "category": f"c{i}"} for i in range(5)]
    rows[4]["kind"] = None  # NOT NULL kind, in the third round
    with pytest.raises(sa.exc.IntegrityError):
        commit_preview(engine, profile, preview_of(rows))
    assert snapshot(engine) == before


def test_file_categories_are_canonical_and_trade_types_are_not_categories(engine, profile):
    rows = [
        {"date": D, "amount": -100, "category": "Food"},  # a built-in by its English name
        {"date": D, "amount": -200, "category": "餐饮美食"},  # Alipay's name for it
        {"date": D, "amount": -300, "category": " 衣服 "},
        {"date": D, "amount": -400, "category": "即时到账交易", "description": "滴滴快车"},
        {"date": D, "amount": -500, "category": "其他"},
    ]
    commit_preview(engine, profile, preview_of(rows, layout="alipay"))
    assert stored(engine, profile)["category"].tolist() == ["餐饮", "餐饮", "衣服", "交通", None]


def test_import_records_where_each_category_came_from(engine, profile):
    import_file(engine, profile, "a.csv", budget_csv(BASIC))
    x = TX.c
    with engine.connect() as conn:
        query = sa.select(x.category_source).where(x.profile_id == profile).order_by(x.id)
        found = conn.execute(query).scalars().all()
    # 工资 and 衣服 are the file's own; 美团外卖 is sorted by a rule; 某某 by nothing
    assert found == ["file", "rule", "file", None]


def test_wechat_type_column_never_becomes_a_category(engine, profile):
    records = [
        wechat_record(dt.datetime(2026, 3, 1, 9), "商户消费", "滴滴出行", "快车", "支出", "¥31.20"),
        wechat_record(dt.datetime(2026, 3, 2, 9), "微粒贷还款", "微粒贷", "/", "支出", "¥500.00"),
        wechat_record(dt.datetime(2026, 3, 3, 9), "商户消费", "某小店", "杂物", "支出", "¥5.00"),
    ]
    import_file(engine, profile, "w.csv", wechat_csv(records))
    assert stored(engine, profile)["category"].tolist() == ["交通", "还款", None]


def test_import_uses_the_profiles_own_rules(engine, profile):
    add_rule(engine, profile, "某某", "人情")
    import_file(engine, profile, "a.csv", budget_csv(BASIC))
    assert stored(engine, profile)["category"].tolist()[-1] == "人情"


def test_profiles_never_see_each_others_rows(engine, profile):
    other = profile_id(engine, "neighbour")
    data = budget_csv(BASIC)
    assert import_file(engine, profile, "a.csv", data).imported == 4
    # the same file is new to another profile
    assert import_file(engine, other, "a.csv", data).imported == 4
    add_rule(engine, other, "某某", "人情")
    assert stored(engine, profile)["category"].tolist()[-1] is None
    assert stored(engine, other)["category"].tolist()[-1] == "人情"
    with engine.connect() as conn:
        owners = conn.execute(
            sa.select(Category.profile_id, sa.func.count()).group_by(Category.profile_id)
        ).all()
    assert {p for p, _ in owners} == {profile, other}


def test_an_empty_preview_records_a_batch(engine, profile):
    report = commit_preview(engine, profile, preview_of([]))
    assert (report.imported, report.duplicates) == (0, 0)
    assert report.batch_id is not None


def test_sample_files_import(engine, profile):
    from core.ledger.samples import load_samples

    reports = load_samples(engine, profile)
    assert {r.layout for r in reports} == {"alipay", "budget", "wechat"}
    assert all(r.imported > 0 and not r.invalid for r in reports)
    assert all(r.imported == 0 for r in load_samples(engine, profile))
