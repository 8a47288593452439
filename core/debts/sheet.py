"""A sheet of debts (xlsx/csv, Chinese or English headers) into validated entries.

Same rules as the transaction import: the header is found by its words, every bad
cell is reported by row and column, and one bad row refuses the whole file.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from core.debts.entry import DebtEntry, DebtInvalid, entry_from_text
from core.debts.store import add_debts
from core.errors import CoachError
from core.importing.errors import RowError
from core.importing.layouts.headers import header_key
from core.importing.readers import Grid
from core.importing.sandbox import read_untrusted
from core.importing.values import normalize_text, number_to_date

ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("名称", "欠款名称", "贷款名称", "债务", "name", "debt"),
    "lender": ("放款方", "贷款方", "机构", "平台", "银行", "lender", "creditor"),
    "balance": ("余额", "欠款余额", "剩余本金", "待还金额", "欠款", "balance", "amountowed"),
    "apr": ("年利率", "年化利率", "年化", "apr", "apr%", "annualrate", "interestrate", "rate"),
    "daily_rate": ("日利率", "日息", "dailyrate", "dailyrate%"),
    "min_payment": (
        "最低还款",
        "每月最低还款",
        "最低还款额",
        "月供",
        "minimum",
        "minpayment",
        "minimumpayment",
    ),
    "due_day": ("还款日", "每月还款日", "dueday"),
    "overdue_since": ("逾期日期", "逾期开始", "逾期起始日", "逾期开始日期", "overduesince"),
    "penalty_apr": ("罚息", "罚息年利率", "罚息利率", "penaltyrate", "penaltyapr"),
    "penalty_daily_rate": ("罚息日利率", "罚息日息", "penaltydailyrate"),
    "overdue_amount": ("逾期金额", "逾期未还", "逾期应还", "overdueamount", "arrears"),
    "kind": ("类型", "欠款类型", "种类", "kind", "debtkind", "debttype"),
    "late_fee": ("滞纳金", "每月滞纳金", "latefee"),
    "promo_apr": ("优惠利率", "优惠期利率", "promorate", "promotionalrate", "promoapr"),
    "promo_end": ("优惠截止", "优惠期截止", "优惠截止月份", "promoend"),
}
_LOOKUP = {alias: field for field, names in ALIASES.items() for alias in names}
_TOTALS = ("合计", "总计", "total")


class DebtSheetInvalid(CoachError):
    """Some rows are wrong; nothing was imported. `errors` lists each cell (a row can
    have several); the message counts rows."""

    def __init__(self, file: str, errors: list[RowError]) -> None:
        self.errors = errors
        rows = len({(e.sheet, e.row) for e in errors})
        super().__init__("debts.sheet_invalid", file=file, count=rows)


def _header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(grid.rows[:30]):
        columns = {}
        for position, cell in enumerate(row):
            field = _LOOKUP.get(header_key(cell))
            if field and field not in columns:
                columns[field] = position
        if {"name", "balance", "min_payment"} <= columns.keys() and (
            "apr" in columns or "daily_rate" in columns
        ):
            return index, columns
    return None


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return normalize_text(str(cell))


def _date(cell: object) -> dt.date | str:
    """A date cell as a date; text stays text for the debt's own date reading."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    found = number_to_date(cell) if isinstance(cell, int | float) else None
    return found or _text(cell)


def _entry(cells: dict[str, object]) -> DebtEntry:
    text = {field: _text(cell) for field, cell in cells.items() if field != "overdue_since"}
    if "promo_end" in text:
        text["promo_end"] = text["promo_end"][:7]  # a date cell's text: 2027-06-30 00:00:00
    return entry_from_text(**text, overdue_since=_date(cells.get("overdue_since")))


def read_debt_sheet(file_name: str, data: bytes) -> list[DebtEntry]:
    """Every debt in the file, or DebtSheetInvalid listing each bad cell."""
    entries: list[DebtEntry] = []
    errors: list[RowError] = []
    found_header = False
    for grid in read_untrusted(file_name, data):
        header = _header(grid)
        if header is None:
            continue
        found_header = True
        start, columns = header
        titles = {f: _text(grid.rows[start][i]) for f, i in columns.items()}
        for number, row in enumerate(grid.rows[start + 1 :], start=start + 2):
            cells = {f: row[i] if i < len(row) else None for f, i in columns.items()}
            first = _text(cells.get("name")).lower()
            if not any(_text(c) for c in cells.values()) or first.startswith(_TOTALS):
                continue
            try:
                entries.append(_entry(cells))
            except DebtInvalid as exc:
                errors.extend(
                    RowError(
                        sheet=grid.name,
                        row=number,
                        column=titles.get(problem.field, problem.field),
                        value=_text(cells.get(problem.field)),
                        key=problem.key,
                        params=problem.params,
                    )
                    for problem in exc.problems
                )
    if not found_header:
        raise CoachError("debts.sheet_no_header", file=file_name)
    if errors:
        raise DebtSheetInvalid(file_name, errors)
    return entries


def import_debt_sheet(
    engine: Engine, profile_id: int, file_name: str, data: bytes
) -> tuple[int, int]:
    """All or nothing: (added, already listed by name)."""
    return add_debts(engine, profile_id, read_debt_sheet(file_name, data))
