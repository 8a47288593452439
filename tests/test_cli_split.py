"""`recovery-coach plan` below the minimums: the `split` key, the text and the workbook, as a
script and our acceptance checks use them (a real store, a subprocess)."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from core.i18n import t
from core.money import format_cents
from core.planner import Debt, split_plan
from tests.cli import run

START = "2027-01"
EVIL = "=1+2"  # a debt name that a spreadsheet would run as a formula


def add(db, *args: str) -> None:
    result = run(db, "debts", "add", *args)
    assert result.code == 0, result.err


@pytest.fixture
def short(tmp_path):
    """Minimums 1,800 + 450 + 300 = 2,550."""
    db = tmp_path / "split.db"
    add(db, "--name", "微粒贷", "--balance", "20000", "--daily-rate", "0.05", "--min-payment",
        "1800", "--overdue-since", "2026-09-08", "--penalty-daily-rate", "0.075",
        "--late-fee", "50")  # fmt: skip
    add(db, "--name", EVIL, "--balance", "8000", "--apr", "18", "--min-payment", "450",
        "--kind", "card")  # fmt: skip
    add(db, "--name", "花呗", "--balance", "3000", "--apr", "14.6", "--min-payment", "300")
    return db


def plan_json(db, *args: str) -> dict:
    result = run(db, "plan", "--start", START, *args, "--json")
    assert result.code == 0, result.err
    return result.json()


def expected() -> object:
    """The same split, computed in-process from the same debts."""
    debts = [
        Debt("微粒贷", 2_000_000, Decimal("18.25"), 180_000, True, Decimal("27.375"), 5_000),
        Debt(EVIL, 800_000, Decimal(18), 45_000, kind="card"),
        Debt("花呗", 300_000, Decimal("14.6"), 30_000),
    ]
    return split_plan(debts, 200_000, START)


def test_json_adds_the_split_and_keeps_the_contract(short):
    out = plan_json(short, "--budget", "2000")
    assert out["feasible"] is False and out["shortfall"] == "550.00"  # as before
    assert out["problem"]["kind"] == "below_minimums"
    split = out["split"]
    assert {"debts", "accepted", "refused"} <= split.keys()
    for debt in split["debts"]:
        assert {"name", "minimum", "offer", "ask_reduction"} <= debt.keys()
        assert Decimal(debt["minimum"]) - Decimal(debt["offer"]) == Decimal(debt["ask_reduction"])
    assert [d["name"] for d in split["debts"]] == ["微粒贷", EVIL, "花呗"]  # triage order
    assert sum(Decimal(d["offer"]) for d in split["debts"]) == Decimal("2000.00")
    assert sum(Decimal(d["ask_reduction"]) for d in split["debts"]) == Decimal(out["shortfall"])
    assert [d["triage"]["reason"] for d in split["debts"]] == ["overdue", "card", "rate"]
    core = expected()
    assert [(d["offer"], d["minimum"]) for d in split["debts"]] == [
        (format_cents(o.offer), format_cents(o.minimum)) for o in core.offers
    ]
    for name in ("accepted", "refused"):
        timeline, mine = split[name], getattr(core, name)
        assert {"months", "debt_free", "total_interest"} <= timeline.keys()
        assert (timeline["months"], timeline["debt_free"]) == (mine.months, mine.debt_free)
        assert timeline["total_interest"] == format_cents(mine.total_interest)
    assert split["accepted"]["debt_free"] < split["refused"]["debt_free"]
    assert Decimal(split["cost_of_refusal"]) == Decimal(
        split["refused"]["total_interest"]
    ) - Decimal(split["accepted"]["total_interest"])


def test_no_split_when_the_budget_covers_the_minimums(short):
    out = plan_json(short, "--budget", "2550")
    assert out["feasible"] is True and "split" not in out and "shortfall" not in out


def test_never_is_null_with_the_reason(short):
    out = plan_json(short, "--budget", "300", "--token", "0")
    refused = out["split"]["refused"]
    assert (refused["months"], refused["debt_free"]) == (None, None)
    assert refused["never"]["reason"] == "never_pays"
    assert out["split"]["cost_of_refusal"] is None
    assert isinstance(refused["total_interest"], str)


def test_a_bigger_budget_later_brings_back_the_normal_order(short):
    out = plan_json(short, "--budget", "2000", "--then", "2027-04:2600")
    assert out["budget_from"] == {"2027-04": "2600.00"}
    assert out["split"]["accepted"]["switch_month"] == "2027-04"
    assert out["split"]["refused"]["switch_month"] == "2027-04"


@pytest.mark.parametrize(
    ("later", "key"),
    [
        ("2027-04:1500", "split.budget_from_lower"),
        ("2027-01:3000", "split.budget_from_not_after"),
        ("2027-04", "split.bad_budget_from"),
    ],
)
def test_an_impossible_later_budget_is_one_line_on_stderr(short, later, key):
    result = run(short, "plan", "--start", START, "--budget", "2000", "--then", later)
    assert result.code == 1 and result.out == ""
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    first_words = t(key, "en", value=later, month="", amount="", before="", start="")[:12]
    assert first_words in result.err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_says_what_to_pay_and_ask_and_both_debt_free_months(short, lang):
    result = run(short, "plan", "--start", START, "--budget", "2000", lang=lang)
    assert result.code == 0, result.err
    core = expected()
    assert t("split.cli_title", lang, budget="2000.00") in result.out
    for offer in core.offers:
        row = next(line for line in result.out.splitlines() if line.startswith(offer.name))
        assert format_cents(offer.offer) in row and format_cents(offer.ask) in row
    for timeline in (core.accepted, core.refused):
        line = t(
            "split.cli_timeline",
            lang,
            label=t(f"split.{timeline.assumption}_title", lang),
            month=timeline.debt_free,
            months=timeline.months,
            interest=format_cents(timeline.total_interest),
        )
        assert line in result.out


def test_workbook_has_the_split_first_with_names_as_text(short, tmp_path):
    target = tmp_path / "plan.xlsx"
    result = run(short, "plan", "--start", START, "--budget", "2000", "--xlsx", str(target))
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    assert book.sheetnames[:3] == [
        t("split.sheet", "en"),
        t("split.accepted_title", "en"),
        t("split.refused_title", "en"),
    ]
    sheet = book[t("split.sheet", "en")]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == tuple(t(f"split.col_{c}", "en") for c in ("debt", "due", "pay", "ask"))
    core = expected()
    for row, offer in zip(rows[1:4], core.offers, strict=True):
        assert row[0] == offer.name
        assert [Decimal(str(v)) * 100 for v in row[1:4]] == [offer.minimum, offer.offer, offer.ask]
    evil = next(c for c in sheet[3] if c.value == EVIL)
    assert evil.data_type == "s"  # shown, never run
    labels = (t("split.accepted_title", "en"), t("split.refused_title", "en"))
    debt_free = {row[0]: row[1] for row in rows if row and row[0] in labels}
    assert debt_free == {
        t("split.accepted_title", "en"): core.accepted.debt_free,
        t("split.refused_title", "en"): core.refused.debt_free,
    }
