"""Cached reads for the pages: plain data out of `core`, keyed by store and profile.

Writes call `state.data_changed()`, which clears these caches.
"""

from __future__ import annotations

import datetime as dt
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
from core.ledger import budget, freshness
from core.ledger import transactions as records
from core.progress.history import current_records
from core.progress.links import Proposal, proposals
from core.progress.overview import Overview, overview
from core.reminders import store as reminder_store
from core.reminders.due import Due, Missed
from core.reminders.reminder import ReminderRecord


@st.cache_data(show_spinner=False)
def monthly(url: str, profile: int) -> pd.DataFrame:
    rows = budget.monthly(db.get_engine(url), profile)
    return pd.DataFrame(
        [(m.month, m.income, m.spending, m.surplus) for m in rows],
        columns=["month", "income", "spending", "surplus"],
    )


@st.cache_data(show_spinner=False)
def budget_figures(url: str, profile: int, today: str) -> budget.BudgetFigures:
    """Every month, the averaging window and its average, as of `today` (ISO)."""
    return budget.budget_figures(db.get_engine(url), profile, dt.date.fromisoformat(today))


@st.cache_data(show_spinner=False)
def latest_record(url: str, profile: int) -> dt.date | None:
    return freshness.latest_record(db.get_engine(url), profile)


@st.cache_data(show_spinner=False)
def average_surplus(url: str, profile: int) -> int | None:
    return budget.average_surplus(db.get_engine(url), profile)


@st.cache_data(show_spinner=False)
def average_debt_payments(url: str, profile: int) -> int | None:
    return budget.average_debt_payments(db.get_engine(url), profile)


@st.cache_data(show_spinner=False)
def spending_by_category(url: str, profile: int, months: tuple[str, ...] | None) -> pd.DataFrame:
    return budget.spending_by_category(
        db.get_engine(url), profile, list(months) if months else None
    )


@st.cache_data(show_spinner=False)
def transactions(
    url: str, profile: int, search: str, uncategorised_only: bool, limit: int | None = None
) -> pd.DataFrame:
    return records.transactions(
        db.get_engine(url),
        profile,
        search=search or None,
        uncategorised_only=uncategorised_only,
        limit=limit,
    )


@st.cache_data(show_spinner=False)
def category_names(url: str, profile: int) -> list[str]:
    return category_store.category_names(db.get_engine(url), profile)


@st.cache_data(show_spinner=False)
def rules(url: str, profile: int) -> list[Rule]:
    return category_store.list_rules(db.get_engine(url), profile)


@st.cache_data(show_spinner=False)
def debts(url: str, profile: int) -> list[DebtRecord]:
    return list_debts(db.get_engine(url), profile)


@st.cache_data(show_spinner=False)
def standing(
    url: str,
    profile: int,
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


@st.cache_data(show_spinner=False)
def current_debts(url: str, profile: int) -> list[DebtRecord]:
    """The active debts at what they owe today: what a plan starts from."""
    return current_records(db.get_engine(url), profile)


@st.cache_data(show_spinner=False)
def progress_overview(url: str, profile: int, today: dt.date) -> Overview:
    return overview(db.get_engine(url), profile, today)


@st.cache_data(show_spinner=False)
def link_proposals(url: str, profile: int, today: dt.date) -> list[Proposal]:
    return proposals(db.get_engine(url), profile, today)


@st.cache_data(show_spinner=False)
def remembered_reading(url: str, profile: int, signature: str) -> Reading | None:
    return memory.remembered(db.get_engine(url), profile, signature)


@st.cache_data(show_spinner=False)
def paired_rows(url: str, profile: int) -> pd.DataFrame:
    return pairs.paired_rows(db.get_engine(url), profile)


# --- coach ------------------------------------------------------------------------------


def today() -> str:
    """Today, as the key of reads that depend on the date (how long a debt is overdue)."""
    return dt.date.today().isoformat()


@st.cache_data(show_spinner=False)
def coach_snapshot(url: str, profile: int, day: str) -> Snapshot:
    return gather.snapshot(db.get_engine(url), profile, dt.date.fromisoformat(day))


@st.cache_data(show_spinner=False)
def contact_versions(url: str, profile: int) -> list[ContactRecord]:
    return all_versions(db.get_engine(url), profile)


@st.cache_data(show_spinner=False)
def coach_means(url: str, profile: int, debt: DebtRecord, day: str) -> Means:
    return gather.means(db.get_engine(url), profile, debt, dt.date.fromisoformat(day))


# --- Monthly reminders (issue #8) ---------------------------------------------------------


@st.cache_data(show_spinner=False)
def reminders(url: str, profile: int) -> list[ReminderRecord]:
    return reminder_store.list_reminders(db.get_engine(url), profile)


@st.cache_data(show_spinner=False)
def due_reminders(url: str, profile: int, first: dt.date, within: int) -> list[Due]:
    return reminder_store.due_reminders(db.get_engine(url), profile, first, within)


@st.cache_data(show_spinner=False)
def missed_reminders(url: str, profile: int, today: dt.date) -> list[Missed]:
    return reminder_store.missed_reminders(db.get_engine(url), profile, today)


@st.cache_data(show_spinner=False)
def reminder_calendar(url: str, profile: int, zone: str, lang: str) -> bytes:
    return reminder_store.export_calendar(db.get_engine(url), profile, ZoneInfo(zone), lang)


def batches(url: str, profile: int) -> list[Batch]:
    return list_batches(db.get_engine(url), profile)
