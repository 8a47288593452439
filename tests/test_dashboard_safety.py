"""The dashboard with hostile text and files: names show literally, a workbook that would
need gigabytes is one message, an import is taken back after a yes, and a profile name
the store cannot hold is a message, never a traceback."""

from __future__ import annotations

import html
import io
from decimal import Decimal

import openpyxl
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from core.i18n import t
from core.importing.batches import list_batches
from core.importing.store import import_file
from core.ledger.transactions import transactions
from core.planner.request import plan_request
from core.present.text import problem_text
from core.profiles import MAX_NAME, profile_id
from core.usertext import WORD_JOINER, markdown
from tests import factories
from tests.filemakers import csv_bytes
from tests.test_dashboard import APP, ok, open_page, start, texts

EVIL = "**never** $pays$ [x](https://evil.example) :red[逾期] <b>粗</b>"
OWN = csv_bytes([["日期", "说明", "金额"], ["2026-10-05", "房租", "-3000"]])
# every element that renders its text as markdown
MARKDOWN_ELEMENTS = (
    "markdown", "caption", "error", "warning", "info", "success", "toast", "title", "subheader",
)  # fmt: skip


def _rendered(source: str) -> str:
    return MarkdownIt("commonmark").render(source).replace(WORD_JOINER, "")


def _shown_literally(at: AppTest, text: str) -> list[str]:
    """The markdown elements that mention `text`: each must show it as written."""
    found = []
    for kind in MARKDOWN_ELEMENTS:
        for element in getattr(at, kind):
            value = element.value
            assert text not in value, (kind, value)  # never unescaped in the source
            if markdown(text) in value:
                assert html.escape(text, quote=False) in _rendered(value), (kind, value)
                found.append(kind)
    return found


def test_debt_and_file_names_are_shown_as_written(store):
    me = profile_id(store)
    import_file(store, me, "mine.csv", OWN)  # own records: no sample is loaded
    # a rate no payment keeps up with: the plan's message names the debt
    add = factories.debt(name=EVIL, apr=Decimal(900), min_payment_cents=100, current=True)
    from core.debts.store import add_debt

    add_debt(store, me, add)
    at = open_page(start("en"), "plan")
    ok(at.slider(key="plan_budget").set_value(100).run())
    strategy = at.radio(key="plan_strategy").value
    budget = at.slider(key="plan_budget").value * 100
    chosen = plan_request(store, me, strategy, budget=budget).compare().plans[strategy]
    assert not chosen.feasible and EVIL in problem_text(chosen, "en")
    assert texts(at.error) == [markdown(problem_text(chosen, "en"))]
    assert "error" in _shown_literally(at, EVIL)

    open_page(at, "debts")
    assert at.dataframe[0].value["name"].tolist() == [EVIL]  # a table cell is plain text
    _shown_literally(at, EVIL)

    open_page(at, "import")
    name = f"{EVIL}.csv"
    ok(at.file_uploader[0].upload(name, b"\x89PNG not a bill", "text/csv").run())
    assert {"markdown", "error"} <= set(_shown_literally(at, name))


def _add_through_the_form(at: AppTest, name: str) -> AppTest:
    [form] = [f for f in at.form if f.form_submit_button]

    def field(widgets, key: str):
        return next(w for w in widgets if w.label == t(key, "zh"))

    field(form.text_input, "debts.field_name").input(name)
    field(form.number_input, "debts.field_balance").set_value(500.0)
    field(form.number_input, "debts.field_min_payment").set_value(50.0)
    field(form.radio, "debts_page.rate_kind").set_value("apr")
    field(form.text_input, "debts_page.rate").input("18")
    form.form_submit_button[0].click()
    return ok(at.run())


def test_the_debt_form_confirms_with_the_name_as_written(store):
    import_file(store, profile_id(store), "mine.csv", OWN)
    at = _add_through_the_form(open_page(start("zh"), "debts"), EVIL)
    assert texts(at.toast) == [t("debts_page.saved", "zh", name=markdown(EVIL))]
    assert _shown_literally(at, EVIL) == ["toast"]
    # the same name again: refused, and the refusal shows it as written too
    _add_through_the_form(at, EVIL)
    assert _shown_literally(at, EVIL) == ["error"]


def test_a_workbook_that_would_need_gigabytes_is_one_message_and_the_app_stays_up(store):
    import_file(store, profile_id(store), "mine.csv", OWN)
    book = openpyxl.Workbook()
    book.active.append(["日期", "金额"])
    book.active["XFD1048576"] = 1
    out = io.BytesIO()
    book.save(out)
    at = open_page(start("en"), "import")
    ok(at.file_uploader[0].upload("远.xlsx", out.getvalue(), "application/octet-stream").run())
    assert texts(at.error) == [markdown(t("safety.needs_memory", "en", file="远.xlsx", limit=768))]
    open_page(at, "budget")  # the server is still there
    assert texts(at.title) == [t("budget_page.title", "en")]


def test_an_import_is_taken_back_after_a_yes(store):
    me = profile_id(store)
    import_file(store, me, "mine.csv", OWN)
    import_file(
        store, me, "九月.csv", csv_bytes([["日期", "说明", "金额"], ["2026-09-01", "饭", "-9"]])
    )
    at = open_page(start("zh"), "import")
    listed = at.dataframe[0].value
    assert listed[listed.columns[0]].tolist() == ["九月.csv", "mine.csv"]
    assert listed[listed.columns[2]].tolist() == [1, 1]
    [batch] = [b for b in list_batches(store, me) if b.file_name == "九月.csv"]
    ok(at.selectbox(key="import_pick").set_value(batch).run())
    ok(at.button(key="import_remove").click().run())
    assert texts(at.warning) == [
        t("safety.import_remove_confirm", "zh", file=markdown("九月.csv"), rows=1)
    ]
    assert len(transactions(store, me)) == 2, "removed before the yes"
    ok(at.button(key="import_remove_yes").click().run())
    assert t("safety.import_removed_page", "zh", file=markdown("九月.csv"), rows=1) in texts(
        at.success
    )
    assert transactions(store, me)["description"].tolist() == ["房租"]
    assert [b.file_name for b in list_batches(store, me)] == ["mine.csv"]


def test_a_profile_name_the_store_cannot_hold_is_a_message(store, monkeypatch):
    monkeypatch.setenv("RC_PROFILE", "档" * 150)
    at = ok(AppTest.from_file(str(APP), default_timeout=30).run())
    assert texts(at.error) == [
        markdown(t("safety.profile_too_long", "zh", length=150, max=MAX_NAME))
    ]
