"""Milestones: the first payment, the first debt cleared, and 25, 50, 75 and 100 % of
the starting total paid off. Each is recorded once, with the day it was reached, and
stays recorded whatever happens later (a void, a new plan).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from core.db import session_scope
from core.models import Milestone
from core.progress.balances import DebtHistory, Step, balance_on, cleared_on, replay
from core.progress.history import load, local_day
from core.progress.plans import AdoptedPlan, followed_plan
from core.progress.tracking import Figures, percent_done, progress, tracked

KINDS = (
    "first_payment",
    "first_debt_cleared",
    "percent_25",
    "percent_50",
    "percent_75",
    "percent_100",
)
THRESHOLDS = {"percent_25": 25, "percent_50": 50, "percent_75": 75, "percent_100": 100}
MILESTONE = Milestone.__table__


@dataclass(frozen=True)
class Reached:
    kind: str
    day: dt.date


def detect(
    histories: list[DebtHistory], adopted: AdoptedPlan | None, today: dt.date
) -> list[Reached]:
    """Every milestone the records show as reached, with the day it was."""
    counted = tracked(histories, today)
    steps = {h.record.id: replay(h, today) for h in counted}
    found: dict[str, dt.date] = {}
    paid_days = [p.day for h in counted for p in h.live_payments() if p.day <= today]
    if paid_days:
        found["first_payment"] = min(paid_days)
    cleared = [day for s in steps.values() if (day := cleared_on(s)) is not None]
    if cleared:
        found["first_debt_cleared"] = min(cleared)
    figures = progress(histories, adopted, today)
    if figures.total.start > 0:
        days = sorted({s.day for debt in steps.values() for s in debt if s.day <= today})
        for day in days:
            owed = sum(_owed_on(steps[f.debt_id], f, day) for f in figures.debts)
            done = percent_done(figures.total.start, owed)
            for kind, share in THRESHOLDS.items():
                if kind not in found and done >= share:
                    found[kind] = day
    return [Reached(kind, found[kind]) for kind in KINDS if kind in found]


def _owed_on(steps: list[Step], figures: Figures, day: dt.date) -> int:
    """What a debt owed at the end of `day`, counted as its start before it started."""
    if figures.since is None or day < figures.since:
        return figures.start
    return max(balance_on(steps, day) or 0, 0)


def record_reached(engine: Engine, profile_id: int, now: dt.datetime) -> list[Reached]:
    """Record the milestones reached and not yet recorded; return them, in order."""
    today = local_day(now)
    reached = detect(load(engine, profile_id), followed_plan(engine, profile_id), today)
    known = {m.kind for m in list_milestones(engine, profile_id)}
    new = [m for m in reached if m.kind not in known]
    if not new:
        return []
    try:
        with session_scope(engine, writes_to=profile_id) as session:
            for m in new:
                session.add(
                    Milestone(profile_id=profile_id, kind=m.kind, reached_on=m.day, created_at=now)
                )
    except IntegrityError:  # recorded meanwhile by another write: once is enough
        return []
    return new


def list_milestones(engine: Engine, profile_id: int) -> list[Reached]:
    query = (
        sa.select(MILESTONE.c.kind, MILESTONE.c.reached_on)
        .where(MILESTONE.c.profile_id == profile_id)
        .order_by(MILESTONE.c.reached_on, MILESTONE.c.id)
    )
    with engine.connect() as conn:
        return [Reached(kind, day) for kind, day in conn.execute(query)]
