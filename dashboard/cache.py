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

import inspect
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from core import db
from core.categories import rules as category_store
from core.categories.matching import Rule
from core.debts.entry import DebtRecord
from core.debts.store import list_debts
from core.ledger import budget, samples, totals
from core.ledger import transactions as records
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

    def call(url: str, profile: int, *args: object) -> T:
        return cached(url, profile, state.version(), *args)

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
