"""collectioncontact: the coach's collection contact log, append-only with versions

Revision ID: 0007
Revises: 0003
Create Date: 2026-11-30 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0007'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('collectioncontact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('entry', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('happened_at', sa.DateTime(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('collector', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('company', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('id_shown', sa.Boolean(), nullable=False),
    sa.Column('id_number', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('notice_given', sa.Boolean(), nullable=False),
    sa.Column('said', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('witness', sa.Boolean(), nullable=False),
    sa.Column('witness_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('follow_up', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('flags', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('profile_id', 'entry', 'version')
    )
    with op.batch_alter_table('collectioncontact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collectioncontact_profile_id'), ['profile_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('collectioncontact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collectioncontact_profile_id'))

    op.drop_table('collectioncontact')
