"""The first screen's figures, read from the store.

What the ledger and the debts hold is read here. What other features know joins
through `PROVIDERS`: each is called with (engine, profile id, today) and returns
the `HomeInputs` fields it can fill (for example `adopted` and `adopted_debt_free`
from progress tracking, `reminders` from the reminders, `advice` from the coach,
`owed_before` from recorded balances). A feature registers its provider with one line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping

from sqlalchemy import Engine

from core.errors import CoachError
from core.home import providers
from core.home.standing import HomeInputs, Standing, where_you_stand
from core.ledger.budget import average_surplus, monthly
from core.ledger.freshness import latest_record
from core.planner.request import make_request
from core.progress.history import current_records

Provider = Callable[[Engine, int, dt.date], Mapping[str, object]]
# One line per feature that has something to say on the first screen.
PROVIDERS: list[Provider] = [providers.progress, providers.reminders, providers.coach]
PROVIDED = {"adopted", "adopted_debt_free", "owed_before", "reminders", "advice"}


def gather(
    engine: Engine,
    profile_id: int,
    today: dt.date | None = None,
    *,
    strategy: str = "avalanche",
    budget: int | None = None,
    extras: Mapping[str, int] | None = None,
    order: tuple[str, ...] = (),
) -> HomeInputs:
    """The inputs, with the plan the user has chosen (strategy, budget, extras; by
    default the avalanche plan on the average surplus) for the debt-free month."""
    today = today or dt.date.today()
    records = current_records(engine, profile_id, today)  # what each owes today
    average = average_surplus(engine, profile_id, today)
    plan, planned_budget, if_agreed = None, None, None
    if any(r.balance_cents for r in records):
        try:
            request = make_request(
                records, average, strategy, budget=budget, extras=dict(extras or {}), order=order
            )
        except CoachError:  # saved choices that no longer fit (an extra now past): defaults
            request = make_request(records, average, "avalanche")
            strategy = "avalanche"
        plan = request.plan()
        planned_budget = request.budget
        split = request.split()  # None unless the budget is below the minimums
        if split is not None and split.accepted.feasible:
            if_agreed = split.accepted.debt_free
    inputs = HomeInputs(
        today=today,
        months=monthly(engine, profile_id),
        latest_record=latest_record(engine, profile_id),
        average=average,
        debts=records,
        plan=plan,
        strategy=strategy,
        budget=planned_budget,
        split_debt_free=if_agreed,
    )
    for provide in PROVIDERS:
        found = dict(provide(engine, profile_id, today))
        unknown = set(found) - PROVIDED
        if unknown:
            raise ValueError(f"a home provider gave unknown fields: {sorted(unknown)}")
        inputs = dataclasses.replace(inputs, **found)
    return inputs


def standing(engine: Engine, profile_id: int, today: dt.date | None = None, **choices) -> Standing:
    return where_you_stand(gather(engine, profile_id, today, **choices))
