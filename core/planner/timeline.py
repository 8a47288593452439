"""Which debt the money beyond the minimums goes to, month after month."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from core.planner.result import PlanResult


@dataclass(frozen=True)
class Focus:
    """`debt` gets the extra from `first` to `last` (both 'YYYY-MM', inclusive)."""

    debt: str
    first: str
    last: str


def focus_timeline(result: PlanResult) -> list[Focus]:
    """In each month the focus is the first debt in the paying order still owed when
    the month opens; a debt cleared by its minimum alone is never the focus."""
    rank = {name: i for i, name in enumerate(result.order)}
    focus_by_month = [
        (month, min((row.debt for row in rows), key=rank.__getitem__))
        for month, rows in groupby(result.schedule, key=lambda row: row.month)
    ]
    spans = []
    for debt, months in groupby(focus_by_month, key=lambda pair: pair[1]):
        labels = [month for month, _ in months]
        spans.append(Focus(debt, labels[0], labels[-1]))
    return spans
