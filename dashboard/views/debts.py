"""Debts page: what you owe, what waiting costs, and a form to add or change a debt."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.debts.entry import DebtRecord, entry_from_text, large_amounts, rate_text
from core.debts.overdue import days_overdue, totals
from core.debts.sheet import DebtSheetInvalid, import_debt_sheet
from core.debts.store import add_debt, set_archived, update_debt
from core.errors import CoachError
from core.importing import sandbox
from core.importing.readers import check_file_type
from core.money import display, format_cents
from core.planner import daily_from_apr
from core.planner.debts import KINDS
from core.usertext import markdown
from dashboard import advice, cache, state, widgets
from dashboard.state import tr, trn

# What matters first stays in view on a phone: which debt, whether it is overdue (and
# for how many days), then what it costs.
COLUMNS = (
    "name", "status", "balance", "minimum", "overdue_amount", "penalty", "rate", "due_day",
    "kind", "lender",
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
            trn(
                "debts_page.waiting_cost",
                len(figures.overdue),
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
                "lender": d.lender or NONE,
                "balance": display(d.balance_cents),
                "rate": tr(
                    "debts_page.rate_value",
                    apr=rate_text(d.apr),
                    daily=rate_text(daily_from_apr(d.apr)),
                ),
                "minimum": display(d.min_payment_cents),
                "overdue_amount": display(d.overdue_amount_cents)
                if d.overdue_amount_cents
                else NONE,
                "due_day": str(d.due_day) if d.due_day else NONE,
                "status": _status(d),
                "kind": tr(f"debts.kind_{d.kind}"),
                "penalty": (
                    tr(
                        "debts_page.rate_value",
                        apr=rate_text(d.penalty_apr),
                        daily=rate_text(daily_from_apr(d.penalty_apr)),
                    )
                    if d.overdue and d.penalty_apr is not None
                    else NONE
                ),
            }
            for d in debts
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        # the rest scrolls sideways inside the table, the name pinned beside it
        column_order=COLUMNS,
        column_config={
            k: st.column_config.TextColumn(
                tr(f"debts_page.col_{k}"),
                help=tr(f"debts_page.col_{k}_help") if k in HELPED else None,
                pinned=k == "name",
            )
            for k in frame.columns
        },
    )


NONE = "—"  # a value that does not apply, as every table shows it
# columns that can show a dash, and the balance, which is not the one typed in
HELPED = ("balance", "overdue_amount", "penalty", "due_day", "lender")


def _form(existing: DebtRecord | None) -> None:
    """Add a new debt, or change `existing`; the core checks every field and names
    every one that is wrong. Amounts are typed as text, read by the same rules as
    everywhere, so nothing a person types is silently turned into another number.

    Widgets carry keys, so a half-filled form survives a language switch and a
    refused value; after a save the form gets a new key and starts empty.
    """
    d = existing
    key = f"debt_form_{d.id if d else 'new'}_{st.session_state.get('debt_form_round', 0)}"
    large = st.session_state.get(f"{key}_large")
    with st.form(key, border=True):
        name = st.text_input(
            tr("debts.field_name"),
            value=d.name if d else "",
            placeholder=tr("debts_page.name_hint"),
            key=f"{key}_name",
        )
        left, right = st.columns(2)
        lender = left.text_input(
            tr("debts.field_lender"),
            value=d.lender if d else "",
            placeholder=tr("debts_page.lender_hint"),
            key=f"{key}_lender",
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
        balance = left.text_input(
            tr("debts.field_balance"),
            value=_amount(d.balance_cents) if d else "",
            placeholder=tr("debts_page.balance_hint"),
            key=f"{key}_balance",
        )
        minimum = right.text_input(
            tr("debts.field_min_payment"),
            value=_amount(d.min_payment_cents) if d else "",
            placeholder=tr("debts_page.minimum_hint"),
            key=f"{key}_minimum",
        )
        kind, rate = _rate_pair(
            (f"{key}_kind", f"{key}_rate"),
            ("debts_page.rate_kind", "debts_page.rate", "debts_page.rate_hint", None),
            d.apr if d else None,
            typed=d is not None,
        )
        left, right = st.columns(2)
        due_day = left.text_input(
            tr("debts.field_due_day"),
            value=str(d.due_day) if d and d.due_day else "",
            placeholder=tr("debts_page.due_day_hint"),
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
                format="YYYY-MM-DD",
                help=tr("debts_page.since_help"),
                key=f"{key}_since",
            )
            arrears = st.text_input(
                tr("debts.field_overdue_amount"),
                value=_amount(d.overdue_amount_cents) if d and d.overdue_amount_cents else "",
                placeholder=tr("debts_page.arrears_hint"),
                help=tr("debts_page.overdue_amount_help"),
                key=f"{key}_arrears",
            )
            penalty_kind, penalty = _rate_pair(
                (f"{key}_penalty_kind", f"{key}_penalty"),
                (
                    "debts_page.penalty_kind",
                    "debts_page.penalty_rate",
                    "debts_page.penalty_hint",
                    "debts_page.penalty_help",
                ),
                d.penalty_apr if d else None,
                typed=d is not None,
            )
            fee = st.text_input(
                tr("debts.field_late_fee"),
                value=_amount(d.late_fee_cents) if d and d.late_fee_cents else "",
                placeholder=tr("debts_page.fee_hint"),
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
                placeholder=tr("debts_page.month_hint"),
                key=f"{key}_promo_end",
            )
        confirmed = False
        if large:
            st.warning(tr("debts_page.large_amounts", fields=_field_names(large)))
            confirmed = st.checkbox(tr("debts_page.large_confirm"), key=f"{key}_confirm")
        submitted = st.form_submit_button(
            tr("debts_page.save") if d else tr("debts_page.add"), type="primary"
        )
    if submitted:
        _save(
            existing,
            key,
            confirmed,
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


def _rate_pair(
    keys: tuple[str, str], texts: tuple[str, str, str, str | None], apr, *, typed: bool
) -> tuple[str, str]:
    """A rate and how it is written (daily or yearly), side by side: the kind and the text.
    A new debt starts on daily (what app loans quote); a stored one shows its yearly rate."""
    kind_key, rate_key = keys
    kind_label, rate_label, hint, help_key = texts
    kinds = {"daily": tr("debts.field_daily_rate"), "apr": tr("debts.field_apr")}
    left, right = st.columns(2)
    kind = left.radio(
        tr(kind_label),
        list(kinds),
        format_func=kinds.__getitem__,
        horizontal=True,
        index=1 if typed else 0,
        key=kind_key,
    )
    rate = right.text_input(
        tr(rate_label),
        value=rate_text(apr),
        placeholder=tr(hint),
        help=tr(help_key) if help_key else None,
        key=rate_key,
    )
    return kind, rate


def _amount(cents: int) -> str:
    """An amount as the form shows it to be changed: 15000.00, no sign, no separators."""
    return format_cents(cents)


def _field_names(fields: list[str]) -> str:
    return tr("budget_page.list_separator").join(tr(f"debts.field_{f}") for f in fields)


def _save(existing: DebtRecord | None, key: str, confirmed: bool, **v: object) -> None:
    """The form's fields to a debt (the overdue box decides what its date, penalty and
    fee mean: `entry_from_text`). Nothing is written while a field is wrong, nor while
    an amount over ¥100 million waits for the user's confirmation."""
    rate_field = "apr" if v["kind"] == "apr" else "daily_rate"
    penalty_field = "penalty_apr" if v["penalty_kind"] == "apr" else "penalty_daily_rate"
    try:
        entry = entry_from_text(
            name=str(v["name"]),
            lender=str(v["lender"]),
            balance=str(v["balance"]),
            min_payment=str(v["minimum"]),
            **{rate_field: str(v["rate"])},
            due_day=str(v["due_day"]),
            overdue=bool(v["overdue"]),
            overdue_since=v["since"],
            **{penalty_field: str(v["penalty"])},
            late_fee=str(v["fee"]),
            overdue_amount=str(v["arrears"]),
            kind=str(v["debt_kind"]),
            promo_apr=str(v["promo_apr"]),
            promo_end=str(v["promo_end"]),
        )
        large = large_amounts(entry)
        if large and not confirmed:
            st.session_state[f"{key}_large"] = large
            st.rerun()
        if existing:
            update_debt(state.engine(), state.profile(), existing.id, entry)
        else:
            add_debt(state.engine(), state.profile(), entry)
    except CoachError as exc:
        st.error(widgets.message(exc))
        return
    state.data_changed()
    st.session_state["debt_form_round"] = st.session_state.get("debt_form_round", 0) + 1
    st.toast(tr("debts_page.saved", name=markdown(entry.name)))
    st.rerun()


def _import() -> None:
    with st.expander(tr("debts_page.import_title")):
        st.caption(tr("debts_page.import_help"))
        # any file: one of another kind gets our message, not the browser's
        upload = st.file_uploader(tr("debts_page.import_file"), key="debt_sheet")
        if upload is None:
            return
        sandbox.prepare()  # started while the button waits for its click
        if not st.button(tr("debts_page.import_go")):
            return
        try:
            check_file_type(upload.name)
            added, known = import_debt_sheet(
                state.engine(), state.profile(), upload.name, upload.getvalue()
            )
        except DebtSheetInvalid as exc:
            st.error(widgets.message(exc))
            widgets.row_errors(exc.errors)
            return
        except CoachError as exc:
            st.error(widgets.message(exc))
            return
        state.data_changed()
        st.success(tr("debts_page.imported", added=added, known=known))


def _edit(debts: list[DebtRecord]) -> None:
    with st.expander(tr("debts_page.edit_title"), expanded="archive_pending" in st.session_state):
        chosen = st.selectbox(
            tr("debts_page.edit_pick"),
            debts,
            format_func=lambda d: d.name,
            index=None,
            placeholder=tr("debts_page.edit_pick_hint"),
        )
        if chosen is None:
            return
        _form(chosen)
        _archive(chosen)


def _archive(debt: DebtRecord) -> None:
    """Archiving asks first, and can be undone until the next change."""
    if st.session_state.get("archive_pending") != debt.id:
        if st.button(
            tr("debts_page.archive"),
            help=tr("debts_page.archive_help"),
            icon=":material/archive:",
        ):
            st.session_state["archive_pending"] = debt.id
            st.rerun()
        return
    st.warning(tr("debts_page.archive_confirm", name=markdown(debt.name)))
    yes, no = st.columns(2)
    if no.button(tr("debts_page.archive_no"), key="archive_no"):
        del st.session_state["archive_pending"]
        st.rerun()
    if not yes.button(tr("debts_page.archive_yes"), type="primary", key="archive_yes"):
        return
    del st.session_state["archive_pending"]
    try:
        set_archived(state.engine(), state.profile(), debt.id)
    except CoachError as exc:  # gone meanwhile, e.g. cleared in another tab
        st.error(widgets.message(exc))
        return
    state.data_changed()
    st.session_state["undo_archive"] = (debt.id, debt.name)
    st.rerun()


def _undo_archive() -> None:
    undo = st.session_state.get("undo_archive")
    if not undo:
        return
    debt_id, name = undo
    with st.container(border=True):
        st.success(tr("debts_page.archived", name=markdown(name)))
        if st.button(tr("home_page.undo"), icon=":material/undo:", key="undo_archive_button"):
            try:
                set_archived(state.engine(), state.profile(), debt_id, archived=False)
            except CoachError as exc:  # its name taken meanwhile by a new debt
                st.error(widgets.message(exc))
                return
            state.data_changed()
            st.rerun()


def render() -> None:
    st.title(tr("debts_page.title"))
    _undo_archive()
    debts = cache.debts(state.url(), state.profile())  # as entered: what the form edits
    if debts:
        # what each owes today (interest since, payments recorded), as the plan starts from
        today = cache.current_debts(state.url(), state.profile())
        _headline(today)
        widgets.link("plan", tr("debts_page.next_plan"))
        _table(today)
    else:
        st.info(tr("debts_page.empty"))
    st.subheader(tr("debts_page.add_title"))
    _form(None)
    if debts:
        _edit(debts)
    _import()
