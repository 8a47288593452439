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
    return t(
        f"plan.problem_{problem.kind}",
        lang,
        debt=problem.debt or "",
        amount=display(problem.amount),
        shortfall=display(result.shortfall or 0),
    )
