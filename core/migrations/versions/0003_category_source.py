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

The file's "real category" test and the rule matching are copies of what imports
did at this revision (core.categories then), frozen here so that later changes to
the live code never rewrite this history. Rows without a category keep NULL.
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa
import sqlmodel
from alembic import op

import re


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


# --- what core.categories did at this revision ------------------------------------------
# every name a file could give a built-in category, folded, to its stored name
ALIASES = {
    'auto & transport': '交通',
    'clothes': '购物',
    'clothing': '购物',
    'coffee': '餐饮',
    'coffee shops': '餐饮',
    'debt': '还款',
    'debt repayment': '还款',
    'dining': '餐饮',
    'dining out': '餐饮',
    'drugstore': '医疗',
    'education': '教育',
    'entertainment': '娱乐',
    'fast food': '餐饮',
    'food': '餐饮',
    'food & dining': '餐饮',
    'fuel': '交通',
    'gas': '交通',
    'gas & fuel': '交通',
    'gifts': '人情',
    'gifts & donations': '人情',
    'gifts & red packets': '人情',
    'groceries': '餐饮',
    'health': '医疗',
    'health & fitness': '医疗',
    'healthcare': '医疗',
    'home': '住房',
    'housing': '住房',
    'income': '工资',
    'insurance': '保险',
    'internet': '通讯',
    'loan payment': '还款',
    'loans': '还款',
    'medical': '医疗',
    'mobile phone': '通讯',
    'paycheck': '工资',
    'pharmacy': '医疗',
    'phone': '通讯',
    'phone & internet': '通讯',
    'rent': '住房',
    'restaurants': '餐饮',
    'salary': '工资',
    'shopping': '购物',
    'transport': '交通',
    'transportation': '交通',
    'utilities': '住房',
    'wages': '工资',
    '交通': '交通',
    '交通出行': '交通',
    '人情': '人情',
    '人情往来': '人情',
    '休闲娱乐': '娱乐',
    '伙食': '餐饮',
    '住房': '住房',
    '住房物业': '住房',
    '保险': '保险',
    '信用借还': '还款',
    '充值缴费': '通讯',
    '出行': '交通',
    '医疗': '医疗',
    '医疗保健': '医疗',
    '医疗健康': '医疗',
    '娱乐': '娱乐',
    '学习': '教育',
    '居住': '住房',
    '工资': '工资',
    '工资收入': '工资',
    '房租': '住房',
    '教育': '教育',
    '教育培训': '教育',
    '文化休闲': '娱乐',
    '日用百货': '购物',
    '服饰装扮': '购物',
    '水电燃气': '住房',
    '水电费': '住房',
    '汽车': '交通',
    '物业费': '住房',
    '租房': '住房',
    '网购': '购物',
    '薪资': '工资',
    '购物': '购物',
    '转账红包': '人情',
    '还款': '还款',
    '还贷': '还款',
    '通信': '通讯',
    '通讯': '通讯',
    '餐饮': '餐饮',
    '餐饮美食': '餐饮',
    '饮食': '餐饮',
}
# what a bill's "type" column prints to say how money moved, not what for
TRADE_TYPES = frozenset({
    '/',
    'misc',
    'miscellaneous',
    'other',
    'uncategorised',
    'uncategorized',
    '二维码收款',
    '其他',
    '其它',
    '即时到账交易',
    '商户消费',
    '扫二维码付款',
    '担保交易',
    '支付宝担保交易',
    '未分类',
    '群收款',
    '转账',
    '退款',
    '零钱充值',
    '零钱提现',
    '零钱通',
})
TYPE_ONLY_LAYOUTS = frozenset(['wechat'])
NAME_LIMIT = 100


def _canonical(text):
    text = re.sub(r"\s+", " ", text).strip()[:NAME_LIMIT]
    return ALIASES.get(text.casefold(), text)


def file_categories(values, layout):
    """The file's own category per row in canonical form; None where it has no real one."""
    def usable(value):
        if not isinstance(value, str):
            return None
        name = _canonical(value)
        return None if not name or name.casefold() in TRADE_TYPES else name

    if layout in TYPE_ONLY_LAYOUTS:
        return np.full(len(values), None, dtype=object)
    return np.array([usable(v) for v in values], dtype=object)


def match_texts(description, counterparty, source_category):
    sep = np.array(" \x1f ", dtype=object)
    return (
        np.asarray(description, dtype=object) + sep + np.asarray(counterparty, dtype=object)
        + sep + np.asarray(source_category, dtype=object)
    )


def rule_matches(rules, texts):
    """Longest keyword first, then the newest rule; a keyword starting with a Latin
    letter or digit matches only at the start of a word; case does not matter."""
    ordered = []
    for _id, keyword, name in sorted(rules, key=lambda r: (-len(r[1]), -r[0])):
        keyword = re.sub(r"\s+", " ", keyword).strip().lower()[:NAME_LIMIT]
        if keyword and keyword not in {k for k, _ in ordered}:
            ordered.append((keyword, name))

    def one(text):
        text = (text or "").lower()
        for keyword, name in ordered:
            if keyword not in text:
                continue
            if keyword[0].isascii() and keyword[0].isalnum():
                if not re.search(r"(?<![a-z0-9])" + re.escape(keyword), text):
                    continue
            return name
        return None

    return np.array([one(t) for t in texts], dtype=object)


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
    by_rules = rule_matches(
        rules.all(),
        match_texts(*(rows[k].to_numpy()[none] for k in ('description', 'counterparty', 'source'))),
    )
    ids = rows['id'].to_numpy()
    return {
        'file': ids[from_file == names].tolist(),
        'rule': ids[none[by_rules == names[none]]].tolist(),
    }
