"""progress: payments, confirmed balances, adopted plans, milestones, dismissed links

Revision ID: 0005
Revises: 0008
Create Date: 2026-12-01 10:00:00.000000

A transaction pays at most one live payment: a unique index on transaction_id over
the rows not voided (partial indexes work alike on SQLite and PostgreSQL), so a
voided payment keeps its link for the record and the transaction can be linked again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "voided_at IS NULL"


def _owned(name: str, *columns: sa.Column) -> None:
    """A table whose rows belong to a profile, with the profile index every table has."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(["profile_id"], ["profile.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(f"ix_{name}_profile_id", name, ["profile_id"])


def upgrade() -> None:
    _owned(
        "payment",
        sa.Column("debt_id", sa.Integer(), sa.ForeignKey("debt.id"), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column(
            "transaction_id",
            sa.Integer(),
            sa.ForeignKey("transaction.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("voided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("void_note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    )
    op.create_index("ix_payment_debt_id", "payment", ["debt_id"])
    op.create_index(
        "uq_payment_live_transaction",
        "payment",
        ["transaction_id"],
        unique=True,
        sqlite_where=sa.text(LIVE),
        postgresql_where=sa.text(LIVE),
    )
    _owned(
        "balanceanchor",
        sa.Column("debt_id", sa.Integer(), sa.ForeignKey("debt.id"), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("balance_cents", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_balanceanchor_debt_id", "balanceanchor", ["debt_id"])
    _owned(
        "adoptedplan",
        sa.Column("adopted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("start", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("strategy", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("budget_cents", sa.BigInteger(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
    )
    _owned(
        "milestone",
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("reached_on", sa.Date(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("profile_id", "kind"),
    )
    _owned(
        "linkdismissal",
        sa.Column(
            "transaction_id",
            sa.Integer(),
            sa.ForeignKey("transaction.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("profile_id", "transaction_id"),
    )


def downgrade() -> None:
    for name in ("linkdismissal", "milestone", "adoptedplan", "balanceanchor", "payment"):
        op.drop_table(name)
