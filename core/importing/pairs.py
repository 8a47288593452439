"""Pairs in the store: made as each file comes in, listed on the budget page, undone.

Whichever file comes first (the bank statement or the WeChat bill), the pair is made
when the second arrives: the rows an import adds are matched against the profile's
unpaired rows a few days around them (`pairing` holds the rules). The bank's row of
a pair is stored as a transfer; `transactionpair.bank_kind` keeps how it counted.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from core.importing.pairing import (
    MARKER_WORDS,
    PLATFORMS,
    REPAYMENT_DAYS,
    STATEMENTS,
    find_pairs,
)
from core.models import ImportBatch, Transaction, TransactionPair
from core.versions import writing

TX = Transaction.__table__
BATCH = ImportBatch.__table__
PAIR = TransactionPair.__table__
# Amounts per IN (…) list, well under every database's limit on bound values.
_CHUNK = 500
PAIR_COLUMNS = ("id", "date", "amount_cents", "bank_text", "kept_text", "kept_layout", "reason")


def pair_batch(conn: Connection, profile_id: int, batch_id: int) -> int:
    """Pair the batch's rows with the profile's unpaired rows; how many pairs were made."""
    x, b = TX.c, BATCH.c
    layouts = set(
        conn.execute(sa.select(b.layout).where(b.profile_id == profile_id).distinct()).scalars()
    )
    if not layouts & set(STATEMENTS) or not layouts & {*PLATFORMS, "card"}:
        return 0  # no statement rows, or nothing to pair them with: no row need be read
    span = conn.execute(
        sa.select(sa.func.min(x.date), sa.func.max(x.date)).where(x.batch_id == batch_id)
    ).one()
    if span[0] is None:
        return 0
    window = (
        span[0] - dt.timedelta(days=REPAYMENT_DAYS),
        span[1] + dt.timedelta(days=REPAYMENT_DAYS),
    )
    paired = sa.select(PAIR.c.bank_id).union(sa.select(PAIR.c.kept_id))
    base = (
        sa.select(x.id, x.date, x.amount_cents, x.kind, x.description, x.counterparty, b.layout)
        .select_from(TX.join(BATCH, b.id == x.batch_id))
        .where(
            x.profile_id == profile_id,
            x.date.between(*window),
            x.id.not_in(paired),
        )
    )
    text = x.description + " " + x.counterparty
    bank_side = base.where(
        b.layout.in_(STATEMENTS),
        x.kind != "transfer",
        sa.or_(*(text.icontains(word, autoescape=True) for word in MARKER_WORDS)),
    )
    banks = _frame(conn.execute(bank_side).all())
    if banks.empty:
        return 0
    sizes = sorted({abs(int(c)) for c in banks["amount_cents"]})
    partners = [
        _frame(
            conn.execute(
                base.where(
                    b.layout.in_((*PLATFORMS, "card")),
                    sa.func.abs(x.amount_cents).in_(sizes[start : start + _CHUNK]),
                )
            ).all()
        )
        for start in range(0, len(sizes), _CHUNK)
    ]
    rows = pd.concat([banks, *partners], ignore_index=True).drop_duplicates("id")
    pairs = find_pairs(rows)
    if not pairs:
        return 0
    kinds = dict(zip(rows["id"], rows["kind"], strict=True))
    now = dt.datetime.now(dt.UTC)
    conn.execute(
        PAIR.insert(),
        [
            {
                "profile_id": profile_id,
                "bank_id": pair.bank,
                "kept_id": pair.kept,
                "reason": pair.reason,
                "bank_kind": kinds[pair.bank],
                "created_at": now,
            }
            for pair in pairs
        ],
    )
    banks_paired = [pair.bank for pair in pairs]
    for start in range(0, len(banks_paired), _CHUNK):
        conn.execute(
            TX.update()
            .where(x.id.in_(banks_paired[start : start + _CHUNK]))
            .values(kind="transfer")
        )
    return len(pairs)


def _frame(rows: list) -> pd.DataFrame:
    columns = ["id", "date", "amount_cents", "kind", "description", "counterparty", "layout"]
    frame = pd.DataFrame(
        {name: pd.Series([row[i] for row in rows], dtype=object) for i, name in enumerate(columns)}
    )
    frame["text"] = frame["description"].fillna("") + " " + frame["counterparty"].fillna("")
    frame["id"] = frame["id"].astype(np.int64)
    frame["amount_cents"] = frame["amount_cents"].astype(np.int64)
    return frame


def paired_rows(engine: Engine, profile_id: int, month: str | None = None) -> pd.DataFrame:
    """The profile's pairs, newest first: PAIR_COLUMNS (the bank row's date and amount,
    what each side says, which file kept the purchase). `month` is YYYY-MM."""
    bank, kept, p = TX.alias("bank"), TX.alias("kept"), PAIR.c
    kept_batch = BATCH.alias("kept_batch")
    query = (
        sa.select(
            p.id,
            bank.c.date,
            bank.c.amount_cents,
            bank.c.description + " " + bank.c.counterparty,
            kept.c.description + " " + kept.c.counterparty,
            kept_batch.c.layout,
            p.reason,
        )
        .select_from(
            PAIR.join(bank, bank.c.id == p.bank_id)
            .join(kept, kept.c.id == p.kept_id)
            .outerjoin(kept_batch, kept_batch.c.id == kept.c.batch_id)
        )
        .where(p.profile_id == profile_id)
        .order_by(bank.c.date.desc(), p.id.desc())
    )
    if month:
        first = dt.date.fromisoformat(f"{month}-01")
        after = (first + dt.timedelta(days=32)).replace(day=1)
        query = query.where(bank.c.date >= first, bank.c.date < after)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(
        {name: pd.Series([row[i] for row in rows], dtype=object)
         for i, name in enumerate(PAIR_COLUMNS)}
    )  # fmt: skip
    for name in ("bank_text", "kept_text"):
        frame[name] = frame[name].map(lambda text: " ".join(str(text or "").split()))
    return frame.astype({"id": "int64", "amount_cents": "int64"})


def release_pairs(conn: Connection, profile_id: int, pair_ids: list[int] | None = None) -> int:
    """Undo pairs (all the profile's, or those named): each bank row counts again as it
    did. Call before removing a platform's rows, or their bank rows would stay neutral."""
    p = PAIR.c
    query = sa.select(p.id, p.bank_id, p.bank_kind).where(p.profile_id == profile_id)
    if pair_ids is not None:
        query = query.where(p.id.in_(pair_ids))
    found = conn.execute(query).all()
    for _pair_id, bank_id, kind in found:
        conn.execute(TX.update().where(TX.c.id == bank_id).values(kind=kind))
    if found:
        conn.execute(PAIR.delete().where(p.id.in_([row[0] for row in found])))
    return len(found)


def unpair(engine: Engine, profile_id: int, pair_id: int) -> bool:
    """Undo one pair: the person says the two rows were two purchases."""
    with writing(engine, profile_id) as conn:
        return release_pairs(conn, profile_id, [pair_id]) == 1
