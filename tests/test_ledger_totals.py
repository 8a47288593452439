"""Month totals: the sums every budget figure is made of, computed once per data version
and kept in the store, and recomputed after any write."""

from __future__ import annotations

import datetime as dt
import random
import threading

import pandas as pd
import sqlalchemy as sa

from core import versions
from core.categories import rules
from core.ledger import totals, transactions
from core.models import DataVersion
from core.profiles import profile_id
from tests.factories import commit

VERSION = DataVersion.__table__


def _random_rows(seed: int, count: int = 300) -> list[dict]:
    """Income, spending, refunds and transfers over 14 months, some without a category."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        kind = rng.choice(["income", "expense", "expense", "expense", "transfer"])
        amount = rng.randint(1, 50_000) * (1 if kind == "income" or rng.random() < 0.1 else -1)
        rows.append(
            {
                "date": dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(420)),
                "amount": amount,
                "kind": kind,
                "description": rng.choice(["条目 1", "条目 2", "条目 3"]),  # no rule matches
                "category": rng.choice(["餐饮", "交通", "工资", "住房", ""]),
            }
        )
    return rows


def _by_hand(rows: list[dict]) -> dict[tuple[str, str | None], tuple[int, int, int]]:
    """(month, category) -> (income, expense, records), summed here row by row."""
    sums: dict[tuple[str, str | None], list[int]] = {}
    for r in rows:
        if r["kind"] == "transfer":
            continue
        key = (r["date"].isoformat()[:7], r["category"] or None)
        entry = sums.setdefault(key, [0, 0, 0])
        entry[0 if r["kind"] == "income" else 1] += r["amount"]
        entry[2] += 1
    return {k: tuple(v) for k, v in sums.items()}


def _as_dict(frame: pd.DataFrame) -> dict[tuple[str, str | None], tuple[int, int, int]]:
    return {
        (m, c): (int(i), int(e), int(n))
        for m, c, i, e, n in frame[
            ["month", "category", "income", "expense", "records"]
        ].itertuples(index=False)
    }


def _kept_version(engine, me: int) -> int | None:
    with engine.connect() as conn:
        query = sa.select(VERSION.c.totals_version).where(VERSION.c.profile_id == me)
        return conn.execute(query).scalar()


def test_totals_are_the_rows_summed_by_month_and_category(engine):
    me, other = profile_id(engine), profile_id(engine, "family")
    rows = _random_rows(1)
    commit(engine, me, rows)
    commit(engine, other, _random_rows(2))  # another profile's rows never count
    computed = totals.month_totals(engine, me)
    assert _as_dict(computed) == _by_hand(rows)
    assert list(computed.columns) == totals.COLUMNS
    # the second read is the kept copy, and the same
    assert _kept_version(engine, me) == versions.version(engine, me)
    pd.testing.assert_frame_equal(totals.month_totals(engine, me), computed)


def test_a_month_whose_refunds_cancel_its_spending_still_has_its_rows(engine):
    me = profile_id(engine)
    commit(
        engine,
        me,
        [
            {"date": "2026-02-03", "amount": -900, "category": "衣服"},
            {"date": "2026-02-09", "amount": 900, "category": "衣服"},
        ],
    )
    [(month, category, income, expense, records)] = (
        totals.month_totals(engine, me)[["month", "category", "income", "expense", "records"]]
        .itertuples(index=False)
    )  # fmt: skip
    assert (month, category, income, expense, records) == ("2026-02", "衣服", 0, 0, 2)


def test_totals_are_computed_once_per_version_and_again_after_any_write(engine):
    me = profile_id(engine)
    commit(engine, me, [{"date": "2026-03-02", "amount": -3000, "description": "星巴克"}])
    totals.month_totals(engine, me)
    with engine.begin() as conn:  # what the kept copy says, told apart from the rows
        conn.execute(totals.TOTAL.update().values(expense_cents=-1))
    assert totals.month_totals(engine, me)["expense"].tolist() == [-1]  # read, not computed
    rules.add_rule(engine, me, "星巴克", "咖啡")  # a write: recomputed from the rows
    frame = totals.month_totals(engine, me)
    assert frame[["category", "expense"]].values.tolist() == [["咖啡", -3000]]
    transactions.clear_data(engine, me)
    assert totals.month_totals(engine, me).empty


def test_totals_of_a_version_a_write_has_passed_are_not_kept(engine):
    me = profile_id(engine)
    commit(engine, me, [{"date": "2026-03-02", "amount": -3000}])
    stale = versions.version(engine, me)
    frame = totals.month_totals(engine, me)
    commit(engine, me, [{"date": "2026-03-05", "amount": -100}])
    totals._store(engine, me, stale, frame.assign(expense=-1))  # computed before that write
    assert _kept_version(engine, me) == stale  # still the old: not claimed for the new one
    assert totals.month_totals(engine, me)["expense"].tolist() == [-3100]


def test_a_writer_holding_the_store_does_not_hold_up_a_read(engine):
    """A long import in another process: the figures are read, the kept copy waits."""
    me = profile_id(engine)
    commit(engine, me, [{"date": "2026-03-02", "amount": -3000}])
    versions_before = versions.version(engine, me)
    writer = engine.connect()
    writer.begin()
    writer.execute(  # holds the version row (PostgreSQL) and the write lock (SQLite)
        VERSION.update().where(VERSION.c.profile_id == me).values(totals_version=-7)
    )
    found: list[pd.DataFrame] = []
    reader = threading.Thread(target=lambda: found.append(totals.month_totals(engine, me)))
    reader.start()
    reader.join(timeout=30)
    try:
        assert not reader.is_alive(), "the read waited for the writer"
        assert found[0]["expense"].tolist() == [-3000]
    finally:
        writer.rollback()
        writer.close()
    assert _kept_version(engine, me) is None  # nothing was kept while the writer held it
    assert versions.version(engine, me) == versions_before
