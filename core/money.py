"""Exact money: amounts live as integer cents; Decimal only at the edges.

Floats never touch a balance. Numbers come in through `to_cents`, text typed or
found in a file through `parse_cents` (the importer, the forms and the command line
alike), and figures go out through `format_cents` (machines) or `display` (people).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# No amount in a household's records reaches ten trillion yuan; past that a cell is
# a misread, and its cents would not fit a 64-bit integer for long.
MAX_YUAN = 10**13
# The most one imported record may hold: a hundred million yuan. No bill has such a row,
# and a file brings hundreds of thousands of them: at this size no sum of a store's
# records can overflow its 64-bit integers (that would take 900 million records).
MAX_RECORD_YUAN = 10**8
_NOISE = re.compile(r"[¥$€£\s,'_]")
CURRENCY_WORD = re.compile(r"^([+-]?)(?:rmb|cny|usd)|(?:元|rmb|cny|usd)$", re.IGNORECASE)
_AMOUNT = re.compile(r"(?P<sign>[+-]?)(?P<number>\d+(?:\.\d*)?|\.\d+)")
# A comma with one or two digits after it and no more digits to come (12,50 or 1.234,5),
# or a `.` thousands group before a comma: a decimal comma, never a thousands separator.
DECIMAL_COMMA = re.compile(r"\d,\d{1,2}(?:[^\d,.]\D*)?$|\d\.\d{3},\d")


def round_half_up(value: Decimal) -> int:
    """Round a Decimal number of cents to a whole cent, halves away from zero."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_cents(value: Decimal | int | str | float) -> int:
    """Whole cents from a yuan amount; a float goes through its shortest repr."""
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return round_half_up(amount * 100)


def parse_cents(value: str) -> int | None:
    """Cents from an amount written as text: `¥1,234.50`, `(12.00)`, `－８.５`, `+3`;
    None when it is not one.

    A decimal comma (`12,50`, `1.234,56`) is not an amount here: read as a thousands
    separator it would be a hundred times too much, so it is refused instead of guessed.
    """
    text = unicodedata.normalize("NFKC", value).replace("\u2212", "-").strip()
    if DECIMAL_COMMA.search(text):
        return None
    text = CURRENCY_WORD.sub(r"\1", _NOISE.sub("", text))
    negative = False
    if text.startswith("(") and text.endswith(")"):
        text, negative = text[1:-1], True
    match = _AMOUNT.fullmatch(text)
    if match is None:
        return None
    try:
        cents = round_half_up(Decimal(match["number"]) * 100)
    except InvalidOperation:
        return None
    if match["sign"] == "-":
        negative = not negative
    return -cents if negative else cents


def yuan_up(cents: int) -> int:
    """Whole yuan, rounded up, so a control in yuan never starts a cent below a figure."""
    return -(-cents // 100)


def from_cents(cents: int) -> Decimal:
    """Exact for any size: built from text, so no Decimal context precision applies
    (a plan that never pays can owe more digits than the default 28)."""
    return Decimal(f"{int(cents)}E-2")


def format_cents(cents: int) -> str:
    """Decimal string with two places, as the JSON interfaces print money."""
    return str(from_cents(cents))


def display(cents: int) -> str:
    """For people: thousands separators and the currency sign, e.g. -¥1,234.50."""
    sign = "-" if cents < 0 else ""
    return f"{sign}¥{from_cents(abs(cents)):,}"
