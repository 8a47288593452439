"""Plans as a workbook to keep or share: a summary sheet, then one schedule per plan.

Money cells hold numbers (yuan) with a currency format, so the sheet can add them up.
Debt names are the user's own text and are always written as text: a name such as
"=HYPERLINK(...)" is shown, never run as a formula.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from core.i18n import DEFAULT_LANGUAGE, t
from core.money import from_cents
from core.planner import PlanResult, ScheduleRow, SplitPlan
from core.present.text import never_text, problem_text, why_text

CURRENCY = '"¥"#,##0.00'
BOLD = Font(bold=True)


def plan_workbook(
    results: dict[str, PlanResult], lang: str = DEFAULT_LANGUAGE, split: SplitPlan | None = None
) -> bytes:
    """`results` maps a strategy (avalanche, snowball, custom, minimum) to its plan.
    With a `split` (the budget is below the minimums) it comes first: the fair split,
    then its two timelines' schedules."""
    book = Workbook(write_only=True)
    if split is not None:
        _split_sheets(book, split, lang)
    summary = book.create_sheet(t("plan.sheet_summary", lang))
    _layout(summary, (24, 24, 14, 18, 16, 60))
    columns = ("strategy", "months", "debt_free", "total_interest", "total_paid", "note")
    _header(summary, lang, *columns)
    for key, result in results.items():
        # A plan that does not clear has no months or totals to give (the months it was
        # followed for say nothing): its note says why instead.
        figures = (
            [
                result.months,
                result.debt_free or "",
                _money(summary, result.total_interest),
                _money(summary, result.total_paid),
            ]
            if result.feasible
            else ["", "", "", ""]
        )
        note = text_cell(summary, problem_text(result, lang))  # it names a debt
        summary.append([t(f"plan.strategy_{key}", lang), *figures, note])
    summary.append([])
    _header(summary, lang, "strategy", "debt", "payoff_month", "total_interest", "paid")
    for key, result in results.items():
        for outcome in result.debts:
            cleared = outcome.payoff_month is not None
            summary.append(
                [
                    t(f"plan.strategy_{key}", lang),
                    text_cell(summary, outcome.name),
                    outcome.payoff_month or t("plan.not_paid_off", lang),
                    _money(summary, outcome.interest) if cleared else "",
                    _money(summary, outcome.paid) if cleared else "",
                ]
            )
    for key, result in results.items():
        _schedule_sheet(book, t(f"plan.strategy_{key}", lang), result.schedule, lang)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _schedule_sheet(book: Workbook, title: str, schedule: list[ScheduleRow], lang: str) -> None:
    sheet = book.create_sheet(title)
    _layout(sheet, (10, 24, 16, 14, 14, 18))
    _header(sheet, lang, "month", "debt", "interest", "fee", "payment", "balance")
    for row in schedule:
        sheet.append(
            [
                row.month,
                text_cell(sheet, row.debt),
                _money(sheet, row.interest),
                _money(sheet, row.fee),
                _money(sheet, row.payment),
                _money(sheet, row.balance),
            ]
        )


def _split_sheets(book: Workbook, split: SplitPlan, lang: str) -> None:
    """Per debt: due, pay, ask and why; then each timeline's debt-free month (or why
    never), interest and fees, and the month the normal order takes over."""
    sheet = book.create_sheet(t("split.sheet", lang))
    _layout(sheet, (24, 16, 16, 18, 60))
    _titles(sheet, [t(f"split.col_{c}", lang) for c in ("debt", "due", "pay", "ask", "why")])
    for offer in split.offers:
        sheet.append(
            [
                text_cell(sheet, offer.name),
                _money(sheet, offer.minimum),
                _money(sheet, offer.offer),
                _money(sheet, offer.ask),
                why_text(offer.priority, lang),
            ]
        )
    sheet.append([])
    columns = ("split.debt_free", "plan.col_months", "plan.col_total_interest", "plan.col_note")
    _titles(sheet, ["", *(t(key, lang) for key in columns)])
    for timeline in (split.accepted, split.refused):
        notes = [t(f"split.{timeline.assumption}_assumption", lang), never_text(timeline, lang)]
        if timeline.switch:
            notes.append(t("split.switch_month", lang, month=timeline.switch))
        sheet.append(
            [
                t(f"split.{timeline.assumption}_title", lang),
                timeline.debt_free or t("split.never", lang),
                timeline.months if timeline.feasible else "",
                _money(sheet, timeline.total_interest),
                " ".join(note for note in notes if note),
            ]
        )
    for timeline in (split.accepted, split.refused):
        title = t(f"split.{timeline.assumption}_title", lang)
        _schedule_sheet(book, title, timeline.schedule, lang)


def _header(sheet: WriteOnlyWorksheet, lang: str, *columns: str) -> None:
    _titles(sheet, [t(f"plan.col_{column}", lang) for column in columns])


def _titles(sheet: WriteOnlyWorksheet, titles: list[str]) -> None:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, title)
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


def text_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    """Always a string cell, whatever the text starts with (=, +, -, @, tab, CR); the
    control characters a workbook cannot hold (an escape in a name stored before they
    were refused would otherwise stop the export) become spaces."""
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub(" ", text))
    cell.data_type = "s"
    return cell
