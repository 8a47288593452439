"""The progress page as a person uses it, on a real SQLite store, in Chinese and English:
adopt a plan, record three months of payments (one by confirming an imported WeChat
微粒贷还款 line), and see the bars, the plan-against-actual chart and the verdict."""

from __future__ import annotations

import base64
import datetime as dt
import json

import numpy as np
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from core.debts.store import add_debt, list_debts
from core.i18n import t
from core.importing.store import import_file
from core.money import display, format_cents
from core.months import Month
from core.planner import plan
from core.planner.request import make_request, plan_request
from core.profiles import profile_id
from core.progress import history, plans
from core.progress.overview import overview
from core.progress.payments import record_payment
from tests.filemakers import wechat_csv, wechat_record
from tests.test_dashboard import labels, ok, one, open_page, set_lang, start, texts
from tests.test_progress import HUABEI, WEILIDAI, add

TODAY = dt.date.today()
THIS = Month.current(TODAY)
START = THIS - 2  # the plan's first month: two months ago, so this is its third
ADOPTED = dt.datetime.combine((START - 1).first_day() + dt.timedelta(days=14), dt.time(12), dt.UTC)


def submit(at: AppTest, label: str) -> AppTest:
    return ok(one(at.button, label).click().run())


def in_form(widgets, prefix: str):
    (found,) = [w for w in widgets if w.key and w.key.startswith(prefix)]
    return found


def pay(at: AppTest, lang: str, debt_id: int, cents: int, day: dt.date) -> AppTest:
    """Fill the payment form and submit it."""
    in_form(at.selectbox, "progress_pay_").set_value(debt_id)
    amount_box(at).set_value(format_cents(cents))
    in_form(at.date_input, "progress_pay_").set_value(day)
    return submit(at, t("progress_page.pay_submit", lang))


def amount_box(at: AppTest):
    (found,) = [w for w in at.text_input if w.key.startswith("progress_pay_") and "amount" in w.key]
    return found


def verdicts(at: AppTest) -> list[str]:
    return texts(at.success) + texts(at.warning)


def chart(at: AppTest) -> dict:
    (figure,) = at.get("plotly_chart")
    return json.loads(figure.proto.spec)


def numbers(values: list | dict) -> list[float]:
    """A trace's values: plotly sends a numeric array base64-encoded."""
    if isinstance(values, list):
        return values
    return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()


@pytest.fixture
def followed(store: Engine):
    """Two debts added and a plan adopted three months ago (the store is the user's own, so
    no sample is loaded), and a WeChat bill with this month's 微粒贷 repayment."""
    me = profile_id(store)
    ids = {
        "微粒贷": add(store, me, WEILIDAI, when=ADOPTED - dt.timedelta(hours=2)),
        "花呗": add(store, me, HUABEI, when=ADOPTED - dt.timedelta(hours=1)),
    }
    request = make_request(list_debts(store, me), None, "avalanche", budget=200_000, start=START)
    plans.adopt_plan(store, me, request, now=ADOPTED)
    schedule = plan(request.debts, "avalanche", 200_000, START).schedule
    due = {(row.month, row.debt): row.payment for row in schedule}
    bill = wechat_csv(
        [
            wechat_record(
                dt.datetime.combine(THIS.first_day(), dt.time(7, 18)),
                "微粒贷还款",
                "微众银行",
                "/",
                "支出",
                format_cents(due[(THIS, "微粒贷")]),
            ),
            wechat_record(
                dt.datetime.combine(THIS.first_day(), dt.time(12, 5)),
                "商户消费",
                "阿强面馆",
                "牛肉面",
                "支出",
                "23.50",
            ),
        ]
    )
    assert import_file(store, me, "微信支付账单.csv", bill).imported == 2
    return ids, due


def test_three_months_of_payments_one_linked_from_wechat_are_on_track(store, followed):
    ids, due = followed
    at = open_page(start("zh"), "progress")
    assert texts(at.title) == [t("progress_page.title", "zh")]
    for month in (START, START + 1):
        for name in ("微粒贷", "花呗"):
            pay(at, "zh", ids[name], due[(month, name)], month.first_day())
            assert not at.error, texts(at.error)
    milestone = t("progress.milestone_first_payment", "zh")
    assert milestone in [m.value.split(" · ")[0].strip("*") for m in at.markdown if "·" in m.value]
    pay(at, "zh", ids["花呗"], due[(THIS, "花呗")], THIS.first_day())
    # this month's 微粒贷 repayment is in the WeChat bill: one click
    (line,) = [e.value for e in at.text if "微粒贷还款" in e.value]
    assert display(due[(THIS, "微粒贷")]) in line
    submit(at, t("progress_page.link_confirm", "zh"))
    assert not [e for e in at.text if "微粒贷还款" in e.value]  # proposed no more

    me = profile_id(store)
    view = overview(store, me, TODAY)
    assert sum(len(h.live_payments()) for h in view.histories) == 6
    assert [p.transaction_id is not None for p in view.histories[0].payments] == [
        False, False, True
    ]  # fmt: skip
    assert view.check.verdict == "on_track"
    for lang in ("zh", "en"):
        set_lang(at, lang)
        metrics = {m.label: m.value for m in at.metric}
        assert metrics[t("progress_page.remaining", lang)] == display(view.progress.total.remaining)
        assert t("progress.verdict_on_track", lang) in verdicts(at)
        bars = at.get("progress")
        assert len(bars) == 3  # the total, then each debt
        first = t("progress_page.debt_bar", lang, name="微粒贷",
                  percent=view.progress.debts[0].percent,
                  remaining=display(view.progress.debts[0].remaining))  # fmt: skip
        assert bars[1].proto.text == first
        plotted = chart(at)["data"]
        assert [trace["name"] for trace in plotted] == [
            t("progress_page.chart_plan", lang),
            t("progress_page.chart_actual", lang),
        ]
        actual = [round(y * 100) for y in numbers(plotted[1]["y"])]
        assert actual == [view.check.start_total, *view.check.actual]
        assert actual[1:3] == view.check.projected[:2]  # the months paid as planned, to the cent


def test_adopting_the_suggested_plan_on_the_progress_page(store):
    me = profile_id(store)
    add_debt(store, me, WEILIDAI)
    add_debt(store, me, HUABEI)
    record_payment(store, me, history.load(store, me)[0].record.id, TODAY, 1)  # own records
    at = open_page(start("en"), "progress")
    assert t("progress.verdict_on_track", "en") not in verdicts(at)
    submit(at, t("progress_page.adopt", "en"))
    assert t("progress_page.adopted", "en") in texts(at.success)
    adopted = plans.followed_plan(store, me)
    expected = plan_request(store, me, "avalanche")
    assert (adopted.budget, adopted.start, adopted.strategy) == (
        expected.budget, expected.start, "avalanche"
    )  # fmt: skip
    at = ok(at.run())
    assert t("progress.verdict_on_track", "en") in verdicts(at)
    assert t("progress_page.adopt", "en") not in labels(at.button)
    set_lang(at, "zh")
    assert t("progress.verdict_on_track", "zh") in verdicts(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_debt_added_after_the_plan_is_said_to_be_outside_it(store, lang):
    me = profile_id(store)
    add_debt(store, me, WEILIDAI)
    record_payment(store, me, history.load(store, me)[0].record.id, TODAY, 1)  # own records
    plans.adopt_plan(store, me, plan_request(store, me, "avalanche"))
    add_debt(store, me, HUABEI)
    at = open_page(start(lang), "progress")  # open_page fails on any exception
    assert t("progress_page.left_out_one", lang) in texts(at.caption)


def test_the_plan_page_adopts_what_it_shows(store):
    me = profile_id(store)
    add_debt(store, me, WEILIDAI)
    record_payment(store, me, history.load(store, me)[0].record.id, TODAY, 1)  # own records
    at = open_page(start("zh"), "plan")
    budget = at.select_slider(key="plan_budget").value
    submit(at, t("progress_page.adopt", "zh"))
    assert t("progress_page.adopted", "zh") in texts(at.success)
    assert plans.followed_plan(store, me).budget == budget


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_wrong_amount_is_refused_naming_the_field(store, lang):
    me = profile_id(store)
    add_debt(store, me, WEILIDAI)
    record_payment(store, me, history.load(store, me)[0].record.id, TODAY, 1)
    at = open_page(start(lang), "progress")
    amount_box(at).set_value("一千")
    submit(at, t("progress_page.pay_submit", lang))
    field = t("progress.field_amount", lang)
    assert texts(at.error) == [
        t("progress.invalid", lang, field=field,
          reason=t("progress.reason_number", lang, value="一千"))
    ]  # fmt: skip
    assert len(history.load(store, me)[0].payments) == 1


def test_void_asks_first_and_keeps_the_payment_listed(store):
    me = profile_id(store)
    add_debt(store, me, WEILIDAI)
    debt_id = history.load(store, me)[0].record.id
    record_payment(store, me, debt_id, TODAY, 126_000, "typed twice")
    at = open_page(start("en"), "progress")
    at.text_input(key="void_reason").set_value("entered twice")
    ok(at.button(key="void_start").click().run())
    assert any("It will no longer count" in w for w in texts(at.warning))
    assert len(history.load(store, me)[0].live_payments()) == 1  # not yet
    ok(at.button(key="void_confirm").click().run())
    (payment,) = history.load(store, me)[0].payments
    assert not payment.live and payment.void_note == "entered twice"
    assert t("progress_page.voided_done", "en") in texts(at.success)
    table = at.dataframe[0].value
    assert table["status"].tolist() == [
        t("progress_page.status_void", "en", day=TODAY.isoformat(), why="entered twice")
    ]


def test_a_statement_balance_becomes_the_figure(store):
    me = profile_id(store)
    add_debt(store, me, WEILIDAI)
    record_payment(store, me, history.load(store, me)[0].record.id, TODAY, 1)
    at = open_page(start("zh"), "progress")
    statement = [w for w in at.text_input if w.key.startswith("progress_statement_")]
    statement[0].set_value("14,000")
    submit(at, t("progress_page.statement_submit", "zh"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("progress_page.remaining", "zh")] == "¥14,000.00"
