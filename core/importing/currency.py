"""Which currency an amount is in, and what a shop already gave back, from the cell's words.

Statements write the currency beside the number (`CNY 123.18`, `HKD 50.00`) or in a
column of its own (币种: 人民币, USD). Only yuan are counted: an amount in another
currency added to yuan figures would be wrong by the exchange rate, so such rows
are listed instead. A 京东 bill notes refunds inside the amount: `392.98(已退款203.98)`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from core.importing.values import blank_cell, filled, holds_no_text, normalize_text
from core.money import parse_cents

HOME = "CNY"
_NAMES = {
    "cny": HOME, "rmb": HOME, "人民币": HOME, "人民币元": HOME, "人民幣": HOME, "元": HOME,
    "¥": HOME, "￥": HOME, "本币": HOME, "156": HOME,
    "港币": "HKD", "港幣": "HKD", "港元": "HKD", "美元": "USD", "美金": "USD", "欧元": "EUR",
    "歐元": "EUR", "英镑": "GBP", "英鎊": "GBP", "日元": "JPY", "日圓": "JPY", "澳门币": "MOP",
    "澳門幣": "MOP", "新台币": "TWD", "新台幣": "TWD", "澳元": "AUD", "加元": "CAD",
    "新加坡元": "SGD", "韩元": "KRW", "泰铢": "THB",
}  # fmt: skip
_CODE = r"[A-Za-z]{3}"
_WORD = "|".join(sorted((re.escape(w) for w in _NAMES if not w.isascii()), key=len, reverse=True))
_LEADING = re.compile(rf"^\s*(?P<code>{_CODE}|{_WORD})\s*(?P<rest>[-+(]?\s*[\d.,]+.*)$")
_TRAILING = re.compile(rf"^(?P<rest>.*?[\d.)])\s*(?P<code>{_CODE}|{_WORD})\s*$")
_REFUND_NOTE = re.compile(
    r"^(?P<amount>.*?)\s*\(\s*已\s*(?:(?P<full>全额)\s*退款|退款\s*(?P<back>[^()]*?))\s*\)\s*$"
)
FULL_REFUND = -1


def currency_code(value: object) -> str:
    """CNY for yuan in any wording, another code (upper case) or word as written, "" if none."""
    if blank_cell(value) or not isinstance(value, str):
        return ""
    text = normalize_text(value)
    code = _NAMES.get(text.lower())
    if code:
        return code
    return text.upper() if re.fullmatch(_CODE, text) else text


def split_money(value: object) -> tuple[object, str, int | None]:
    """(the amount part of a cell, its currency code or "", cents already refunded or None).

    `FULL_REFUND` stands for 已全额退款. Numbers and cells without such words come back
    as they were, so the amount reader sees exactly what it saw before.
    """
    if not isinstance(value, str):
        return value, "", None
    text = normalize_text(value)
    refunded = None
    note = _REFUND_NOTE.match(text)
    if note:
        text = note["amount"]
        if note["full"]:
            refunded = FULL_REFUND
        else:
            back = parse_cents(note["back"]) if note["back"] else None
            refunded = abs(back) if back is not None else None
    code = ""
    for pattern in (_LEADING, _TRAILING):
        found = pattern.match(text)
        if found:
            code = currency_code(found["code"])
            text = found["rest"]
            break
    if not note and not code:
        return value, "", None
    return text, code, refunded


def split_money_column(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`split_money` over a column: amount cells, currency codes, refunded cents (None)."""
    if holds_no_text(cells):  # numbers only: no currency or refund written beside them
        return np.asarray(cells), filled(len(cells), ""), filled(len(cells), None)
    codes, uniques = pd.factorize(np.asarray(cells, dtype=object))
    parts = [split_money(u) for u in uniques]
    tables = []
    for at, missing in ((0, None), (1, ""), (2, None)):
        table = np.empty(len(parts) + 1, dtype=object)
        table[:-1] = [part[at] for part in parts]
        table[-1] = missing
        tables.append(table[codes])
    amounts, currencies, refunded = tables
    # a missing cell (code -1) keeps what it was
    amounts[codes == -1] = np.asarray(cells, dtype=object)[codes == -1]
    return amounts, currencies, refunded


def foreign(codes: np.ndarray) -> np.ndarray:
    """Rows whose currency is named and is not yuan."""
    return (codes != "") & (codes != HOME)
