"""`recovery-coach import` with statements, as a script runs it: the unsure file refused
until --statement says which, the choice remembered, pairs and doubts reported."""

from __future__ import annotations

from pathlib import Path

from core.i18n import t
from tests import statement_files as files
from tests.cli import run
from tests.filemakers import csv_bytes
from tests.test_statement_store import BOCOM_DEBIT, WECHAT_BILL
from tests.test_statements import OWN_MOVES

UNSURE = [["某某银行交易明细"], ["交易日期", "摘要", "交易金额"]]


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_an_unsure_statement_is_refused_until_the_kind_is_given(db, tmp_path):
    september = _write(tmp_path, "9月.csv", csv_bytes([*UNSURE, ["2026-09-01", "消费", "35.00"]]))
    refused = run(db, "import", str(september), lang="zh")
    assert refused.code != 0
    assert refused.err.strip() == t("statements.cli_unsure", "zh", file="9月.csv")
    done = run(db, "import", str(september), "--statement", "card", "--json")
    assert done.code == 0, done.err
    report = done.json()
    assert (report["imported"], report["statement"], report["positive"]) == (1, "card", "spending")
    # the next file of this layout is read the same way, and says so
    october = _write(tmp_path, "10月.csv", csv_bytes([*UNSURE, ["2026-10-01", "消费", "20.00"]]))
    again = run(db, "import", str(october))
    assert again.code == 0, again.err
    assert again.out.splitlines()[0] == t("statements.cli_remembered", "en")
    budget = run(db, "budget", "--json").json()
    assert [(m["income"], m["spending"]) for m in budget["months"]] == [
        ("0.00", "35.00"),
        ("0.00", "20.00"),
    ]


def test_a_bad_choice_is_one_line_naming_the_choices(db, tmp_path):
    path = _write(tmp_path, "a.csv", csv_bytes([*UNSURE, ["2026-09-01", "消费", "35.00"]]))
    result = run(db, "import", str(path), "--statement", "credit")
    assert result.code != 0
    assert result.err.strip() == t(
        "statements.cli_bad_choice", "en", value="credit", allowed="card, account"
    )


def test_pairs_doubts_and_other_currencies_are_reported(db, tmp_path):
    wechat = _write(tmp_path, "wechat.csv", WECHAT_BILL)
    bank = _write(tmp_path, "bocom.csv", BOCOM_DEBIT)
    assert run(db, "import", str(wechat)).code == 0
    result = run(db, "import", str(bank))
    assert result.code == 0, result.err
    assert t("statements.cli_paired", "en", count=4) in result.out.splitlines()
    card = files.boc_card(
        "2026年10月",
        [
            ("2026-10-05", "2026-10-05", "网银在线CHN", "70.48", "", "CNY"),
            ("2026-10-12", "2026-10-14", "MICROSOFT*XBOXJPN", "", "3.72", "USD"),
        ],
    )
    report = run(db, "import", str(_write(tmp_path, "boc.csv", card)), "--json").json()
    assert report["doubts"] == {"card_credit": 1}
    assert [item["row"] for item in report["foreign"]] == [4]
    assert "USD" in report["foreign"][0]["message"]


def test_own_transfers_are_reported_and_left_out_of_income(db, tmp_path):
    bank = _write(tmp_path, "招商银行交易记录.csv", files.cmb_debit(OWN_MOVES, holder="张三"))
    report = run(db, "import", str(bank), "--json").json()
    assert report["doubts"] == {"own_transfer": 3}
    month = run(db, "budget", "--json").json()["months"]
    assert [(m["month"], m["income"], m["spending"]) for m in month] == [
        ("2026-09", "8500.00", "35.50")
    ]
