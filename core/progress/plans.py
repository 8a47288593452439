"""Adopted plans: the plan the user chose to follow, frozen as it was that day.

The snapshot holds the plan's inputs (budget, strategy, order, extras, the debts as
planned) and its whole schedule as JSON, so later changes to the debts or the budget
never change what was adopted. Adopting again adds a plan; the newest is followed and
the older ones stay listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Engine

from core.db import session_scope
from core.debts.store import list_debts
from core.errors import CoachError
from core.models import AdoptedPlan as PlanRow
from core.money import format_cents, to_cents
from core.months import month_index
from core.planner.request import PlanRequest
from core.present.json import plan_to_json
from core.progress.balances import Moment
from core.progress.history import local_day, now_utc

PLAN = PlanRow.__table__


@dataclass(frozen=True)
class AdoptedPlan:
    """An adopted plan read back. Money in cents; `projected[debt_id][j]` is what the debt
    was planned to owe at the end of plan month j (`months[j]`), zero once paid off, and
    `charged[debt_id][j]` the interest and fees planned for that month."""

    id: int
    adopted_at: dt.datetime
    start: str
    strategy: str
    budget: int
    order: list[str]
    names: dict[int, str]
    balances: dict[int, int]
    months: list[str]
    projected: dict[int, list[int]]
    charged: dict[int, list[int]]
    debt_free: str | None
    total_interest: int

    @property
    def moment(self) -> Moment:
        return (local_day(self.adopted_at), self.adopted_at)

    @property
    def first_month(self) -> int:
        return month_index(self.start)


def snapshot(request: PlanRequest, ids: dict[str, int]) -> tuple[dict, bool]:
    """The JSON kept for a request, and whether its plan clears every debt."""
    result = request.plan()
    kept = {
        "strategy": request.strategy,
        "budget": format_cents(request.budget),
        "budget_source": request.budget_source,
        "start": request.start,
        "extras": {month: format_cents(c) for month, c in sorted(request.extras.items())},
        "order": list(result.order),
        "debts": [
            {
                "id": ids[d.name],
                "name": d.name,
                "balance": format_cents(d.balance),
                "apr": str(d.apr),
                "min_payment": format_cents(d.min_payment),
                "overdue": d.overdue,
                "penalty_apr": None if d.penalty_apr is None else str(d.penalty_apr),
                "late_fee": format_cents(d.late_fee),
                "promo_apr": None if d.promo_apr is None else str(d.promo_apr),
                "promo_end": d.promo_end,
            }
            for d in request.debts
        ],
        "plan": plan_to_json(result),
    }
    return kept, result.feasible


def adopt_plan(
    engine: Engine, profile_id: int, request: PlanRequest, *, now: dt.datetime | None = None
) -> int:
    """Keep `request`'s plan as the one the user follows; CoachError when it does not
    clear every debt (there would be nothing to be on track with) or when the debts it
    names are no longer the profile's."""
    ids = {r.name: r.id for r in list_debts(engine, profile_id)}
    if any(d.name not in ids for d in request.debts):
        raise CoachError("progress.adopt_changed")
    kept, feasible = snapshot(request, ids)
    if not feasible:
        raise CoachError("progress.adopt_infeasible")
    row = PlanRow(
        profile_id=profile_id,
        adopted_at=now or now_utc(),
        start=request.start,
        strategy=request.strategy,
        budget_cents=request.budget,
        snapshot=kept,
    )
    with session_scope(engine, writes_to=profile_id) as session:
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def list_plans(engine: Engine, profile_id: int) -> list[AdoptedPlan]:
    """Every adopted plan, the one followed (the newest) first."""
    query = (
        sa.select(PLAN)
        .where(PLAN.c.profile_id == profile_id)
        .order_by(PLAN.c.adopted_at.desc(), PLAN.c.id.desc())
    )
    with engine.connect() as conn:
        return [_read(row) for row in conn.execute(query)]


def followed_plan(engine: Engine, profile_id: int) -> AdoptedPlan | None:
    plans = list_plans(engine, profile_id)
    return plans[0] if plans else None


def _read(row: sa.Row) -> AdoptedPlan:
    kept = row.snapshot
    names = {d["id"]: d["name"] for d in kept["debts"]}
    by_name = {name: debt_id for debt_id, name in names.items()}
    schedule = kept["plan"]["schedule"]
    months = list(dict.fromkeys(r["month"] for r in schedule))
    position = {month: j for j, month in enumerate(months)}
    projected = {debt_id: [0] * len(months) for debt_id in names}
    charged = {debt_id: [0] * len(months) for debt_id in names}
    for r in schedule:
        debt_id, j = by_name[r["debt"]], position[r["month"]]
        projected[debt_id][j] = to_cents(r["balance"])
        charged[debt_id][j] = to_cents(r["interest"])
    return AdoptedPlan(
        id=row.id,
        adopted_at=row.adopted_at,
        start=row.start,
        strategy=row.strategy,
        budget=row.budget_cents,
        order=list(kept["order"]),
        names=names,
        balances={d["id"]: to_cents(d["balance"]) for d in kept["debts"]},
        months=months,
        projected=projected,
        charged=charged,
        debt_free=kept["plan"]["debt_free"],
        total_interest=to_cents(kept["plan"]["total_interest"]),
    )
