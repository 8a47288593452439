"""Duplicate detection keys, so importing the same or an overlapping export adds nothing."""

from __future__ import annotations

import hashlib

import pandas as pd

from core.importing.values import per_distinct

MAX_LENGTH = 80


def fingerprints(rows: pd.DataFrame, layout: str) -> pd.Series:
    """The export's own transaction number where it has one, else a content hash.

    The hash covers date, amount, description, counterparty and how many
    identical rows came before in this file: re-reading the file gives the same
    keys, while two genuine identical purchases on one day stay two rows.
    """
    days = per_distinct(rows["date"], lambda day: day.isoformat() if day else "")
    content = (
        days
        + "\x1f"
        + rows["amount_cents"].to_numpy().astype(str).astype(object)
        + "\x1f"
        + rows["description"].to_numpy(dtype=object)
        + "\x1f"
        + rows["counterparty"].to_numpy(dtype=object)
    )
    codes, _ = pd.factorize(content)
    occurrence = pd.Series(codes).groupby(codes).cumcount().to_numpy().astype(str)
    content = content + "\x1f" + occurrence.astype(object)
    hashed = [hashlib.sha256(text.encode()).hexdigest() for text in content]
    ids = rows["id"].to_numpy(dtype=object)
    own = [
        f"{layout}:{ident}" if ident and len(ident) + len(layout) < MAX_LENGTH else digest
        for ident, digest in zip(ids, hashed, strict=True)
    ]
    return pd.Series(own, index=rows.index, dtype=object)
