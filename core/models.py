"""Tables. Every row belongs to a profile; money is integer cents, rates are Decimal percent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Column, Index, Numeric, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _cents(**kwargs: object) -> object:
    return Field(sa_column=Column(BigInteger, nullable=kwargs.pop("nullable", False)), **kwargs)


class Profile(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=100)
    created_at: dt.datetime = Field(default_factory=_now)
    # set once the sample data was offered, so clearing it is not undone on the next start
    sample_loaded_at: dt.datetime | None = None


class Category(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("profile_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    name: str = Field(max_length=100)


class CategoryRule(SQLModel, table=True):
    """A keyword that, found in a transaction's text, gives it a category."""

    __table_args__ = (UniqueConstraint("profile_id", "keyword"),)
    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    keyword: str = Field(max_length=100)
    category_id: int = Field(foreign_key="category.id", index=True)


class ImportBatch(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    file_name: str = Field(max_length=255)
    content_hash: str = Field(max_length=64, index=True)
    layout: str = Field(max_length=40)
    imported: int = 0
    duplicates: int = 0
    skipped: int = 0
    invalid: int = 0
    created_at: dt.datetime = Field(default_factory=_now)


class Transaction(SQLModel, table=True):
    """One money movement. `kind` decides how it counts:

    income and expense count toward the budget (a refund is an expense with a
    positive amount, so a full refund nets its purchase to zero); transfer is
    stored but counted as neither.
    """

    __table_args__ = (
        UniqueConstraint("profile_id", "fingerprint"),
        # the page queries' orders: newest first, and the uncategorised newest first (with
        # what the month totals sum, so that they read this index alone); see migration 0010
        Index("ix_transaction_profile_date", "profile_id", "date", "id"),
        Index(
            "ix_transaction_profile_category_date",
            "profile_id",
            "category_id",
            "date",
            "id",
            "kind",
            "amount_cents",
        ),
        # the rows still to sort, newest first: PostgreSQL takes `category_id IS NULL` for
        # no equality, so only an index of those rows alone gives them in date order
        Index(
            "ix_transaction_uncategorised",
            "profile_id",
            "date",
            "id",
            sqlite_where=text("category_id IS NULL"),
            postgresql_where=text("category_id IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id")
    batch_id: int | None = Field(default=None, foreign_key="importbatch.id", index=True)
    date: dt.date
    amount_cents: int = _cents()
    kind: str = Field(max_length=10)  # income | expense | transfer
    description: str = Field(default="", max_length=500)
    counterparty: str = Field(default="", max_length=200)
    source_category: str = Field(default="", max_length=100)
    category_id: int | None = Field(default=None, foreign_key="category.id", index=True)
    # where the category came from: file | rule | user (None with no category); only a
    # rule's choice is redone when the rules change
    category_source: str | None = Field(default=None, max_length=10)
    fingerprint: str = Field(max_length=80)


class Debt(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    name: str = Field(max_length=100)
    lender: str = Field(default="", max_length=100)
    balance_cents: int = _cents()
    apr: Decimal = Field(sa_column=Column(Numeric(12, 6), nullable=False))
    min_payment_cents: int = _cents()
    due_day: int | None = None
    overdue_since: dt.date | None = None
    penalty_apr: Decimal | None = Field(default=None, sa_column=Column(Numeric(12, 6)))
    late_fee_cents: int = _cents(default=0)
    promo_apr: Decimal | None = Field(default=None, sa_column=Column(Numeric(12, 6)))
    promo_end: str | None = Field(default=None, max_length=7)  # YYYY-MM, last promo month
    archived: bool = False
    created_at: dt.datetime = Field(default_factory=_now)


# --- data version and month totals (issue #12: caches that see every writer) ----------


class DataVersion(SQLModel, table=True):
    """A counter per profile that every write moves on (core.versions), in the writer's
    own transaction: whatever is cached under one version is still true at it."""

    profile_id: int = Field(foreign_key="profile.id", primary_key=True)
    version: int = Field(sa_column=Column(BigInteger, nullable=False))
    # the version `monthtotal` holds the profile's totals for; None: never computed
    totals_version: int | None = Field(default=None, sa_column=Column(BigInteger))


class MonthTotal(SQLModel, table=True):
    """One profile's income and spending in one month and category (None: uncategorised),
    as computed at `DataVersion.totals_version`; a cache, never written by writers.
    No foreign key on the category: rows of an old version may name one since deleted."""

    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    month: str = Field(max_length=7)  # YYYY-MM
    category_id: int | None = None
    income_cents: int = _cents()
    expense_cents: int = _cents()  # the expenses' amounts summed: negative when money went out
    records: int
