"""A profile's income and spending per month and category, computed once per data version.

Every budget figure (the months, their averages, spending by category, the plan's
default budget) is a sum of these totals, a few thousand rows however long the
history. They are computed from the transactions at most once per data version
(`core.versions`) and kept in `monthtotal`, so every process after the first
(the command line, a restarted dashboard) reads them as they are.

Why not a summary that each write updates in place: every writer (imports,
recategorising, rule changes, deleting a batch, clearing the samples, whatever
comes next) would have to keep it right, and one that forgot would leave wrong
figures for good. Here a writer only moves the version on, which `core.versions`
does even for a writer that forgot; the price is one pass over the profile's
rows after each change, on the next read.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from core.models import Category, DataVersion, MonthTotal, Transaction

TX = Transaction.__table__
CATEGORY = Category.__table__
VERSION = DataVersion.__table__
TOTAL = MonthTotal.__table__
COLUMNS = ["month", "category_id", "category", "income", "expense", "records"]
_KEYS = ["month", "category_id"]
_SUMS = ["income", "expense", "records"]
# How long keeping the totals waits for a writer that holds the store, in milliseconds
LOCK_WAIT_MS = 100


def month_totals(engine: Engine, profile_id: int) -> pd.DataFrame:
    """month (YYYY-MM), category_id and category (both None: uncategorised), income and
    expense (cents; expense is the expenses' signed sum) and records, by month then category.

    Only months and categories with income or expense rows appear; transfers count nowhere.
    """
    with engine.connect() as conn:
        version, kept = _versions(conn, profile_id)
        if kept is not None and kept == version:
            totals = _stored(conn, profile_id)
        else:
            totals = _computed(conn, profile_id)
        names = _category_names(conn, profile_id)
    if kept != version:
        _store(engine, profile_id, version, totals)
    totals["category"] = totals["category_id"].map(names).astype(object)
    totals = totals.astype({"category_id": object})
    totals.loc[totals["category_id"].isna(), ["category_id", "category"]] = None
    return totals[COLUMNS]


def _versions(conn: Connection, profile_id: int) -> tuple[int, int | None]:
    v = VERSION.c
    query = sa.select(v.version, v.totals_version).where(v.profile_id == profile_id)
    found = conn.execute(query).first()
    return (0, None) if found is None else (int(found[0]), found[1])


def _stored(conn: Connection, profile_id: int) -> pd.DataFrame:
    m = TOTAL.c
    query = sa.select(m.month, m.category_id, m.income_cents, m.expense_cents, m.records).where(
        m.profile_id == profile_id
    )
    frame = _frame(conn.execute(query).all(), _KEYS + _SUMS)
    return _ordered(frame)


def _computed(conn: Connection, profile_id: int) -> pd.DataFrame:
    """One pass over the profile's rows (in `ix_transaction_profile_category_date` alone),
    grouped by day in the database, with no date function per row, and by month here:
    a day is one of a few thousand."""
    x = TX.c

    def total(kind: str) -> sa.ColumnElement:
        return sa.func.sum(sa.case((x.kind == kind, x.amount_cents), else_=0))

    query = (
        # the date as stored (ISO text on SQLite), not parsed into a date per row
        sa.select(x.category_id, sa.type_coerce(x.date, sa.String), total("income"),
                  total("expense"), sa.func.count())
        .where(x.profile_id == profile_id, x.kind.in_(("income", "expense")))
        .group_by(x.category_id, x.date)
    )  # fmt: skip
    days = _frame(conn.execute(query).all(), ["category_id", "date", *_SUMS])
    if days.empty:
        return _ordered(days.drop(columns="date").assign(month=""))
    months = {day: _month(day) for day in days["date"].unique()}
    days["month"] = days["date"].map(months)
    days["category_id"] = days["category_id"].astype("Int64")
    frame = days.groupby(_KEYS, dropna=False, sort=False)[_SUMS].sum().reset_index()
    return _ordered(frame)


def _frame(rows: list, columns: list[str]) -> pd.DataFrame:
    """Rows to columns first: pandas probes each SQLAlchemy Row for attributes, slowly."""
    values = list(zip(*rows, strict=True)) or [()] * len(columns)
    return pd.DataFrame(dict(zip(columns, values, strict=True)))


def _month(day: dt.date | str) -> str:
    return day.isoformat()[:7] if isinstance(day, dt.date) else str(day)[:7]


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype(
        {"income": "int64", "expense": "int64", "records": "int64", "category_id": "Int64"}
    )
    return frame.sort_values(_KEYS, na_position="first", ignore_index=True)


def _category_names(conn: Connection, profile_id: int) -> dict[int, str]:
    c = CATEGORY.c
    return dict(conn.execute(sa.select(c.id, c.name).where(c.profile_id == profile_id)).all())


def _store(engine: Engine, profile_id: int, version: int, totals: pd.DataFrame) -> None:
    """Keep `totals` as the profile's at `version`, unless a write has moved the version
    on meanwhile (its rows may then be missing from them) or another process stored them.

    A writer holding the store (a long import) is not waited for: its commit moves the
    version on, so what would be kept now would be recomputed anyway.
    """
    v, m = VERSION.c, TOTAL.c
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            waited = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
            conn.exec_driver_sql(f"PRAGMA busy_timeout={LOCK_WAIT_MS}")
            conn.commit()
        try:
            with conn.begin():
                if not sqlite:
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {LOCK_WAIT_MS}")
                claimed = conn.execute(
                    VERSION.update()
                    .where(
                        v.profile_id == profile_id,
                        v.version == version,
                        sa.or_(v.totals_version.is_(None), v.totals_version != version),
                    )
                    .values(totals_version=version)
                ).rowcount
                if claimed:
                    conn.execute(TOTAL.delete().where(m.profile_id == profile_id))
                    _insert(conn, profile_id, totals)
        except sa.exc.OperationalError:
            pass  # the store is busy with a write: the figures were still read
        finally:
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA busy_timeout={int(waited)}")
                conn.commit()


def _insert(conn: Connection, profile_id: int, totals: pd.DataFrame) -> None:
    if totals.empty:
        return
    rows = totals[["month", "category_id", "income", "expense", "records"]].astype(object)
    conn.execute(
        TOTAL.insert(),
        [
            {
                "profile_id": profile_id,
                "month": month,
                "category_id": None if pd.isna(category) else int(category),
                "income_cents": int(income),
                "expense_cents": int(expense),
                "records": int(records),
            }
            for month, category, income, expense, records in rows.itertuples(index=False)
        ],
    )
