"""The coach in the dashboard, as a person uses it, in both languages: advice most
urgent first with its reasons, the collection log (every version kept), letters to
download, and the cards shown where they apply on the other pages."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import docx
import pytest
from streamlit.testing.v1 import AppTest

from core import usertext
from core.coach.cards import title
from core.coach.contacts import ContactEntry
from core.coach.gather import means
from core.coach.letters import propose
from core.coach.log import add_contact, all_versions
from core.debts.overdue import delay_cost
from core.debts.store import add_debt, list_debts
from core.i18n import t
from core.money import display
from core.months import next_month
from core.profiles import profile_id
from dashboard.advice import ICONS
from tests import factories
from tests.test_dashboard import labels, ok, one, open_page, set_lang, start, texts

LANGS = ("zh", "en")
YESTERDAY = dt.date.today() - dt.timedelta(days=1)


def markdown(at: AppTest) -> str:
    return "\n".join(texts(at.markdown))


def unescaped(text: str) -> str:
    return text.replace("\\", "")


def weilidai(store):
    return next(d for d in list_debts(store, profile_id(store)) if d.name == "微粒贷")


@pytest.mark.parametrize("lang", LANGS)
def test_a_new_user_with_an_overdue_weilidai_sees_what_a_week_costs_and_whom_to_call(sample, lang):
    store = sample  # the example data, one click on the home page
    at = start(lang)  # the example data holds an overdue 微粒贷
    sidebar = " ".join(texts(at.sidebar.warning))
    assert title("cost_of_delay", lang) in sidebar  # unprompted, on the first page
    open_page(at, "coach")
    assert texts(at.title) == [t("coach_page.title", lang)]
    shown = unescaped(markdown(at))
    week = display(delay_cost(weilidai(store), 7))
    assert f"**{ICONS['cost_of_delay']} {title('cost_of_delay', lang)}**" in shown
    assert week in shown
    assert "95384" in shown
    assert shown.index(title("cost_of_delay", lang)) < shown.index(title("negotiate", lang))
    law = t("coach.basis_law", lang, text="")
    assert law in shown  # the law is marked as law


def test_the_page_follows_the_language(store):
    at = open_page(start("zh"), "coach")
    zh = texts(at.title)
    set_lang(at, "en")
    assert texts(at.title) == [t("coach_page.title", "en")] != zh


def _log_visit(at: AppTest, when: dt.datetime, flags: list[str], said: str, form: str) -> AppTest:
    at.date_input(key=f"{form}_day").set_value(when.date())
    at.time_input(key=f"{form}_time").set_value(when.time())
    at.radio(key=f"{form}_kind").set_value("visit")
    at.text_input(key=f"{form}_place").set_value("家门口")
    at.text_input(key=f"{form}_collector").set_value("王某")
    at.text_area(key=f"{form}_said").set_value(said)
    at.multiselect(key=f"{form}_flags").set_value(flags)
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_logging_a_2230_visit_with_a_threat_brings_the_rights_and_what_to_do(sample, lang):
    store = sample  # the example data, one click on the home page
    at = open_page(start(lang), "coach")
    when = dt.datetime.combine(YESTERDAY, dt.time(22, 30))
    _log_visit(at, when, ["threats"], "不还就天天来", "contact_form_new_0_0")
    ok(one(at.button, t("coach_page.log_save", lang)).click().run())
    [saved] = all_versions(store, profile_id(store))
    assert (saved.when, saved.flags, saved.said) == (when, ("threats",), "不还就天天来")
    shown = unescaped(markdown(at))
    assert shown.index(title("rights", lang)) < shown.index(title("good_faith", lang))
    assert shown.index(title("rights", lang)) < shown.index(title("cost_of_delay", lang))
    assert t("contacts.flag_night", lang) in shown  # found from the time, not ticked
    assert t("coach.do_police", lang) in shown
    assert t("coach.do_complain", lang) in shown
    log = at.dataframe[0].value
    assert log["said"].tolist() == ["不还就天天来"]
    assert t("coach_page.download_xlsx", lang) in labels(at.get("download_button"))
    assert t("coach_page.download_page", lang) in labels(at.get("download_button"))


def test_a_correction_is_a_new_version_and_the_old_one_is_shown(store):
    profile = profile_id(store)
    when = dt.datetime.combine(YESTERDAY, dt.time(15, 0))
    add_contact(store, profile, ContactEntry(when=when, kind="call", said="第一次记的"))
    at = open_page(start("en"), "coach")
    ok(at.selectbox(key="contact_correct_pick").set_value(all_versions(store, profile)[0]).run())
    at.text_area(key="contact_form_1_1_0_said").set_value("改过的")
    ok(one(at.button, t("coach_page.log_correct_save", "en")).click().run())
    versions = all_versions(store, profile)
    assert [(v.version, v.said) for v in versions] == [(1, "第一次记的"), (2, "改过的")]
    frames = [frame.value for frame in at.dataframe]
    assert frames[0]["said"].tolist() == ["改过的"]
    assert frames[1]["said"].tolist() == ["第一次记的", "改过的"]  # the history


def test_a_contact_in_the_future_is_refused_and_nothing_is_written(store):
    at = open_page(start("en"), "coach")
    tomorrow = dt.datetime.combine(dt.date.today(), dt.time(23, 59))
    _log_visit(at, tomorrow, [], "", "contact_form_new_0_0")
    if tomorrow <= dt.datetime.now():  # the last minute of the day: nothing is future
        pytest.skip("run at 23:59")
    ok(one(at.button, t("coach_page.log_save", "en")).click().run())
    assert all_versions(store, profile_id(store)) == []
    assert t("contacts.reason_future", "en") in " ".join(texts(at.error))


@pytest.mark.parametrize("lang", LANGS)
def test_the_proposal_letter_carries_numbers_that_fit_and_downloads(sample, lang):
    store = sample  # the example data, one click on the home page
    at = open_page(start(lang), "coach")
    debt = weilidai(store)
    ok(at.selectbox(key="letter_debt").set_value(debt).run())
    ok(at.selectbox(key="letter_kind").set_value("proposal").run())
    funds = means(store, profile_id(store), debt)
    offer = propose(debt, funds, start=next_month()).offer
    assert offer is not None
    assert offer.payment <= funds.affordable
    [letter] = [a for a in at.text_area if a.key.startswith("letter_text_")]
    assert display(offer.payment) in letter.value
    assert display(offer.total) in letter.value
    assert display(funds.affordable) in letter.value
    downloads = {b.label: b for b in at.get("download_button")}
    assert t("coach_page.download_txt", lang) in downloads
    assert t("coach_page.download_docx", lang) in downloads


def test_an_edited_letter_is_what_downloads(sample):
    at = open_page(start("en"), "coach")
    ok(at.selectbox(key="letter_kind").set_value("notice_request").run())
    [letter] = [a for a in at.text_area if a.key.startswith("letter_text_")]
    ok(letter.set_value("My own words\n\nDear lender, =1+1").run())
    [letter] = [a for a in at.text_area if a.key.startswith("letter_text_")]
    assert letter.value == "My own words\n\nDear lender, =1+1"
    from dashboard.widgets import letter_docx  # the same function the button calls

    paragraphs = [p.text for p in docx.Document(BytesIO(letter_docx(letter.value))).paragraphs]
    assert paragraphs[-1] == "Dear lender, =1+1"


def test_the_complaint_says_when_to_turn_to_12378(sample):
    at = open_page(start("zh"), "coach")
    ok(at.selectbox(key="letter_kind").set_value("complaint").run())
    deadline = (dt.date.today() + dt.timedelta(days=15)).isoformat()
    assert t("coach_page.letter_escalate", "zh", date=deadline) in texts(at.info)


# --- the cards where they apply --------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_debts_page_shows_the_cost_of_delay_card(sample, lang):
    store = sample  # the example data, one click on the home page
    at = open_page(start(lang), "debts")
    shown = unescaped(markdown(at))
    assert title("cost_of_delay", lang) in shown
    assert display(delay_cost(weilidai(store), 7)) in shown


def test_a_plan_that_cannot_clear_shows_the_negotiate_card(store):
    add_debt(store, profile_id(store), factories.debt(lender=""))  # nothing else: no budget
    at = open_page(start("en"), "plan")
    ok(at.text_input(key="plan_budget_text").input("0").run())
    shown = unescaped(markdown(at))
    assert title("negotiate", "en") in shown
    gap = t(
        "coach.why_negotiate_budget", "en", budget="¥0.00", minimums="¥1,800.00", gap="¥1,800.00"
    )
    assert gap in shown
    ok(at.text_input(key="plan_budget_text").input("5000").run())  # clears: no card
    assert title("negotiate", "en") not in unescaped(markdown(at))


def test_a_quick_fix_payment_brings_the_scam_warning_beside_the_transactions(store):
    profile = profile_id(store)
    factories.commit(
        store,
        profile,
        [{"date": YESTERDAY, "amount": -29_900, "description": "某某征信修复服务费"}],
    )
    at = start("zh", "budget")
    shown = unescaped(markdown(at))
    assert title("scam_warning", "zh") in shown
    assert "某某征信修复服务费" in shown


def test_user_text_in_a_card_is_shown_as_typed_never_as_markdown(store):
    name = "**粗体** $x$ [链接](http://x) <b>"
    add_debt(store, profile_id(store), factories.debt(name=name, lender=""))
    at = open_page(start("zh"), "debts")
    cards = [m.value for m in at.markdown if "粗体" in m.value]
    assert cards
    for value in cards:  # escaped by the one helper every page uses
        assert usertext.markdown(name) in value
        assert "\\*\\*粗体\\*\\*" in value and "\\$x\\$" in value and "\\<b\\>" in value
