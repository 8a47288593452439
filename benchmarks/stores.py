"""Stores of N transactions (ten years of a family's bills) and 20 debts, for the page
and command-line benchmarks.

The rows are written in bulk (sqlite3 executemany, PostgreSQL COPY), not through the
importer: a million rows take seconds this way. A SQLite store is built once per size
and schema revision and kept in the benchmark cache; `copy_sqlite` hands each run a
fresh copy. Run `python -m benchmarks.stores ROWS [URL]` to build one by hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from benchmarks.bench_import import _EXPENSES, _INCOME, CACHE

DEBTS = 20
YEARS = 10
UNCATEGORISED = 0.02  # of the rows: what the rules could not sort
TRANSFERS = 0.01
_VERSION = 1  # bump when the generated rows change
COLUMNS = (
    "profile_id",
    "batch_id",
    "date",
    "amount_cents",
    "kind",
    "description",
    "counterparty",
    "source_category",
    "category_id",
    "category_source",
    "fingerprint",
)


def _schema() -> str:
    """The migrations as they are now, in short: a cached store made by others is rebuilt."""
    from core import db

    digest = hashlib.sha256()
    for path in sorted((db.MIGRATIONS / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _months_back(today: dt.date, months: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def rows_for(count: int, profile_id: int, batch_id: int, ids: dict[str, int], today: dt.date):
    """`count` rows spread evenly over the YEARS years up to today, oldest first."""
    rng = random.Random(20260101 + count)
    start = _months_back(today, YEARS * 12)
    days = (today - start).days
    for i in range(count):
        day = start + dt.timedelta(days=i * days // count)
        roll = rng.random()
        if roll < 0.04:
            category, words, low, high = rng.choice(_INCOME)
            kind, sign = "income", 1
        elif roll < 0.04 + TRANSFERS:
            category, words, low, high = "", ["转账到余额宝"], 10000, 500000
            kind, sign = "transfer", -1
        else:
            category, words, low, high = rng.choice(_EXPENSES)
            kind, sign = "expense", -1
        description = rng.choice(words)
        if rng.random() < 0.3:
            description = f"{description} {rng.randint(1, 5000)}号店"
        cid = ids.get(category)
        if cid is not None and rng.random() < UNCATEGORISED:
            cid = None
        yield (
            profile_id,
            batch_id,
            day,
            sign * rng.randint(low, high),
            kind,
            description,
            "",
            category,
            cid,
            None if cid is None else "file",
            f"bench-{i}",
        )


def _debts(engine: sa.Engine, profile_id: int) -> None:
    from core.debts.entry import DebtEntry
    from core.debts.store import add_debts

    rng = random.Random(20260601)
    entries = [
        DebtEntry(
            name=f"借款 {n + 1:02d}",
            balance_cents=rng.randrange(500_000, 20_000_000),
            apr=Decimal(rng.randrange(400, 3600)) / 100,
            min_payment_cents=rng.randrange(20_000, 300_000),
            lender=rng.choice(["微粒贷", "借呗", "招商银行信用卡", "花呗"]),
            due_day=rng.randrange(1, 29),
        )
        for n in range(DEBTS)
    ]
    add_debts(engine, profile_id, entries)


def fill(url: str, count: int, today: dt.date | None = None) -> None:
    """Give an empty store's default profile `count` transactions and DEBTS debts."""
    from core import db
    from core.categories.rules import category_ids, ensure_defaults
    from core.profiles import profile_id

    today = today or dt.date.today()
    engine = db.create(url)
    profile = profile_id(engine)
    ensure_defaults(engine, profile)
    names = {c for c, *_ in _EXPENSES + _INCOME}
    with engine.begin() as conn:
        ids = category_ids(conn, profile, names)
        batch = conn.execute(
            sa.text(
                "INSERT INTO importbatch (profile_id, file_name, content_hash, layout, imported, "
                "duplicates, skipped, invalid, created_at) VALUES "
                "(:p, 'bench.xlsx', :h, 'budget', :n, 0, 0, 0, :t) RETURNING id"
            ),
            {"p": profile, "h": f"bench-{count}", "n": count, "t": dt.datetime.now(dt.UTC)},
        ).scalar_one()
    rows = rows_for(count, profile, batch, ids, today)
    if engine.dialect.name == "sqlite":
        _insert_sqlite(engine, rows)
    else:
        _copy_postgresql(engine, rows)
    _debts(engine, profile)
    if engine.dialect.name == "postgresql":  # as autovacuum would soon; SQLite stores never are
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()


def _insert_sqlite(engine: sa.Engine, rows) -> None:
    sql = (
        f'INSERT INTO "transaction" ({", ".join(COLUMNS)}) VALUES ({", ".join("?" * len(COLUMNS))})'
    )
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA cache_size=-262144")
        batch: list = []
        for row in rows:
            batch.append((*row[:2], row[2].isoformat(), *row[3:]))
            if len(batch) == 50_000:
                conn.exec_driver_sql(sql, batch)
                batch = []
        if batch:
            conn.exec_driver_sql(sql, batch)


def _copy_postgresql(engine: sa.Engine, rows) -> None:
    with engine.begin() as conn:
        driver = conn.connection.driver_connection
        copy_sql = f'COPY "transaction" ({", ".join(COLUMNS)}) FROM STDIN'
        with driver.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)


def sqlite_store(count: int) -> Path:
    """A SQLite store of `count` rows at today's schema, built once and kept in the cache."""
    today = dt.date.today()
    path = CACHE / f"store_{count}_{_schema()}_{today:%Y%m}_v{_VERSION}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        fill(f"sqlite:///{partial}", count, today)
        with sqlite3.connect(partial) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        partial.replace(path)
    return path


def copy_sqlite(count: int, folder: Path) -> str:
    """A fresh copy of the cached `count`-row store in `folder`: its URL."""
    target = folder / f"store_{count}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(sqlite_store(count), target)
    return f"sqlite:///{target}"


def postgresql_store(base_url: str, count: int) -> str:
    """A fresh database `<name>_bench_<count>` beside `base_url`'s, filled: its URL.
    Drop it with `drop_postgresql`."""
    url = _scratch(base_url, count)
    drop_postgresql(base_url, count)
    with _admin(base_url) as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{sa.make_url(url).database}"')
    fill(url, count)
    return url


def drop_postgresql(base_url: str, count: int) -> None:
    name = sa.make_url(_scratch(base_url, count)).database
    with _admin(base_url) as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _scratch(base_url: str, count: int) -> str:
    from core import db

    base = sa.make_url(db.normalise_url(base_url))
    return base.set(database=f"{base.database}_bench_{count}").render_as_string(hide_password=False)


class _admin:
    def __init__(self, base_url: str) -> None:
        from core import db

        self.engine = sa.create_engine(db.normalise_url(base_url), isolation_level="AUTOCOMMIT")

    def __enter__(self) -> sa.Connection:
        self.conn = self.engine.connect()
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()
        self.engine.dispose()


if __name__ == "__main__":
    size = int(sys.argv[1])
    if len(sys.argv) > 2:
        print(postgresql_store(sys.argv[2], size))
    else:
        print(sqlite_store(size))
