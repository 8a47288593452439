"""Cached reads for the pages: plain data out of `core`, keyed by store and profile.

Writes call `state.data_changed()`, which clears these caches.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import db
from core.categories import rules as category_store
from core.categories.matching import Rule
from core.debts.entry import DebtRecord
from core.debts.store import list_debts
from core.ledger import budget
from core.ledger import transactions as records


@st.cache_data(show_spinner=False)
def monthly(url: str, profile: int) -> pd.DataFrame:
    rows = budget.monthly(db.get_engine(url), profile)
    return pd.DataFrame(
        [(m.month, m.income, m.spending, m.surplus) for m in rows],
        columns=["month", "income", "spending", "surplus"],
    )


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
