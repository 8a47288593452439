"""Plans as a workbook to keep or share: a summary sheet, then one schedule per plan.

Money cells hold numbers (yuan) with a currency format, so the sheet can add them up.
Debt names are the user's own text and are always written as text: a name such as
"=HYPERLINK(...)" is shown, never run as a formula.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from core.i18n import DEFAULT_LANGUAGE, t
from core.money import from_cents
from core.planner import PlanResult
from core.present.text import problem_text

CURRENCY = '"¥"#,##0.00'
BOLD = Font(bold=True)


def plan_workbook(results: dict[str, PlanResult], lang: str = DEFAULT_LANGUAGE) -> bytes:
    """`results` maps a strategy (avalanche, snowball, custom, minimum) to its plan."""
    book = Workbook(write_only=True)
    summary = book.create_sheet(t("plan.sheet_summary", lang))
    _layout(summary, (24, 24, 14, 18, 16, 60))
    columns = ("strategy", "months", "debt_free", "total_interest", "total_paid", "note")
    _header(summary, lang, *columns)
    for key, result in results.items():
        summary.append(
            [
                t(f"plan.strategy_{key}", lang),
                result.months,
                result.debt_free or "",
                _money(summary, result.total_interest),
                _money(summary, result.total_paid),
                problem_text(result, lang),
            ]
        )
    summary.append([])
    _header(summary, lang, "strategy", "debt", "payoff_month", "total_interest", "paid")
    for key, result in results.items():
        for outcome in result.debts:
            summary.append(
                [
                    t(f"plan.strategy_{key}", lang),
                    _text(summary, outcome.name),
                    outcome.payoff_month or "",
                    _money(summary, outcome.interest),
                    _money(summary, outcome.paid),
                ]
            )
    for key, result in results.items():
        sheet = book.create_sheet(t(f"plan.strategy_{key}", lang))
        _layout(sheet, (10, 24, 16, 14, 14, 18))
        _header(sheet, lang, "month", "debt", "interest", "fee", "payment", "balance")
        for row in result.schedule:
            sheet.append(
                [
                    row.month,
                    _text(sheet, row.debt),
                    _money(sheet, row.interest),
                    _money(sheet, row.fee),
                    _money(sheet, row.payment),
                    _money(sheet, row.balance),
                ]
            )
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _header(sheet: WriteOnlyWorksheet, lang: str, *columns: str) -> None:
    cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet, t(f"plan.col_{column}", lang))
        cell.font = BOLD
        cells.append(cell)
    sheet.append(cells)


def _layout(sheet: WriteOnlyWorksheet, widths: tuple[int, ...]) -> None:
    """Columns wide enough for their figures, and the header row kept in view."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _money(sheet: WriteOnlyWorksheet, cents: int) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, from_cents(cents))
    cell.number_format = CURRENCY
    return cell


def _text(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    """Always a string cell, whatever the text starts with (=, +, -, @, tab, CR)."""
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    return cell
