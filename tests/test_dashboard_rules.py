"""The sorting rules on the budget page, as a person uses them: `dashboard/app.py` run by
Streamlit's AppTest on a real SQLite store.

Adding, re-pointing and deleting a rule re-sorts the past records rules sorted (or that
have none); a category from the file or chosen by hand is never touched. What the page
shows is compared with the message catalogue, what it did with what `core` reads back.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from core.categories.rules import add_rule, category_names, list_rules, set_category
from core.i18n import t
from core.importing.store import import_file
from core.ledger.transactions import transactions
from core.profiles import profile_id
from tests.filemakers import csv_bytes
from tests.test_dashboard import (
    LANGS,
    labels,
    ok,
    one,
    set_lang,
    start,
    texts,
)

LESSON, BIKE, TUNING, SHEETS = "Piano lesson Anna", "Bike repair", "Piano tuning", "Piano sheets"


@pytest.fixture
def records(store: Engine) -> Engine:
    """The user's own records (so no sample is loaded), none matched by a built-in keyword:
    two piano lessons and a bike repair without a category, a piano tuning the file calls
    "Music", and piano sheets the user filed under "Hobby" by hand."""
    sheet = csv_bytes(
        [
            ["Date", "Description", "Amount", "Category"],
            ["2026-10-05", LESSON, "-300", ""],
            ["2026-10-19", LESSON, "-300", ""],
            ["2026-10-25", BIKE, "-80", ""],
            ["2026-10-26", TUNING, "-150", "Music"],
            ["2026-10-27", SHEETS, "-40", ""],
        ]
    )
    profile = profile_id(store)
    import_file(store, profile, "mine.csv", sheet)
    frame = transactions(store, profile, search=SHEETS)
    set_category(store, profile, frame["id"].tolist(), "Hobby")
    return store


def categories_of(engine: Engine) -> dict[str, set[str | None]]:
    """description -> the categories its records have (None for none)."""
    frame = transactions(engine, profile_id(engine))
    found: dict[str, set[str | None]] = {}
    for description, category in zip(frame["description"], frame["category"], strict=True):
        found.setdefault(description, set()).add(category if isinstance(category, str) else None)
    return found


def untouched(engine: Engine) -> None:
    """The file's category and the user's own are what they were."""
    got = categories_of(engine)
    assert (got[TUNING], got[SHEETS]) == ({"Music"}, {"Hobby"})


def rules_of(engine: Engine) -> dict[str, str]:
    return {r.keyword: r.category for r in list_rules(engine, profile_id(engine))}


def keyed(widgets: Sequence, prefix: str):
    """The one widget whose key starts with `prefix` (the page adds a version to reset it)."""
    [widget] = [w for w in widgets if w.key and w.key.startswith(prefix)]
    return widget


def add_by_form(at: AppTest, lang: str, keyword: str, category: str | None) -> AppTest:
    keyed(at.text_input, "rule_keyword_").input(keyword)
    box = keyed(at.selectbox, "rule_category_")
    if category is not None and category not in box.options:
        box.options.append(category)  # typed: the browser sends the text as the value
    box.set_value(category)
    [form] = [f for f in at.form if f.form_submit_button]
    one(form.form_submit_button, t("budget_page.add_rule", lang)).click()
    return ok(at.run())


def edit_rules(at: AppTest, lang: str, edits: dict[str, dict[str, object]]) -> AppTest:
    """Edit the rules table as a person would (keyword -> cells), then save."""
    editor = keyed(at.data_editor, "rules_editor_")
    rows = editor.value
    at.session_state[editor.key] = {
        "edited_rows": {
            int(rows.index[rows["keyword"] == keyword][0]): cells
            for keyword, cells in edits.items()
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    one(at.button, t("budget_page.save_rules", lang)).click()
    return ok(at.run())


def test_adding_a_rule_sorts_past_records_but_not_the_files_or_the_users(records):
    engine = records
    at = start("en", "budget")
    education = t("budget.category_education", "en")
    add_by_form(at, "en", "Piano", education)
    assert texts(at.success) == [
        t("budget_page.rule_added", "en", keyword="piano", category=education, records=2)
    ]
    assert rules_of(engine)["piano"] == "教育"
    assert categories_of(engine)[LESSON] == {"教育"}
    assert categories_of(engine)[BIKE] == {None}
    untouched(engine)
    # the page shows it: one record left to sort, the new rule on top of the table
    assert t("budget_page.uncategorised_title", "en", count=1) in texts(at.subheader)
    editor = keyed(at.data_editor, "rules_editor_")
    assert editor.value.iloc[0][["keyword", "category"]].tolist() == ["piano", education]
    assert keyed(at.text_input, "rule_keyword_").value == ""  # the form is ready for the next

    # a more specific keyword, for a category typed as a new one, takes the lessons over
    add_by_form(at, "en", "piano lesson", "Music lessons")
    assert texts(at.success) == [
        t(
            "budget_page.rule_added",
            "en",
            keyword="piano lesson",
            category="Music lessons",
            records=2,
        )
    ]
    assert categories_of(engine)[LESSON] == {"Music lessons"}
    assert "Music lessons" in category_names(engine, profile_id(engine))
    untouched(engine)

    # a rule that sorts nothing yet says so; the page keeps working
    add_by_form(at, "en", "bike", t("budget.category_transport", "en"))
    assert texts(at.success) == [
        t(
            "budget_page.rule_added_one",
            "en",
            keyword="bike",
            category=t("budget.category_transport", "en"),
        )
    ]
    assert categories_of(engine)[BIKE] == {"交通"}
    assert t("budget_page.uncategorised_title", "en", count=1) not in texts(at.subheader)


def test_a_rule_without_a_keyword_or_category_is_refused(records):
    engine = records
    before = rules_of(engine)
    at = start("zh", "budget")
    add_by_form(at, "zh", "   ", t("budget.category_food", "zh"))
    assert t("budget_page.rule_incomplete", "zh") in texts(at.warning)
    # what was typed stays, to be completed
    assert keyed(at.selectbox, "rule_category_").value == t("budget.category_food", "zh")
    add_by_form(at, "zh", "piano", None)
    assert t("budget_page.rule_incomplete", "zh") in texts(at.warning)
    assert rules_of(engine) == before
    assert categories_of(engine)[LESSON] == {None}


def test_changing_and_deleting_rules_moves_the_records_they_sorted(records):
    engine, profile = records, profile_id(records)
    add_rule(engine, profile, "piano", "教育")
    add_rule(engine, profile, "piano lesson", "音乐课")
    add_rule(engine, profile, "bike", "交通")
    assert categories_of(engine)[LESSON] == {"音乐课"}
    at = start("en", "budget")

    # nothing changed in the table: nothing to save
    edit_rules(at, "en", {})
    assert texts(at.info) == [t("budget_page.rules_unchanged", "en")]

    # the rule's category changed: the records it sorted move with it
    entertainment = t("budget.category_entertainment", "en")
    edit_rules(at, "en", {"piano lesson": {"category": entertainment}})
    assert texts(at.success) == [t("budget_page.rules_saved", "en", records=2)]
    assert rules_of(engine)["piano lesson"] == "娱乐"
    assert categories_of(engine)[LESSON] == {"娱乐"}
    untouched(engine)

    # deleted: the lessons fall back to the broader rule that still matches them
    edit_rules(at, "en", {"piano lesson": {"delete": True}})
    assert texts(at.success) == [t("budget_page.rules_saved", "en", records=2)]
    assert "piano lesson" not in rules_of(engine)
    assert categories_of(engine)[LESSON] == {"教育"}

    # two rules deleted and none left to match: their records are unsorted again, in one
    # save (a moved-and-deleted rule is deleted)
    edit_rules(
        at,
        "en",
        {"piano": {"category": entertainment, "delete": True}, "bike": {"delete": True}},
    )
    assert texts(at.success) == [t("budget_page.rules_saved", "en", records=3)]
    assert not {"piano", "bike"} & set(rules_of(engine))
    assert categories_of(engine)[LESSON] == {None}
    assert categories_of(engine)[BIKE] == {None}
    untouched(engine)
    assert t("budget_page.uncategorised_title", "en", count=3) in texts(at.subheader)
    # the built-ins are still there
    assert rules_of(engine)["美团"] == "餐饮"


def test_the_rules_show_in_both_languages(records):
    at = start("zh", "budget")
    for lang in LANGS:
        set_lang(at, lang)
        assert t("budget_page.rules_title", lang) in [e.label for e in at.expander]
        assert t("budget_page.add_rule", lang) in labels(at.button)
        assert t("budget_page.save_rules", lang) in labels(at.button)
        editor = keyed(at.data_editor, "rules_editor_")
        shown = dict(zip(editor.value["keyword"], editor.value["category"], strict=True))
        assert shown["美团"] == t("budget.category_food", lang)
        assert shown["rent"] == t("budget.category_housing", lang)
        assert len(shown) == len(list_rules(records, profile_id(records)))
    assert t("budget.category_food", "en") != t("budget.category_food", "zh")
