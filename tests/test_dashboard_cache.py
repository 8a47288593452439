"""The dashboard's cached reads follow the store, whoever writes to it: a page left open
shows an import made from the command line at its next run, and a write made on the
page reads nothing again that it did not change (the file being imported included)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from core.i18n import t
from core.importing import preview_file
from core.ledger import budget
from core.money import display
from core.months import Month
from core.profiles import profile_id
from tests import cli
from tests.filemakers import csv_bytes
from tests.test_dashboard import WECHAT, metrics, ok, one, open_page, start, texts

LANGS = ("zh", "en")
CACHE = Path(__file__).resolve().parents[1] / "dashboard" / "cache.py"


@pytest.mark.parametrize("lang", LANGS)
def test_a_dashboard_left_open_sees_an_import_made_from_the_command_line(sample, tmp_path, lang):
    store = sample
    at = open_page(start(lang), "budget")
    me = profile_id(store)
    last = Month.current() - 1  # the budget page leads with last calendar month

    def surplus() -> int:
        return {m.month: m.surplus for m in budget.monthly(store, me)}.get(last, 0)

    label = t("budget_page.surplus_of", lang, month=last.text(lang))
    before = surplus()
    bonus = tmp_path / "年终奖.csv"
    bonus.write_bytes(csv_bytes([("日期", "说明", "金额"), (f"{last}-28", "年终奖", "12345.67")]))
    done = cli.run(Path(store.url.database), "import", str(bonus))
    assert done.code == 0, done.err

    ok(at.run())  # the same session, left open: its next run
    assert surplus() == before + 1_234_567
    assert metrics(at)[label] == display(surplus())


def test_an_imported_file_is_not_read_again(store, monkeypatch):
    importer = importlib.import_module("dashboard.views.importer")
    reads: list[str] = []

    def counted(name: str, content: bytes, *args: object, **kwargs: object):
        reads.append(name)
        return preview_file(name, content, *args, **kwargs)

    monkeypatch.setattr(importer, "preview_file", counted)
    at = open_page(start("en"), "import")
    ok(at.file_uploader[0].upload("微信支付账单.csv", WECHAT, "text/csv").run())
    assert reads == ["微信支付账单.csv"]
    ok(one(at.button, t("import_page.confirm", "en", rows=2)).click().run())
    assert texts(at.success) == [t("import_page.report", "en", imported=2, duplicates=0, skipped=0)]
    ok(at.run())
    assert reads == ["微信支付账单.csv"]  # read once, for the preview; not after the import


def test_every_cached_read_is_keyed_on_the_data_version():
    """A read cached some other way would not see other processes' writes: every
    function in the cache module that is cached goes through `keyed`."""
    tree = ast.parse(CACHE.read_text(encoding="utf-8"))
    reads = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    for read in reads:
        decorators = [ast.unparse(d) for d in read.decorator_list]
        assert decorators in ([], ["keyed"]), (read.name, decorators)
    assert CACHE.read_text(encoding="utf-8").count("st.cache_data(") == 1  # inside `keyed`
