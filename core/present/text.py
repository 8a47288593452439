"""Texts for people that more than one place shows: the command line, the pages, the workbook."""

from __future__ import annotations

from core.i18n import DEFAULT_LANGUAGE, t
from core.money import display
from core.planner import PlanResult


def problem_text(result: PlanResult, lang: str = DEFAULT_LANGUAGE) -> str:
    """Why a plan does not clear, in the user's language; empty for one that does."""
    problem = result.problem
    if problem is None:
        return ""
    kind = problem.kind
    if kind == "never_pays" and not _grows(result, problem.debt):
        kind = "never_pays_flat"  # a 0 % loan paid nothing stays as it is: it does not grow
    return t(
        f"plan.problem_{kind}",
        lang,
        debt=problem.debt or "",
        amount=display(problem.amount),
        shortfall=display(result.shortfall or 0),
    )


def _grows(result: PlanResult, debt: str | None) -> bool:
    """Whether `debt` was charged more than was paid on it in its last month planned."""
    last = next((row for row in reversed(result.schedule) if row.debt == debt), None)
    return last is not None and last.interest > last.payment
