"""Month by month, what a previewed file would add: shown before confirming, so a reading
the wrong way round (a card's charges as income) is seen before it is saved."""

from __future__ import annotations

import pandas as pd

COLUMNS = ("month", "income", "spending", "neutral")


def monthly_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """month (YYYY-MM), income and spending in cents as the budget counts them (a refund
    lowers spending), and how many rows count as neither; oldest month first."""
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c != "month" else object)
                             for c in COLUMNS})  # fmt: skip
    months = pd.Series([day.strftime("%Y-%m") for day in rows["date"]], index=rows.index)
    cents = rows["amount_cents"].astype("int64")
    kind = rows["kind"]
    frame = pd.DataFrame(
        {
            "month": months,
            "income": cents.where(kind == "income", 0),
            "spending": -cents.where(kind == "expense", 0),
            "neutral": (kind == "transfer").astype("int64"),
        }
    )
    totals = frame.groupby("month", sort=True).sum().reset_index()
    return totals.astype({"income": "int64", "spending": "int64", "neutral": "int64"})
