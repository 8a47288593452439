"""Tables as CSV for a spreadsheet: text a spreadsheet would run stays text.

Excel, WPS and LibreOffice take a cell that begins with = + - or @ (or a tab or
carriage return before one) as a formula, and merchant names come from third
parties' bills: "=HYPERLINK(...)" would be a live link, "@SUM(...)" a
calculation. Each such text cell is written with a leading apostrophe, the
spreadsheet's own mark for "this is text". Amounts are numbers and stay numbers.
"""

from __future__ import annotations

import pandas as pd

from core.categories.matching import display_name
from core.i18n import t
from core.money import from_cents

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A text cell a spreadsheet shows as written; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def table_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read Chinese text."""
    return frame.map(csv_cell).to_csv(index=False).encode("utf-8-sig")


def transactions_csv(frame: pd.DataFrame, lang: str) -> bytes:
    """Transactions as `core.ledger.transactions` lists them, headed in `lang`."""
    table = pd.DataFrame(
        {
            "date": frame["date"].map(lambda day: day.isoformat()),
            "description": frame["description"],
            "counterparty": frame["counterparty"],
            "amount": frame["amount_cents"].map(from_cents),
            "kind": frame["kind"].map(lambda kind: t(f"budget_page.kind_{kind}", lang)),
            "category": frame["category"].map(lambda name: _category(name, lang)),
        }
    )
    return table_csv(table.rename(columns=lambda c: t(f"budget_page.col_{c}", lang)))


def _category(name: object, lang: str) -> str:
    return display_name(name, lang) if isinstance(name, str) and name else ""
