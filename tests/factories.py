"""Test data built one way: the overdue 微粒贷 loan at the heart of the app, other debts
made from it, and rows committed to a profile as an import would commit them."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from decimal import Decimal

import pandas as pd
from sqlalchemy import Engine

from core.debts.entry import DebtEntry, DebtRecord
from core.importing.preview import ImportPreview
from core.importing.store import commit_preview

# 微粒贷, 20,000 owed at 0.05 % a day (18.25 % a year), overdue since 8 September 2026 with
# a 0.075 % daily penalty rate (27.375 % a year) and a ¥50 monthly late fee.
WEILIDAI = DebtEntry(
    name="微粒贷",
    lender="微众银行",
    balance_cents=2_000_000,
    apr=Decimal("18.25"),
    min_payment_cents=180_000,
    due_day=8,
    overdue_since=dt.date(2026, 9, 8),
    penalty_apr=Decimal("27.375"),
    late_fee_cents=5_000,
)


def debt(**changes: object) -> DebtEntry:
    """The 微粒贷 loan with `changes`; `current=True` makes it not overdue."""
    if changes.pop("current", False):
        changes = {"overdue_since": None, "penalty_apr": None, "late_fee_cents": 0, **changes}
    return replace(WEILIDAI, **changes)  # type: ignore[arg-type]


def record(id: int = 0, **changes: object) -> DebtRecord:
    """`debt(...)` as the store gives it back, with its `id`."""
    return DebtRecord(**debt(**changes).__dict__, id=id)


def commit(engine: Engine, profile: int, rows: list[dict], layout: str = "budget") -> None:
    """Rows as an import commits them: each a dict of date (a date or ISO text), amount
    (cents), kind, description, counterparty, category, fingerprint; defaults fill the rest.
    Each set of rows has its own content hash, as each real file does, so a second commit
    to one profile adds its rows."""
    frame = pd.DataFrame(
        {
            "sheet": "s",
            "row": range(2, len(rows) + 2),
            "date": [_day(r.get("date", dt.date(2026, 3, 5))) for r in rows],
            "amount_cents": [r.get("amount", -100) for r in rows],
            "kind": [r.get("kind", "expense") for r in rows],
            "description": [r.get("description", "") for r in rows],
            "counterparty": [r.get("counterparty", "") for r in rows],
            "source_category": [r.get("category", "") for r in rows],
            "fingerprint": [r.get("fingerprint", _print(r, i)) for i, r in enumerate(rows)],
        }
    )
    content = hashlib.sha256(frame.to_csv().encode()).hexdigest()
    commit_preview(
        engine, profile, ImportPreview("f.csv", content, layout, frame, [], 0, ["s"], [], {})
    )


def _day(value: dt.date | str) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _print(row: dict, position: int) -> str:
    """A row's own fingerprint, within the store's 80 characters."""
    return hashlib.sha256(f"{sorted(row.items(), key=str)}|{position}".encode()).hexdigest()
