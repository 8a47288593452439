"""Mint-style exports: unsigned amounts with a debit/credit column, US dates."""

from __future__ import annotations

from core.importing.layouts.headers import fixed_match
from core.importing.layouts.table import Layout

LAYOUT = Layout(
    name="mint",
    match=fixed_match(
        {
            "date": "date",
            "description": "description",
            "amount": "amount",
            "direction": "transactiontype",
            "original": "originaldescription",
        },
        {"category": "category"},
    ),
    month_first=True,
    blank_direction="sign",
    accepts_mapping=True,
)
