"""Plan page: the debt-free month first, then what to pay now, then the details."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import CoachError
from core.money import display, to_cents, yuan_up
from core.months import Month
from core.planner import (
    STRATEGIES,
    Comparison,
    PlanResult,
    SplitPlan,
    Timeline,
    budget_needed,
    effect_of_extra,
    first_payments,
    focus_timeline,
    minimums_due,
)
from core.planner.request import (
    PlanRequest,
    add_extras,
    budget_ceiling,
    budget_with_repayments,
    extra_payment,
    make_request,
)
from core.planner.whatif import target_months
from core.present.text import never_text, offer_text, problem_text, refusal_text, why_text
from core.present.workbook import plan_workbook
from dashboard import advice, cache, charts, state, widgets
from dashboard.state import tr, trn


def _controls(records, average: int | None, repaid: int | None) -> PlanRequest:
    """Strategy, monthly budget and extras; the request they describe. Choices are
    remembered across visits to other pages."""
    names = {s: tr(f"plan.strategy_{s}") for s in STRATEGIES}
    state.remembered("plan_strategy", STRATEGIES[0], STRATEGIES)
    strategy = st.radio(
        tr("plan_page.strategy"),
        STRATEGIES,
        format_func=names.__getitem__,
        horizontal=True,
        key="plan_strategy",
        on_change=state.remember,
        args=("plan_strategy",),
    )
    order: list[str] = []
    if strategy == "custom":
        debt_names = [r.name for r in records]
        state.remembered("plan_order", [], lambda names: set(names) <= set(debt_names))
        order = st.multiselect(
            tr("plan_page.custom_order"),
            debt_names,
            help=tr("plan_page.custom_order_help"),
            key="plan_order",
            on_change=state.remember,
            args=("plan_order",),
        )
    base = make_request(records, average, strategy, order=order)
    budget = _budget_slider(base, repaid)
    with st.expander(tr("plan_page.more_options")):
        starts = [Month(base.start) + k for k in range(-1, 12)]
        shown = {m: Month(m).text(state.lang()) for m in starts}
        state.remembered("plan_start", base.start, starts)
        start = st.selectbox(
            tr("plan_page.start"),
            starts,
            format_func=shown.__getitem__,
            key="plan_start",
            on_change=state.remember,
            args=("plan_start",),
        )
        extras = _extras_editor()
    later = _growth(start, budget) if budget < minimums_due(base.debts, start) else {}
    try:
        return make_request(
            records,
            average,
            strategy,
            budget=budget,
            start=start,
            extras=extras,
            order=order,
            budget_from=later,
        )
    except CoachError as exc:  # an extra before the first payment month, a smaller budget
        st.warning(exc.message(state.lang()))
        return make_request(records, average, strategy, budget=budget, start=start, order=order)


def _growth(start: str, budget: int) -> dict[str, int]:
    """When the budget is below the minimums: a bigger budget from a later month, so the
    plan can show the month it gets back to paying every minimum."""
    with st.expander(tr("split.grow_title")):
        st.caption(tr("split.grow_help"))
        months = [Month(start) + k for k in range(1, 37)]
        lang = state.lang()
        state.remembered("plan_grow_month", months[2], months)
        left, right = st.columns(2)
        month = left.selectbox(
            tr("split.grow_month"),
            months,
            format_func=lambda m: Month(m).text(lang),
            key="plan_grow_month",
            on_change=state.remember,
            args=("plan_grow_month",),
        )
        state.remembered("plan_grow_amount", 0, lambda value: value >= 0)
        amount = right.number_input(
            tr("split.grow_amount"),
            min_value=0,
            step=100,
            key="plan_grow_amount",
            on_change=state.remember,
            args=("plan_grow_amount",),
        )
    return {month: to_cents(amount)} if amount else {}


def _budget_slider(base: PlanRequest, repaid: int | None) -> int:
    """Cents a month, on a slider in whole yuan (any yuan, so it can start exactly
    there) that starts at the default budget.
    When repayments already in the spending would add to it, offer to count them."""
    suggested = yuan_up(base.budget)
    if st.session_state.get("plan_budget_from") != suggested:  # new figures: start over
        st.session_state["plan_budget_from"] = suggested
        state.choose("plan_budget", suggested)
    with_repaid = budget_with_repayments(base, repaid)
    top = budget_ceiling(base, repaid)
    state.remembered("plan_budget", suggested, lambda value: 0 <= value <= top)
    budget = to_cents(
        st.slider(
            tr("plan_page.budget"),
            min_value=0,
            max_value=top,
            step=1,
            format="¥%d",
            help=tr(f"plan_page.budget_from_{base.budget_source}", amount=display(base.budget)),
            key="plan_budget",
            on_change=state.remember,
            args=("plan_budget",),
        )
    )
    if base.budget_source == "average_surplus" and base.budget == 0:
        st.warning(tr("plan_page.spending_above_income"))
    if with_repaid is not None and budget < with_repaid:
        st.info(tr("plan_page.repayments_seen", repaid=display(repaid), total=display(with_repaid)))
        st.button(
            tr("plan_page.use_repayments", amount=display(yuan_up(with_repaid) * 100)),
            on_click=state.choose,
            args=("plan_budget", yuan_up(with_repaid)),
        )
    return budget


def _extras_editor() -> dict[str, int]:
    """One-off extras as a small table. Streamlit drops the editor's edits when another
    page is shown, so the table as last edited is kept and becomes the editor's
    starting data when it is drawn anew."""
    st.caption(tr("plan_page.extras_help"))
    if "plan_extras" not in st.session_state:
        st.session_state["plan_extras_base"] = st.session_state.get(
            "plan_extras_kept",
            pd.DataFrame({"month": pd.Series(dtype="str"), "amount": pd.Series(dtype="str")}),
        )
    table = st.data_editor(
        st.session_state["plan_extras_base"],
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "month": st.column_config.TextColumn(
                tr("plan_page.extra_month"), help=tr("plan_page.extra_month_help")
            ),
            "amount": st.column_config.TextColumn(tr("plan_page.extra_amount")),
        },
        key="plan_extras",
    )
    st.session_state["plan_extras_kept"] = table
    pairs = []
    for month, amount in table.itertuples(index=False):
        if not (month or amount):
            continue
        try:
            pairs.append(extra_payment(month or "", amount or ""))
        except CoachError as exc:
            st.warning(exc.message(state.lang()))
    return add_extras(pairs)


def _split_headline(request: PlanRequest, split: SplitPlan, slot) -> None:
    """When the budget is below the minimums: what to pay each lender this month, what
    to ask each for, and where that leads if they agree and if they refuse."""
    lang = state.lang()
    slot.subheader(tr("split.title"))
    slot.markdown(
        tr(
            "split.intro",
            budget=display(split.budget),
            due=display(split.due),
            shortfall=display(split.shortfall),
        )
    )
    arrears = sum(offer.arrears for offer in split.offers)
    if arrears:
        slot.caption(tr("split.arrears_included", arrears=display(arrears)))
    slot.caption(
        tr(
            "split.how_arrears" if split.pays_minimums else "split.how_pro_rata",
            token=display(split.token),
        )
    )
    rows = [
        {
            "debt": offer.name,
            "due": display(offer.minimum),
            "pay": display(offer.offer),
            "ask": display(offer.ask),
            "why": why_text(offer.priority, lang),
        }
        for offer in split.offers
    ]
    slot.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={k: tr(f"split.col_{k}") for k in rows[0]},
    )
    left, right = slot.columns(2)
    _timeline(left, split.accepted)
    _timeline(right, split.refused)
    refusal = refusal_text(split, lang)
    if refusal:
        slot.warning(refusal)
    if split.accepted.switch:
        strategy = tr(f"plan.strategy_{request.strategy}")
        month = Month(split.accepted.switch).text(lang)
        slot.info(tr("split.switch", month=month, strategy=strategy))


def _timeline(column, timeline: Timeline) -> None:
    lang = state.lang()
    done = Month(timeline.debt_free).text(lang) if timeline.feasible else tr("split.never")
    column.metric(tr(f"split.{timeline.assumption}_title"), done)
    column.caption(tr("split.interest_total", amount=display(timeline.total_interest)))
    if timeline.never:
        column.caption(never_text(timeline, lang))
    column.caption(tr(f"split.{timeline.assumption}_assumption"))


def _offer_texts(request: PlanRequest, split: SplitPlan) -> None:
    """A message to copy for each lender asked to accept less. The coach's letters
    (issue 9) take this place once they exist: a link to each lender's full proposal
    letter, built from the same figures (`core.present.text.offer_text` is the hook)."""
    asked = [offer for offer in split.offers if offer.ask]
    if not asked:
        return
    st.subheader(tr("split.offers_title"))
    st.caption(tr("split.offers_help"))
    lang = state.lang()
    for offer in asked:
        with st.expander(widgets.escape(offer.name)):
            st.code(offer_text(split, offer, request.start, lang), language=None, wrap_lines=True)


def _headline(comparison: Comparison, slot) -> None:
    chosen = comparison.plans[comparison.chosen]
    lang = state.lang()
    if not chosen.feasible:
        slot.error(problem_text(chosen, lang))
        return
    cols = slot.columns(3)
    cols[0].metric(tr("plan_page.debt_free"), Month(chosen.debt_free).text(lang))
    length = trn("plan_page.months_value", chosen.months, months=chosen.months)
    cols[1].metric(tr("plan_page.months"), length)
    cols[2].metric(tr("plan_page.interest"), display(chosen.total_interest))
    steps = first_payments(chosen)
    lines = [
        tr(
            "plan_page.next_step",
            month=Month(steps[0].month).text(lang),
            total=display(sum(row.payment for row in steps)),
        )
    ]
    lines += [f"- **{widgets.escape(row.debt)}**: {display(row.payment)}" for row in steps]
    slot.success("\n".join(lines))
    saving = comparison.versus_minimum
    key = saving and saving.message_key("plan_page.saves_versus_minimum")
    if key:
        slot.caption(tr(key, months=saving.months, interest=display(saving.interest)))


def _comparison(comparison: Comparison) -> None:
    st.subheader(tr("plan_page.compare_title"))
    lang = state.lang()
    rows = []
    for name, result in comparison.plans.items():
        rows.append(
            {
                "plan": ("✅ " if name == comparison.chosen else "") + tr(f"plan.strategy_{name}"),
                "debt_free": Month(result.debt_free).text(lang) if result.feasible else "—",
                "months": str(result.months) if result.feasible else "—",
                "interest": display(result.total_interest) if result.feasible else "—",
                "paid": display(result.total_paid) if result.feasible else "—",
            }
        )
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={k: tr(f"plan_page.col_{k}") for k in rows[0]},
    )
    saving = comparison.versus_other
    other = tr(f"plan.strategy_{comparison.other}")
    key = saving and saving.message_key("plan_page.saves_versus_other")
    if key:
        st.caption(tr(key, other=other, interest=display(saving.interest), months=saving.months))
    elif saving is not None and saving.interest < 0:
        extra = display(-saving.interest)
        st.caption(tr("plan_page.costs_versus_other", other=other, interest=extra))


def _what_if(request: PlanRequest, chosen: PlanResult) -> None:
    st.subheader(tr("plan_page.whatif_title"))
    lang = state.lang()
    left, right = st.columns(2)
    targets, first_asked = target_months(request.start, chosen)
    target = left.select_slider(
        tr("plan_page.whatif_by"),
        targets,
        value=targets[first_asked],
        format_func=lambda m: Month(m).text(lang),
    )  # no key: a new plan brings a new starting point
    needed = budget_needed(
        request.debts,
        request.strategy,
        target,
        request.start,
        extras=request.all_extras,
        order=request.order,
    )
    left.metric(tr("plan_page.whatif_needed"), display(needed or 0))
    plus = right.number_input(
        tr("plan_page.whatif_plus"), min_value=0, value=200, step=50, key="plan_plus"
    )
    effect = effect_of_extra(
        request.debts,
        request.strategy,
        request.start,
        request.budget,
        to_cents(plus),
        extras=request.all_extras,
        order=request.order,
    )
    if effect.months_saved:
        right.metric(
            tr("plan_page.whatif_sooner"),
            trn("plan_page.months_value", effect.months_saved, months=effect.months_saved),
            delta=tr("plan_page.whatif_interest_saved", interest=display(effect.interest_saved)),
        )
    elif effect.months_saved is not None:  # the same finishing month, less interest
        right.metric(tr("plan_page.whatif_interest_only"), display(effect.interest_saved))
    elif effect.feasible:
        right.success(tr("plan_page.whatif_now_feasible"))
    else:
        right.info(tr("plan_page.whatif_still_short"))


def _schedule(request: PlanRequest, comparison: Comparison) -> None:
    chosen = comparison.plans[comparison.chosen]
    with st.expander(tr("plan_page.schedule_title")):
        frame = pd.DataFrame(
            [
                {
                    "month": row.month,
                    "debt": row.debt,
                    "interest": display(row.interest),
                    "payment": display(row.payment),
                    "balance": display(row.balance),
                }
                for row in chosen.schedule
            ]
        )
        st.dataframe(
            frame,
            hide_index=True,
            column_config={k: tr(f"plan.col_{k}") for k in frame.columns},
        )
    _download(request, comparison, None)


def _download(request: PlanRequest, comparison: Comparison, split: SplitPlan | None) -> None:
    lang = state.lang()
    st.download_button(
        tr("plan_page.download"),
        data=lambda: plan_workbook(comparison.in_order(), lang, split),  # built on click
        file_name=f"recovery-coach-plan-{request.start}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon="📥",
    )


def _charts(request: PlanRequest, chosen: PlanResult) -> None:
    lang = state.lang()
    st.subheader(tr("plan_page.balances_title"))
    st.plotly_chart(
        charts.balances_figure(
            chosen,
            {
                "paid_off": tr("plan_page.paid_off_marker"),
                "balance": tr("plan.col_balance"),
            },
        ),
        config={"displayModeBar": False},
    )
    st.subheader(tr("plan_page.timeline_title"))
    st.caption(tr("plan_page.timeline_help"))
    st.plotly_chart(
        charts.focus_figure(focus_timeline(chosen, request.debts), lambda m: Month(m).text(lang)),
        config={"displayModeBar": False},
    )


def render() -> None:
    st.title(tr("plan_page.title"))
    records = cache.current_debts(state.url(), state.profile())
    if not records:
        st.info(tr("plan_page.no_debts"))
        widgets.link("debts")
        return
    if not any(r.balance_cents for r in records):
        st.success(tr("planning.nothing_owed"))
        widgets.link("debts")
        return
    average = cache.average_surplus(state.url(), state.profile())
    repaid = cache.average_debt_payments(state.url(), state.profile())
    headline = st.container()
    request = _controls(records, average, repaid)
    comparison = request.compare()
    chosen = comparison.plans[comparison.chosen]
    split = request.split()
    if split is not None:  # below the minimums: the fair split is the plan for now
        _split_headline(request, split, headline)
        _offer_texts(request, split)
        advice.for_plan(request)  # the coach's card on talking to the lenders
        _what_if(request, chosen)
        _download(request, comparison, split)
        return
    _headline(comparison, headline)
    if chosen.feasible:
        with headline:
            widgets.adopt_button(request, "plan_adopt")
    if not chosen.feasible:
        advice.for_plan(request)
    if chosen.feasible:
        _charts(request, chosen)
    _comparison(comparison)
    _what_if(request, chosen)
    if chosen.feasible:
        _schedule(request, comparison)
