"""constraints, not checks: one active debt per name per profile

Revision ID: 0009
Revises: 0011
Create Date: 2026-11-30 09:00:00.000000

Until now the name check and the insert were two steps, so simultaneous
`debts add` could store one debt several times, and the plan counted it as
often. A partial unique index (active debts only: an archived one keeps its
name free) makes the database refuse the second. Repeats already stored are
archived first, the earliest of each name kept: archived, not deleted, so
nothing the user entered is lost, and the plan stops counting them twice.
Downgrading drops the index; the repeats stay archived.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = 'uq_debt_active_name'
ACTIVE = sa.text('NOT archived')
debt = sa.table(
    'debt',
    sa.column('id', sa.Integer),
    sa.column('profile_id', sa.Integer),
    sa.column('name', sa.String),
    sa.column('archived', sa.Boolean),
)


def upgrade() -> None:
    active = debt.c.archived == sa.false()
    first_of_each = (
        sa.select(sa.func.min(debt.c.id)).where(active).group_by(debt.c.profile_id, debt.c.name)
    )
    op.execute(
        debt.update().where(active, debt.c.id.not_in(first_of_each)).values(archived=True)
    )
    op.create_index(
        INDEX, 'debt', ['profile_id', 'name'], unique=True,
        sqlite_where=ACTIVE, postgresql_where=ACTIVE,
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name='debt')
