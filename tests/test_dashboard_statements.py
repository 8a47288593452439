"""The import page with statements: card or account and the sign chosen with the monthly
totals in view, rows in doubt decided, the reading remembered, pairs on the budget page.
Streamlit AppTest on a real SQLite store, in Chinese and English."""

from __future__ import annotations

import pytest

from core.i18n import t
from core.importing.store import import_file
from core.ledger import samples
from core.ledger.budget import monthly
from core.money import display
from core.profiles import profile_id
from tests import statement_files as files
from tests.filemakers import csv_bytes
from tests.test_dashboard import ok, one, open_page, start, texts
from tests.test_statement_store import BOCOM_DEBIT, WECHAT_BILL
from tests.test_statements import OWN_MOVES

CARD = files.cmb_card(
    "2026年10月",
    [
        ("10/02", "10/03", "中国移动", "100.00"),
        ("", "10/09", "银联转账还款", "-500.00"),
        ("10/10", "10/11", "手机银行饭票", "-3.90"),
    ],
)
UNSURE = csv_bytes(
    [["某某银行交易明细"], ["交易日期", "摘要", "交易金额"], ["2026-10-01", "消费", "35.00"]]
)


def _upload(store, lang: str, name: str, data: bytes):
    """The import page with `data` uploaded, the example data cleared first."""
    at = start(lang)
    samples.clear_samples(store, profile_id(store))
    at = open_page(at, "import")
    return ok(at.file_uploader[0].upload(name, data, "text/csv").run())


def _totals(at) -> list[tuple[str, str]]:
    """(income, spending) per month of the import page's monthly totals table."""
    [frame] = [d.value for d in at.dataframe if "neutral" in d.value.columns]
    return list(zip(frame["income"], frame["spending"], strict=True))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_card_statement_shows_its_kind_and_the_monthly_totals(store, lang):
    at = _upload(store, lang, "招商银行信用卡.csv", CARD)
    layout = f"招商银行 {t('import_page.layout_card', lang)}"
    assert any(layout in text for text in texts(at.markdown))
    kind = one(at.radio, t("statements.kind_question", lang))
    assert kind.value == "card"
    assert one(at.radio, t("statements.sign_question", lang)).value == "spending"
    assert _totals(at) == [(display(0), display(10000))]
    # the doubtful credit is listed to decide
    assert t("statements.doubt_card_credit", lang, count=1) in texts(at.warning)
    # read as an account, the charge would be income: the totals show it before confirming
    ok(kind.set_value("account").run())
    assert _totals(at) == [(display(10000), display(50000 + 390))]


def test_a_file_that_does_not_say_card_or_account_waits_for_the_choice(store):
    at = _upload(store, "en", "明细.csv", UNSURE)
    assert t("statements.unsure", "en") in texts(at.warning)
    confirm = one(at.button, t("import_page.confirm", "en", rows=1))
    assert confirm.disabled
    ok(one(at.radio, t("statements.kind_question", "en")).set_value("card").run())
    assert _totals(at) == [(display(0), display(3500))]
    ok(one(at.button, t("import_page.confirm", "en", rows=1)).click().run())
    figures = monthly(store, profile_id(store))
    assert [(m.income, m.spending) for m in figures] == [(0, 3500)]


def test_the_choice_is_remembered_for_the_next_file_and_said(store):
    at = _upload(store, "zh", "9月.csv", UNSURE)
    ok(one(at.radio, t("statements.kind_question", "zh")).set_value("card").run())
    ok(one(at.button, t("import_page.confirm", "zh", rows=1)).click().run())
    october = csv_bytes(
        [["某某银行交易明细"], ["交易日期", "摘要", "交易金额"], ["2026-11-01", "消费", "20.00"]]
    )
    at = _upload(store, "zh", "10月.csv", october)
    assert t("statements.remembered", "zh") in texts(at.info)
    assert one(at.radio, t("statements.kind_question", "zh")).value == "card"
    assert not one(at.button, t("import_page.confirm", "zh", rows=1)).disabled
    ok(one(at.button, t("statements.forget", "zh")).click().run())
    assert t("statements.unsure", "zh") in texts(at.warning)


def _editor(at, suffix: str):
    [editor] = [e for e in at.data_editor if e.key and e.key.endswith(suffix)]
    return editor


def _edit(at, key: str, row: int, **cells: object):
    """Edit a table's row as a person would, then let the page run."""
    at.session_state[key] = {"edited_rows": {row: cells}, "added_rows": [], "deleted_rows": []}
    return ok(at.run())


def test_a_doubtful_row_decided_as_a_refund_changes_the_totals(store):
    at = _upload(store, "en", "招商银行信用卡.csv", CARD)
    editor = _editor(at, ":doubts")
    assert editor.value["description"].tolist() == ["手机银行饭票"]
    assert editor.value["count_as"].tolist() == ["transfer"]
    _edit(at, editor.key, 0, count_as="refund")
    assert _totals(at) == [(display(0), display(10000 - 390))]
    ok(one(at.button, t("import_page.confirm", "en", rows=3)).click().run())
    figures = monthly(store, profile_id(store))
    assert [(m.income, m.spending) for m in figures] == [(0, 9610)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_own_transfers_are_listed_as_neither_and_one_can_be_made_income(store, lang):
    """张三's statement: what she moved between her own accounts is neither income nor
    spending; one that was a namesake's money is made income before confirming."""
    at = _upload(store, lang, "招商银行交易记录.csv", files.cmb_debit(OWN_MOVES, holder="张三"))
    assert t("statements.doubt_own_transfer", lang, count=3) in texts(at.warning)
    assert _totals(at) == [(display(850_000), display(3_550))]
    editor = _editor(at, ":doubts")
    assert editor.value["count_as"].tolist() == ["transfer"] * 3
    _edit(at, editor.key, 0, count_as="income")  # the 3,000 from 张三 6222…: a namesake's
    assert _totals(at) == [(display(1_150_000), display(3_550))]
    ok(one(at.button, t("import_page.confirm", lang, rows=6)).click().run())
    figures = monthly(store, profile_id(store))
    assert [(m.income, m.spending) for m in figures] == [(1_150_000, 3_550)]


def test_the_budget_page_lists_the_pairs_and_separates_one(store):
    me = profile_id(store)
    samples.clear_samples(store, me)
    import_file(store, me, "wechat.csv", WECHAT_BILL)
    import_file(store, me, "bocom.csv", BOCOM_DEBIT)
    before = {m.month: m.spending for m in monthly(store, me)}
    at = open_page(start("zh"), "budget")
    assert t("statements.pairs_title", "zh", count=4) in [e.label for e in at.expander]
    pairs = at.data_editor(key="pairs_editor").value
    top_up = int(pairs.index[pairs["amount"] == display(-20000)][0])
    _edit(at, "pairs_editor", top_up, undo=True)
    ok(one(at.button, t("statements.undo_pairs", "zh", count=1)).click().run())
    after = {m.month: m.spending for m in monthly(store, me)}
    assert after["2026-09"] == before["2026-09"] + 20000
    assert t("statements.pairs_title", "zh", count=3) in [e.label for e in at.expander]


def test_a_file_without_a_header_is_mapped_by_position_and_remembered(store):
    rows = [["2026-09-01", "午饭", "-35.00"], ["2026-09-02", "工资", "8000"]]
    at = _upload(store, "en", "no_header.csv", csv_bytes(rows))
    assert at.error and t("statements.by_position_title", "en") in [e.label for e in at.expander]
    for field, place in (("date", "#1"), ("description", "#2"), ("amount", "#3")):
        [picker] = [s for s in at.selectbox if s.key and s.key.endswith(f":pos:map:{field}")]
        ok(picker.set_value(place).run())
    ok(one(at.button, t("import_page.apply_columns", "en")).click().run())
    assert not at.error
    ok(one(at.button, t("import_page.confirm", "en", rows=2)).click().run())
    figures = monthly(store, profile_id(store))
    assert [(m.income, m.spending) for m in figures] == [(800000, 3500)]
    at = _upload(store, "en", "next.csv", csv_bytes([["2026-10-01", "晚饭", "-20.00"]]))
    assert not at.error
    assert t("statements.remembered", "en") in texts(at.info)
