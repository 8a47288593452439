import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from core.debts.sheet import DebtSheetInvalid, import_debt_sheet, read_debt_sheet
from core.debts.store import list_debts
from core.errors import CoachError


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "欠款"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CHINESE = [
    ["我的欠款清单"],
    [],
    [
        "名称",
        "贷款方",
        "余额",
        "日利率",
        "年利率",
        "最低还款",
        "还款日",
        "逾期日期",
        "罚息",
        "滞纳金",
    ],
    ["微粒贷", "微众银行", 20000, 0.05, None, 1800, 8, dt.datetime(2026, 9, 8), "27.375%", 50],
    ["信用卡", "招商银行", "¥8,000.00", None, 18, "400", 20, None, None, None],
    ["合计", None, 28000, None, None, 2200, None, None, None, None],
]


def test_chinese_sheet_with_title_daily_rate_and_totals_row():
    debts = read_debt_sheet("欠款.xlsx", _xlsx(CHINESE))
    assert [d.name for d in debts] == ["微粒贷", "信用卡"]
    weili, card = debts
    assert weili.apr == Decimal("18.25")
    assert (weili.balance_cents, weili.min_payment_cents, weili.due_day) == (2_000_000, 180_000, 8)
    assert weili.overdue_since == dt.date(2026, 9, 8)
    assert (weili.penalty_apr, weili.late_fee_cents) == (Decimal("27.375"), 5_000)
    assert (card.balance_cents, card.apr, card.overdue_since) == (800_000, Decimal(18), None)


def test_english_csv():
    text = "Name,Lender,Balance,APR,Minimum payment,Due day\nCard,Bank,1200.50,24.9,35,3\n"
    [card] = read_debt_sheet("debts.csv", text.encode())
    assert (card.name, card.balance_cents, card.apr, card.due_day) == (
        "Card",
        120_050,
        Decimal("24.9"),
        3,
    )


def test_bad_rows_are_listed_by_row_and_column_and_nothing_is_imported(engine, profile):
    rows = [
        *CHINESE[:4],
        ["花呗", "蚂蚁", -5, None, 18, 100, 40, None, None, None],
        ["借呗", "蚂蚁", "很多", None, 18, 100, 1, None, None, None],
    ]
    with pytest.raises(DebtSheetInvalid) as caught:
        import_debt_sheet(engine, profile, "欠款.xlsx", _xlsx(rows))
    found = [(e.row, e.column, e.value) for e in caught.value.errors]
    # every bad cell of a row, not only its first
    assert found == [(5, "余额", "-5"), (5, "还款日", "40"), (6, "余额", "很多")]
    assert "2 of its rows are wrong" in caught.value.message("en")
    assert list_debts(engine, profile) == []


def test_import_twice_adds_nothing_the_second_time(engine, profile):
    assert import_debt_sheet(engine, profile, "欠款.xlsx", _xlsx(CHINESE)) == (2, 0)
    assert import_debt_sheet(engine, profile, "欠款.xlsx", _xlsx(CHINESE)) == (0, 2)
    assert len(list_debts(engine, profile)) == 2


def test_a_sheet_without_debt_columns_is_refused_by_name():
    with pytest.raises(CoachError, match=r"notes\.xlsx: no list of debts found"):
        read_debt_sheet("notes.xlsx", _xlsx([["hello", "world"], [1, 2]]))


@pytest.mark.parametrize(
    "header",
    [
        ["名称", "放款方", "欠款余额", "年利率", "最低还款", "还款日", "逾期开始日期", "罚息年利率",
         "每月滞纳金"],
        ["Name", "Lender", "Balance", "Annual rate", "Minimum payment", "Due day", "Overdue since",
         "Penalty rate", "Late fee"],
    ],
)  # fmt: skip
def test_the_headers_the_import_help_names_are_the_ones_it_reads(header):
    """The page tells people which headers to write (debts_page.import_help): each one works."""
    row = ["网贷", "某平台", "3000", "24", "300", "5", "2026-10-01", "36", "20"]
    [debt] = read_debt_sheet("debts.csv", "\n".join([",".join(header), ",".join(row)]).encode())
    assert (debt.lender, debt.balance_cents, debt.apr, debt.min_payment_cents) == (
        "某平台", 300_000, Decimal(24), 30_000,
    )  # fmt: skip
    assert (debt.due_day, debt.overdue_since, debt.penalty_apr, debt.late_fee_cents) == (
        5, dt.date(2026, 10, 1), Decimal(36), 2_000,
    )  # fmt: skip
