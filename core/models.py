"""Tables. Every row belongs to a profile; money is integer cents, rates are Decimal percent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    Text,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _cents(**kwargs: object) -> object:
    return Field(sa_column=Column(BigInteger, nullable=kwargs.pop("nullable", False)), **kwargs)


class Profile(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=100)
    created_at: dt.datetime = Field(default_factory=_now)
    # when the example data was last loaded (the home page offers it to an empty store)
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
    # --- split plan (issue 7): triage by kind; arrears due now, part of the balance ---
    kind: str = Field(default="loan", max_length=10)  # loan | card | other
    overdue_amount_cents: int = _cents(default=0)


# --- Repayment progress (issue #8): payments, confirmed balances, adopted plans, milestones.
# Nothing here is deleted: a payment is voided (kept and shown), a balance is corrected by
# confirming another, a plan is replaced by adopting a new one.

_LIVE = "voided_at IS NULL"


class Payment(SQLModel, table=True):
    """Money paid to a debt. `transaction_id` links the imported record it came from: a
    transaction pays at most one live payment (the partial unique index), and it keeps
    counting in the budget as before. Clearing imported data unlinks, never deletes."""

    __table_args__ = (
        Index(
            "uq_payment_live_transaction",
            "transaction_id",
            unique=True,
            sqlite_where=text(_LIVE),
            postgresql_where=text(_LIVE),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    debt_id: int = Field(foreign_key="debt.id", index=True)
    date: dt.date
    amount_cents: int = _cents()
    note: str = Field(default="", max_length=500)
    transaction_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("transaction.id", ondelete="SET NULL")),
    )
    created_at: dt.datetime = Field(default_factory=_now)
    voided_at: dt.datetime | None = None
    void_note: str = Field(default="", max_length=200)


class BalanceAnchor(SQLModel, table=True):
    """A balance the user confirmed from a statement: the debt owed exactly this at the
    end of `date` (counting what was entered before it that day)."""

    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    debt_id: int = Field(foreign_key="debt.id", index=True)
    date: dt.date
    balance_cents: int = _cents()
    created_at: dt.datetime = Field(default_factory=_now)


class AdoptedPlan(SQLModel, table=True):
    """The plan the user chose to follow, frozen: inputs, order and schedule as JSON."""

    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    adopted_at: dt.datetime = Field(default_factory=_now)
    start: str = Field(max_length=7)  # YYYY-MM, the plan's first payment month
    strategy: str = Field(max_length=10)
    budget_cents: int = _cents()
    snapshot: dict = Field(sa_column=Column(JSON, nullable=False))


class Milestone(SQLModel, table=True):
    """A step reached (first payment, first debt cleared, 25/50/75/100 %), once each."""

    __table_args__ = (UniqueConstraint("profile_id", "kind"),)
    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    kind: str = Field(max_length=30)
    reached_on: dt.date
    created_at: dt.datetime = Field(default_factory=_now)


class LinkDismissal(SQLModel, table=True):
    """An imported transaction the user said is not a payment to any debt."""

    __table_args__ = (UniqueConstraint("profile_id", "transaction_id"),)
    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    transaction_id: int = Field(
        sa_column=Column(Integer, ForeignKey("transaction.id", ondelete="CASCADE"), nullable=False)
    )
    created_at: dt.datetime = Field(default_factory=_now)


# --- coach: the collection contact log (issue 9) --------------------------------------


class CollectionContact(SQLModel, table=True):
    """One version of one logged contact with a collector. The log is evidence, so it is
    append-only: a correction is a new row with the same `entry` and the next `version`;
    no row is ever changed or deleted."""

    __table_args__ = (UniqueConstraint("profile_id", "entry", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    entry: int  # the contact's number within the profile, shared by its versions
    version: int = 1
    recorded_at: dt.datetime = Field(default_factory=_now)
    # local wall-clock time, as the user gave it (night is 22:00 where they live)
    happened_at: dt.datetime = Field(sa_column=Column(DateTime(timezone=False), nullable=False))
    kind: str = Field(max_length=10)  # visit | call | message
    place: str = Field(default="", max_length=200)
    collector: str = Field(default="", max_length=100)
    company: str = Field(default="", max_length=200)
    id_shown: bool = False
    id_number: str = Field(default="", max_length=50)
    phone: str = Field(default="", max_length=50)
    notice_given: bool = False
    said: str = Field(default="", max_length=2000)
    witness: bool = False
    witness_name: str = Field(default="", max_length=100)
    follow_up: str = Field(default="", max_length=1000)
    flags: str = Field(default="", max_length=200)  # conduct flags, comma-separated


# --- Monthly reminders (issue #8): the reminders, and the missed due dates the user
# dismissed. A debt deleted (only sample debts ever are) takes its reminders with it.


class Reminder(SQLModel, table=True):
    """Every month on `day` (1-31; the last day of a shorter month) at `time`, in the
    user's time zone, from `starts` on. `revision` and `changed_at` date its last change
    for calendar apps that re-import it."""

    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    title: str = Field(max_length=100)
    day: int
    time: dt.time
    debt_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("debt.id", ondelete="CASCADE"), index=True),
    )
    note: str = Field(default="", max_length=500)
    active: bool = True
    kind: str = Field(default="custom", max_length=10)  # custom | review (the budget review)
    starts: dt.date
    revision: int = 0
    changed_at: dt.datetime = Field(default_factory=_now)


class ReminderDismissal(SQLModel, table=True):
    """The user set aside a missed due date: it is not flagged again."""

    __table_args__ = (UniqueConstraint("reminder_id", "due_on"),)
    id: int | None = Field(default=None, primary_key=True)
    reminder_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("reminder.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    due_on: dt.date
    created_at: dt.datetime = Field(default_factory=_now)


# --- Statements (#10): one purchase counted once; how each layout was read ----------------


def _row(**kwargs: object) -> object:
    """A transaction id; the pair goes with either of its rows (clear_data, a row removed)."""
    column = Column(Integer, ForeignKey("transaction.id", ondelete="CASCADE"), nullable=False)
    return Field(sa_column=column, **kwargs)


class TransactionPair(SQLModel, table=True):
    """A bank or card row that is the same money as another row: a platform's row of the
    purchase (it names the merchant), or the card statement's line of a repayment. The
    bank's row then counts as neither income nor spending; `bank_kind` is how it counted
    before, so the pair can be undone. Each row is in at most one pair."""

    __table_args__ = (UniqueConstraint("bank_id"), UniqueConstraint("kept_id"))
    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    bank_id: int = _row()
    kept_id: int = _row()
    reason: str = Field(max_length=10)  # platform | repayment
    bank_kind: str = Field(max_length=10)
    created_at: dt.datetime = Field(default_factory=_now)


class LayoutMemory(SQLModel, table=True):
    """How the person read a file of one layout (its header signature): the columns,
    card or account, the sign; applied to the next file with that header."""

    __table_args__ = (UniqueConstraint("profile_id", "signature"),)
    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    signature: str = Field(max_length=64)
    reading: str = Field(max_length=4000)  # core.importing.reading.Reading as JSON
    updated_at: dt.datetime = Field(default_factory=_now)


# --- Profile settings (issue 13): what the user chose, kept across reloads ----------------


class ProfileSettings(SQLModel, table=True):
    """One row per profile, written on the user's first choice. None: not chosen (the
    language then follows the browser; the plan starts from its defaults)."""

    profile_id: int = Field(foreign_key="profile.id", primary_key=True)
    language: str | None = Field(default=None, max_length=8)
    plan_strategy: str | None = Field(default=None, max_length=20)
    plan_budget_cents: int | None = _cents(default=None, nullable=True)
    plan_extras: str | None = Field(default=None, sa_column=Column(Text))  # JSON {month: cents}
    plan_order: str | None = Field(default=None, sa_column=Column(Text))  # JSON [name, ...]
    updated_at: dt.datetime | None = None


# --- Constraints, not checks (issue 11) ------------------------------------------------
# One active debt per name per profile: two `debts add` at once cannot both store it.
# Archived debts are left out, so a paid-off debt's name can be used again.
Index(
    "uq_debt_active_name",
    Debt.__table__.c.profile_id,
    Debt.__table__.c.name,
    unique=True,
    sqlite_where=text("NOT archived"),
    postgresql_where=text("NOT archived"),
)


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
