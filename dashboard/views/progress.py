"""Progress page: what is still owed and whether that is on track first, then each debt's
bar, the plan against what happened, and the forms that keep the record true."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.errors import CoachError
from core.money import display
from core.months import Month
from core.planner import plan
from core.planner.request import make_request
from core.present.text import milestone_text, outlook_text, problem_text, verdict_text
from core.progress import links
from core.progress.balances import DebtHistory, Payment
from core.progress.overview import Overview
from core.progress.payments import Recorded, confirm_balance, parse_amount, record_payment
from core.progress.payments import void_payment as void
from core.usertext import markdown
from dashboard import cache, charts, state, widgets
from dashboard.state import tr, trn

FLASH = "progress_flash"
SHOWN_PROPOSALS = 10


def _flash(kind: str, text: str) -> None:
    """A message for the next run, which follows every write."""
    st.session_state.setdefault(FLASH, []).append((kind, text))


def _done(recorded: Recorded, message: str) -> None:
    _flash("success", message)
    for reached in recorded.reached:
        title, line = milestone_text(reached, state.lang())
        _flash("milestone", tr("progress_page.milestone_reached", title=title, line=line))
    state.data_changed()
    st.session_state["progress_round"] = st.session_state.get("progress_round", 0) + 1
    st.rerun()


def _show_flash() -> None:
    for kind, text in st.session_state.pop(FLASH, []):
        if kind == "milestone":
            st.balloons()
            st.success(text, icon=":material/celebration:")
        else:
            st.success(text)


def _round() -> int:
    """Forms get new keys after a save, so they start empty again."""
    return st.session_state.get("progress_round", 0)


def _headline(view: Overview) -> None:
    total = view.progress.total
    left, right = st.columns(2)
    left.metric(tr("progress_page.remaining"), display(total.remaining))
    right.metric(tr("progress_page.paid"), display(total.paid))
    st.progress(
        min(float(total.percent) / 100, 1.0),
        text=tr("progress_page.percent_total", percent=total.percent, start=display(total.start)),
    )
    check = view.check
    if check is None:
        return
    told = verdict_text(check, state.lang())
    if check.verdict == "behind":
        st.warning(f"{told} {tr('progress_page.behind_help')}")
    else:
        st.success(told)
    if check.left_out:
        st.caption(trn("progress_page.left_out", len(check.left_out), count=len(check.left_out)))


def _adopt_suggestion(view: Overview) -> None:
    """With no plan adopted: the suggested one, to adopt in one click."""
    records = cache.current_debts(state.url(), state.profile())
    with st.container(border=True):
        st.markdown(tr("progress_page.no_plan"))
        if any(r.balance_cents for r in records):
            average = cache.average_surplus(state.url(), state.profile())
            request = make_request(records, average, "avalanche")
            result = plan(request.debts, "avalanche", request.budget, request.start)
            if result.feasible:
                st.caption(
                    tr(
                        "progress_page.suggested",
                        budget=display(request.budget),
                        month=Month(result.debt_free).text(state.lang()),
                    )
                )
                widgets.adopt_button(request, "progress_adopt")
            else:
                st.caption(problem_text(result, state.lang()))
        widgets.link("plan", tr("progress_page.to_plan"))


def _bars(view: Overview) -> None:
    st.subheader(tr("progress_page.debts_title"))
    for f in view.progress.debts:
        st.progress(
            min(float(f.percent) / 100, 1.0),
            text=tr(
                "progress_page.debt_bar",
                name=markdown(f.name),
                percent=f.percent,
                remaining=display(f.remaining),
            ),
        )
        st.caption(
            tr(
                "progress_page.debt_figures",
                start=display(f.start),
                since=f.since.isoformat() if f.since else "",
                paid=display(f.paid),
            )
        )


def _chart(view: Overview) -> None:
    check = view.check
    if check is None:
        return
    st.subheader(tr("progress_page.chart_title"))
    st.caption(tr("progress_page.chart_help"))
    st.plotly_chart(
        charts.plan_vs_actual_figure(
            view.adopted.start,
            check.start_total,
            check.projected,
            check.actual,
            {"plan": tr("progress_page.chart_plan"), "actual": tr("progress_page.chart_actual")},
        ),
        config={"displayModeBar": False},
    )
    told = outlook_text(view.outlook, state.lang())
    if told:
        st.caption(told)


def _milestones(view: Overview) -> None:
    if not view.milestones:
        return
    st.subheader(tr("progress_page.milestones_title"))
    for reached in reversed(view.milestones):
        title, line = milestone_text(reached, state.lang())
        st.markdown(tr("progress_page.milestone", title=title, day=reached.day.isoformat()))
        st.caption(line)


def _debt_choice(view: Overview, label: str, key: str) -> int | None:
    owing = [h.record for h in view.histories if not h.record.archived]
    names = {r.id: r.name for r in owing}
    return st.selectbox(label, list(names), format_func=names.__getitem__, key=key)


def _pay_form(view: Overview, today: dt.date) -> None:
    st.subheader(tr("progress_page.pay_title"))
    key = f"progress_pay_{_round()}"
    with st.form(key):
        debt = _debt_choice(view, tr("progress.field_debt"), f"{key}_debt")
        left, right = st.columns(2)
        amount = left.text_input(
            tr("progress.field_amount"), placeholder="1260.00", key=f"{key}_amount"
        )
        day = right.date_input(
            tr("progress.field_date"),
            value=today,
            max_value=today,
            format="YYYY-MM-DD",
            key=f"{key}_date",
        )
        note = st.text_input(tr("progress.field_note"), key=f"{key}_note")
        submitted = st.form_submit_button(tr("progress_page.pay_submit"), type="primary")
    if submitted:
        try:
            done = record_payment(
                state.engine(), state.profile(), debt, day, parse_amount(amount), note
            )
        except CoachError as exc:
            st.error(widgets.message(exc))
            return
        _done(done, tr("progress_page.paid_done", balance=display(done.balance)))


def _proposals(today: dt.date) -> None:
    found = cache.link_proposals(state.url(), state.profile(), today)
    if not found:
        return
    st.subheader(tr("progress_page.links_title"))
    st.caption(tr("progress_page.links_help"))
    for proposal in found[:SHOWN_PROPOSALS]:
        line = proposal.line
        with st.container(border=True):
            st.text(
                tr(
                    "progress_page.link_line",
                    day=line.day.isoformat(),
                    text=line.note(),
                    amount=display(line.amount),
                )
            )
            names = {c.debt_id: c for c in proposal.candidates}
            if proposal.unsure:
                st.caption(tr("progress_page.link_unsure"))
            chosen = st.selectbox(
                tr("progress_page.link_debt"),
                list(names),
                format_func=lambda i, names=names: names[i].name,
                key=f"link_debt_{line.id}",
            )
            candidate = names[chosen]
            reasons = tr("progress_page.separator").join(
                tr(f"progress_page.reason_{r}") for r in candidate.reasons
            )
            st.caption(tr("progress_page.link_why", reasons=reasons))
            if candidate.payment_id is not None:
                st.caption(tr("progress_page.link_same_payment"))
            left, right = st.columns(2)
            if left.button(tr("progress_page.link_confirm"), key=f"link_{line.id}", type="primary"):
                _link(line.id, candidate)
            if right.button(tr("progress_page.link_dismiss"), key=f"dismiss_{line.id}"):
                links.dismiss(state.engine(), state.profile(), line.id)
                state.data_changed()
                st.rerun()
    if len(found) > SHOWN_PROPOSALS:
        st.caption(tr("progress_page.links_more", count=len(found) - SHOWN_PROPOSALS))


def _link(transaction_id: int, candidate: links.Candidate) -> None:
    try:
        done = links.link(
            state.engine(),
            state.profile(),
            transaction_id,
            candidate.debt_id,
            payment_id=candidate.payment_id,
        )
    except CoachError as exc:
        st.error(widgets.message(exc))
        return
    _done(done, tr("progress_page.linked_done", balance=display(done.balance)))


def _statement_form(view: Overview, today: dt.date) -> None:
    with st.expander(tr("progress_page.statement_title")):
        st.caption(tr("progress_page.statement_help"))
        key = f"progress_statement_{_round()}"
        with st.form(key):
            debt = _debt_choice(view, tr("progress.field_debt"), f"{key}_debt")
            left, right = st.columns(2)
            amount = left.text_input(tr("progress_page.statement_amount"), key=f"{key}_amount")
            day = right.date_input(
                tr("progress.field_date"),
                value=today,
                max_value=today,
                format="YYYY-MM-DD",
                key=f"{key}_date",
            )
            submitted = st.form_submit_button(tr("progress_page.statement_submit"))
        if submitted:
            try:
                cents = parse_amount(amount, zero_allowed=True)
                done = confirm_balance(state.engine(), state.profile(), debt, day, cents)
            except CoachError as exc:
                st.error(widgets.message(exc))
                return
            _done(done, tr("progress_page.statement_done", balance=display(done.balance)))


def _history(view: Overview) -> None:
    payments = [(h, p) for h in view.histories for p in h.payments]
    if not payments:
        return
    payments.sort(key=lambda pair: pair[1].moment, reverse=True)
    st.subheader(tr("progress_page.history_title"))
    frame = pd.DataFrame(
        [
            {
                "date": p.day.isoformat(),
                "debt": h.record.name,
                "amount": display(p.amount),
                "note": p.note,
                "status": _status(p),
            }
            for h, p in payments
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        column_config={k: tr(f"progress_page.col_{k}") for k in frame.columns},
    )
    _void([(h, p) for h, p in payments if p.live])


def _status(payment: Payment) -> str:
    if payment.live:
        linked = payment.transaction_id is not None
        return tr("progress_page.status_linked" if linked else "progress_page.status_live")
    return tr(
        "progress_page.status_void",
        day=payment.voided_at.astimezone().date().isoformat(),
        why=payment.void_note or "—",
    )


def _void(live: list[tuple[DebtHistory, Payment]]) -> None:
    """Void in two steps: choose and give a reason, then confirm."""
    if not live:
        return
    with st.expander(tr("progress_page.void_title")):
        shown = {
            p.id: tr(
                "progress_page.void_option",
                day=p.day.isoformat(),
                name=h.record.name,
                amount=display(p.amount),
            )
            for h, p in live
        }
        chosen = st.selectbox(
            tr("progress_page.void_which"),
            list(shown),
            format_func=shown.__getitem__,
            key="void_choice",
        )
        reason = st.text_input(tr("progress.field_void_note"), key="void_reason")
        if st.button(tr("progress_page.void_start"), key="void_start"):
            st.session_state["void_pending"] = chosen
        if st.session_state.get("void_pending") != chosen:
            return
        st.warning(tr("progress_page.void_confirm_text", what=markdown(shown[chosen])))
        left, right = st.columns(2)
        if left.button(tr("progress_page.void_confirm"), key="void_confirm", type="primary"):
            st.session_state.pop("void_pending", None)
            try:
                void(state.engine(), state.profile(), chosen, reason)
            except CoachError as exc:
                st.error(widgets.message(exc))
                return
            _flash("success", tr("progress_page.voided_done"))
            state.data_changed()
            st.rerun()
        if right.button(tr("progress_page.void_cancel"), key="void_cancel"):
            st.session_state.pop("void_pending", None)
            st.rerun()


def _plans(view: Overview) -> None:
    if not view.plans:
        return
    with st.expander(tr("progress_page.plans_title")):
        frame = pd.DataFrame(
            [
                {
                    "adopted": p.adopted_at.astimezone().date().isoformat(),
                    "strategy": tr(f"plan.strategy_{p.strategy}"),
                    "budget": display(p.budget),
                    "start": Month(p.start).text(state.lang()),
                    "debt_free": Month(p.debt_free).text(state.lang()) if p.debt_free else "—",
                    "followed": "✅" if k == 0 else "",
                }
                for k, p in enumerate(view.plans)
            ]
        )
        st.dataframe(
            frame,
            hide_index=True,
            column_config={k: tr(f"progress_page.col_{k}") for k in frame.columns},
        )


def render() -> None:
    st.title(tr("progress_page.title"))
    today = dt.date.today()
    view = cache.progress_overview(state.url(), state.profile(), today)
    if not any(not h.record.archived for h in view.histories):
        st.info(tr("progress_page.no_debts"))
        widgets.link("debts")
        return
    _show_flash()
    _headline(view)
    if view.adopted is None:
        _adopt_suggestion(view)
    _bars(view)
    _chart(view)
    _pay_form(view, today)
    _proposals(today)
    _statement_form(view, today)
    _history(view)
    _milestones(view)
    _plans(view)
