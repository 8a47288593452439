"""Header cells compared by meaning, not by spelling: width, case, spaces and units ignored."""

from __future__ import annotations

import re
import unicodedata

_UNIT = re.compile(r"\((元|¥|\$|rmb|cny|usd|人民币)\)$")


def header_key(cell: object) -> str:
    if not isinstance(cell, str):
        return ""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell).lower())
    return _UNIT.sub("", key)


def header_cells(row: list[object]) -> dict[str, str]:
    """Normalised key -> header text as written, first occurrence wins."""
    found: dict[str, str] = {}
    for cell in row:
        key = header_key(cell)
        if key and key not in found:
            found[key] = str(cell).strip()
    return found


def fixed_match(required: dict[str, str], optional: dict[str, str] | None = None):
    """A matcher for exports whose headers never change: field -> header key."""
    every = {**required, **(optional or {})}

    def match(cells: dict[str, str]) -> dict[str, str] | None:
        if not all(key in cells for key in required.values()):
            return None
        return {field: cells[key] for field, key in every.items() if key in cells}

    return match
