"""The shared reading of one sheet: find the header, then turn the rows below it into transactions.

Every layout is the same table underneath; what differs is which header names
which field, how dates are ordered and what an empty 收/支 cell means.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
import pandas as pd

from core.importing.errors import RowError
from core.importing.layouts.headers import header_cells, header_key
from core.importing.readers import Grid
from core.importing.values import (
    Cells,
    blank_cell,
    cells_to_cents,
    cells_to_dates,
    normalize_text,
    per_distinct,
)

# A header sits near the top; a title, an account line or a bill preamble may come first.
HEADER_SEARCH_ROWS = 40
# The store's column sizes; longer text is cut rather than refused.
TEXT_LIMITS = {"description": 500, "counterparty": 200, "source_category": 100}

_TOTALS = re.compile(
    r"\s*((本月|当月|全月|月度?|本年|年度?|全年|总)?(合计|总计|小计|共计|累计|汇总|结余|总额)"
    r"|(grand\s*|sub)?totals?\b|(sum|net|balance)\b)",
    re.IGNORECASE,
)
# Trades that moved no money: closed, failed, returned, cancelled, or never paid.
_CLOSED = re.compile(
    r"关闭|失败|已退还|已退回|撤销|已取消|等待付款|待付款|待支付|未付款|未支付"
    r"|closed|failed|cancel|unpaid|awaiting payment",
    re.IGNORECASE,
)
_REFUND = re.compile(r"退款|refund", re.IGNORECASE)
_DIRECTIONS = {
    "income": {
        "收入", "收", "入", "进", "收款", "入账", "进账", "income", "in", "credit", "cr",
        "deposit", "+",
    },
    "expense": {
        "支出", "支", "出", "付款", "支付", "消费", "出账", "expense", "out", "debit", "dr",
        "withdrawal", "payment", "-",
    },
    "transfer": {"不计收支", "/", "转账", "内部转账", "中性", "不计", "transfer", "neutral"},
}  # fmt: skip
_DIRECTION_OF = {word: kind for kind, words in _DIRECTIONS.items() for word in words}
# Categories that name money moving between one's own accounts.
_TRANSFER_CATEGORIES = {"transfer", "creditcardpayment", "内部转账", "不计收支"}
_UNKNOWN = "?"
_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年")
# Fields a column-mapping editor can assign a header to; others are internal to a layout.
MAPPING_FIELDS = (
    "date",
    "amount",
    "income",
    "expense",
    "direction",
    "category",
    "description",
    "counterparty",
)


@dataclass(frozen=True)
class Layout:
    name: str
    match: Callable[[dict[str, str]], dict[str, str] | None]
    # None: month-first exactly when the date header is English.
    month_first: bool | None
    # "sign": an empty 收/支 cell leaves the amount's own sign; "transfer": it is neutral.
    blank_direction: str
    accepts_mapping: bool = False


@dataclass
class SheetRows:
    rows: pd.DataFrame  # ROW_COLUMNS without fingerprint, plus "id"
    invalid: list[RowError]
    skipped: int


def find_header(grid: Grid, match) -> tuple[int, dict[str, str]] | None:
    for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        mapping = match(header_cells(row))
        if mapping:
            return index, mapping
    return None


def mapping_match(mapping: dict[str, str]):
    """A matcher for a mapping the user chose: the row that holds all its headers."""
    wanted = {field: header_key(text) for field, text in mapping.items()}

    def match(cells: dict[str, str]) -> dict[str, str] | None:
        if all(key in cells for key in wanted.values()):
            return {field: cells[key] for field, key in wanted.items()}
        return None

    return match


def sheet_year(grid: Grid, index: int) -> int | None:
    """The year a sheet is about, from its name or a title above the header (2026年9月)."""
    for text in [grid.name, *(c for row in grid.rows[:index] for c in row)]:
        if isinstance(text, str) and (match := _YEAR.search(text)):
            return int(match[1])
    return None


def header_row(grid: Grid, index: int) -> list[str]:
    return [str(c).strip() for c in grid.rows[index] if isinstance(c, str) and c.strip()]


def read_sheet(grid: Grid, index: int, mapping: dict[str, str], layout: Layout) -> SheetRows:
    body = _Body(grid, index, mapping)
    amounts, no_amount, problems = _amounts(body)
    month_first = layout.month_first
    if month_first is None:
        month_first = mapping["date"].isascii()
    year = sheet_year(grid, index)
    dates, date_ok, no_date = cells_to_dates(body.column("date"), month_first, year)

    amount_bad = np.logical_or.reduce([at_fault for at_fault, _, _ in problems], initial=False)
    # No money moved: an empty row, or a template line still showing 0.
    keep = ~no_amount & ((amounts != 0) | amount_bad)
    # A totals row has no date of its own, only a label such as 合计 somewhere in it.
    for i in np.flatnonzero(keep & ~date_ok):
        if any(isinstance(c, str) and _TOTALS.match(normalize_text(c)) for c in body.rows[i]):
            keep[i] = False

    status = body.text("status") if "status" in mapping else None
    skipped = 0
    if status is not None:
        closed = keep & per_distinct(status, _is_closed, dtype=bool)
        skipped = int(closed.sum())
        keep &= ~closed

    direction = directions(body.column("direction"), body.length)
    problems += [
        (no_date, "date", "import.missing_date"),
        (~no_date & ~date_ok, "date", "import.bad_date"),
        (direction == _UNKNOWN, "direction", "import.bad_direction"),
    ]
    invalid, readable = [], keep.copy()
    for at_fault, field, key in problems:  # every bad cell of a row is listed, not the first
        invalid += body.errors(at_fault & keep, field, key)
        readable &= ~at_fault
    keep = readable
    invalid.sort(key=lambda error: error.row)

    texts = {
        "description": body.text("description", TEXT_LIMITS["description"]),
        "counterparty": body.text("counterparty", TEXT_LIMITS["counterparty"]),
        "source_category": body.text("category", TEXT_LIMITS["source_category"]),
        "id": body.ids(),
    }
    amounts, kinds = classify(amounts, direction, layout.blank_direction)
    incomes = np.flatnonzero(kinds == "income")
    refund_text = texts["source_category"][incomes] + " " + texts["description"][incomes]
    if status is not None:
        refund_text = refund_text + " " + status[incomes]
    kinds[incomes[per_distinct(refund_text, _is_refund, dtype=bool)]] = "expense"
    kinds[per_distinct(texts["source_category"], _is_transfer_category, dtype=bool)] = "transfer"
    if "refunded" in mapping:
        amounts = _less_refunded(amounts, kinds, body.column("refunded"))
    columns = {
        "sheet": np.full(body.length, grid.name, dtype=object),
        "row": body.numbers,
        "date": dates,
        "amount_cents": amounts,
        "kind": kinds,
        **texts,
    }
    # Text stays object dtype (plain str values): quicker to build and to iterate for the store.
    rows = pd.DataFrame(
        {name: pd.Series(values[keep], dtype=values.dtype) for name, values in columns.items()}
    )
    return SheetRows(rows, invalid, skipped)


class _Body:
    """The rows under a header, with each mapped field's cells by header text."""

    def __init__(self, grid: Grid, index: int, mapping: dict[str, str]) -> None:
        self.sheet = grid.name
        self.mapping = mapping
        self.position: dict[str, int] = {}
        for i, cell in enumerate(grid.rows[index]):
            self.position.setdefault(str(cell).strip(), i)
        rows = grid.rows[index + 1 :]
        width = max(self.position.values(), default=0) + 1
        if min(map(len, rows), default=width) < width:  # CSV lines may stop early
            rows = [row + [None] * (width - len(row)) for row in rows]
        self.rows = rows
        self.length = len(rows)
        self.numbers = np.arange(self.length, dtype=np.int64) + index + 2
        self._columns: dict[int, np.ndarray] = {}

    def column(self, field: str) -> np.ndarray | None:
        if field not in self.mapping:
            return None
        at = self.position[self.mapping[field]]
        if at not in self._columns:
            cells = np.empty(self.length, dtype=object)
            cells[:] = list(map(itemgetter(at), self.rows))
            self._columns[at] = cells
        return self._columns[at]

    def text(self, field: str, limit: int = 200) -> np.ndarray:
        """Stripped text cut to `limit`; empty cells and the "/" bills print for none become ""."""
        cells = self.column(field)
        if cells is None:
            return np.full(self.length, "", dtype=object)
        return per_distinct(cells, lambda value: _clean_text(value)[:limit])

    def ids(self) -> np.ndarray:
        """Order numbers without the tab or spaces exports add to stop Excel rounding them."""
        cells = self.column("id")
        if cells is None:
            return np.full(self.length, "", dtype=object)
        ids = pd.Series(cells, dtype="str").fillna("")
        for space in ("\t", " ", "\u3000"):
            ids = ids.str.replace(space, "", regex=False)
        return ids.to_numpy(dtype=object)

    def errors(self, at_fault: np.ndarray, field: str, key: str) -> list[RowError]:
        cells = self.column(field)
        return [
            RowError(
                sheet=self.sheet,
                row=int(self.numbers[i]),
                column=self.mapping[field],
                value="" if cells[i] is None else str(cells[i]).strip(),
                key=key,
            )
            for i in np.flatnonzero(at_fault)
        ]


def _amounts(body: _Body) -> tuple[np.ndarray, np.ndarray, list]:
    """Signed cents, the rows with no amount at all, and the cells that are not amounts.

    One amount column is taken as written; separate income and expense columns
    give income minus expense, whatever sign each was typed with.
    """
    if "amount" in body.mapping:
        amounts, ok, blank = cells_to_cents(body.column("amount"))
        return amounts, blank, [(~blank & ~ok, "amount", "import.bad_amount")]
    amounts = np.zeros(body.length, dtype=np.int64)
    no_amount = np.ones(body.length, dtype=bool)
    problems = []
    for field, sign in (("income", 1), ("expense", -1)):
        cells = body.column(field)
        if cells is None:
            continue
        cents, ok, blank = cells_to_cents(cells)
        amounts += sign * np.where(ok, np.abs(cents), 0)
        no_amount &= blank
        problems.append((~blank & ~ok, field, "import.bad_amount"))
    return amounts, no_amount, problems


def _clean_text(value: object) -> str:
    """A cell's text as stored: trimmed, "/" as nothing, and without NUL characters,
    which no text column can hold (PostgreSQL refuses them)."""
    text = "" if value is None else str(value).replace("\x00", "").strip()
    return "" if text == "/" else text


def _is_refund(text: str | None) -> bool:
    return bool(text and _REFUND.search(text))


def _is_transfer_category(text: str | None) -> bool:
    return bool(text) and re.sub(r"\s+", "", text.lower()) in _TRANSFER_CATEGORIES


def _is_closed(text: str | None) -> bool:
    return bool(text and _CLOSED.search(text))


def directions(cells: np.ndarray | None, length: int) -> np.ndarray:
    """income / expense / transfer per row, "" where empty, "?" where not understood."""
    if cells is None:
        return np.full(length, "", dtype=object)
    return per_distinct(cells, _direction)


def _direction(value: object) -> str:
    if blank_cell(value):
        return ""
    return _DIRECTION_OF.get(normalize_text(str(value)).lower(), _UNKNOWN)


def _less_refunded(amounts: np.ndarray, kinds: np.ndarray, refunded: Cells) -> np.ndarray:
    """A purchase partly refunded counts only what was kept: -100.00 with 30.00 back is
    -70.00. An unreadable refund cell changes nothing."""
    back, ok, _ = cells_to_cents(refunded)
    spent = ok & (kinds == "expense") & (amounts < 0)
    return amounts + np.where(spent, np.minimum(np.abs(back), -amounts), 0)


def classify(
    amounts: np.ndarray, direction: np.ndarray, blank_direction: str
) -> tuple[np.ndarray, np.ndarray]:
    """Signed cents (+ in, - out) and kind, from the amount and the 收/支 marker.

    A marked transfer is stored as money out of the exporting account; it counts
    as neither income nor expense, so the sign only tells which way it went.
    """
    magnitude = np.abs(amounts)
    if blank_direction == "transfer":
        direction = np.where(direction == "", "transfer", direction)
    signed = np.select(
        [direction == "income", direction == "expense", direction == "transfer"],
        [magnitude, -magnitude, -magnitude],
        amounts,
    ).astype(np.int64)
    kinds = np.where(
        direction == "transfer", "transfer", np.where(signed > 0, "income", "expense")
    ).astype(object)
    return signed, kinds
