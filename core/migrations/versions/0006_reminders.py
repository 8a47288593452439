"""reminders: monthly reminders, and the missed due dates the user dismissed

Revision ID: 0006
Revises: 0007
Create Date: 2026-11-30 06:31:38.400608

New tables only. A reminder goes with its debt (ON DELETE CASCADE): debts are only
ever deleted when the sample data is cleared.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0006'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('day', sa.Integer(), nullable=False),
    sa.Column('time', sa.Time(), nullable=False),
    sa.Column('debt_id', sa.Integer(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('starts', sa.Date(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('changed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['debt_id'], ['debt.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_debt_id'), ['debt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_profile_id'), ['profile_id'], unique=False)

    op.create_table('reminderdismissal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reminder_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['reminder_id'], ['reminder.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('reminder_id', 'due_on')
    )
    with op.batch_alter_table('reminderdismissal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminderdismissal_reminder_id'), ['reminder_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reminderdismissal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminderdismissal_reminder_id'))

    op.drop_table('reminderdismissal')
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_profile_id'))
        batch_op.drop_index(batch_op.f('ix_reminder_debt_id'))

    op.drop_table('reminder')
