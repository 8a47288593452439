"""debt.kind and debt.overdue_amount_cents: what kind of debt, and what is overdue now

Revision ID: 0004
Revises: 0005
Create Date: 2026-11-30 07:00:00.000000

The split plan (a budget below the minimums) puts overdue debts and credit cards
first, and pays arrears (逾期金额) before anything else. Existing debts become
loans with nothing overdue beyond their minimum: what the app knew before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0004'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('debt', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'kind',
                sqlmodel.sql.sqltypes.AutoString(length=10),
                nullable=False,
                server_default='loan',
            )
        )
        batch_op.add_column(
            sa.Column('overdue_amount_cents', sa.BigInteger(), nullable=False, server_default='0')
        )


def downgrade() -> None:
    with op.batch_alter_table('debt', schema=None) as batch_op:
        batch_op.drop_column('overdue_amount_cents')
        batch_op.drop_column('kind')
