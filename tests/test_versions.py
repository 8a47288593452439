"""The data version: every write moves its own profile's on, in the write's transaction,
and a write that forgets to still cannot leave a stale cache (every profile's moves)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from core import versions
from core.categories import rules
from core.debts import sheet, store
from core.importing.store import import_file
from core.ledger import samples, transactions
from core.profiles import profile_id
from tests.factories import WEILIDAI, commit, debt
from tests.filemakers import csv_bytes

DEBT_SHEET = csv_bytes([
    ("名称", "欠款", "年利率", "最低还款"),
    ("借呗", "5000", "18", "300"),
])  # fmt: skip


def _first_rule(engine: Engine, me: int) -> int:
    return rules.list_rules(engine, me)[0].id


def _first_row(engine: Engine, me: int) -> int:
    return int(transactions.transactions(engine, me)["id"].iloc[0])


def _debt_id(engine: Engine, me: int) -> int:
    return store.list_debts(engine, me)[0].id


# Every writer in core, each as a page or command calls it, after `_history` below.
WRITERS: dict[str, Callable[[Engine, int], object]] = {
    "import": lambda e, me: import_file(
        e, me, "账本.csv", csv_bytes([("日期", "说明", "金额"), ("2026-03-02", "午饭", "-35")])
    ),
    "commit rows": lambda e, me: commit(e, me, [{"description": "晚饭", "amount": -4200}]),
    "add rule": lambda e, me: rules.add_rule(e, me, "星巴克", "咖啡"),
    "delete rule": lambda e, me: rules.delete_rule(e, me, _first_rule(e, me)),
    "change rules": lambda e, me: rules.change_rules(e, me, {_first_rule(e, me): "日用"}),
    "recategorise": lambda e, me: rules.recategorise(e, me),
    "set category": lambda e, me: rules.set_category(e, me, [_first_row(e, me)], "日用"),
    "add debt": lambda e, me: store.add_debt(e, me, debt(name="花呗")),
    "add debts": lambda e, me: store.add_debts(e, me, [debt(name="借呗")]),
    "update debt": lambda e, me: store.update_debt(
        e, me, _debt_id(e, me), debt(balance_cents=1_000_000)
    ),
    "archive debt": lambda e, me: store.set_archived(e, me, _debt_id(e, me)),
    "delete unchanged debts": lambda e, me: store.delete_unchanged(e, me, [WEILIDAI]),
    "import debt sheet": lambda e, me: sheet.import_debt_sheet(e, me, "debts.csv", DEBT_SHEET),
    "clear data": lambda e, me: transactions.clear_data(e, me),
    "load samples": lambda e, me: samples.load_samples(e, me),
    "clear samples": lambda e, me: samples.clear_samples(e, me),
}


def _history(engine: Engine, me: int) -> None:
    """A profile with rows (one categorised by a rule), rules and the 微粒贷 loan."""
    commit(engine, me, [{"description": "星巴克 拿铁", "amount": -3000}, {"amount": -500}])
    rules.add_rule(engine, me, "拿铁", "餐饮")
    store.add_debt(engine, me, WEILIDAI)


def test_a_new_profile_starts_at_a_version_of_its_own(engine):
    me = profile_id(engine)
    assert versions.version(engine, me) == 1
    other = profile_id(engine, "family")
    assert versions.version(engine, other) == 1
    assert versions.version(engine, me) == 1  # creating another profile changed nothing here


@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_writer_moves_its_own_profiles_version_and_no_other(engine, writer):
    me, other = profile_id(engine), profile_id(engine, "family")
    _history(engine, me)
    _history(engine, other)
    before = versions.version(engine, me), versions.version(engine, other)
    WRITERS[writer](engine, me)
    # the other profile's unchanged: the writer named its profile (not the catch-all)
    assert versions.version(engine, me) > before[0]
    assert versions.version(engine, other) == before[1]


def test_a_write_that_names_no_profile_moves_every_profiles_version(engine):
    me, other = profile_id(engine), profile_id(engine, "family")
    _history(engine, me)
    before = versions.version(engine, me), versions.version(engine, other)
    with engine.begin() as conn:  # a writer that forgot: raw SQL, no bump
        conn.execute(sa.text("UPDATE debt SET lender = 'x' WHERE profile_id = :p"), {"p": me})
    assert versions.version(engine, me) == before[0] + 1
    assert versions.version(engine, other) == before[1] + 1


def test_reads_and_writes_that_change_nothing_leave_the_version(engine):
    me = profile_id(engine)
    _history(engine, me)
    samples.load_on_first_start(engine, me)  # has data: marked, not loaded (a write)
    before = versions.version(engine, me)
    assert not samples.load_on_first_start(engine, me)  # marked already: no row changes
    transactions.transactions(engine, me)
    store.list_debts(engine, me)
    with engine.begin() as conn:  # an UPDATE that finds no row
        conn.execute(sa.text("UPDATE debt SET lender = 'x' WHERE id = -1"))
    assert versions.version(engine, me) == before


def test_a_write_rolled_back_leaves_the_version(engine):
    me = profile_id(engine)
    before = versions.version(engine, me)

    def change_then_fail() -> None:
        with versions.writing(engine, me) as conn:
            conn.execute(
                sa.text("UPDATE profile SET sample_loaded_at = :t"), {"t": dt.datetime.now()}
            )
            raise RuntimeError("changed my mind")

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert versions.version(engine, me) == before
    # and the connection it used remembers nothing of it: the next forgetful write is caught
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE profile SET sample_loaded_at = NULL"))
    assert versions.version(engine, me) == before + 1


def test_a_version_is_seen_by_another_engine_on_the_same_store(engine):
    """What a second process (the command line, another server) sees."""
    me = profile_id(engine)
    second = sa.create_engine(engine.url)
    try:
        before = versions.version(second, me)
        rules.add_rule(engine, me, "星巴克", "咖啡")
        assert versions.version(second, me) == before + 1
    finally:
        second.dispose()
