"""Everything the progress page and `recovery-coach progress` show, read in one go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from core.progress.balances import DebtHistory
from core.progress.history import load
from core.progress.milestones import Reached, list_milestones
from core.progress.plans import AdoptedPlan, list_plans
from core.progress.tracking import Outlook, PlanCheck, Progress, check_plan, outlook, progress


@dataclass(frozen=True)
class Overview:
    """`plans` newest first, the followed one (`adopted`) among them; `check` is None
    until a plan is adopted."""

    histories: list[DebtHistory]
    progress: Progress
    plans: list[AdoptedPlan]
    check: PlanCheck | None
    outlook: Outlook
    milestones: list[Reached]

    @property
    def adopted(self) -> AdoptedPlan | None:
        return self.plans[0] if self.plans else None


def overview(engine: Engine, profile_id: int, today: dt.date) -> Overview:
    histories = load(engine, profile_id)
    plans = list_plans(engine, profile_id)
    adopted = plans[0] if plans else None
    return Overview(
        histories=histories,
        progress=progress(histories, adopted, today),
        plans=plans,
        check=None if adopted is None else check_plan(histories, adopted, today),
        outlook=outlook(histories, adopted, today),
        milestones=list_milestones(engine, profile_id),
    )
