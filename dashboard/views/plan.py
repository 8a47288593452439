"""Plan page: the debt-free month first, then what to pay now, then the details."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import streamlit as st

from core import preferences
from core.coach.letters import split_letter
from core.debts.entry import LARGE_CENTS, DebtRecord
from core.errors import CoachError
from core.ledger.freshness import stale_since
from core.money import display, format_cents, parse_cents
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
    budget_options,
    budget_with_repayments,
    extra_payment,
    make_request,
    parse_budget,
)
from core.planner.whatif import target_months
from core.preferences import PlanChoices
from core.present.text import never_text, problem_text, refusal_text, why_text
from core.present.workbook import plan_workbook
from core.usertext import markdown
from dashboard import advice, cache, charts, state, widgets
from dashboard.state import tr, trn


def _saved() -> PlanChoices:
    return preferences.plan_choices(state.engine(), state.profile())


def _save(**changes: object) -> None:
    """One choice changed: kept in the profile at once, so a reload keeps it."""
    choices = replace(_saved(), **changes)
    preferences.save_plan_choices(state.engine(), state.profile(), choices)


def _controls(records, average: int | None, repaid: int | None) -> PlanRequest:
    """Strategy, monthly budget and extras; the request they describe. Every choice is
    kept in the profile as it is made, and each widget starts from what was kept."""
    saved = _saved()
    names = {s: tr(f"plan.strategy_{s}") for s in STRATEGIES}
    st.session_state.setdefault("plan_strategy", saved.strategy)
    strategy = st.radio(
        tr("plan_page.strategy"),
        STRATEGIES,
        format_func=names.__getitem__,
        horizontal=True,
        key="plan_strategy",
        on_change=lambda: _save(strategy=st.session_state["plan_strategy"]),
    )
    order: list[str] = []
    if strategy == "custom":
        debt_names = [r.name for r in records]
        st.session_state.setdefault("plan_order", [n for n in saved.order if n in debt_names])
        order = st.multiselect(
            tr("plan_page.custom_order"),
            debt_names,
            help=tr("plan_page.custom_order_help"),
            placeholder=tr("plan_page.custom_order_hint"),
            key="plan_order",
            on_change=lambda: _save(order=tuple(st.session_state["plan_order"])),
        )
    base = make_request(records, average, strategy, order=order)
    budget = _budget(base, repaid, saved.budget)
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
        extras = _extras_editor(saved.extras)
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
        st.warning(widgets.message(exc))
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
        state.remembered("plan_grow_amount", "", lambda value: isinstance(value, str))
        typed = right.text_input(
            tr("split.grow_amount"),
            placeholder=tr("plan_page.grow_hint"),
            key="plan_grow_amount",
            on_change=state.remember,
            args=("plan_grow_amount",),
        )
        amount = parse_cents(typed) if typed.strip() else 0
        if amount is None or amount < 0:  # said in our words, and no later budget
            right.error(tr("plan_page.whatif_plus_bad", value=typed))
            amount = 0
    return {month: amount} if amount else {}


def _set_budget(cents: int) -> None:
    st.session_state.pop("plan_budget_note", None)
    _save(budget=cents)


def _slid() -> None:
    _set_budget(st.session_state["plan_budget"])


def _typed() -> None:
    """A budget typed in the box: read by the money rules, never guessed; one over ¥100
    million waits for a second look."""
    text = st.session_state["plan_budget_text"]
    try:
        cents = parse_budget(text)
    except CoachError as exc:
        st.session_state["plan_budget_note"] = ("error", widgets.message(exc), None)
        return
    if cents > LARGE_CENTS:
        st.session_state["plan_budget_note"] = ("large", display(cents), cents)
        return
    _set_budget(cents)


def _budget(base: PlanRequest, repaid: int | None, saved: int | None) -> int:
    """Cents a month, slid or typed, starting at the default budget until the user
    chooses one (then at theirs, kept in the profile). When repayments already in the
    spending would add to it, offer to count them."""
    budget = base.budget if saved is None else saved
    with_repaid = budget_with_repayments(base, repaid)
    options = budget_options(budget_ceiling(base, repaid), budget, base.budget, with_repaid)
    # both controls show the one budget in use (what a callback just set included)
    st.session_state["plan_budget"] = budget
    st.session_state["plan_budget_text"] = format_cents(budget)
    slide, typed = st.columns([3, 1], vertical_alignment="bottom")
    slide.select_slider(
        tr("plan_page.budget"),
        options,
        format_func=display,
        help=tr(f"plan_page.budget_from_{base.budget_source}", amount=display(base.budget)),
        key="plan_budget",
        on_change=_slid,
    )
    typed.text_input(
        tr("plan_page.budget_typed"),
        key="plan_budget_text",
        on_change=_typed,
        help=tr("plan_page.budget_typed_help"),
    )
    note = st.session_state.get("plan_budget_note")
    if note and note[0] == "error":
        st.error(note[1])
    elif note:
        st.warning(tr("plan_page.budget_large", amount=note[1]))
        st.button(tr("plan_page.budget_large_yes"), on_click=_set_budget, args=(note[2],))
    if base.budget_source == "average_surplus" and base.budget == 0:
        st.warning(tr("plan_page.spending_above_income"))
    if with_repaid is not None and budget < with_repaid:
        st.info(tr("plan_page.repayments_seen", repaid=display(repaid), total=display(with_repaid)))
        st.button(
            tr("plan_page.use_repayments", amount=display(with_repaid)),
            on_click=_set_budget,
            args=(with_repaid,),
        )
    return budget


def _extras_editor(saved: dict[str, int]) -> dict[str, int]:
    """One-off extras as a small table, starting from those kept in the profile; each
    change that leaves every row readable is kept there too."""
    st.caption(tr("plan_page.extras_help"))
    table = st.data_editor(
        pd.DataFrame(
            {
                "month": pd.Series(list(saved), dtype="str"),
                "amount": pd.Series([format_cents(c) for c in saved.values()], dtype="str"),
            }
        ),
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
    pairs, readable = [], True
    for month, amount in table.itertuples(index=False):
        if not (month or amount):
            continue
        try:
            pairs.append(extra_payment(month or "", amount or ""))
        except CoachError as exc:
            st.warning(widgets.message(exc))
            readable = False
    extras = add_extras(pairs)
    if readable and extras != saved:
        _save(extras=extras)
    return extras


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
        column.caption(markdown(never_text(timeline, lang)))  # it names a debt
    column.caption(tr(f"split.{timeline.assumption}_assumption"))


def _letters(request: PlanRequest, split: SplitPlan, records: list[DebtRecord]) -> None:
    """A letter for each lender asked to accept less: the coach's proposal, with this
    lender's share of the split, to edit and send."""
    asked = [offer for offer in split.offers if offer.ask]
    if not asked:
        return
    st.subheader(tr("split.offers_title"))
    st.caption(tr("split.offers_help"))
    by_name = {record.name: record for record in records}
    today = dt.date.today()
    for number, offer in enumerate(asked, start=1):
        with st.expander(markdown(offer.name)):
            drafted = split_letter(
                by_name[offer.name], split, offer, request.start, today, state.lang()
            )
            widgets.letter(drafted, f"proposal-{today.isoformat()}-{number}")


def _headline(comparison: Comparison, slot) -> None:
    chosen = comparison.plans[comparison.chosen]
    lang = state.lang()
    if not chosen.feasible:
        slot.error(markdown(problem_text(chosen, lang)))  # it names a debt
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
    lines += [f"- **{markdown(row.debt)}**: {display(row.payment)}" for row in steps]
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
                "plan": ("✓ " if name == comparison.chosen else "") + tr(f"plan.strategy_{name}"),
                "debt_free": Month(result.debt_free).text(lang) if result.feasible else "—",
                "months": str(result.months) if result.feasible else "—",
                "interest": display(result.total_interest) if result.feasible else "—",
                "paid": display(result.total_paid) if result.feasible else "—",
            }
        )
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={
            k: st.column_config.TextColumn(
                tr(f"plan_page.col_{k}"),
                help=tr("plan_page.col_dash_help") if k != "plan" else None,
            )
            for k in rows[0]
        },
    )
    saving = comparison.versus_other
    other = tr(f"plan.strategy_{comparison.other}")
    key = saving and saving.message_key("plan_page.saves_versus_other")
    if key:
        st.caption(tr(key, other=other, interest=display(saving.interest), months=saving.months))
    elif saving is not None and saving.interest < 0:
        extra = display(-saving.interest)
        chosen = tr(f"plan.strategy_{comparison.chosen}")
        st.caption(
            tr(
                f"plan_page.costs_versus_other_{comparison.chosen}",
                chosen=chosen,
                other=other,
                interest=extra,
            )
        )


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
    st.session_state.setdefault("plan_plus", "200")
    typed = right.text_input(tr("plan_page.whatif_plus"), key="plan_plus")
    plus = parse_cents(typed)
    if plus is None or plus < 0:
        right.error(tr("plan_page.whatif_plus_bad", value=typed))
        return
    effect = effect_of_extra(
        request.debts,
        request.strategy,
        request.start,
        request.budget,
        plus,
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
    lang = state.lang()
    with st.expander(tr("plan_page.schedule_title")):
        frame = pd.DataFrame(
            [
                {
                    "month": Month(row.month).text(lang),
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
        icon=":material/download:",
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
    # the chart marks each payoff; the names and months are here, readable on a phone
    cleared = sorted((d for d in chosen.debts if d.payoff_month), key=lambda d: d.payoff_month)
    st.text(
        tr("plan_page.paid_off_list")
        + " · ".join(f"{d.name} {Month(d.payoff_month).text(lang)}" for d in cleared)
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
    stale = stale_since(cache.latest_record(state.url(), state.profile()), dt.date.today())
    if stale is not None:
        widgets.stale_notice(stale)
    average = cache.average_surplus(state.url(), state.profile())
    repaid = cache.average_debt_payments(state.url(), state.profile())
    headline = st.container()
    request = _controls(records, average, repaid)
    comparison = request.compare()
    chosen = comparison.plans[comparison.chosen]
    split = request.split()
    if split is not None:  # below the minimums: the fair split is the plan for now
        _split_headline(request, split, headline)
        _letters(request, split, records)
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
