"""Debts page: what you owe, what waiting costs, and a form to add or change a debt."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.debts.entry import DebtRecord, entry_from_text, rate_text
from core.debts.overdue import days_overdue, totals
from core.debts.sheet import DebtSheetInvalid, import_debt_sheet
from core.debts.store import add_debt, set_archived, update_debt
from core.errors import CoachError
from core.money import display, from_cents
from core.planner import daily_from_apr
from core.planner.debts import KINDS
from dashboard import advice, cache, state, widgets
from dashboard.state import tr, trn

# What matters first stays in view on a phone: which debt, whether it is overdue.
COLUMNS = (
    "name", "status", "balance", "minimum", "overdue_amount", "rate", "due_day", "kind", "lender",
)  # fmt: skip


def _headline(debts: list[DebtRecord]) -> None:
    figures = totals(debts)
    cols = st.columns(3)
    cols[0].metric(tr("debts_page.total"), display(figures.total))
    cols[1].metric(tr("debts_page.minimums"), display(figures.minimums))
    if figures.arrears:
        cols[1].caption(tr("debts_page.minimums_with_arrears", arrears=display(figures.arrears)))
    cols[2].metric(tr("debts_page.count"), str(figures.count))
    if figures.overdue:
        st.error(
            tr(
                "debts_page.waiting_cost",
                count=len(figures.overdue),
                day=display(figures.delay["day"]),
                week=display(figures.delay["week"]),
                month=display(figures.delay["month"]),
            )
        )
        advice.inline("cost_of_delay")
        advice.inline("negotiate")
    else:
        st.success(tr("debts_page.none_overdue"))


def _status(debt: DebtRecord) -> str:
    days = days_overdue(debt)
    if days is None:
        return tr("debts_page.current_badge")
    return trn("debts_page.overdue_badge", days, date=debt.overdue_since, days=days)


def _table(debts: list[DebtRecord]) -> None:
    frame = pd.DataFrame(
        [
            {
                "name": d.name,
                "lender": d.lender,
                "balance": display(d.balance_cents),
                "rate": tr(
                    "debts_page.rate_value",
                    apr=rate_text(d.apr),
                    daily=rate_text(daily_from_apr(d.apr)),
                ),
                "minimum": display(d.min_payment_cents),
                "overdue_amount": display(d.overdue_amount_cents) if d.overdue_amount_cents else "",
                "due_day": d.due_day,
                "status": _status(d),
                "kind": tr(f"debts.kind_{d.kind}"),
            }
            for d in debts
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        column_order=COLUMNS,
        column_config={k: tr(f"debts_page.col_{k}") for k in frame.columns},
    )


def _form(existing: DebtRecord | None) -> None:
    """Add a new debt, or change `existing`; the core checks every field.

    Widgets carry keys, so a half-filled form survives a language switch and a
    refused value; after a save the form gets a new key and starts empty.
    """
    d = existing
    key = f"debt_form_{d.id if d else 'new'}_{st.session_state.get('debt_form_round', 0)}"
    with st.form(key, border=True):
        name = st.text_input(
            tr("debts.field_name"),
            value=d.name if d else "",
            placeholder=tr("debts_page.name_hint"),
            key=f"{key}_name",
        )
        left, right = st.columns(2)
        lender = left.text_input(
            tr("debts.field_lender"), value=d.lender if d else "", key=f"{key}_lender"
        )
        kind_names = {k: tr(f"debts.kind_{k}") for k in KINDS}
        debt_kind = right.radio(
            tr("debts.field_kind"),
            KINDS,
            index=KINDS.index(d.kind) if d else 0,
            format_func=kind_names.__getitem__,
            horizontal=True,
            help=tr("debts_page.kind_help"),
            key=f"{key}_debt_kind",
        )
        # One row per pair, so that on a phone (one column) each pair stays together.
        left, right = st.columns(2)
        balance = left.number_input(
            tr("debts.field_balance"),
            min_value=0.0,
            step=100.0,
            value=float(from_cents(d.balance_cents)) if d else None,
            format="%.2f",
            key=f"{key}_balance",
        )
        minimum = right.number_input(
            tr("debts.field_min_payment"),
            min_value=0.0,
            step=50.0,
            value=float(from_cents(d.min_payment_cents)) if d else None,
            format="%.2f",
            key=f"{key}_minimum",
        )
        kinds = {"daily": tr("debts.field_daily_rate"), "apr": tr("debts.field_apr")}
        left, right = st.columns(2)
        kind = left.radio(
            tr("debts_page.rate_kind"),
            list(kinds),
            format_func=kinds.__getitem__,
            horizontal=True,
            index=1 if d else 0,
            key=f"{key}_kind",
        )
        rate = right.text_input(
            tr("debts_page.rate"),
            value=rate_text(d.apr if d else None),
            placeholder=tr("debts_page.rate_hint"),
            key=f"{key}_rate",
        )
        left, right = st.columns(2)
        due_day = left.number_input(
            tr("debts.field_due_day"),
            min_value=1,
            max_value=31,
            value=d.due_day if d else None,
            step=1,
            key=f"{key}_due_day",
        )
        overdue = right.checkbox(
            tr("debts_page.is_overdue"), value=bool(d and d.overdue), key=f"{key}_overdue"
        )
        with st.expander(tr("debts_page.overdue_details"), expanded=bool(d and d.overdue)):
            since = st.date_input(
                tr("debts.field_overdue_since"),
                value=d.overdue_since if d and d.overdue_since else None,
                max_value=dt.date.today(),
                key=f"{key}_since",
            )
            arrears = st.number_input(
                tr("debts.field_overdue_amount"),
                min_value=0.0,
                step=100.0,
                value=float(from_cents(d.overdue_amount_cents)) if d else 0.0,
                format="%.2f",
                help=tr("debts_page.overdue_amount_help"),
                key=f"{key}_arrears",
            )
            penalty_kinds = {
                "daily": tr("debts.field_daily_rate"),
                "apr": tr("debts.field_apr"),
            }
            left, right = st.columns(2)
            penalty_kind = left.radio(
                tr("debts_page.penalty_kind"),
                list(penalty_kinds),
                format_func=penalty_kinds.__getitem__,
                horizontal=True,
                index=1 if d else 0,
                key=f"{key}_penalty_kind",
            )
            penalty = right.text_input(
                tr("debts_page.penalty_rate"),
                value=rate_text(d.penalty_apr if d else None),
                placeholder=tr("debts_page.penalty_hint"),
                help=tr("debts_page.penalty_help"),
                key=f"{key}_penalty",
            )
            fee = st.number_input(
                tr("debts.field_late_fee"),
                min_value=0.0,
                step=10.0,
                value=float(from_cents(d.late_fee_cents)) if d else 0.0,
                format="%.2f",
                key=f"{key}_fee",
            )
        with st.expander(tr("debts_page.promo_details"), expanded=bool(d and d.promo_apr)):
            promo_apr = st.text_input(
                tr("debts.field_promo_apr"),
                value=rate_text(d.promo_apr if d else None),
                help=tr("debts_page.promo_help"),
                key=f"{key}_promo_apr",
            )
            promo_end = st.text_input(
                tr("debts.field_promo_end"),
                value=d.promo_end or "" if d else "",
                placeholder="2027-06",
                key=f"{key}_promo_end",
            )
        submitted = st.form_submit_button(
            tr("debts_page.save") if d else tr("debts_page.add"), type="primary"
        )
    if submitted:
        _save(
            existing,
            name=name,
            lender=lender,
            balance=balance,
            minimum=minimum,
            kind=kind,
            rate=rate,
            due_day=due_day,
            overdue=overdue,
            since=since,
            arrears=arrears,
            penalty_kind=penalty_kind,
            penalty=penalty,
            fee=fee,
            debt_kind=debt_kind,
            promo_apr=promo_apr,
            promo_end=promo_end,
        )


def _save(existing: DebtRecord | None, **v: object) -> None:
    """The form's fields to a debt (the overdue box decides what its date, penalty and
    fee mean: `entry_from_text`)."""

    def text(value: object) -> str | None:
        return None if value is None else repr(value) if isinstance(value, float) else str(value)

    rate_field = "apr" if v["kind"] == "apr" else "daily_rate"
    penalty_field = "penalty_apr" if v["penalty_kind"] == "apr" else "penalty_daily_rate"
    try:
        entry = entry_from_text(
            name=str(v["name"]),
            lender=str(v["lender"]),
            balance=text(v["balance"]) or "",
            min_payment=text(v["minimum"]) or "",
            **{rate_field: text(v["rate"])},
            due_day=text(v["due_day"]),
            overdue=bool(v["overdue"]),
            overdue_since=v["since"],
            **{penalty_field: text(v["penalty"])},
            late_fee=text(v["fee"]),
            overdue_amount=text(v["arrears"]),
            kind=str(v["debt_kind"]),
            promo_apr=text(v["promo_apr"]),
            promo_end=text(v["promo_end"]),
        )
        if existing:
            update_debt(state.engine(), state.profile(), existing.id, entry)
        else:
            add_debt(state.engine(), state.profile(), entry)
    except CoachError as exc:
        st.error(exc.message(state.lang()))
        return
    state.data_changed()
    st.session_state["debt_form_round"] = st.session_state.get("debt_form_round", 0) + 1
    st.toast(tr("debts_page.saved", name=entry.name))
    st.rerun()


def _import() -> None:
    with st.expander(tr("debts_page.import_title")):
        st.caption(tr("debts_page.import_help"))
        upload = st.file_uploader(
            tr("debts_page.import_file"), type=["xlsx", "xls", "csv"], key="debt_sheet"
        )
        if upload is None or not st.button(tr("debts_page.import_go")):
            return
        try:
            added, known = import_debt_sheet(
                state.engine(), state.profile(), upload.name, upload.getvalue()
            )
        except DebtSheetInvalid as exc:
            st.error(exc.message(state.lang()))
            widgets.row_errors(exc.errors)
            return
        except CoachError as exc:
            st.error(exc.message(state.lang()))
            return
        state.data_changed()
        st.success(tr("debts_page.imported", added=added, known=known))


def _edit(debts: list[DebtRecord]) -> None:
    with st.expander(tr("debts_page.edit_title")):
        chosen = st.selectbox(
            tr("debts_page.edit_pick"), debts, format_func=lambda d: d.name, index=None
        )
        if chosen is None:
            return
        _form(chosen)
        if st.button(tr("debts_page.archive"), help=tr("debts_page.archive_help")):
            try:
                set_archived(state.engine(), state.profile(), chosen.id)
            except CoachError as exc:  # gone meanwhile, e.g. cleared in another tab
                st.error(exc.message(state.lang()))
                return
            state.data_changed()
            st.rerun()


def render() -> None:
    st.title(tr("debts_page.title"))
    debts = cache.debts(state.url(), state.profile())
    if debts:
        _headline(debts)
        widgets.link("plan", tr("debts_page.next_plan"))
        _table(debts)
    else:
        st.info(tr("debts_page.empty"))
    st.subheader(tr("debts_page.add_title"))
    _form(None)
    if debts:
        _edit(debts)
    _import()
