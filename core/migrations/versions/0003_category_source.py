"""transaction.category_source: whether a category came from the file, a rule or a person

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 09:25:51.000000

Rules now re-sort what they sorted, so each categorised row needs its source.
Until now it was not stored; the backfill infers it from what 0002 could do. At
import a row got the file's own category when the file had a real one, else the
rules' (else none); afterwards rules only filled rows without a category, and
only a person (set_category) changed a categorised one. So, per categorised row:

- the file has a real category and the row still has it: 'file';
- the file has a real category and the row has another: 'user' (only a person
  could have changed it);
- the file has none and today's rules give exactly the row's category: 'rule';
- the file has none and today's rules give another or none: 'user'. A person
  chose it, or a rule since changed or removed did; we cannot tell which, and
  keeping it is what 0002 did, so it is treated as the person's and kept.

Rather than 'file' by default: 'file' would be false for rows whose file had no
category, and it would freeze every rule-sorted row (all of a WeChat export's),
so past rows would never follow a rule change. The one guess that can go wrong:
a person who chose by hand exactly what a rule now says (make_rule_from does so)
gets 'rule', so that row follows that rule from now on.

The file's "real category" test and the rule matching are core.categories'
own (file_categories, RuleMatcher), so the inference matches what imports do.
Rows without a category keep NULL.
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa
import sqlmodel
from alembic import op

from core.categories import Rule, RuleMatcher, file_categories, match_texts


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the tables as they are at this revision, not as core.models may later say
transaction = sa.table(
    'transaction',
    sa.column('id'), sa.column('profile_id'), sa.column('batch_id'), sa.column('description'),
    sa.column('counterparty'), sa.column('source_category'), sa.column('category_id'),
    sa.column('category_source'),
)
category = sa.table('category', sa.column('id'), sa.column('name'))
rule = sa.table(
    'categoryrule', sa.column('id'), sa.column('profile_id'), sa.column('keyword'),
    sa.column('category_id'),
)
batch = sa.table('importbatch', sa.column('id'), sa.column('layout'))
CHUNK = 1000


def upgrade() -> None:
    with op.batch_alter_table('transaction', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('category_source', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True)
        )
    _backfill(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('transaction', schema=None) as batch_op:
        batch_op.drop_column('category_source')


def _backfill(conn: sa.Connection) -> None:
    x = transaction.c
    categorised = x.category_id.is_not(None)
    conn.execute(transaction.update().where(categorised).values(category_source='user'))
    profiles = conn.execute(sa.select(x.profile_id).where(categorised).distinct()).scalars()
    for profile_id in profiles.all():
        for source, ids in _file_and_rule_rows(conn, profile_id).items():
            for start in range(0, len(ids), CHUNK):
                conn.execute(
                    transaction.update()
                    .where(x.id.in_(ids[start : start + CHUNK]))
                    .values(category_source=source)
                )


def _file_and_rule_rows(conn: sa.Connection, profile_id: int) -> dict[str, list[int]]:
    """Ids of the profile's categorised rows whose category is the file's, and the rules'."""
    x, c, b, r = transaction.c, category.c, batch.c, rule.c
    query = (
        sa.select(x.id, b.layout, x.description, x.counterparty, x.source_category, c.name)
        .select_from(
            transaction.join(category, c.id == x.category_id).outerjoin(batch, b.id == x.batch_id)
        )
        .where(x.profile_id == profile_id)
    )
    columns = ['id', 'layout', 'description', 'counterparty', 'source', 'name']
    rows = pd.DataFrame(conn.execute(query).all(), columns=columns, dtype=object)
    rows['layout'] = rows['layout'].fillna('')
    from_file = np.empty(len(rows), dtype=object)
    for layout, index in rows.groupby('layout').indices.items():
        from_file[index] = file_categories(rows['source'].to_numpy()[index], layout)
    names = rows['name'].to_numpy()
    none = np.flatnonzero(pd.isna(from_file))
    rules = conn.execute(
        sa.select(r.id, r.keyword, c.name)
        .join(category, c.id == r.category_id)
        .where(r.profile_id == profile_id)
    )
    by_rules = RuleMatcher.from_rules(Rule(*row) for row in rules).match(
        match_texts(*(rows[k].to_numpy()[none] for k in ('description', 'counterparty', 'source')))
    )
    ids = rows['id'].to_numpy()
    return {
        'file': ids[from_file == names].tolist(),
        'rule': ids[none[by_rules == names[none]]].tolist(),
    }
