"""The plan page when the money does not cover the minimums: ¥2,000 against ¥2,550, run by
Streamlit's AppTest on a real SQLite store, in Chinese and in English. What the page shows
is compared with what `core` computes from the same store and with the catalogue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.coach.letters import split_letter
from core.debts.store import add_debt, list_debts
from core.i18n import t
from core.money import display
from core.months import Month
from core.planner.request import plan_request
from core.present.text import refusal_text, why_text
from core.profiles import profile_id
from tests import factories
from tests.test_dashboard import metrics, ok, one, open_page, own_records, start, texts

__all__ = ["own_records"]  # the store fixture these tests use

LANGS = ("zh", "en")


@pytest.fixture
def short(own_records):
    """An overdue 微粒贷 (minimum ¥1,800), a credit card (¥450) and 花呗 (¥300): ¥2,550."""
    engine, profile = own_records, profile_id(own_records)
    add_debt(engine, profile, factories.debt(lender=""))
    card = {"balance_cents": 800_000, "apr": Decimal(18), "min_payment_cents": 45_000}
    huabei = {"balance_cents": 300_000, "apr": Decimal("14.6"), "min_payment_cents": 30_000}
    add_debt(engine, profile, factories.debt(name="信用卡", current=True, kind="card", **card))
    add_debt(engine, profile, factories.debt(name="花呗", current=True, **huabei))
    return engine


def at_2000(lang: str):
    at = open_page(start(lang), "plan")
    return ok(at.text_input(key="plan_budget_text").input("2000").run())


@pytest.mark.parametrize("lang", LANGS)
def test_2000_against_2550_shows_what_to_pay_and_ask_and_both_debt_free_months(short, lang):
    at = at_2000(lang)
    request = plan_request(short, profile_id(short), "avalanche", budget=200_000)
    split = request.split()
    assert (split.due, split.shortfall) == (255_000, 55_000)
    assert not at.error, "a budget below the minimums is a plan, not an error"
    assert t("split.title", lang) in texts(at.subheader)
    intro = t("split.intro", lang, budget="¥2,000.00", due="¥2,550.00", shortfall="¥550.00")
    assert intro in texts(at.markdown)
    # What to pay each lender this month, and what to ask each for, most urgent first.
    table = at.dataframe[0].value
    assert list(table.columns) == ["debt", "due", "pay", "ask", "why"]
    assert table.values.tolist() == [
        [o.name, display(o.minimum), display(o.offer), display(o.ask), why_text(o.priority, lang)]
        for o in split.offers
    ]
    assert list(table["debt"]) == ["微粒贷", "信用卡", "花呗"]
    assert sum(o.offer for o in split.offers) == 200_000
    # When they are debt-free if the lenders agree, and if they refuse; what refusal costs.
    shown = metrics(at)
    for timeline in (split.accepted, split.refused):
        assert timeline.feasible
        label = t(f"split.{timeline.assumption}_title", lang)
        assert shown[label] == Month(timeline.debt_free).text(lang)
        assert t(f"split.{timeline.assumption}_assumption", lang) in texts(at.caption)
    assert split.cost_of_refusal > 0
    assert refusal_text(split, lang) in texts(at.warning)
    # A letter for each lender asked to accept less (the card's share is its minimum): the
    # coach's proposal with that lender's share, to edit, and to download as text or Word.
    asked = [o for o in split.offers if o.ask]
    assert [o.name for o in asked] == ["微粒贷", "花呗"]
    assert [e.label for e in at.expander if e.label in ("微粒贷", "花呗")] == ["微粒贷", "花呗"]
    records = {d.name: d for d in list_debts(short, profile_id(short))}
    today = dt.date.today()
    drafts = [split_letter(records[o.name], split, o, request.start, today, lang) for o in asked]
    letters = [a.value for a in at.text_area if a.key.startswith("letter_text_")]
    assert letters == [d.text() for d in drafts]
    weilidai = letters[0]
    assert display(asked[0].offer) in weilidai and display(asked[0].minimum) in weilidai
    assert Month(request.start).text(lang) in weilidai
    assert split.accepted.switch  # when the card is paid off, the minimums are covered again
    assert Month(split.accepted.switch).text(lang) in weilidai
    assert at.get("download_button"), "the workbook with the split can be downloaded"


@pytest.mark.parametrize("lang", LANGS)
def test_a_bigger_budget_later_shows_the_month_the_minimums_are_covered(short, lang):
    at = at_2000(lang)
    month = at.selectbox(key="plan_grow_month").value
    ok(at.text_input(key="plan_grow_amount").input("2600").run())
    request = plan_request(
        short, profile_id(short), "avalanche", budget=200_000, budget_from={month: 260_000}
    )
    split = request.split()
    assert split.accepted.switch == month > request.start
    strategy = t("plan.strategy_avalanche", lang)
    switch = t("split.switch", lang, month=Month(month).text(lang), strategy=strategy)
    assert switch in texts(at.info)
    label = t("split.accepted_title", lang)
    assert metrics(at)[label] == Month(split.accepted.debt_free).text(lang)


def test_covering_the_minimums_brings_back_the_normal_plan(short):
    at = ok(at_2000("en").text_input(key="plan_budget_text").input("2550").run())
    assert t("split.title", "en") not in texts(at.subheader)
    assert t("plan_page.debt_free", "en") in metrics(at)


# --- the debts page: overdue amount, days overdue, a daily penalty rate, the kind ------


@pytest.mark.parametrize("lang", LANGS)
def test_debts_page_takes_an_overdue_amount_and_daily_penalty_and_shows_days_overdue(
    own_records, lang
):
    at = open_page(start(lang), "debts")
    [form] = [f for f in at.form if f.form_submit_button]
    one(form.text_input, t("debts.field_name", lang)).input("微粒贷")
    one(form.text_input, t("debts.field_balance", lang)).input("20000")
    one(form.text_input, t("debts.field_min_payment", lang)).input("1800")
    one(form.text_input, t("debts_page.rate", lang)).input("0.05")  # a daily rate by default
    one(form.checkbox, t("debts_page.is_overdue", lang)).check()
    since = dt.date.today() - dt.timedelta(days=12)
    one(form.date_input, t("debts.field_overdue_since", lang)).set_value(since)
    one(form.text_input, t("debts.field_overdue_amount", lang)).input("3600")
    one(form.radio, t("debts_page.penalty_kind", lang)).set_value("daily")
    one(form.text_input, t("debts_page.penalty_rate", lang)).input("0.075")
    one(form.radio, t("debts.field_kind", lang)).set_value("card")
    form.form_submit_button[0].click()
    ok(at.run())
    [stored] = list_debts(own_records, profile_id(own_records))
    assert (stored.overdue_amount_cents, stored.penalty_apr, stored.kind) == (
        360_000,
        Decimal("27.375"),
        "card",
    )
    table = at.dataframe[0].value
    [status] = table["status"]
    assert status == t("debts_page.overdue_badge", lang, date=since, days=12)
    assert list(table["overdue_amount"]) == ["¥3,600.00"]
    assert list(table["kind"]) == [t("debts.kind_card", lang)]
    note = t("debts_page.minimums_with_arrears", lang, arrears="¥3,600.00")
    assert note in texts(at.caption)
    assert metrics(at)[t("debts_page.minimums", lang)] == "¥5,400.00"  # 1,800 + 3,600 due
