"""Pieces more than one page shows the same way."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import CoachError
from core.importing import RowError
from core.ledger import samples
from core.planner.request import PlanRequest
from core.progress.plans import adopt_plan
from dashboard import cache, state
from dashboard.pages import PAGES
from dashboard.state import tr

_COLUMNS = ("sheet", "row", "column", "value", "why")


def escape(text: str) -> str:
    """A user's own text inside Markdown: shown as typed, never as formatting."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]()#+-.!|$~<>" else c for c in text)


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


def adopt_button(request: PlanRequest, key: str) -> None:
    """Adopt `request`'s plan as the one the user follows, from the plan page or the
    progress page; then point to the progress page."""
    if not st.button(tr("progress_page.adopt"), icon="📌", key=key, type="primary"):
        return
    try:
        adopt_plan(state.engine(), state.profile(), request)
    except CoachError as exc:
        st.warning(exc.message(state.lang()))
        return
    state.data_changed()
    st.success(tr("progress_page.adopted"))
    link("progress")


def _elsewhere() -> None:
    """Stands in for a page's renderer in a link: Streamlit finds the page by its URL path."""


def link(name: str, label: str | None = None) -> None:
    """A link to page `name` of the registry (`dashboard/pages.py`)."""
    st.page_link(
        st.Page(_elsewhere, url_path=name, title=tr(f"nav.{name}")),
        label=label or tr(f"nav.{name}"),
        icon=PAGES[name],
    )
