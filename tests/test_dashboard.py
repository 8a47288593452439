"""The dashboard as a person uses it: `dashboard/app.py` run by Streamlit's AppTest on a real
SQLite store, every page in both languages, the import, debt and categorise flows.

Nothing under test is mocked. What a page shows is compared with the message catalogue
and with what `core` reads back from the same store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
import streamlit as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from core import db, preferences
from core.categories.rules import list_rules
from core.debts.entry import DebtEntry
from core.debts.store import add_debt, list_debts
from core.home import sources as home
from core.i18n import t
from core.importing import ImportRefused, preview_file
from core.importing.store import import_file
from core.ledger import budget, samples
from core.ledger.transactions import transactions
from core.money import display
from core.months import Month
from core.planner.request import plan_request
from core.present.text import problem_text
from core.profiles import profile_id
from core.progress.history import current_records
from core.progress.payments import record_payment
from core.progress.plans import adopt_plan
from core.usertext import markdown
from tests import factories
from tests.filemakers import csv_bytes, wechat_csv, wechat_record

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
PAGES = ("home", "budget", "import", "debts", "plan")
LANGS = ("zh", "en")


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def start(lang: str = "zh", page: str | None = None) -> AppTest:
    """The app as a visitor opens it (on the home page, or on `page`), in `lang` (the
    selectbox starts on zh: AppTest's browser says no language)."""
    at = ok(AppTest.from_file(str(APP), default_timeout=30).run())
    if lang != at.selectbox(key="lang").value:
        ok(at.selectbox(key="lang").set_value(lang).run())
    return open_page(at, page) if page else at


def set_lang(at: AppTest, lang: str) -> AppTest:
    return ok(at.selectbox(key="lang").set_value(lang).run())


def open_page(at: AppTest, name: str) -> AppTest:
    """Go to page `name` as a browser does, by the page's URL path.

    `AppTest.switch_page()` only takes page *files*; these pages are functions given to
    `st.navigation`, which identifies a page by the hash of its url_path. So the request
    is made with that hash, and the run must end on that page.
    """
    at._page_hash = calc_hash(name)
    ok(at.run())
    assert at._finished_page_script_hash == calc_hash(name), f"did not reach page {name!r}"
    return at


def one(widgets: Sequence, label: str):
    """The one widget or element labelled `label`."""
    found = [w for w in widgets if w.label == label]
    assert len(found) == 1, (label, [w.label for w in widgets])
    return found[0]


def texts(elements: Sequence) -> list[str]:
    return [e.value for e in elements]


def labels(widgets: Sequence) -> list[str]:
    return [w.label for w in widgets]


def count_rows(engine: Engine) -> int:
    return len(transactions(engine, profile_id(engine)))


WEILIDAI = factories.debt(lender="")


# --- first start, the home page, and every page in both languages --------------------------


def test_an_empty_store_starts_with_three_steps_and_the_example_one_click_away(store):
    at = start("zh")
    assert texts(at.title) == [t("home_page.title", "zh")]
    assert t("home_page.start_title", "zh") in texts(at.subheader)
    assert [link.proto.page for link in at.page_link] == ["import", "debts", "plan"]
    assert budget.monthly(store, profile_id(store)) == [], "nothing is loaded unasked"

    ok(one(at.button, t("home_page.try_sample", "zh")).click().run())
    assert samples.showing_samples(store, profile_id(store))
    owed = sum(d.balance_cents for d in list_debts(store, profile_id(store)))
    assert metrics(at)[t("home_page.owed", "zh")] == display(owed)

    # clearing asks first; "keep it" keeps it
    ok(one(at.button, t("budget_page.clear_sample", "zh")).click().run())
    assert t("home_page.clear_confirm", "zh") in texts(at.warning)
    assert samples.showing_samples(store, profile_id(store)), "cleared before the yes"
    ok(one(at.button, t("home_page.clear_no", "zh")).click().run())
    assert samples.showing_samples(store, profile_id(store))
    ok(one(at.button, t("budget_page.clear_sample", "zh")).click().run())
    ok(one(at.button, t("home_page.clear_yes", "zh")).click().run())
    assert not samples.showing_samples(store, profile_id(store))
    assert list_debts(store, profile_id(store)) == []
    assert t("home_page.sample_cleared", "zh") in texts(at.success)
    assert t("home_page.start_title", "zh") in texts(at.subheader)

    # and it can be undone for the session
    ok(one(at.button, t("home_page.undo", "zh")).click().run())
    assert samples.showing_samples(store, profile_id(store))
    assert metrics(at)[t("home_page.owed", "zh")] == display(owed)
    assert t("home_page.undo", "zh") not in labels(at.button)


def test_home_shows_where_you_stand_with_a_link_for_each_figure(sample):
    at = start("zh")
    for lang in LANGS:
        set_lang(at, lang)
        standing = home.standing(sample, profile_id(sample))
        assert texts(at.title) == [t("home_page.title", lang)]
        step = standing.next_step
        # the sample's 微粒贷 is overdue: that comes first, with what a week costs
        assert step.key == "home.step_overdue" and step.page == "debts"
        assert step.title(lang) in texts(at.subheader)
        assert step.why(lang) in [m.value for m in at.markdown]
        shown = metrics(at)
        assert shown[t("home_page.owed", lang)] == display(standing.owed.total)
        month = standing.month
        label = t(
            "home_page.month_so_far" if month.so_far else "home_page.month_last",
            lang,
            month=Month(month.month).text(lang),
        )
        assert shown[label] == display(month.surplus)
        free = standing.debt_free
        expected = (
            Month(free.month).text(lang) if free.month else t("home_page.debt_free_none", lang)
        )
        assert shown[t("home_page.debt_free", lang)] == expected
        # the sample's budget is below its minimums: when the fair split would clear them
        assert free.shortfall and free.if_agreed
        agreed = t("home_page.debt_free_if_agreed", lang, month=Month(free.if_agreed).text(lang))
        assert agreed in texts(at.caption)
        links = {link.proto.page for link in at.page_link}
        assert {"debts", "budget", "plan"} <= links
        due = [r.title for r in standing.reminders]
        assert due and all(any(name in line for line in texts(at.text)) for name in due)


def test_home_shows_the_plan_followed_and_what_was_paid(store):
    profile = profile_id(store)
    add_debt(store, profile, factories.debt(name="信用卡", current=True, due_day=None))
    request = plan_request(store, profile, "avalanche", budget=500_000)
    adopt_plan(store, profile, request)
    [card] = list_debts(store, profile)
    record_payment(store, profile, card.id, dt.date.today(), 300_000)
    at = start("en")
    planned = request.compare().plans["avalanche"]
    assert metrics(at)[t("home_page.debt_free", "en")] == Month(planned.debt_free).text("en")
    [owed] = [m for m in at.metric if m.label == t("home_page.owed", "en")]
    assert owed.value == display(card.balance_cents - 300_000)
    assert owed.delta == display(-300_000)
    [bar] = at.get("progress")
    assert display(300_000) in bar.proto.text
    assert "progress" in {link.proto.page for link in at.page_link}


def test_the_language_is_kept_in_the_profile(store):
    start("en")
    assert preferences.language(store, profile_id(store)) == "en"
    again = ok(AppTest.from_file(str(APP), default_timeout=30).run())  # a reload
    assert again.selectbox(key="lang").value == "en"
    assert texts(again.title) == [t("home_page.title", "en")]


@pytest.mark.parametrize(
    ("page", "example"),
    [*((page, True) for page in PAGES), ("home", False), ("debts", False), ("plan", False)],
)
def test_every_page_renders_in_both_languages(store, page, example):
    """On the example data, and on a store with only the user's own overdue loan."""
    if example:
        samples.load_samples(store, profile_id(store))
    else:
        add_debt(store, profile_id(store), WEILIDAI)
    at = start("zh", page)
    titles = {}
    for lang in LANGS:
        set_lang(at, lang)
        assert at._finished_page_script_hash == calc_hash(page)  # still on the page
        titles[lang] = texts(at.title)
        assert titles[lang] == [t(f"{page}_page.title", lang)]
        SHOWS_THE_STORE[page](at, store, lang)
        assert "None" not in " ".join(_everything_shown(at)), "a missing value shown as None"
    assert titles["zh"] != titles["en"]


def _everything_shown(at: AppTest) -> list[str]:
    """Text, metrics and table cells on the page, as strings."""
    shown = texts(at.markdown) + texts(at.caption) + texts(at.text)
    shown += [m.value for m in at.metric] + [str(m.label) for m in at.metric]
    for frame in at.dataframe:
        shown += [str(v) for v in frame.value.to_numpy().ravel()]
    return shown


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _budget_shows_the_store(at: AppTest, store: Engine, lang: str) -> None:
    """Last month is the calendar month before today's (a dash when it has no records)."""
    last = Month.current() - 1
    figures = {m.month: m for m in budget.monthly(store, profile_id(store))}
    label = t("budget_page.surplus_of", lang, month=last.text(lang))
    assert metrics(at)[label] == (display(figures[last].surplus) if last in figures else "—")
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    months = chart[0]["x"]
    assert len(months) == Month(months[-1]).index - Month(months[0]).index + 1, "a gap left out"


def _debts_show_the_store(at: AppTest, store: Engine, lang: str) -> None:
    owed = sum(d.balance_cents for d in current_records(store, profile_id(store)))
    assert owed > 0
    assert metrics(at)[t("debts_page.total", lang)] == display(owed)


def _plan_shows_the_store(at: AppTest, store: Engine, lang: str) -> None:
    """What core plans for the stored debts at the slider's budget and the chosen strategy:
    the debt-free month; when (as in the sample) the minimums exceed the budget, the fair
    split's debt-free month if the lenders agree; or why there is none."""
    budget_cents = at.select_slider(key="plan_budget").value
    strategy = at.radio(key="plan_strategy").value
    request = plan_request(store, profile_id(store), strategy, budget=budget_cents)
    chosen = request.compare().plans[strategy]
    split = request.split()
    if split is not None:
        agreed = split.accepted
        done = Month(agreed.debt_free).text(lang) if agreed.feasible else t("split.never", lang)
        assert metrics(at)[t("split.accepted_title", lang)] == done
    elif chosen.feasible:
        assert metrics(at)[t("plan_page.debt_free", lang)] == Month(chosen.debt_free).text(lang)
    else:
        assert problem_text(chosen, lang) in texts(at.error)


def _home_shows_the_store(at: AppTest, store: Engine, lang: str) -> None:
    standing = home.standing(store, profile_id(store))
    assert metrics(at)[t("home_page.owed", lang)] == display(standing.owed.total)
    assert standing.next_step.title(lang) in texts(at.subheader)


SHOWS_THE_STORE = {
    "home": _home_shows_the_store,
    "budget": _budget_shows_the_store,
    "import": lambda at, store, lang: None,  # nothing stored is shown until a file is chosen
    "debts": _debts_show_the_store,
    "plan": _plan_shows_the_store,
}


# --- import -----------------------------------------------------------------------------

WECHAT = wechat_csv(
    [
        wechat_record(
            dt.datetime(2026, 11, 3, 12, 5), "商户消费", "阿强面馆", "牛肉面", "支出", "23.50"
        ),
        wechat_record(dt.datetime(2026, 11, 4, 9, 0), "转账", "周老板", "兼职", "收入", "800.00"),
    ]
)


def test_import_a_wechat_bill_preview_confirm_once(store):
    at = open_page(start("en"), "import")
    before = count_rows(store)
    ok(at.file_uploader[0].upload("微信支付账单.csv", WECHAT, "text/csv").run())
    understood = t(
        "import_page.understood_all",
        "en",
        layout=t("import_page.layout_wechat", "en"),
        rows=2,
        sheets=1,
    )
    assert understood in texts(at.markdown)
    preview = at.dataframe[0].value
    assert sorted(preview["description"]) == ["兼职", "牛肉面"]
    assert count_rows(store) == before, "the preview saved something"

    ok(one(at.button, t("import_page.confirm", "en", rows=2)).click().run())
    report = t("import_page.report", "en", imported=2, duplicates=0, skipped=0)
    assert texts(at.success) == [report]
    assert count_rows(store) == before + 2
    noodles = transactions(store, profile_id(store), search="阿强面馆")
    assert noodles["amount_cents"].tolist() == [-2350]

    # Done: the file offers no second import (with other columns it would double up).
    assert t("import_page.confirm", "en", rows=2) not in labels(at.button)
    ok(at.run())
    assert texts(at.success) == [report] and count_rows(store) == before + 2


def test_a_file_that_is_not_a_spreadsheet_is_refused_readably(store):
    at = open_page(start("zh"), "import")
    before = count_rows(store)
    content = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR screenshot, not a bill"
    with pytest.raises(ImportRefused) as refused:
        preview_file("账单截图.csv", content)
    ok(at.file_uploader[0].upload("账单截图.csv", content, "text/csv").run())
    assert texts(at.error) == [refused.value.message("zh")]
    assert "账单截图.csv" in at.error[0].value
    assert t("import_page.refused_hint", "zh") in texts(at.caption)
    assert not [b for b in at.button if b.key and b.key.endswith(":go")]
    assert count_rows(store) == before


@pytest.mark.parametrize("lang", LANGS)
def test_a_file_of_another_kind_gets_our_message(store, lang):
    at = start(lang, "import")
    ok(at.file_uploader[0].upload("截图.png", b"\x89PNG\r\n\x1a\n", "image/png").run())
    assert texts(at.error) == [t("import.refused_type", lang, file="截图.png")]
    assert count_rows(store) == 0


def test_a_csv_preview_says_nothing_of_sheets(store):
    at = start("en", "import")
    ok(at.file_uploader[0].upload("微信支付账单.csv", WECHAT, "text/csv").run())
    assert not [m for m in texts(at.markdown) if "sheet" in m]


BUDGET_SHEET = csv_bytes(
    [
        ["日期", "说明", "金额", "备注"],
        ["2026-11-02", "午饭", "-25.50", ""],
        ["2026-11-05", "工资", "3000", "十一月"],
    ]
)


def _map(at: AppTest, field: str, column: str) -> AppTest:
    [picker] = [s for s in at.selectbox if s.key and s.key.endswith(f":map:{field}")]
    return ok(picker.set_value(column).run())


def test_columns_chosen_by_hand_that_cannot_work_can_be_undone(store):
    at = open_page(start("en"), "import")
    ok(at.file_uploader[0].upload("budget.csv", BUDGET_SHEET, "text/csv").run())
    understood = t(
        "import_page.understood_all",
        "en",
        layout=t("import_page.layout_budget", "en"),
        rows=2,
        sheets=1,
    )
    assert understood in texts(at.markdown)

    _map(at, "amount", t("import_page.column_none", "en"))
    ok(one(at.button, t("import_page.apply_columns", "en")).click().run())
    assert len(at.error) == 1, "a mapping without an amount should be refused"
    assert understood not in texts(at.markdown)

    ok(one(at.button, t("import_page.reset_columns", "en")).click().run())
    assert not at.error
    assert understood in texts(at.markdown)
    ok(one(at.button, t("import_page.confirm", "en", rows=2)).click().run())
    assert texts(at.success) == [t("import_page.report", "en", imported=2, duplicates=0, skipped=0)]


def test_an_upload_survives_switching_the_language(store):
    at = open_page(start("zh"), "import")
    ok(at.file_uploader[0].upload("微信支付账单.csv", WECHAT, "text/csv").run())
    assert t("import_page.confirm", "zh", rows=2) in labels(at.button)
    set_lang(at, "en")
    assert t("import_page.confirm", "en", rows=2) in labels(at.button)


# --- debts ------------------------------------------------------------------------------


def _fill_debt_form(at: AppTest, lang: str, name: str, rate: str, **typed: str) -> AppTest:
    """The new-debt form as a person fills it in; `typed` overrides a field by its key
    suffix (balance, minimum, due_day, fee, penalty...)."""
    [form] = [f for f in at.form if f.form_submit_button]
    fields = {"name": name, "balance": "12000", "minimum": "600", "rate": rate, **typed}
    for box in form.text_input:
        suffix = box.key.rsplit("_", 1)[-1] if box.key else ""
        suffix = "due_day" if box.key and box.key.endswith("_due_day") else suffix
        suffix = "promo_apr" if box.key and box.key.endswith("_promo_apr") else suffix
        suffix = "promo_end" if box.key and box.key.endswith("_promo_end") else suffix
        if suffix in fields:
            box.input(fields[suffix])
    one(form.radio, t("debts_page.rate_kind", lang)).set_value("apr")
    if "overdue" in typed:
        one(form.checkbox, t("debts_page.is_overdue", lang)).check()
    form.form_submit_button[0].click()
    return ok(at.run())


def test_add_a_debt_and_see_it_listed(own_records):
    store = own_records
    at = start("en", "debts")
    assert texts(at.info) == [t("debts_page.empty", "en")]
    _fill_debt_form(at, "en", "招商银行信用卡", "18")
    [debt] = list_debts(store, profile_id(store))
    assert (debt.name, debt.balance_cents, debt.min_payment_cents, debt.apr) == (
        "招商银行信用卡",
        1_200_000,
        60_000,
        Decimal(18),
    )
    assert not at.error
    assert at.dataframe[0].value["name"].tolist() == ["招商银行信用卡"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("debts_page.total", "en")] == display(1_200_000)


@pytest.mark.parametrize("lang", LANGS)
def test_an_impossible_rate_is_refused_naming_the_field(own_records, lang):
    store = own_records
    at = start(lang, "debts")
    _fill_debt_form(at, lang, "网贷", "1200")
    [error] = texts(at.error)
    assert t("debts.field_apr", lang) in error
    assert error == t(
        "debts.invalid",
        lang,
        field=t("debts.field_apr", lang),
        reason=t("debts.reason_rate", lang, max=1000),
    )
    assert list_debts(store, profile_id(store)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_bad_field_is_named_in_words_and_nothing_is_written(own_records, lang):
    store = own_records
    at = start(lang, "debts")
    _fill_debt_form(at, lang, "", "abc", balance="1e15", minimum="-5", due_day="40")
    [error] = texts(at.error)
    for field in ("name", "balance", "min_payment", "apr", "due_day"):
        assert t(f"debts.field_{field}", lang) in error, field
    assert "1e15" in error, "1e15 is named, never read as 1"
    assert list_debts(store, profile_id(store)) == []
    # the form keeps what was typed, to be put right
    [form] = [f for f in at.form if f.form_submit_button]
    assert "1e15" in [box.value for box in form.text_input]


def test_an_amount_over_a_hundred_million_is_saved_only_once_confirmed(own_records):
    store = own_records
    at = start("en", "debts")
    _fill_debt_form(at, "en", "Mortgage", "4", balance="150,000,000")
    assert list_debts(store, profile_id(store)) == []
    [warning] = texts(at.warning)
    assert t("debts.field_balance", "en") in warning
    [form] = [f for f in at.form if f.form_submit_button]
    one(form.checkbox, t("debts_page.large_confirm", "en")).check()
    form.form_submit_button[0].click()
    ok(at.run())
    [debt] = list_debts(store, profile_id(store))
    assert debt.balance_cents == 15_000_000_000


def test_the_table_shows_days_overdue_and_the_penalty_rate(store):
    add_debt(store, profile_id(store), WEILIDAI)
    add_debt(store, profile_id(store), factories.debt(name="信用卡", current=True, due_day=None))
    at = start("zh", "debts")
    table = at.dataframe[0].value.set_index("name")
    days = (dt.date.today() - WEILIDAI.overdue_since).days
    status = t("debts_page.overdue_badge", "zh", date=WEILIDAI.overdue_since, days=days)
    assert table.loc["微粒贷", "status"] == status
    assert "27.375" in table.loc["微粒贷", "penalty"]
    assert table.loc["信用卡", ["penalty", "due_day", "overdue_amount"]].tolist() == ["—"] * 3
    assert texts(at.error)[0].startswith("有 1 笔欠款已逾期。")  # one debt, said as one


def test_the_table_shows_what_each_debt_owes_today_not_what_was_typed(store):
    """Interest since the debt was added and the payments recorded since move the balance:
    the debts page shows the figure the plan and the progress page start from."""
    me = profile_id(store)
    debt_id = add_debt(store, me, factories.debt(current=True, name="信用卡", due_day=None))
    with store.begin() as conn:  # added two months ago
        added = dt.datetime.now(dt.UTC) - dt.timedelta(days=62)
        conn.execute(sa.text("update debt set created_at = :t"), {"t": added})
    record_payment(store, me, debt_id, dt.date.today(), 50_000)
    [today] = current_records(store, me)
    typed = factories.debt(current=True).balance_cents
    assert today.balance_cents not in (typed, typed - 50_000)  # interest charged, payment less
    for lang in LANGS:
        at = start(lang, "debts")
        table = at.dataframe[0].value.set_index("name")
        assert table.loc["信用卡", "balance"] == display(today.balance_cents)
        assert metrics(at)[t("debts_page.total", lang)] == display(today.balance_cents)


def test_archiving_asks_first_and_can_be_undone(store):
    add_debt(store, profile_id(store), WEILIDAI)
    at = start("en", "debts")
    at.selectbox(key=None)  # the page has the language box and the one to pick a debt
    [pick] = [b for b in at.selectbox if b.label == t("debts_page.edit_pick", "en")]
    ok(pick.select_index(0).run())
    ok(one(at.button, t("debts_page.archive", "en")).click().run())
    assert list_debts(store, profile_id(store)), "archived before the yes"
    assert t("debts_page.archive_confirm", "en", name="微粒贷") in texts(at.warning)
    ok(one(at.button, t("debts_page.archive_yes", "en")).click().run())
    assert list_debts(store, profile_id(store)) == []
    assert t("debts_page.archived", "en", name="微粒贷") in texts(at.success)
    ok(one(at.button, t("home_page.undo", "en")).click().run())
    assert [d.name for d in list_debts(store, profile_id(store))] == ["微粒贷"]


# --- sorting what has no category -------------------------------------------------------


@pytest.fixture
def own_records(store: Engine) -> Engine:
    """A store that already has the user's own records, so no sample is loaded; none of the
    descriptions matches a built-in keyword."""
    sheet = csv_bytes(
        [
            ["Date", "Description", "Amount"],
            ["2026-10-05", "Piano lesson Anna", "-300"],
            ["2026-10-19", "Piano lesson Anna", "-300"],
            ["2026-10-25", "Bike repair", "-80"],
        ]
    )
    import_file(store, profile_id(store), "mine.csv", sheet)
    return store


def _unsorted(engine: Engine) -> list[str]:
    frame = transactions(engine, profile_id(engine), uncategorised_only=True)
    return frame["description"].tolist()


def _edit_unsorted(at: AppTest, description: str, **cells: object) -> None:
    """Edit the first (newest) row with `description` as a person would in the table."""
    rows = at.data_editor(key="uncategorised_editor").value
    row = rows.index[rows["description"] == description][0]
    at.session_state["uncategorised_editor"] = {
        "edited_rows": {int(row): cells},
        "added_rows": [],
        "deleted_rows": [],
    }


def test_sort_a_record_and_remember_a_rule(own_records):
    at = start("zh", "budget")
    assert not samples.showing_samples(own_records, profile_id(own_records))
    assert t("budget_page.uncategorised_title", "zh", count=3) in texts(at.subheader)
    education = t("budget.category_education", "zh")
    _edit_unsorted(at, "Piano lesson Anna", category=education, rule="piano lesson")
    ok(one(at.button, t("budget_page.save_categories", "zh")).click().run())
    assert _unsorted(own_records) == ["Bike repair"]
    piano = transactions(own_records, profile_id(own_records), search="Piano")
    assert piano["category"].tolist() == ["教育", "教育"]
    assert ("piano lesson", "教育") in {
        (r.keyword, r.category) for r in list_rules(own_records, profile_id(own_records))
    }
    assert t("budget_page.uncategorised_title", "zh", count=1) in texts(at.subheader)


def test_a_cleared_rule_cell_is_no_rule(own_records):
    """A keyword typed and deleted again reaches the page as None, not ""."""
    at = start("en", "budget")
    _edit_unsorted(at, "Bike repair", category=t("budget.category_transport", "en"), rule=None)
    ok(one(at.button, t("budget_page.save_categories", "en")).click().run())
    assert sorted(_unsorted(own_records)) == ["Piano lesson Anna", "Piano lesson Anna"]
    rules = list_rules(own_records, profile_id(own_records))
    assert not [r for r in rules if "bike" in r.keyword]


# --- the payoff plan ------------------------------------------------------------------------


def test_sample_plan_counts_repayments_already_made_and_moves_with_the_budget(sample):
    """The sample budget's surplus is below the sample debts' minimums, so the plan shares
    it out and says by how much it is short; the page offers to count the 微粒贷
    repayments the budget already makes, and with them the headline shows the debt-free
    month the planner computes."""
    store = sample
    at = start("en", "plan")
    engine, profile = store, profile_id(store)
    average = budget.average_surplus(engine, profile)
    repaid = budget.average_debt_payments(engine, profile)
    assert at.select_slider(key="plan_budget").value == average
    assert at.text_input(key="plan_budget_text").value == f"{average / 100:.2f}"
    short = plan_request(engine, profile, "avalanche", budget=average).split()
    assert t("split.title", "en") in texts(at.subheader)
    assert any(display(short.shortfall) in text for text in texts(at.markdown))
    [offer] = [b for b in at.button if b.label.startswith("Use ")]
    assert offer.label == t("plan_page.use_repayments", "en", amount=display(average + repaid))
    ok(offer.click().run())
    assert at.select_slider(key="plan_budget").value == average + repaid
    request = plan_request(engine, profile, "avalanche", budget=average + repaid)
    expected = request.compare().plans["avalanche"]
    assert expected.feasible
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("plan_page.debt_free", "en")] == Month(expected.debt_free).text("en")
    assert metrics[t("plan_page.interest", "en")] == display(expected.total_interest)
    # typed to the cent, sooner
    ok(at.text_input(key="plan_budget_text").input("5,000.55").run())
    assert at.select_slider(key="plan_budget").value == 500_055
    sooner = {m.label: m.value for m in at.metric}[t("plan_page.debt_free", "en")]
    assert sooner != metrics[t("plan_page.debt_free", "en")]
    assert at.get("download_button"), "the xlsx download is offered"
    # the what-if target starts at the month the plan reaches
    [target] = [s for s in at.select_slider if s.label == t("plan_page.whatif_by", "en")]
    assert Month(target.value).text("en") == sooner


@pytest.mark.parametrize("typed", ["1e15", "abc", "-5", ""])
def test_a_budget_typed_wrong_is_named_and_changes_nothing(sample, typed):
    at = start("en", "plan")
    before = at.select_slider(key="plan_budget").value
    ok(at.text_input(key="plan_budget_text").input(typed).run())
    assert at.select_slider(key="plan_budget").value == before
    assert t("planning.bad_budget", "en", value=typed) in texts(at.error)
    assert preferences.plan_choices(sample, profile_id(sample)).budget is None


def test_plan_choices_are_kept_in_the_profile_across_pages_and_reloads(sample):
    at = start("en", "plan")
    ok(at.radio(key="plan_strategy").set_value("snowball").run())
    chosen = 300_000  # ¥3,000.00: a stop whatever the slider's step
    ok(at.select_slider(key="plan_budget").set_value(chosen).run())
    open_page(at, "budget")
    open_page(at, "plan")
    assert at.radio(key="plan_strategy").value == "snowball"
    assert at.select_slider(key="plan_budget").value == chosen
    reloaded = start("en", "plan")  # a new session: what the profile keeps
    assert reloaded.radio(key="plan_strategy").value == "snowball"
    assert reloaded.select_slider(key="plan_budget").value == chosen
    saved = preferences.plan_choices(sample, profile_id(sample))
    assert (saved.strategy, saved.budget) == ("snowball", chosen)
    # and the home page's debt-free month is that plan's
    home_page = start("en")
    standing = home.standing(sample, profile_id(sample), strategy="snowball", budget=chosen)
    assert standing.debt_free.source == "snowball"
    shown = metrics(home_page)[t("home_page.debt_free", "en")]
    assert shown == Month(standing.debt_free.month).text("en")


def test_a_plan_with_nothing_owed_says_so(own_records):
    engine = own_records
    add_debt(engine, profile_id(engine), DebtEntry("paid", 0, Decimal(10), 5_000))
    at = start("en", "plan")
    assert texts(at.success) == [t("planning.nothing_owed", "en")]


def test_extra_payments_are_kept_across_pages_and_reloads(sample):
    at = start("en", "plan")
    ok(at.text_input(key="plan_budget_text").input("3000").run())
    months = [m.value for m in at.metric if m.label == t("plan_page.debt_free", "en")]
    at.session_state["plan_extras"] = {
        "edited_rows": {},
        "added_rows": [{"month": "2027-01", "amount": "8000"}],
        "deleted_rows": [],
    }
    ok(at.run())
    sooner = [m.value for m in at.metric if m.label == t("plan_page.debt_free", "en")]
    assert sooner != months, "the extra payment did not change the plan"
    assert preferences.plan_choices(sample, profile_id(sample)).extras == {"2027-01": 800_000}
    open_page(at, "budget")
    open_page(at, "plan")
    again = [m.value for m in at.metric if m.label == t("plan_page.debt_free", "en")]
    assert again == sooner
    reloaded = start("en", "plan")
    assert [m.value for m in reloaded.metric if m.label == t("plan_page.debt_free", "en")] == sooner


def test_a_database_that_cannot_be_opened_is_a_message(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://x:y@127.0.0.1:1/z")
    st.cache_resource.clear()
    db.get_engine.cache_clear()
    try:
        at = ok(AppTest.from_file(str(APP), default_timeout=30).run())
        [error] = texts(at.error)
        assert error.startswith(t("store.unavailable", "zh", reason="").split("：")[0])
        assert "127.0.0.1" in error and markdown("DATABASE_URL") in error  # shown as written
    finally:
        st.cache_resource.clear()
        db.get_engine.cache_clear()


def test_the_import_page_offers_to_clear_the_example_first(sample):
    store = sample
    at = open_page(start("en"), "import")
    assert samples.showing_samples(store, profile_id(store))
    ok(one(at.button, t("budget_page.clear_sample", "en")).click().run())
    ok(one(at.button, t("home_page.clear_yes", "en")).click().run())
    assert not samples.showing_samples(store, profile_id(store))
    assert t("budget_page.clear_sample", "en") not in labels(at.button)


def test_a_file_with_no_readable_row_offers_no_import(own_records):
    at = open_page(start("en"), "import")
    sheet = csv_bytes([["Date", "Amount"], ["2026-10-01", "lots"], ["2026-10-02", "more"]])
    ok(at.file_uploader[0].upload("bad.csv", sheet, "text/csv").run())
    assert t("import_page.skip_invalid", "en") not in labels(at.checkbox)
    [confirm] = [b for b in at.button if b.label == t("import_page.confirm", "en", rows=0)]
    assert confirm.disabled


# --- the profile the environment names ----------------------------------------------------


def test_the_dashboard_shows_the_profile_rc_profile_names_and_no_other(store, monkeypatch):
    """A counselling service runs one dashboard per person with RC_PROFILE set: that
    person's debts show, another's never do, and the example data goes to nobody who
    already has records."""
    mine, theirs = profile_id(store, "alice"), profile_id(store, "default")
    add_debt(store, mine, factories.debt(name="Alice 的卡", current=True))
    add_debt(store, theirs, factories.debt(name="别人的网贷"))
    monkeypatch.setenv("RC_PROFILE", "alice")
    at = open_page(start("zh"), "debts")
    shown = " ".join(texts(at.markdown) + [str(df.value.to_dict()) for df in at.dataframe])
    assert "Alice 的卡" in shown
    assert "别人的网贷" not in shown
    assert count_rows(store) == 0  # neither profile was given the example data
