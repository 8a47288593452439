"""Pieces more than one page shows the same way."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.coach.documents import letter_docx
from core.coach.letters import Letter
from core.errors import CoachError
from core.importing import RowError
from core.ledger import samples
from core.planner.request import PlanRequest
from core.progress.plans import adopt_plan
from core.usertext import markdown
from dashboard import cache, state
from dashboard.pages import PAGES
from dashboard.state import tr

_COLUMNS = ("sheet", "row", "column", "value", "why")


def message(exc: CoachError) -> str:
    """An error as page text: it names the user's own file, debt or value, so it is
    shown literally (no bold, formula or link from their text)."""
    return markdown(exc.message(state.lang()))


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
    """While the example data is in the store, say so and offer to clear it (asking
    first); once cleared, offer to bring it back until the next change. Shown on the
    home, budget and import pages."""
    if st.session_state.get("undo_sample"):
        with st.container(border=True):
            st.success(tr("home_page.sample_cleared"))
            if st.button(tr("home_page.undo"), icon=":material/undo:", key="undo_sample_button"):
                samples.load_samples(state.engine(), state.profile())
                state.data_changed()
                st.rerun()
        return
    if not cache.showing_samples(state.url(), state.profile()):
        return
    with st.container(border=True):
        st.markdown(tr("budget_page.sample_banner"))
        if not st.session_state.get("confirm_clear_sample"):
            if st.button(
                tr("budget_page.clear_sample"), icon=":material/delete_sweep:", key="clear_sample"
            ):
                st.session_state["confirm_clear_sample"] = True
                st.rerun()
            return
        st.warning(tr("home_page.clear_confirm"))
        yes, no = st.columns(2)
        if yes.button(tr("home_page.clear_yes"), type="primary", key="clear_sample_yes"):
            del st.session_state["confirm_clear_sample"]
            samples.clear_samples(state.engine(), state.profile())
            state.data_changed()
            st.session_state["undo_sample"] = True
            st.rerun()
        if no.button(tr("home_page.clear_no"), key="clear_sample_no"):
            del st.session_state["confirm_clear_sample"]
            st.rerun()


def stale_notice(latest: dt.date) -> None:
    """The figures come from records over a month old: say so, and where to bring newer."""
    st.warning(tr("home.stale_notice", date=latest.isoformat()), icon=":material/history:")
    link("import")


def due_page() -> str:
    """Where due dates are looked after: the reminders page once it exists, else the debts."""
    return "reminders" if "reminders" in PAGES else "debts"


def adopt_button(request: PlanRequest, key: str) -> None:
    """Adopt `request`'s plan as the one the user follows, from the plan page or the
    progress page; then point to the progress page."""
    if not st.button(
        tr("progress_page.adopt"), icon=":material/push_pin:", key=key, type="primary"
    ):
        return
    try:
        adopt_plan(state.engine(), state.profile(), request)
    except CoachError as exc:
        st.warning(message(exc))
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


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter(draft: Letter, file_stem: str) -> None:
    """A letter to edit before sending, and to take away as text or as a Word document.
    A new draft (another debt, letter, figures or language) starts the text afresh."""
    drafted = draft.text()
    key = f"letter_text_{hash(drafted)}"
    text = st.text_area(tr("coach_page.letter_text"), value=drafted, height=420, key=key)
    left, right = st.columns(2)
    left.download_button(
        tr("coach_page.download_txt"),
        data=text.encode("utf-8"),
        file_name=f"{file_stem}.txt",
        mime="text/plain",
        icon=":material/description:",
        key=f"{key}_txt",
    )
    right.download_button(
        tr("coach_page.download_docx"),
        data=lambda: letter_docx(text),
        file_name=f"{file_stem}.docx",
        mime=DOCX,
        icon=":material/edit_note:",
        key=f"{key}_docx",
    )
