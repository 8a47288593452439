"""statements: transaction pairs counted once, and the reading remembered per layout

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-30 09:00:00.000000

transactionpair: a bank or card row paired with the platform's row of the same
purchase (or the card's line of a repayment); the bank row then counts as neither,
and bank_kind keeps how it counted before. layoutmemory: the columns, statement kind
and sign a person chose for a layout, keyed by the header's signature.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "0008"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "transactionpair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("bank_id", sa.Integer(), nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("bank_kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
        ),
        sa.ForeignKeyConstraint(["bank_id"], ["transaction.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["kept_id"], ["transaction.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("bank_id"),
        sa.UniqueConstraint("kept_id"),
    )
    op.create_index(
        op.f("ix_transactionpair_profile_id"), "transactionpair", ["profile_id"], unique=False
    )
    op.create_table(
        "layoutmemory",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("signature", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("reading", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("profile_id", "signature"),
    )
    op.create_index(
        op.f("ix_layoutmemory_profile_id"), "layoutmemory", ["profile_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_layoutmemory_profile_id"), table_name="layoutmemory")
    op.drop_table("layoutmemory")
    op.drop_index(op.f("ix_transactionpair_profile_id"), table_name="transactionpair")
    op.drop_table("transactionpair")
