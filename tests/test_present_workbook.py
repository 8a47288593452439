"""The plan workbook: opens anywhere, adds up, and never runs a debt name as a formula."""

import io
import zipfile
from decimal import Decimal

import openpyxl

from core.planner import Debt, compare, plan
from core.present.text import problem_text
from core.present.workbook import plan_workbook

EVIL = '=HYPERLINK("http://evil.example","click")'
DEBTS = [Debt(EVIL, 100_000, Decimal(18), 10_000), Debt("卡", 80_000, Decimal(12), 5_000)]


def test_one_sheet_per_plan_after_a_summary_with_numeric_money_and_text_names():
    plans = compare(DEBTS, 30_000, "2026-06").plans
    data = plan_workbook(plans, "en")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "Summary", "Highest rate first", "Smallest balance first", "Minimums only",
    ]  # fmt: skip
    first = list(book["Highest rate first"][2])
    assert [c.value for c in first[:2]] == ["2026-06", EVIL]
    assert first[1].data_type == "s"
    # 1,000.00 at 18 %: 15.00 interest, 250.00 paid (the minimum plus the rest), 765.00 left
    assert [c.value for c in first[2:]] == [15, 0, 250, 765]
    assert all(c.data_type == "n" and "0.00" in c.number_format for c in first[2:])
    total = book["Summary"][2]
    assert total[0].value == "Highest rate first"
    assert Decimal(str(total[3].value)) * 100 == plans["avalanche"].total_interest
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)


def test_titles_follow_the_language_and_an_infeasible_plan_says_why():
    short = plan(DEBTS, "avalanche", 10_000, "2026-06")
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook({"avalanche": short}, "zh")))
    assert book.sheetnames == ["汇总", "先还利率最高的"]
    note = book["汇总"][2][5].value
    assert note == problem_text(short, "zh")
    assert "¥50.00" in note and "¥150.00" in note


def test_headers_stay_in_view_and_columns_fit_their_figures():
    data = plan_workbook(compare(DEBTS, 30_000, "2026-06").plans)
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1] if cell.value)
        assert sheet.column_dimensions["B"].width >= 20  # debt names, or the strategy's


def test_a_plan_that_does_not_clear_shows_no_figures_only_why():
    """Minimums only, where a debt's minimum never covers its interest: no months or
    totals of the 600 months simulated, a note saying which debt and what would do."""
    never = [Debt("网贷", 1_000_000, Decimal(36), 2_000), Debt("卡", 80_000, Decimal(12), 5_000)]
    plans = compare(never, 100_000, "2026-06").plans
    assert not plans["minimum"].feasible and plans["avalanche"].feasible
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(plans, "en")))
    rows = {row[0].value: row for row in book["Summary"].iter_rows(min_row=2, max_row=4)}
    minimum = [c.value for c in rows["Minimums only"]]
    assert minimum[1:5] == [None, None, None, None]
    assert minimum[5] == problem_text(plans["minimum"], "en") and "网贷" in minimum[5]
    assert "keeps growing" in minimum[5]
    avalanche = [c.value for c in rows["Highest rate first"]]
    assert avalanche[1] == plans["avalanche"].months and avalanche[5] is None
    per_debt = [
        [c.value for c in row[:5]]
        for row in book["Summary"].iter_rows(min_row=6)
        if row[0].value == "Minimums only" and row[1].value == "网贷"
    ]
    assert per_debt == [["Minimums only", "网贷", "not paid off", None, None]]


def test_a_zero_rate_loan_nothing_is_paid_on_is_never_said_to_grow():
    free = [Debt("亲戚借的钱", 500_000, Decimal(0), 0)]
    minimum = compare(free, 10_000, "2026-06").plans["minimum"]
    assert minimum.problem.kind == "never_pays"
    for lang in ("en", "zh"):
        note = problem_text(minimum, lang)
        assert "亲戚借的钱" in note
        assert "grow" not in note and "越欠越多" not in note
    growing = compare([Debt("网贷", 1_000_000, Decimal(36), 2_000)], 100_000, "2026-06")
    assert "keeps growing" in problem_text(growing.plans["minimum"], "en")
