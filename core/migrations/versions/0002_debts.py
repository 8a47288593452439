"""debts: what the user owes, for the payoff planner

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 13:40:02.401839
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('debt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('lender', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('balance_cents', sa.BigInteger(), nullable=False),
    sa.Column('apr', sa.Numeric(precision=12, scale=6), nullable=False),
    sa.Column('min_payment_cents', sa.BigInteger(), nullable=False),
    sa.Column('due_day', sa.Integer(), nullable=True),
    sa.Column('overdue_since', sa.Date(), nullable=True),
    sa.Column('penalty_apr', sa.Numeric(precision=12, scale=6), nullable=True),
    sa.Column('late_fee_cents', sa.BigInteger(), nullable=False),
    sa.Column('promo_apr', sa.Numeric(precision=12, scale=6), nullable=True),
    sa.Column('promo_end', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('debt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_debt_profile_id'), ['profile_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('debt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_debt_profile_id'))

    op.drop_table('debt')
