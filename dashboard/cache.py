"""Cached reads for the pages: plain data out of `core`, keyed by store, profile and the
profile's data version (`core.versions`).

Every write, by any process (this server, another one, the command line), moves the
version on in the store, and each run reads it once (`state.version`): so a page shows
what is in the store now, and what did not change is not read again. Nothing is
cleared after a write; entries of older versions age out (`MAX_ENTRIES`).

A cached read is declared with `@keyed` and takes (url, profile, version, ...); pages
call it without the version: `cache.monthly(state.url(), state.profile())`.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from typing import TypeVar
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from core import db
from core.categories import rules as category_store
from core.categories.matching import Rule
from core.coach import gather
from core.coach.contacts import ContactRecord
from core.coach.letters import Means
from core.coach.log import all_versions
from core.coach.situation import Snapshot
from core.debts.entry import DebtRecord
from core.debts.store import list_debts
from core.home import Standing
from core.home import sources as home
from core.importing import memory, pairs
from core.importing.batches import Batch, list_batches
from core.importing.reading import Reading
from core.ledger import budget, freshness, samples, totals
from core.ledger import transactions as records
from core.progress.history import current_records
from core.progress.links import Proposal, proposals
from core.progress.overview import Overview, overview
from core.reminders import store as reminder_store
from core.reminders.due import Due, Missed
from core.reminders.reminder import ReminderRecord
from dashboard import state

# entries kept per read, across versions, searches and profiles
MAX_ENTRIES = 64
T = TypeVar("T")


def keyed(read: Callable[..., T]) -> Callable[..., T]:
    """`read(url, profile, version, ...)` cached, called as (url, profile, ...) with this
    run's data version filled in."""
    if list(inspect.signature(read).parameters)[:3] != ["url", "profile", "version"]:
        raise TypeError(f"{read.__name__}: a cached read takes (url, profile, version, ...)")
    cached = st.cache_data(show_spinner=False, max_entries=MAX_ENTRIES)(read)

    def call(url: str, profile: int, *args: object, **kwargs: object) -> T:
        return cached(url, profile, state.version(), *args, **kwargs)

    call.__name__, call.__doc__ = read.__name__, read.__doc__
    return call


@keyed
def month_totals(url: str, profile: int, version: int) -> pd.DataFrame:
    """What the figures below are summed from: read from the store once per version."""
    return totals.month_totals(db.get_engine(url), profile)


@keyed
def monthly(url: str, profile: int, version: int) -> pd.DataFrame:
    rows = budget.figures_of(month_totals(url, profile))
    return pd.DataFrame(
        [(m.month, m.income, m.spending, m.surplus) for m in rows],
        columns=["month", "income", "spending", "surplus"],
    )


@keyed
def average_surplus(url: str, profile: int, version: int) -> int | None:
    return budget.average_surplus_of(month_totals(url, profile))


@keyed
def budget_figures(url: str, profile: int, version: int, today: str) -> budget.BudgetFigures:
    """Every month, the averaging window and its average, as of `today` (ISO)."""
    return budget.budget_figures(db.get_engine(url), profile, dt.date.fromisoformat(today))


@keyed
def latest_record(url: str, profile: int, version: int) -> dt.date | None:
    return freshness.latest_record(db.get_engine(url), profile)


@keyed
def average_debt_payments(url: str, profile: int, version: int) -> int | None:
    return budget.average_debt_payments_of(month_totals(url, profile))


@keyed
def spending_by_category(
    url: str, profile: int, version: int, months: tuple[str, ...] | None
) -> pd.DataFrame:
    return budget.categories_of(month_totals(url, profile), list(months) if months else None)


@keyed
def transactions(
    url: str,
    profile: int,
    version: int,
    search: str,
    uncategorised_only: bool,
    limit: int | None = None,
) -> pd.DataFrame:
    return records.transactions(
        db.get_engine(url),
        profile,
        search=search or None,
        uncategorised_only=uncategorised_only,
        limit=limit,
    )


@keyed
def category_names(url: str, profile: int, version: int) -> list[str]:
    return category_store.category_names(db.get_engine(url), profile)


@keyed
def rules(url: str, profile: int, version: int) -> list[Rule]:
    return category_store.list_rules(db.get_engine(url), profile)


@keyed
def debts(url: str, profile: int, version: int) -> list[DebtRecord]:
    return list_debts(db.get_engine(url), profile)


@keyed
def showing_samples(url: str, profile: int, version: int) -> bool:
    return samples.showing_samples(db.get_engine(url), profile)


@keyed
def standing(
    url: str,
    profile: int,
    version: int,
    today: str,
    strategy: str,
    budget: int | None,
    extras: tuple[tuple[str, int], ...],
    order: tuple[str, ...],
) -> Standing:
    """The home page's figures for the plan the user chose (keyed on the day too, so a
    page left open past midnight moves on)."""
    return home.standing(
        db.get_engine(url),
        profile,
        dt.date.fromisoformat(today),
        strategy=strategy,
        budget=budget,
        extras=dict(extras),
        order=order,
    )


@keyed
def current_debts(url: str, profile: int, version: int) -> list[DebtRecord]:
    """The active debts at what they owe today: what a plan starts from."""
    return current_records(db.get_engine(url), profile)


@keyed
def progress_overview(url: str, profile: int, version: int, today: dt.date) -> Overview:
    return overview(db.get_engine(url), profile, today)


@keyed
def link_proposals(url: str, profile: int, version: int, today: dt.date) -> list[Proposal]:
    return proposals(db.get_engine(url), profile, today)


@keyed
def remembered_reading(url: str, profile: int, version: int, signature: str) -> Reading | None:
    return memory.remembered(db.get_engine(url), profile, signature)


@keyed
def paired_rows(url: str, profile: int, version: int) -> pd.DataFrame:
    return pairs.paired_rows(db.get_engine(url), profile)


# --- coach ------------------------------------------------------------------------------


def today() -> str:
    """Today, as the key of reads that depend on the date (how long a debt is overdue)."""
    return dt.date.today().isoformat()


@keyed
def coach_snapshot(url: str, profile: int, version: int, day: str) -> Snapshot:
    return gather.snapshot(db.get_engine(url), profile, dt.date.fromisoformat(day))


@keyed
def contact_versions(url: str, profile: int, version: int) -> list[ContactRecord]:
    return all_versions(db.get_engine(url), profile)


@keyed
def coach_means(url: str, profile: int, version: int, debt: DebtRecord, day: str) -> Means:
    return gather.means(db.get_engine(url), profile, debt, dt.date.fromisoformat(day))


# --- Monthly reminders (issue #8) ---------------------------------------------------------


@keyed
def reminders(url: str, profile: int, version: int) -> list[ReminderRecord]:
    return reminder_store.list_reminders(db.get_engine(url), profile)


@keyed
def due_reminders(url: str, profile: int, version: int, first: dt.date, within: int) -> list[Due]:
    return reminder_store.due_reminders(db.get_engine(url), profile, first, within)


@keyed
def missed_reminders(url: str, profile: int, version: int, today: dt.date) -> list[Missed]:
    return reminder_store.missed_reminders(db.get_engine(url), profile, today)


@keyed
def reminder_calendar(url: str, profile: int, version: int, zone: str, lang: str) -> bytes:
    return reminder_store.export_calendar(db.get_engine(url), profile, ZoneInfo(zone), lang)


def batches(url: str, profile: int) -> list[Batch]:
    return list_batches(db.get_engine(url), profile)
