"""Budget page: last month's surplus first, then where the money goes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from core.categories.matching import Rule, canonical_name, display_name, normalise_keyword
from core.categories.rules import add_rule, change_rules, set_category
from core.importing.pairs import unpair
from core.ledger.budget import AVERAGE_MONTHS, BudgetFigures, with_gaps
from core.ledger.freshness import stale_since
from core.money import display
from core.months import Month
from core.present.csv import transactions_csv
from core.usertext import markdown
from dashboard import advice, cache, charts, state, widgets
from dashboard.state import tr


def _headline(figures: BudgetFigures, today: dt.date) -> None:
    """Last calendar month's surplus against the average (a month without records
    shows a dash, not ¥0.00); the month under way, if it has records, as "so far"."""
    lang = state.lang()
    by_month = {f.month: f for f in figures.months}
    current = Month.current(today)
    last = by_month.get(current - 1)
    average = figures.average_surplus
    cols = st.columns(3)
    label = tr("budget_page.surplus_of", month=(current - 1).text(lang))
    if last is None:
        cols[0].metric(label, "—", help=tr("budget_page.no_records_month"))
    else:
        compare = average is not None
        cols[0].metric(
            label,
            display(last.surplus),
            delta=display(last.surplus - average) if compare else None,
            delta_description=tr("budget_page.vs_average") if compare else None,
        )
    cols[1].metric(tr("budget_page.income"), display(last.income) if last else "—")
    cols[2].metric(tr("budget_page.spending"), display(last.spending) if last else "—")
    now = by_month.get(current)
    if now is not None:
        st.caption(
            tr(
                "budget_page.so_far_line",
                month=current.text(lang),
                income=display(now.income),
                spending=display(now.spending),
                surplus=display(now.surplus),
            )
        )
    if average is None:
        return
    if average > 0:
        has_debts = bool(cache.debts(state.url(), state.profile()))
        key = "budget_page.next_positive_plan" if has_debts else "budget_page.next_positive"
        st.success(tr(key, amount=display(average)))
    else:
        st.warning(tr("budget_page.next_negative", amount=display(-average)))
    window = [Month(f.month) for f in figures.averaged]
    note = tr("budget_page.average_window", first=window[0].text(lang), last=window[-1].text(lang))
    if figures.empty:
        empty = tr("budget_page.list_separator").join(Month(m).text(lang) for m in figures.empty)
        note += " " + tr("budget_page.average_empty", months=empty)
    st.caption(note)


def _categories(figures: BudgetFigures, today: dt.date) -> None:
    st.subheader(tr("budget_page.by_category"))
    choices = {
        "last": tr("budget_page.range_last"),
        "three": tr("budget_page.range_three"),
        "all": tr("budget_page.range_all"),
    }
    pick = (
        st.segmented_control(
            tr("budget_page.range"),
            list(choices),
            format_func=choices.__getitem__,
            default="last",
            label_visibility="collapsed",
        )
        or "last"
    )
    # "Last month" is the calendar month before today's; three months, the average's
    last = Month.current(today) - 1
    wanted = {"last": 1, "three": AVERAGE_MONTHS, "all": None}[pick]
    chosen = tuple(last - k for k in range(wanted - 1, -1, -1)) if wanted else None
    frame = cache.spending_by_category(state.url(), state.profile(), chosen)
    if frame.empty:
        st.caption(tr("budget_page.no_spending"))
        return
    frame = frame.assign(category=frame["category"].map(_category_label))
    st.plotly_chart(
        charts.category_figure(frame, tr("budget_page.spending")), config={"displayModeBar": False}
    )


def _category_label(name: str | None) -> str:
    return display_name(name, state.lang()) if name else tr("budget_page.uncategorised")


def _transactions() -> None:
    st.subheader(tr("budget_page.transactions"))
    advice.inline("scam_warning")
    search = st.text_input(tr("budget_page.search"), placeholder=tr("budget_page.search_hint"))
    frame = cache.transactions(state.url(), state.profile(), search, False, 2000)
    if frame.empty:
        st.caption(tr("budget_page.no_match"))
        return
    st.dataframe(
        _for_people(frame),
        hide_index=True,
        column_order=["date", "description", "counterparty", "amount", "kind", "category"],
        column_config=_columns(),
    )
    st.download_button(  # in place of the table's own, which wrote "=..." as formulas
        tr("safety.download_csv"),
        transactions_csv(frame, state.lang()),
        file_name="records.csv",
        mime="text/csv",
        icon="⬇️",
    )


def _for_people(frame: pd.DataFrame) -> pd.DataFrame:
    """Amounts with their sign and currency, how each counts (a transfer counts as
    neither income nor spending), and one "what" line from description and counterparty."""
    what = frame["description"].fillna("").str.cat(frame["counterparty"].fillna(""), sep=" · ")
    return frame.assign(
        amount=frame["amount_cents"].map(display),
        kind=_once_each(frame["kind"], lambda kind: tr(f"budget_page.kind_{kind}")),
        category=_once_each(frame["category"], _category_label),
        what=what.str.strip(" ·"),
    )


def _once_each(values: pd.Series, label: Callable[[object], str]) -> pd.Series:
    """`label` of each value, worked out once per distinct value: 2,000 rows hold a few
    kinds and categories, and each label reads the session's language."""
    known: dict[object, str] = {}
    return values.map(lambda v: known[v] if v in known else known.setdefault(v, label(v)))


def _columns() -> dict[str, st.column_config.Column]:
    return {
        "date": st.column_config.DateColumn(tr("budget_page.col_date"), format="YYYY-MM-DD"),
        "description": st.column_config.TextColumn(tr("budget_page.col_description")),
        "counterparty": st.column_config.TextColumn(tr("budget_page.col_counterparty")),
        "amount": st.column_config.TextColumn(tr("budget_page.col_amount")),
        "kind": st.column_config.TextColumn(tr("budget_page.col_kind")),
        "category": st.column_config.TextColumn(tr("budget_page.col_category")),
        "what": st.column_config.TextColumn(tr("budget_page.col_description")),
    }


NOT_CHOSEN = "—"


def _uncategorised() -> None:
    frame = cache.transactions(state.url(), state.profile(), "", True, 200)
    if frame.empty:
        return
    st.subheader(tr("budget_page.uncategorised_title", count=len(frame)))
    st.caption(tr("budget_page.uncategorised_help"))
    names = cache.category_names(state.url(), state.profile())
    labels = {_category_label(n): n for n in names}
    # a dash for "not chosen yet": an empty choice would show as "None"
    table = _for_people(frame).assign(category=NOT_CHOSEN, rule="")
    edited = st.data_editor(
        table,
        hide_index=True,
        key="uncategorised_editor",
        column_order=["date", "what", "amount", "category", "rule"],
        disabled=["date", "what", "amount"],
        column_config={
            **_columns(),
            "category": st.column_config.SelectboxColumn(
                tr("budget_page.col_category"), options=[NOT_CHOSEN, *labels]
            ),
            "rule": st.column_config.TextColumn(
                tr("budget_page.col_rule"), help=tr("budget_page.rule_help")
            ),
        },
    )
    if st.button(tr("budget_page.save_categories"), type="primary"):
        # a keyword typed and deleted again comes back as None
        edited = edited.fillna({"rule": "", "category": NOT_CHOSEN})
        picked = ~edited["category"].isin(["", NOT_CHOSEN])
        chosen = edited[picked]
        if chosen.empty or (edited["rule"].str.strip().astype(bool) & ~picked).any():
            st.warning(tr("budget_page.pick_category_first"))
            return
        for (label, rule), group in chosen.groupby(["category", "rule"], dropna=False):
            set_category(
                state.engine(),
                state.profile(),
                group["id"].tolist(),
                labels[label],
                make_rule_from=(rule or "").strip() or None,
            )
        state.data_changed()
        st.toast(tr("budget_page.saved", count=len(chosen)))
        st.rerun()


RULES_NOTE = "rules_note"  # the last rule change's message, shown after the rerun
RULES_VERSION = "rules_version"  # in the widgets' keys: bumped after each change to reset them


def _rules() -> None:
    note = st.session_state.pop(RULES_NOTE, None)
    with st.expander(
        tr("budget_page.rules_title"), icon=":material/label:", expanded=note is not None
    ):
        if note:
            st.success(note)
        st.caption(tr("budget_page.rules_help"))
        names = cache.category_names(state.url(), state.profile())
        labels = {_category_label(n): n for n in names}
        version = st.session_state.get(RULES_VERSION, 0)
        _add_rule(labels, version)
        rules = cache.rules(state.url(), state.profile())
        if rules:
            _edit_rules(rules, labels, version)
        else:
            st.caption(tr("budget_page.no_rules"))


def _add_rule(labels: dict[str, str], version: int) -> None:
    with st.form(f"add_rule_{version}", border=False):
        left, right, button = st.columns([3, 3, 2], vertical_alignment="bottom")
        keyword = left.text_input(
            tr("budget_page.rule_keyword"),
            placeholder=tr("budget_page.rule_keyword_hint"),
            key=f"rule_keyword_{version}",
        )
        chosen = right.selectbox(
            tr("budget_page.rule_category"),
            list(labels),
            index=None,
            placeholder=tr("budget_page.rule_category_hint"),
            accept_new_options=True,
            key=f"rule_category_{version}",
        )
        submitted = button.form_submit_button(tr("budget_page.add_rule"), icon=":material/add:")
    if not submitted:
        return
    keyword = (keyword or "").strip()
    if not keyword or not (chosen or "").strip():
        st.warning(tr("budget_page.rule_incomplete"))
        return
    name = labels.get(chosen, chosen)
    changed = add_rule(state.engine(), state.profile(), keyword, name)
    keyword, category = (
        normalise_keyword(keyword),
        _category_label(canonical_name(name)),
    )
    _after_rule_change(
        state.trn(
            "budget_page.rule_added",
            changed,
            keyword=markdown(keyword),
            category=markdown(category),
            records=changed,
        )
    )


def _edit_rules(rules: list[Rule], labels: dict[str, str], version: int) -> None:
    st.caption(tr("budget_page.rules_edit_help"))
    newest_first = rules[::-1]
    table = pd.DataFrame(
        {
            "id": [r.id for r in newest_first],
            "keyword": [r.keyword for r in newest_first],
            "category": [_category_label(r.category) for r in newest_first],
            "delete": False,
        }
    )
    edited = st.data_editor(
        table,
        hide_index=True,
        key=f"rules_editor_{version}",
        column_order=["keyword", "category", "delete"],
        disabled=["keyword"],
        column_config={
            "keyword": st.column_config.TextColumn(tr("budget_page.col_keyword")),
            "category": st.column_config.SelectboxColumn(
                tr("budget_page.col_category"), options=["", *labels], required=True
            ),
            "delete": st.column_config.CheckboxColumn(tr("budget_page.col_delete")),
        },
    )
    if not st.button(tr("budget_page.save_rules"), key="save_rules"):
        return
    gone = edited["delete"].fillna(False).astype(bool)
    new = edited["category"].isin(list(labels)) & (edited["category"] != table["category"])
    deleted = edited.loc[gone, "id"].tolist()
    moved = {
        int(i): labels[label] for i, label in edited.loc[new & ~gone, ["id", "category"]].values
    }
    if not moved and not deleted:
        st.info(tr("budget_page.rules_unchanged"))
        return
    changed = change_rules(state.engine(), state.profile(), moved, deleted)
    _after_rule_change(state.trn("budget_page.rules_saved", changed, records=changed))


def _after_rule_change(message: str) -> None:
    st.session_state[RULES_NOTE] = message
    st.session_state[RULES_VERSION] = st.session_state.get(RULES_VERSION, 0) + 1
    state.data_changed()
    st.rerun()


def _paired() -> None:
    """Bank rows that are the same money as a platform's row: counted once, shown here."""
    pairs = cache.paired_rows(state.url(), state.profile())
    if pairs.empty:
        return
    with st.expander(tr("statements.pairs_title", count=len(pairs)), icon=":material/link:"):
        st.caption(tr("statements.pairs_help"))
        frame = pairs.assign(
            amount=pairs["amount_cents"].map(display),
            kept_layout=pairs["kept_layout"].map(
                lambda layout: tr(f"import_page.layout_{layout}") if layout else ""
            ),
            undo=False,
        )
        edited = st.data_editor(
            frame,
            hide_index=True,
            disabled=["date", "amount", "bank_text", "kept_text", "kept_layout"],
            column_order=["date", "amount", "bank_text", "kept_text", "kept_layout", "undo"],
            column_config={
                "date": st.column_config.DateColumn(
                    tr("budget_page.col_date"), format="YYYY-MM-DD"
                ),
                "amount": tr("budget_page.col_amount"),
                "bank_text": tr("statements.col_bank_row"),
                "kept_text": tr("statements.col_kept_row"),
                "kept_layout": tr("statements.col_kept_file"),
                "undo": st.column_config.CheckboxColumn(tr("statements.col_undo")),
            },
            key="pairs_editor",
        )
        chosen = edited.loc[edited["undo"], "id"].tolist()
        if chosen and st.button(tr("statements.undo_pairs", count=len(chosen))):
            for pair_id in chosen:
                unpair(state.engine(), state.profile(), int(pair_id))
            state.data_changed()
            st.rerun()


def render() -> None:
    st.title(tr("budget_page.title"))
    today = dt.date.today()
    figures = cache.budget_figures(state.url(), state.profile(), today.isoformat())
    if not figures.months:
        st.info(tr("budget_page.empty"))
        widgets.link("import")
        return
    stale = stale_since(cache.latest_record(state.url(), state.profile()), today)
    if stale is not None:
        widgets.stale_notice(stale)
    _headline(figures, today)
    widgets.sample_banner()
    st.subheader(tr("budget_page.by_month"))
    labels = {k: tr(f"budget_page.{k}") for k in ("income", "spending", "surplus")}
    # every month on the axis, gaps included, up to last month at least
    shown = with_gaps(figures.months, until=Month.current(today) - 1)
    st.plotly_chart(
        charts.monthly_figure(shown, labels),
        config={"displayModeBar": False},
    )
    _categories(figures, today)
    _paired()
    _uncategorised()
    _rules()
    _transactions()
