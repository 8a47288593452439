"""The pages' queries use an index that fits them, on SQLite and PostgreSQL, so that no
later change falls back to walking every row of the store (what made the budget page
45 times slower at a million rows).

Each read a page makes is run for real and every SELECT it sends is caught and
EXPLAINed with its own parameters. SQLite keeps no statistics, so its plan is what a
user's store gets: no `SCAN` of a whole table or index, no sort for an ordered list.
PostgreSQL would rightly walk tables this small, so sequential scans and sorts are
priced out first: a plan that still has one has no index to use instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, event

from core import versions
from core.categories import rules
from core.debts import store
from core.ledger import samples, totals, transactions
from core.profiles import profile_id
from tests.factories import WEILIDAI, commit

READS: dict[str, Callable[[Engine, int], object]] = {
    "newest transactions": lambda e, me: transactions.transactions(e, me, limit=2000),
    "uncategorised": lambda e, me: transactions.transactions(
        e, me, uncategorised_only=True, limit=200
    ),
    "one month's transactions": lambda e, me: transactions.transactions(e, me, month="2026-03"),
    "month totals, computed": lambda e, me: _after_a_write(e, me, totals.month_totals),
    "month totals, kept": lambda e, me: totals.month_totals(e, me),
    "sample banner": lambda e, me: samples.showing_samples(e, me),
    "categories": lambda e, me: rules.category_names(e, me),
    "rules": lambda e, me: rules.list_rules(e, me),
    "debts": lambda e, me: store.list_debts(e, me),
    "data version": lambda e, me: versions.version(e, me),
}


def _after_a_write(engine: Engine, me: int, read: Callable[[Engine, int], object]) -> object:
    with engine.begin() as conn:
        versions.bump(conn, me)
    return read(engine, me)


@pytest.fixture
def filled(engine: Engine) -> tuple[Engine, int]:
    """Two profiles with rows over a year (some uncategorised), rules and a debt; the
    first also has the sample files' rows, so the banner's query reaches the rows."""
    me, other = profile_id(engine), profile_id(engine, "family")
    for profile in (me, other):
        commit(
            engine,
            profile,
            [
                {
                    "date": dt.date(2025, 4, 1) + dt.timedelta(days=i),
                    "amount": -100 - i,
                    "description": "午饭" if i % 4 else "杂项",
                }
                for i in range(365)
            ],
        )
        rules.add_rule(engine, profile, "午饭", "餐饮")
        store.add_debt(engine, profile, WEILIDAI)
    samples.load_samples(engine, me)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    totals.month_totals(engine, me)
    return engine, me


def _statements(engine: Engine, me: int, read: Callable[[Engine, int], object]) -> list:
    seen = []

    def caught(_conn, _cursor, statement, parameters, _context, _executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", caught)
    try:
        read(engine, me)
    finally:
        event.remove(engine, "before_cursor_execute", caught)
    return seen


def _plan(engine: Engine, statement: str, parameters: object) -> list[str]:
    with engine.connect() as conn, conn.begin() as transaction:
        if engine.dialect.name == "sqlite":
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            plan = [row[-1] for row in rows]
        else:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            conn.exec_driver_sql("SET LOCAL enable_sort = off")
            plan = [row[0] for row in conn.exec_driver_sql(f"EXPLAIN {statement}", parameters)]
        transaction.rollback()
    return plan


def _walks(engine: Engine, plan: list[str]) -> list[str]:
    """The lines of `plan` that read a whole table or index, or sort rows."""
    if engine.dialect.name == "sqlite":
        return [line for line in plan if line.startswith("SCAN") or "FOR ORDER BY" in line]
    return [line for line in plan if "Seq Scan" in line or "Sort" in line]


@pytest.mark.parametrize("read", list(READS))
def test_a_page_read_never_walks_the_store(filled, read):
    engine, me = filled
    statements = _statements(engine, me, READS[read])
    assert statements, "the read sent no query"
    for statement, parameters in statements:
        plan = _plan(engine, statement, parameters)
        assert not _walks(engine, plan), (statement, plan)


def test_the_ordered_lists_use_the_composite_indexes(filled):
    """Not any index: the one that gives the rows in their order (so LIMIT stops early)."""
    engine, me = filled
    for read, indexes in [
        ("newest transactions", ["ix_transaction_profile_date"]),
        # SQLite reads category_id IS NULL as an equality in the category index; PostgreSQL
        # does not, and reads the index of the uncategorised rows alone
        ("uncategorised", ["ix_transaction_profile_category_date", "ix_transaction_uncategorised"]),
    ]:
        [(statement, parameters)] = _statements(engine, me, READS[read])
        plan = "\n".join(_plan(engine, statement, parameters))
        assert any(index in plan for index in indexes), (read, plan)
