"""Transactions as the pages list them, and clearing a profile's records."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Engine

from core.categories.builtins import CATEGORY_KEYS
from core.categories.rules import drop_unused_categories_on
from core.i18n import LANGUAGES, t
from core.ledger.budget import BATCH, CATEGORY, TX, in_months
from core.versions import writing

TRANSACTION_COLUMNS = [
    "id",
    "date",
    "description",
    "counterparty",
    "amount_cents",
    "kind",
    "category",
]


def _built_in_names_matching(term: str) -> list[str]:
    """Built-in categories whose name in any language contains `term` ("food" finds 餐饮)."""
    folded = term.casefold()
    return [
        name
        for name, key in CATEGORY_KEYS.items()
        if any(folded in t(f"budget.category_{key}", lang).casefold() for lang in LANGUAGES)
    ]


def transactions(
    engine: Engine,
    profile_id: int,
    *,
    search: str | None = None,
    month: str | None = None,
    uncategorised_only: bool = False,
    limit: int | None = None,
) -> pd.DataFrame:
    """Transactions newest first: id, date, description, counterparty, amount_cents, kind, category.

    `search` looks in description, counterparty and category (a built-in category
    also by its name in either language), ignoring case. `uncategorised_only`
    lists the income and spending still without a category (transfers count
    nowhere, so they are never asked about).
    """
    x, c = TX.c, CATEGORY.c
    query = (
        sa.select(x.id, x.date, x.description, x.counterparty, x.amount_cents, x.kind, c.name)
        .select_from(TX.outerjoin(CATEGORY, c.id == x.category_id))
        .where(x.profile_id == profile_id)
        .order_by(x.date.desc(), x.id.desc())
    )
    term = (search or "").strip()
    if term:
        matches = [
            x.description.icontains(term, autoescape=True),
            x.counterparty.icontains(term, autoescape=True),
            c.name.icontains(term, autoescape=True),
        ]
        built_ins = _built_in_names_matching(term)
        if built_ins:
            matches.append(c.name.in_(built_ins))
        query = query.where(sa.or_(*matches))
    if month:
        query = query.where(in_months([month]))
    if uncategorised_only:
        query = query.where(x.category_id.is_(None), x.kind.in_(("income", "expense")))
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(
        {
            name: pd.Series([row[i] for row in rows], dtype=object)
            for i, name in enumerate(TRANSACTION_COLUMNS)
        }
    )
    return frame.astype({"id": "int64", "amount_cents": "int64"})


def has_data(engine: Engine, profile_id: int) -> bool:
    """Whether the profile has any transaction."""
    with engine.connect() as conn:
        found = conn.execute(sa.select(TX.c.id).where(TX.c.profile_id == profile_id).limit(1))
        return found.first() is not None


def clear_data(engine: Engine, profile_id: int) -> int:
    """Delete the profile's transactions and import history; rules stay. Rows deleted.

    Categories nothing refers to any more (no transaction, no rule) go too.
    """
    with writing(engine, profile_id) as conn:
        deleted = conn.execute(TX.delete().where(TX.c.profile_id == profile_id)).rowcount
        conn.execute(BATCH.delete().where(BATCH.c.profile_id == profile_id))
        drop_unused_categories_on(conn, profile_id)
    return deleted
