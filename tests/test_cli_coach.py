"""`recovery-coach coach`, `contacts …` and `letter`, run as a user would, in zh and en."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from openpyxl import load_workbook

from core.coach.cards import title
from core.coach.letters import Means, propose
from core.debts.entry import DebtRecord
from core.i18n import t
from core.money import display
from core.months import next_month
from tests.cli import run
from tests.filemakers import csv_bytes

TODAY = dt.date.today()
SINCE = (TODAY - dt.timedelta(days=12)).isoformat()
WEILIDAI = [
    "debts", "add", "--name", "微粒贷", "--lender", "微众银行", "--balance", "20000",
    "--daily-rate", "0.05", "--min-payment", "1800", "--overdue-since", SINCE,
    "--penalty-apr", "27.375",
]  # fmt: skip
CARD = ["debts", "add", "--name", "招行信用卡", "--balance", "8000", "--apr", "18",
        "--min-payment", "400"]  # fmt: skip
NIGHT_VISIT = (TODAY - dt.timedelta(days=1)).isoformat() + " 22:30"


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.db"


def full_months(count: int = 3) -> list[str]:
    first = TODAY.replace(day=1)
    months = []
    for _ in range(count):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        months.append(first.strftime("%Y-%m"))
    return sorted(months)


def records(tmp_path) -> str:
    """Three full months: income 8,000; rent 3,000 and food 1,000 (essential);
    shopping 500 (not)."""
    rows = [("日期", "说明", "类别", "金额")]
    for month in full_months():
        rows += [
            (f"{month}-05", "工资", "工资", "8000.00"),
            (f"{month}-06", "房租", "住房", "-3000.00"),
            (f"{month}-07", "超市买菜", "餐饮", "-1000.00"),
            (f"{month}-08", "淘宝 衣服", "购物", "-500.00"),
        ]
    path = tmp_path / "账本.csv"
    path.write_bytes(csv_bytes(rows))
    return str(path)


def one_line_error(result) -> str:
    assert result.code != 0
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    return result.err.strip()


# --- coach --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_new_user_gets_only_getting_started(db, lang):
    shown = run(db, "coach", "--json", "--lang", lang).json()
    assert shown == {
        "advice": [
            {
                "key": "getting_started",
                "title": title("getting_started", lang),
                "why": t("coach.why_getting_started", lang),
            }
        ]
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_overdue_weilidai_shows_unprompted_what_a_week_costs_and_how_to_ask(db, lang):
    assert run(db, *WEILIDAI).code == 0
    advice = run(db, "coach", "--json", "--lang", lang).json()["advice"]
    assert list(advice[0]) == ["key", "title", "why"]
    keys = [a["key"] for a in advice]
    assert keys == ["cost_of_delay", "negotiate", "cause"]
    assert "12" in advice[0]["why"]
    assert "¥105.00" in advice[0]["why"]  # 20,000 x 27.375 % / 365 x 7
    assert "95384" in advice[1]["why"]
    text = run(db, "coach", "--lang", lang)
    assert text.code == 0
    assert title("cost_of_delay", lang) in text.out
    assert "¥105.00" in text.out


def test_the_language_follows_the_environment_unless_given(db):
    assert run(db, *WEILIDAI).code == 0
    assert title("cost_of_delay", "zh") in run(db, "coach", lang="zh").out
    assert title("cost_of_delay", "en") in run(db, "coach", "--lang", "en", lang="zh").out
    assert "fr" in one_line_error(run(db, "coach", "--lang", "fr"))


# --- contacts ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_2230_visit_with_a_threat_shows_rights_and_what_to_do(db, lang):
    added = run(
        db, "contacts", "add", "--when", NIGHT_VISIT, "--kind", "visit", "--place", "家门口",
        "--collector", "王某", "--company", "某某资产", "--no-id-shown", "--said", "不还就天天来",
        "--flag", "threats", lang=lang,
    )  # fmt: skip
    assert added.code == 0, added.err
    assert t("contacts.added", lang, entry=1) in added.out
    assert title("rights", lang) in added.out
    assert title("good_faith", lang) in added.out
    assert t("coach.do_police", lang) in added.out
    assert t("coach.do_complain", lang) in added.out
    advice = run(db, "coach", "--json", "--lang", lang).json()["advice"]
    assert [a["key"] for a in advice] == ["rights", "good_faith", "collector_at_door"]
    assert t("contacts.flag_night", lang) in advice[0]["why"]


def test_a_contact_without_a_flag_at_noon_brings_no_rights(db):
    noon = (TODAY - dt.timedelta(days=1)).isoformat() + " 12:00"
    added = run(db, "contacts", "add", "--when", noon, "--kind", "call", "--id-shown")
    assert added.code == 0, added.err
    assert title("rights", "en") not in added.out
    listed = run(db, "contacts", "list", "--json").json()
    assert listed[0]["id_shown"] is True
    assert listed[0]["time_flags"] == []


def test_the_log_lists_as_json_and_text_with_the_flags(db):
    for args in (
        ["--when", NIGHT_VISIT, "--kind", "visit", "--flag", "threats", "--flag", "entered"],
        ["--when", NIGHT_VISIT.replace("22:30", "09:00"), "--kind", "message"],
    ):
        assert run(db, "contacts", "add", *args).code == 0
    listed = run(db, "contacts", "list", "--json").json()
    assert [c["entry"] for c in listed] == [2, 1]  # by time
    visit = listed[1]
    assert visit["flags"] == ["threats", "entered"]
    assert visit["time_flags"] == ["night"]
    assert visit["when"] == NIGHT_VISIT
    assert [v["version"] for v in visit["versions"]] == [1]
    text = run(db, "contacts", "list", lang="en").out
    assert "threats, entered without permission, at night (22:00–08:00)" in text
    assert text.index("#2") < text.index("#1")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--when", "yesterday", "--kind", "visit"], "field_when"),
        (["--when", "2026-02-30 10:00", "--kind", "visit"], "field_when"),
        (["--when", NIGHT_VISIT, "--kind", "letter"], "field_kind"),
        (["--when", NIGHT_VISIT, "--kind", "visit", "--flag", "rude"], "field_flags"),
        (["--when", "2999-01-01 10:00", "--kind", "visit"], "field_when"),
    ],
)
def test_a_bad_contact_is_one_line_naming_the_field_and_nothing_is_written(db, args, field):
    message = one_line_error(run(db, "contacts", "add", *args, lang="zh"))
    assert t(f"contacts.{field}", "zh") in message
    assert run(db, "contacts", "list", "--json").json() == []


def test_the_export_keeps_user_text_as_text(db, tmp_path):
    said = '=HYPERLINK("http://x","点我")'
    assert run(db, "contacts", "add", "--when", NIGHT_VISIT, "--kind", "visit", "--said", said,
               "--place", "@家", "--flag", "threats").code == 0  # fmt: skip
    out = tmp_path / "log.xlsx"
    done = run(db, "contacts", "export", str(out), lang="en")
    assert done.code == 0, done.err
    assert t("contacts.exported", "en", count=1, file=str(out)) in done.out
    sheet = load_workbook(BytesIO(out.read_bytes())).worksheets[0]
    cells = {c.value: c for c in sheet[2]}
    assert cells[said].data_type == "s"
    assert cells["@家"].data_type == "s"
    assert "threats" in cells
    page = tmp_path / "log.html"
    assert run(db, "contacts", "export", str(page)).code == 0
    assert "&quot;点我&quot;" in page.read_text(encoding="utf-8")


def test_an_export_to_a_folder_that_does_not_exist_is_one_line(db, tmp_path):
    one_line_error(run(db, "contacts", "export", str(tmp_path / "nowhere" / "log.xlsx")))


# --- letters ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_proposal_offers_numbers_the_budget_can_keep(db, tmp_path, lang):
    assert run(db, "import", records(tmp_path)).code == 0
    assert run(db, *WEILIDAI).code == 0
    assert run(db, *CARD).code == 0
    done = run(db, "letter", "--kind", "proposal", "--debt", "微粒贷", "--lang", lang)
    assert done.code == 0, done.err
    # income 8,000 - essentials 4,000 - the card's minimum 400
    affordable = 360_000
    assert display(affordable) in done.out
    debt = DebtRecord(
        name="微粒贷", balance_cents=2_000_000, apr=Decimal("18.25"), min_payment_cents=180_000,
        overdue_since=dt.date.fromisoformat(SINCE), penalty_apr=Decimal("27.375"),
    )  # fmt: skip
    means = Means(800_000, 400_000, 40_000, tuple(full_months()))
    offer = propose(debt, means, start=next_month(TODAY)).offer
    assert offer.payment <= affordable
    assert display(offer.payment) in done.out
    assert display(offer.total) in done.out


def test_a_letter_written_as_docx_or_text(db, tmp_path):
    assert run(db, *WEILIDAI).code == 0
    assert run(db, "contacts", "add", "--when", NIGHT_VISIT, "--kind", "visit",
               "--flag", "threats").code == 0  # fmt: skip
    out = tmp_path / "complaint.docx"
    done = run(
        db, "letter", "--kind", "complaint", "--debt", "微粒贷", "--out", str(out), lang="zh"
    )
    assert done.code == 0, done.err
    assert t("letters.written", "zh", file=str(out)) in done.out
    text = "\n".join(p.text for p in docx.Document(BytesIO(out.read_bytes())).paragraphs)
    assert "12378" in text
    assert NIGHT_VISIT in text
    deadline = (TODAY + dt.timedelta(days=15)).isoformat()
    assert deadline in text
    plain = tmp_path / "notice.txt"
    assert run(db, "letter", "--kind", "notice_request", "--debt", "微粒贷", "--out", str(plain),
               "--lang", "en").code == 0  # fmt: skip
    assert "¥20,000.00" in plain.read_text(encoding="utf-8")
    stop = run(db, "letter", "--kind", "stop_third_party", "--debt", "微粒贷")
    assert "Art" in stop.out


def test_letter_errors_are_one_line(db):
    assert "debts add" in one_line_error(run(db, "letter", "--kind", "proposal", "--debt", "x"))
    assert run(db, *WEILIDAI).code == 0
    message = one_line_error(run(db, "letter", "--kind", "proposal", "--debt", "花呗"))
    assert "花呗" in message
    assert "微粒贷" in message
    assert "complaint" in one_line_error(run(db, "letter", "--kind", "poem", "--debt", "微粒贷"))
