"""The language and the plan's choices, kept with the profile."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from core import preferences
from core.preferences import PlanChoices
from core.profiles import profile_id


def test_nothing_chosen_reads_as_the_defaults(engine: Engine, profile: int):
    assert preferences.language(engine, profile) is None
    assert preferences.plan_choices(engine, profile) == PlanChoices()


def test_choices_are_kept_and_each_save_changes_only_its_own(engine: Engine, profile: int):
    preferences.save_language(engine, profile, "en")
    choices = PlanChoices("custom", 296_900, {"2027-02": 500_000}, ("花呗", "微粒贷"))
    preferences.save_plan_choices(engine, profile, choices)
    assert preferences.language(engine, profile) == "en"
    assert preferences.plan_choices(engine, profile) == choices
    preferences.save_language(engine, profile, "zh")
    assert preferences.plan_choices(engine, profile) == choices
    preferences.save_plan_choices(engine, profile, PlanChoices("snowball"))
    assert preferences.language(engine, profile) == "zh"
    assert preferences.plan_choices(engine, profile) == PlanChoices("snowball")


def test_profiles_keep_their_own(engine: Engine, profile: int):
    other = profile_id(engine, "counsellor-2")
    preferences.save_language(engine, profile, "en")
    assert preferences.language(engine, other) is None


def test_stored_values_that_make_no_sense_read_as_not_chosen(engine: Engine, profile: int):
    preferences.save_language(engine, profile, "en")
    table = preferences.SETTINGS
    with engine.begin() as conn:
        conn.execute(
            table.update().values(
                language="fr",
                plan_strategy="lottery",
                plan_budget_cents=-5,
                plan_extras='{"2027-13": 100, "2027-02": "lots", "2027-03": 500}',
                plan_order='"not a list"',
            )
        )
    assert preferences.language(engine, profile) is None
    assert preferences.plan_choices(engine, profile) == PlanChoices(extras={"2027-03": 500})
    with engine.begin() as conn:
        conn.execute(table.update().values(plan_extras="not json", plan_order='[1, "花呗"]'))
    assert preferences.plan_choices(engine, profile) == PlanChoices(order=("花呗",))


def test_unknown_values_are_refused_before_writing(engine: Engine, profile: int):
    with pytest.raises(ValueError, match="language"):
        preferences.save_language(engine, profile, "fr")
    with pytest.raises(ValueError, match="strategy"):
        preferences.save_plan_choices(engine, profile, PlanChoices("lottery"))
    with engine.connect() as conn:
        assert (
            conn.execute(sa.select(sa.func.count()).select_from(preferences.SETTINGS)).scalar() == 0
        )
