"""Pieces more than one page shows the same way."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.importing import RowError
from core.ledger import samples
from dashboard import cache, state
from dashboard.pages import PAGES
from dashboard.state import tr

_COLUMNS = ("sheet", "row", "column", "value", "why")


def row_errors(errors: list[RowError]) -> None:
    """Each cell that could not be read: where it is, what it holds, and why."""
    frame = pd.DataFrame(
        [(e.sheet, e.row, e.column, e.value, e.message(state.lang())) for e in errors],
        columns=list(_COLUMNS),
    )
    st.dataframe(
        frame,
        hide_index=True,
        column_config={k: tr(f"import_page.invalid_{k}") for k in _COLUMNS},
    )


def sample_banner() -> None:
    """While the example data is in the store, say so and offer to clear it: the budget
    page, and the import page before the user's own records join it."""
    if not cache.showing_samples(state.url(), state.profile()):
        return
    with st.container(border=True):
        st.markdown(tr("budget_page.sample_banner"))
        if st.button(tr("budget_page.clear_sample"), icon="🧹", key="clear_sample"):
            samples.clear_samples(state.engine(), state.profile())
            state.data_changed()
            st.rerun()


def _elsewhere() -> None:
    """Stands in for a page's renderer in a link: Streamlit finds the page by its URL path."""


def link(name: str, label: str | None = None) -> None:
    """A link to page `name` of the registry (`dashboard/pages.py`)."""
    st.page_link(
        st.Page(_elsewhere, url_path=name, title=tr(f"nav.{name}")),
        label=label or tr(f"nav.{name}"),
        icon=PAGES[name],
    )
