"""Texts for people that more than one place shows: the command line, the pages, the workbook."""

from __future__ import annotations

from collections.abc import Callable

from core.debts.entry import rate_text
from core.i18n import DEFAULT_LANGUAGE, t, tn
from core.money import display
from core.months import Month
from core.planner import PlanResult, Priority, SplitPlan, Timeline
from core.progress.milestones import Reached
from core.progress.tracking import Outlook, PlanCheck


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


# --- the fair split (a budget below the minimums) ------------------------------------


def why_text(priority: Priority, lang: str = DEFAULT_LANGUAGE) -> str:
    """Why a debt stands where it does in the triage."""
    return t(
        f"split.why_{priority.reason}",
        lang,
        apr=rate_text(priority.apr),
        cost=display(priority.cost_per_day),
    )


def never_text(timeline: Timeline, lang: str = DEFAULT_LANGUAGE) -> str:
    """Why a timeline never clears; empty for one that does."""
    if timeline.never is None:
        return ""
    return t(f"split.never_{timeline.never}", lang, debt=timeline.stuck or "")


def refusal_text(split: SplitPlan, lang: str = DEFAULT_LANGUAGE) -> str:
    """What refusing costs compared with agreeing: the case for asking now. When no
    penalty rate or fee is known, refusal costs nothing more here, and it says so
    rather than pretending the difference is real."""
    if not split.refused.feasible:
        return t("split.refused_never", lang)
    cost = split.cost_of_refusal
    if cost is None:
        return ""
    if cost <= 0:
        return t("split.cost_unknown", lang)
    later = split.refused.months - split.accepted.months
    return t(
        "split.cost_of_refusal_same"
        if later <= 0
        else "split.cost_of_refusal_one"
        if later == 1
        else "split.cost_of_refusal",
        lang,
        amount=display(cost),
        months=later,
    )


def verdict_text(
    check: PlanCheck, lang: str = DEFAULT_LANGUAGE, money: Callable[[int], str] = display
) -> str:
    """On track, ahead or behind, by how much money and how many whole months."""
    if check.verdict in ("done", "on_track"):
        return t(f"progress.verdict_{check.verdict}", lang)
    if not check.months_off:
        return t(f"progress.verdict_{check.verdict}_money", lang, gap=money(check.gap))
    return tn(
        f"progress.verdict_{check.verdict}",
        check.months_off,
        lang,
        months=check.months_off,
        gap=money(check.gap),
    )


def outlook_text(
    outlook: Outlook, lang: str = DEFAULT_LANGUAGE, money: Callable[[int], str] = display
) -> str | None:
    """Where the recent pace leads; None when there is nothing to say yet."""
    if outlook.pace is None or outlook.result is None:
        return None
    pace = money(outlook.pace)
    if not outlook.result.feasible:
        return t("progress.outlook_short", lang, pace=pace, why=problem_text(outlook.result, lang))
    return tn(
        "progress.outlook",
        outlook.months,
        lang,
        pace=pace,
        months=outlook.months,
        month=Month(outlook.result.debt_free).text(lang),
    )


def milestone_text(reached: Reached, lang: str = DEFAULT_LANGUAGE) -> tuple[str, str]:
    """The milestone's name and its encouraging line."""
    key = f"progress.milestone_{reached.kind}"
    return t(key, lang), t(f"{key}_line", lang)
