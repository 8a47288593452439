"""Home page, the first screen: where you stand and the one thing to do now; for an
empty store, three steps to start, with the example data one click away."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from core import preferences
from core.home import Standing
from core.ledger import samples
from core.money import display
from core.months import Month
from core.present.text import verdict_text
from dashboard import cache, state, widgets
from dashboard.state import tr

# Sections other features add below the figures (progress bars, the coach's advice…),
# each drawn from the same `Standing`: one line here per feature.
SECTIONS: list[Callable[[Standing], None]] = []


def _standing() -> Standing:
    choices = preferences.plan_choices(state.engine(), state.profile())
    return cache.standing(
        state.url(),
        state.profile(),
        dt.date.today().isoformat(),
        choices.strategy,
        choices.budget,
        tuple(sorted(choices.extras.items())),
        choices.order,
    )


def _next_step(standing: Standing) -> None:
    step, lang = standing.next_step, state.lang()
    with st.container(border=True):
        st.caption(tr("home_page.next_step"))
        st.subheader(step.title(lang), anchor=False)
        st.write(step.why(lang))
        widgets.link(step.page, tr("home_page.go_to", page=tr(f"nav.{step.page}")))


def _month(standing: Standing, box) -> None:
    figure = standing.month
    with box.container(border=True):
        if figure is None:
            st.metric(tr("home_page.month_none"), "—", help=tr("home_page.month_none_help"))
        else:
            key = "home_page.month_so_far" if figure.so_far else "home_page.month_last"
            label = tr(key, month=Month(figure.month).text(state.lang()))
            st.metric(label, display(figure.surplus))
        widgets.link("budget", tr("home_page.see_budget"))


def _owed(standing: Standing, box) -> None:
    owed = standing.owed
    with box.container(border=True):
        if owed is None:
            st.metric(tr("home_page.owed"), "—")
        else:
            change = owed.change is not None and owed.since is not None
            st.metric(
                tr("home_page.owed"),
                display(owed.total),
                delta=display(owed.change) if change else None,
                delta_color="inverse",  # owing less is the good direction
                delta_description=(
                    tr("home_page.owed_change_help", date=owed.since.isoformat())
                    if change
                    else None
                ),
            )
        widgets.link("debts", tr("home_page.see_debts"))


def _debt_free(standing: Standing, box) -> None:
    found = standing.debt_free
    with box.container(border=True):
        if found is None:
            st.metric(tr("home_page.debt_free"), "—")
        elif found.source == "adopted":
            month = Month(found.month).text(state.lang()) if found.month else "—"
            st.metric(tr("home_page.debt_free"), month, help=tr("home_page.debt_free_adopted"))
        else:
            month = (
                Month(found.month).text(state.lang())
                if found.month
                else tr("home_page.debt_free_none")
            )
            st.metric(tr("home_page.debt_free"), month)
            if found.shortfall:
                st.caption(tr("home_page.debt_free_short", shortfall=display(found.shortfall)))
            if found.if_agreed:
                agreed = Month(found.if_agreed).text(state.lang())
                st.caption(tr("home_page.debt_free_if_agreed", month=agreed))
            st.caption(
                tr(
                    "home_page.debt_free_chosen",
                    strategy=tr(f"plan.strategy_{found.source}"),
                    budget=display(found.budget),
                )
            )
        widgets.link("plan", tr("home_page.see_plan"))


def _progress() -> None:
    """What has been paid off, and the verdict against the plan followed: once there is
    something to show (a plan adopted, or a payment recorded)."""
    found = cache.progress_overview(state.url(), state.profile(), dt.date.today())
    total = found.progress.total
    if found.adopted is None and not total.paid:
        return
    with st.container(border=True):
        st.progress(
            min(float(total.percent) / 100, 1.0),
            text=tr(
                "home_page.progress",
                paid=display(total.paid),
                start=display(total.start),
                percent=f"{total.percent}",
            ),
        )
        if found.check is not None:
            st.write(verdict_text(found.check, state.lang()))
        widgets.link("progress", tr("home_page.see_progress"))


def _coming_up(standing: Standing) -> None:
    st.subheader(tr("home_page.coming_up"), anchor=False)
    if not standing.reminders:
        st.caption(tr("home_page.no_due_days"))
    for due in standing.reminders:
        params = {"date": due.date.isoformat(), "title": due.title}
        line = (
            tr("home_page.due_line", amount=display(due.amount), **params)
            if due.amount is not None
            else tr("home_page.due_line_no_amount", **params)
        )
        missed = f" · {tr('home_page.missed')}" if due.missed else ""
        st.text(line + missed)  # plain text: the title is the user's own
    widgets.link(widgets.due_page(), tr("home_page.see_due"))


def _start() -> None:
    st.subheader(tr("home_page.start_title"), anchor=False)
    st.write(tr("home_page.start_intro"))
    for step, page in (("bill", "import"), ("debts", "debts"), ("plan", "plan")):
        with st.container(border=True):
            st.markdown(tr(f"home_page.start_{step}"))
            widgets.link(page)
    if st.button(
        tr("home_page.try_sample"),
        help=tr("home_page.try_sample_help"),
        icon=":material/visibility:",
        type="primary",
    ):
        with st.spinner(tr("home_page.loading_sample")):
            samples.load_samples(state.engine(), state.profile())
        state.data_changed()
        st.rerun()


def render() -> None:
    st.title(tr("home_page.title"))
    widgets.sample_banner()
    standing = _standing()
    if standing.empty:
        _start()
        return
    _next_step(standing)
    if standing.stale_since is not None and standing.next_step.key != "home.step_stale":
        widgets.stale_notice(standing.stale_since)
    cols = st.columns(3)
    _month(standing, cols[0])
    _owed(standing, cols[1])
    _debt_free(standing, cols[2])
    _progress()
    _coming_up(standing)
    for section in SECTIONS:
        section(standing)
