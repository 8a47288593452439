"""profile settings: the language and the plan's choices, kept across reloads

Revision ID: 0011
Revises: 0004
Create Date: 2026-11-30 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0011'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('profilesettings',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('plan_strategy', sa.String(length=20), nullable=True),
    sa.Column('plan_budget_cents', sa.BigInteger(), nullable=True),
    sa.Column('plan_extras', sa.Text(), nullable=True),
    sa.Column('plan_order', sa.Text(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], ),
    sa.PrimaryKeyConstraint('profile_id')
    )


def downgrade() -> None:
    op.drop_table('profilesettings')
