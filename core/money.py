"""Exact money: amounts live as integer cents; Decimal only at the edges.

Floats never touch a balance. Text and spreadsheet numbers come in through
`to_cents`, figures go out through `format_cents`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


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
