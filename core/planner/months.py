"""Plan months as integers, so the engine counts instead of parsing dates."""

from __future__ import annotations

import re

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month_index(text: str) -> int:
    """'YYYY-MM' as months since year 0; ValueError names the bad text."""
    found = _MONTH.match(text) if isinstance(text, str) else None
    if found is None:
        raise ValueError(f"not a month written YYYY-MM: {text!r}")
    return int(found[1]) * 12 + int(found[2]) - 1


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
