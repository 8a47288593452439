"""What the user chose, kept with their profile: the language and the plan's choices
(strategy, monthly budget, one-off extras, own order), so a reload keeps them.

A stored value that no longer makes sense (a language or strategy the app does not
know, an extra that is not a month and an amount) is read back as not chosen, never as
an error: the page then starts from its defaults.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.dialects import postgresql, sqlite

from core.errors import CoachError
from core.i18n import LANGUAGES
from core.models import ProfileSettings
from core.months import Month
from core.planner import STRATEGIES

SETTINGS = ProfileSettings.__table__


@dataclass(frozen=True)
class PlanChoices:
    """`budget` None: the default budget (the average surplus, or the minimums)."""

    strategy: str = STRATEGIES[0]
    budget: int | None = None
    extras: dict[str, int] = field(default_factory=dict)
    order: tuple[str, ...] = ()


def _row(engine: Engine, profile_id: int) -> sa.Row | None:
    with engine.connect() as conn:
        return conn.execute(SETTINGS.select().where(SETTINGS.c.profile_id == profile_id)).first()


def _save(engine: Engine, profile_id: int, **values: object) -> None:
    """Insert the profile's row or update the given columns, in one statement (two
    sessions saving at once cannot both insert)."""
    values["updated_at"] = dt.datetime.now(dt.UTC)
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(SETTINGS).values(profile_id=profile_id, **values)
    statement = statement.on_conflict_do_update(index_elements=["profile_id"], set_=values)
    with engine.begin() as conn:
        conn.execute(statement)


def language(engine: Engine, profile_id: int) -> str | None:
    """The language the user chose, or None before any choice."""
    row = _row(engine, profile_id)
    return row.language if row is not None and row.language in LANGUAGES else None


def save_language(engine: Engine, profile_id: int, lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {LANGUAGES}")
    _save(engine, profile_id, language=lang)


def _extras(text: str | None) -> dict[str, int]:
    """The stored extras that are still a month and a positive amount each."""
    try:
        stored = json.loads(text or "{}")
    except ValueError:
        return {}
    extras = {}
    for month, cents in stored.items() if isinstance(stored, dict) else ():
        try:
            if isinstance(cents, int) and cents > 0:
                extras[Month.parse(month)] = cents
        except CoachError:
            continue
    return extras


def _order(text: str | None) -> tuple[str, ...]:
    try:
        stored = json.loads(text or "[]")
    except ValueError:
        return ()
    if not isinstance(stored, list):
        return ()
    return tuple(name for name in stored if isinstance(name, str))


def plan_choices(engine: Engine, profile_id: int) -> PlanChoices:
    row = _row(engine, profile_id)
    if row is None:
        return PlanChoices()
    budget = row.plan_budget_cents
    return PlanChoices(
        strategy=row.plan_strategy if row.plan_strategy in STRATEGIES else STRATEGIES[0],
        budget=budget if budget is not None and budget >= 0 else None,
        extras=_extras(row.plan_extras),
        order=_order(row.plan_order),
    )


def save_plan_choices(engine: Engine, profile_id: int, choices: PlanChoices) -> None:
    if choices.strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {choices.strategy!r}; choose one of {STRATEGIES}")
    if choices.budget is not None and choices.budget < 0:
        raise ValueError("the budget must be zero or more")
    _save(
        engine,
        profile_id,
        plan_strategy=choices.strategy,
        plan_budget_cents=choices.budget,
        plan_extras=json.dumps(dict(sorted(choices.extras.items()))),
        plan_order=json.dumps(list(choices.order), ensure_ascii=False),
    )
