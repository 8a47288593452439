"""Coach page: the advice that applies, most urgent first; the collection log; letters."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.coach.contacts import (
    CONDUCT_FLAGS,
    KINDS,
    ContactEntry,
    ContactRecord,
    latest_versions,
    time_flags,
)
from core.coach.exports import COLUMNS, log_page, log_workbook, row_values
from core.coach.letters import (
    LETTER_KINDS,
    MAX_MONTHS,
    Means,
    complaint_letter,
    escalation_date,
    looks_like_card,
    notice_request_letter,
    proposal_letter,
    propose,
    stop_third_party_letter,
)
from core.coach.log import add_contact, correct_contact
from core.coach.rules import advise
from core.errors import CoachError
from core.money import display, format_cents, parse_cents
from core.months import next_month
from dashboard import advice, cache, state, widgets
from dashboard.state import tr

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXTS = ("place", "collector", "company", "id_number", "phone", "witness_name")


def _advice() -> None:
    st.subheader(tr("coach_page.advice_title"))
    found = advise(cache.coach_snapshot(state.url(), state.profile(), cache.today()))
    if not found:
        st.success(tr("coach_page.nothing_now"))
    for item in found:
        advice.show(item)
        if item.key == "getting_started":
            left, right = st.columns(2)
            with left:
                widgets.link("debts", tr("coach_page.start_debts"))
            with right:
                widgets.link("import", tr("coach_page.start_import"))


# --- the collection log ----------------------------------------------------------------


def _contact_form(existing: ContactRecord | None) -> None:
    """Log a new contact, or a corrected version of `existing`; the core checks it."""
    e = existing
    round_ = st.session_state.get("contact_form_round", 0)
    key = f"contact_form_{e.entry if e else 'new'}_{e.version if e else 0}_{round_}"
    now = dt.datetime.now()
    kinds = {k: tr(f"contacts.kind_{k}") for k in KINDS}
    flags = {f: tr(f"contacts.flag_{f}") for f in CONDUCT_FLAGS}
    with st.form(key, border=True):
        left, right = st.columns(2)
        day = left.date_input(
            tr("coach_page.log_date"),
            value=e.when.date() if e else now.date(),
            max_value=now.date(),
            format="YYYY-MM-DD",
            key=f"{key}_day",
        )
        time = right.time_input(
            tr("coach_page.log_time"),
            value=e.when.time() if e else now.time().replace(second=0, microsecond=0),
            step=60,
            key=f"{key}_time",
        )
        kind = st.radio(
            tr("contacts.field_kind"),
            KINDS,
            index=KINDS.index(e.kind) if e else 0,
            format_func=kinds.__getitem__,
            horizontal=True,
            key=f"{key}_kind",
        )
        texts = {}
        for pair in (("place", "phone"), ("collector", "company"), ("id_number", "witness_name")):
            cols = st.columns(2)
            for col, field in zip(cols, pair, strict=True):
                texts[field] = col.text_input(
                    tr(f"contacts.field_{field}"),
                    value=getattr(e, field) if e else "",
                    key=f"{key}_{field}",
                )
        cols = st.columns(3)
        ticks = {
            field: col.checkbox(
                tr(f"contacts.field_{field}"),
                value=bool(getattr(e, field)) if e else False,
                key=f"{key}_{field}",
            )
            for col, field in zip(cols, ("id_shown", "notice_given", "witness"), strict=True)
        }
        said = st.text_area(tr("contacts.field_said"), value=e.said if e else "", key=f"{key}_said")
        chosen = st.multiselect(
            tr("contacts.field_flags"),
            CONDUCT_FLAGS,
            default=list(e.flags) if e else [],
            format_func=flags.__getitem__,
            placeholder=tr("coach_page.log_flags_hint"),
            help=tr("coach_page.log_flags_help"),
            key=f"{key}_flags",
        )
        follow_up = st.text_area(
            tr("contacts.field_follow_up"), value=e.follow_up if e else "", key=f"{key}_follow"
        )
        label = "coach_page.log_correct_save" if e else "coach_page.log_save"
        submitted = st.form_submit_button(tr(label), type="primary")
    if not submitted:
        return
    entry = ContactEntry(
        when=dt.datetime.combine(day, time),
        kind=kind,
        said=said,
        follow_up=follow_up,
        flags=tuple(chosen),
        **texts,
        **ticks,
    )
    try:
        if e is None:
            number = add_contact(state.engine(), state.profile(), entry)
            message = tr("coach_page.log_saved", entry=number)
        else:
            version = correct_contact(state.engine(), state.profile(), e.entry, entry)
            message = tr("coach_page.log_corrected", entry=e.entry, version=version)
    except CoachError as exc:
        st.error(widgets.message(exc))
        return
    state.data_changed()
    st.session_state["contact_form_round"] = round_ + 1
    st.toast(message)
    st.rerun()


def _table(rows: list[dict], columns: tuple[str, ...]) -> None:
    frame = pd.DataFrame(rows, columns=list(COLUMNS)).loc[:, list(columns)]
    frame["when"] = frame["when"].map(lambda w: w.strftime("%Y-%m-%d %H:%M"))
    st.dataframe(
        frame,
        hide_index=True,
        column_config={c: tr(f"contacts.col_{c}") for c in columns},
    )


def _log() -> None:
    st.subheader(tr("coach_page.log_title"))
    st.caption(tr("coach_page.log_intro"))
    versions = cache.contact_versions(state.url(), state.profile())
    latest = latest_versions(versions)
    with st.expander(tr("coach_page.log_add"), expanded=not latest):
        _contact_form(None)
    if not latest:
        st.caption(tr("coach_page.log_empty"))
        return
    lang = state.lang()
    derived = time_flags(latest)
    # what matters first stays in view on a phone: when, how, and what they did
    shown = ("when", "kind", "flags", "said", "place", "collector", "company")
    rows = [row_values(r, derived.get(r.entry, ()), lang) for r in latest]
    _table(rows, ("entry", *shown[:3], "time_flags", *shown[3:]))
    if any(r.version > 1 for r in versions):
        with st.expander(tr("coach_page.log_history")):
            history = sorted(versions, key=lambda r: (r.entry, r.version))
            _table(
                [row_values(r, None, lang) for r in history],
                ("entry", "version", *shown, "recorded"),
            )
    with st.expander(tr("coach_page.log_correct")):
        shown = {
            r.entry: tr(
                "coach_page.log_pick_label",
                entry=r.entry,
                when=r.when.strftime("%Y-%m-%d %H:%M"),
                kind=tr(f"contacts.kind_{r.kind}"),
            )
            for r in latest
        }
        picked = st.selectbox(
            tr("coach_page.log_correct_pick"),
            latest,
            index=None,
            placeholder=tr("coach_page.log_correct_hint"),
            format_func=lambda r: shown[r.entry],
            key="contact_correct_pick",
        )
        if picked is not None:
            _contact_form(picked)
    left, right = st.columns(2)
    left.download_button(
        tr("coach_page.download_xlsx"),
        data=lambda: log_workbook(versions, lang),
        file_name="collection-log.xlsx",
        mime=XLSX,
        icon=":material/download:",
    )
    right.download_button(
        tr("coach_page.download_page"),
        data=lambda: log_page(versions, lang, dt.date.today()).encode("utf-8"),
        file_name="collection-log.html",
        mime="text/html",
        icon=":material/print:",
    )


# --- letters ---------------------------------------------------------------------------


def _yuan(label: str, cents: int, key: str) -> int:
    """An amount typed as text and read by the money rules (a number box would answer a
    wrong value in Streamlit's English); one that cannot be read keeps the figure found."""
    typed = st.text_input(tr(label), value=format_cents(cents), key=key)
    value = parse_cents(typed)
    if value is None or value < 0:
        st.error(tr("coach_page.amount_bad", value=typed, amount=display(cents)))
        return cents
    return value


def _means(debt) -> Means:
    """The figures the proposal starts from, each open to the user's correction."""
    found = cache.coach_means(state.url(), state.profile(), debt, cache.today())
    if found.months:
        st.caption(tr("coach_page.letter_means_help", months=len(found.months)))
    else:
        st.caption(tr("coach_page.letter_means_unknown"))
    cols = st.columns(3)
    key = f"letter_means_{debt.id}"
    with cols[0]:
        income = _yuan("coach_page.letter_income", found.income, f"{key}_income")
    with cols[1]:
        essentials = _yuan("coach_page.letter_essentials", found.essentials, f"{key}_essentials")
    with cols[2]:
        others = _yuan("coach_page.letter_others", found.other_minimums, f"{key}_others")
    if (income, essentials, others) == (found.income, found.essentials, found.other_minimums):
        return found
    return Means(income, essentials, others, stated=True)


def _proposal(debt, today: dt.date):
    means = _means(debt)
    card = st.checkbox(
        tr("coach_page.letter_card"), value=looks_like_card(debt), key=f"letter_card_{debt.id}"
    )
    found = propose(debt, means, card=card, start=next_month(today))
    if means.known:
        st.markdown(tr("coach_page.letter_affordable", amount=display(max(means.affordable, 0))))
    offer = found.offer
    if offer is not None:
        st.success(
            tr(
                "coach_page.letter_offer",
                kind=tr(f"letters.offer_kind_{offer.kind}"),
                months=offer.months,
                payment=display(offer.payment),
                last=display(offer.last),
                total=display(offer.total),
            )
        )
    elif means.known and means.affordable > 0:
        st.warning(
            tr(
                "coach_page.letter_offer_short",
                affordable=display(means.affordable),
                max=MAX_MONTHS,
                needed=display(found.needed),
            )
        )
    elif means.known:
        st.warning(tr("coach_page.letter_offer_nothing"))
    return proposal_letter(found, today, state.lang())


def _letters() -> None:
    st.subheader(tr("coach_page.letters_title"))
    debts = cache.debts(state.url(), state.profile())
    owing = [d for d in debts if d.balance_cents > 0]
    if not owing:
        st.info(tr("coach_page.letters_no_debts"))
        return
    st.caption(tr("coach_page.letters_intro"))
    left, right = st.columns(2)
    debt = left.selectbox(
        tr("coach_page.letter_debt"), owing, format_func=lambda d: d.name, key="letter_debt"
    )
    # labels worked out now: a format function runs again later, in any language
    kinds = {k: tr(f"letters.kind_{k}") for k in LETTER_KINDS}
    kind = right.selectbox(
        tr("coach_page.letter_kind"), LETTER_KINDS, format_func=kinds.__getitem__, key="letter_kind"
    )
    today = dt.date.today()
    lang = state.lang()
    contacts = latest_versions(cache.contact_versions(state.url(), state.profile()))
    if kind == "proposal":
        letter = _proposal(debt, today)
    elif kind == "notice_request":
        letter = notice_request_letter(debt, today, lang)
    elif kind == "stop_third_party":
        letter = stop_third_party_letter(debt, contacts, today, lang)
    else:
        letter = complaint_letter(debt, contacts, today, lang)
        st.info(tr("coach_page.letter_escalate", date=escalation_date(today).isoformat()))
    widgets.letter(letter, f"{kind}-{today.isoformat()}")


def render() -> None:
    st.title(tr("coach_page.title"))
    st.caption(tr("coach_page.intro"))
    _advice()
    _log()
    _letters()
