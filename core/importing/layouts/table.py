"""The shared reading of one sheet: find the header, then turn the rows below it into transactions.

Every layout is the same table underneath; what differs is which header names
which field, how dates are ordered and what an empty 收/支 cell means.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
import pandas as pd

from core.importing.errors import RowError
from core.importing.layouts.headers import header_cells, header_key
from core.importing.readers import Grid
from core.importing.rows import Rows
from core.importing.values import (
    Cells,
    blank_cell,
    cells_to_cents,
    cells_to_dates,
    decimal_comma,
    filled,
    is_number,
    normalize_text,
    parse_cents,
    per_distinct,
)

# A header sits near the top; a title, an account line or a bill preamble may come first.
HEADER_SEARCH_ROWS = 40
# The store's column sizes; longer text is cut rather than refused.
TEXT_LIMITS = {"description": 500, "counterparty": 200, "source_category": 100}

# Totals rows carry a label such as 合计 or Total as a cell's whole text; a description
# that merely contains such a word (Net pay, Balance transfer) is a transaction.
_PERIOD_ZH = (
    r"(?:[本当上全每]?[月年周日期]|月度|年度|\d{1,2}月份?|\d{4}年(?:\d{1,2}月份?)?|期[初末])"
)
_SIDE_ZH = r"(?:收支|收入|支出|消费|开支|净)"
_SUM_ZH = r"(?:合计|总计|小计|共计|累计|汇总|结余|结存|余额|总额|总和|总数)"
_TOTALS_ZH = re.compile(
    rf"{_PERIOD_ZH}?(?:{_SIDE_ZH}?{_SUM_ZH}{_SIDE_ZH}?|[总净](?:收支|收入|支出|消费|开支|额))(?:金额)?"
)
_MONTHS_EN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_PERIOD_EN = rf"(?:grand|sub|monthly|month|yearly|annual|weekly|daily|overall|net|{_MONTHS_EN})"
_SIDE_EN = r"(?:income|incomes|expenses?|spending|spent|in|out|credits?|debits?|net|sum|amount)"
_TOTALS_EN = re.compile(
    rf"(?:{_PERIOD_EN}[ -]?)?(?:{_SIDE_EN} )?(?:sub-?)?totals?(?: {_SIDE_EN})?"
    r"(?: for \w+)?(?: \d{4})?"
    r"|sum|net|sum total|balance|(?:opening|closing|ending|starting) balance"
    r"|balance (?:b/f|c/f|brought forward|carried forward)"
)
_LABEL_TAIL = re.compile(r"\s*(?:[(][^()]*[)])?\s*[:：]?\s*$")
# Trades that moved no money: closed, failed, returned, cancelled, or never paid
# (等待付款, 等待买家付款, 待支付, 未付款); 等待确认收货 was paid and counts.
_CLOSED = re.compile(
    r"关闭|失败|已退还|已退回|撤销|已取消|(?:等?待|未)[^已，,;；。\s]{0,6}(?:付款|支付)"
    r"|closed|failed|cancel|unpaid|awaiting payment",
    re.IGNORECASE,
)
_REFUND = re.compile(r"退款|refund", re.IGNORECASE)
# What a refund row's description puts before the goods it gives back: 退款-台灯.
_REFUND_PREFIX = re.compile(r"^(?:退款|refund)\s*[-_:：—－]?\s*", re.IGNORECASE)
# A refund's own number may be its trade's number with a suffix: 2026...001_1.
_TRADE_NUMBER = re.compile(r"[^_\-\s]+")
# Order numbers Excel rounded: 4.2E+27 as text, or 15 digits then zeros.
_ROUNDED_ID = r"[+-]?\d+(?:\.\d*)?[eE][+-]?\d+|\d{15}0{4,}"
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
# what `classify` calls each row, one shared object each
_KINDS = np.array(["income", "expense", "transfer"], dtype=object)
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
    """A matcher for a mapping the user chose: the row that holds its required headers.

    With a date and an amount (or income/expense) column chosen, a sheet needs only
    those; another chosen column it lacks reads as empty there. Without a date
    (a single header looked for on its own) every chosen header must be there.
    """
    wanted = {field: header_key(text) for field, text in mapping.items()}

    def match(cells: dict[str, str]) -> dict[str, str] | None:
        found = {field: cells[key] for field, key in wanted.items() if key in cells}
        if not _has_required(found.keys(), mapping.keys()):
            return None
        return {field: found.get(field, text) for field, text in mapping.items()}

    return match


def _has_required(found, chosen) -> bool:
    if "date" not in chosen:
        return set(found) == set(chosen)
    if "date" not in found:
        return False
    if "amount" in chosen:
        return "amount" in found
    return bool({"income", "expense"} & set(found))


def direction_column(grid: Grid, index: int, mapping: dict[str, str], unmapped: bool) -> str | None:
    """A column that holds nothing but 收入/支出 (Income/Expense) words, to read as the
    direction of unsigned amounts: the category column, or (with `unmapped`) one no
    field was given. None when the sheet has a direction column or no amount column."""
    if "direction" in mapping or "amount" not in mapping:
        return None
    # A column nobody named must show both ways, a category column either.
    candidates = [(mapping["category"], 1)] if "category" in mapping else []
    if unmapped:
        taken = set(mapping.values())
        candidates += [(text, 2) for text in header_row(grid, index) if text not in taken]
    header = [str(cell).strip() for cell in grid.rows[index]]
    rows = grid.rows[index + 1 :]
    for text, ways in candidates:
        if text not in header:
            continue
        at = header.index(text)
        # The first few hundred cells usually tell at once that a column is categories.
        if _only_directions(_cells_at(rows[:200], at), 1) and _only_directions(
            _cells_at(rows, at), ways
        ):
            return text
    return None


def _cells_at(rows: Sequence[list], at: int) -> Sequence:
    if isinstance(rows, Rows):  # a workbook's sheet, kept by column
        return rows.column(at)
    return [row[at] if at < len(row) else None for row in rows]


def _only_directions(cells: list, ways: int) -> bool:
    """Nothing but direction words (and blanks), with income or expense at least `ways`
    of the two."""
    kinds = {_direction(value) for value in pd.unique(np.asarray(cells, dtype=object))}
    kinds.discard("")
    return _UNKNOWN not in kinds and len(kinds & {"income", "expense"}) >= ways


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
    # A totals row has no date of its own, only a label such as 合计 in one of its cells.
    for i in np.flatnonzero(keep & ~date_ok):
        if any(map(_is_totals_label, body.rows[i])):
            keep[i] = False
    # A dated row with something written in it but no amount lost its money somewhere
    # (a typo, a quote that broke the line): listed, not passed over.
    no_money = no_amount & date_ok
    for i in np.flatnonzero(no_money):
        no_money[i] = body.has_content(i)
    keep |= no_money
    amount_field = next(
        (f for f in ("amount", "expense", "income") if body.column(f) is not None), "date"
    )
    problems.append((no_money, amount_field, "import.missing_amount"))

    status = body.text("status") if "status" in mapping else None
    skipped = 0
    closed = np.zeros(body.length, dtype=bool)
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
    refunds = incomes[per_distinct(refund_text, _is_refund, dtype=bool)]
    if closed.any():
        # A purchase left out as closed moved no money in the end: its refund neither.
        purchases = np.flatnonzero(closed & (kinds == "expense"))
        undone = _refunds_of(purchases, refunds[keep[refunds]], amounts, texts)
        keep[undone] = False
        skipped += len(undone)
    kinds[refunds] = "expense"
    kinds[per_distinct(texts["source_category"], _is_transfer_category, dtype=bool)] = "transfer"
    if "refunded" in mapping:
        amounts = _less_refunded(amounts, kinds, body.column("refunded"))
    columns = {
        "sheet": filled(body.length, grid.name),
        "row": body.numbers,
        "date": dates,
        "amount_cents": amounts,
        "kind": kinds,
        **texts,
    }
    # Text stays object dtype (plain str values): quicker to build and to iterate for the store.
    # Every row kept (the usual case): the columns as they are, not a copy of each.
    every = bool(keep.all())
    rows = pd.DataFrame(
        {
            name: pd.Series(values if every else values[keep], dtype=values.dtype)
            for name, values in columns.items()
        }
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
        # CSV lines may stop early; a workbook's rows (Rows) are all as wide as its header
        if not isinstance(rows, Rows) and min(map(len, rows), default=width) < width:
            rows = [row + [None] * (width - len(row)) for row in rows]
        self.rows = rows
        self.length = len(rows)
        self.numbers = np.arange(self.length, dtype=np.int64) + index + 2
        self._columns: dict[int, np.ndarray] = {}

    def column(self, field: str) -> np.ndarray | None:
        """The field's cells; None when it is not mapped or this sheet lacks its header."""
        at = self.position.get(self.mapping.get(field))
        if at is None:
            return None
        if at not in self._columns:
            if isinstance(self.rows, Rows):
                self._columns[at] = self.rows.column(at)
            else:
                cells = np.empty(self.length, dtype=object)
                cells[:] = list(map(itemgetter(at), self.rows))
                self._columns[at] = cells
        return self._columns[at]

    def text(self, field: str, limit: int = 200) -> np.ndarray:
        """Stripped text cut to `limit`; empty cells and the "/" bills print for none become ""."""
        cells = self.column(field)
        if cells is None:
            return filled(self.length, "")
        return per_distinct(cells, lambda value: _clean_text(value)[:limit])

    def ids(self) -> np.ndarray:
        """Order numbers without the tab or spaces exports add to stop Excel rounding them.

        A number Excel made of one (4.2e27, or 2.02609E+18 as text, or its first 15
        digits padded with zeros) names many trades at once: "" there, so the row
        is told by its content instead.
        """
        cells = self.column("id")
        if cells is None:
            return filled(self.length, "")
        kind = pd.api.types.infer_dtype(cells, skipna=False)
        numbers = np.zeros(self.length, dtype=bool)
        if kind != "string":
            numbers = np.fromiter(map(is_number, cells), dtype=bool, count=self.length)
        ids = pd.Series(np.where(numbers, None, cells), dtype="str").fillna("")
        for space in ("\t", " ", "\u3000"):
            ids = ids.str.replace(space, "", regex=False)
        ids = ids.to_numpy(dtype=object)
        ids[_ids_rounded(ids)] = ""
        if numbers.any():
            ids[numbers] = per_distinct(cells[numbers], _number_id)
        return ids

    def has_content(self, i: int) -> bool:
        """Whether row `i` holds anything besides its date: not blanks, zeros or a
        balance label (a template's pre-filled day, an opening balance line)."""
        date_at = self.position[self.mapping["date"]]
        cells = [c for at, c in enumerate(self.rows[i]) if at != date_at]
        if any(map(_is_totals_label, cells)):
            return False
        return not all(map(_nothing_written, cells))

    def errors(self, at_fault: np.ndarray, field: str, key: str) -> list[RowError]:
        cells = self.column(field)
        return [
            RowError(
                sheet=self.sheet,
                row=int(self.numbers[i]),
                column=self.mapping[field],
                value="" if cells is None or cells[i] is None else str(cells[i]).strip(),
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
        cells = body.column("amount")
        amounts, ok, blank = cells_to_cents(cells)
        return amounts, blank, _bad_amounts(cells, ~blank & ~ok, "amount")
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
        problems += _bad_amounts(cells, ~blank & ~ok, field)
    return amounts, no_amount, problems


def _bad_amounts(cells: np.ndarray, bad: np.ndarray, field: str) -> list:
    """Unreadable amount cells, those with a decimal comma (12,50) told apart."""
    comma = np.zeros(len(bad), dtype=bool)
    if bad.any():
        comma[bad] = per_distinct(cells[bad], decimal_comma, dtype=bool)
    return [
        (bad & ~comma, field, "import.bad_amount"),
        (comma, field, "import.decimal_comma"),
    ]


def _refunds_of(
    purchases: np.ndarray, refunds: np.ndarray, amounts: np.ndarray, texts: dict
) -> list[int]:
    """The refund rows that give back a closed purchase: the same trade number (or that
    number with a suffix), else the same amount and description (退款-台灯 for 台灯),
    and the same counterparty where both name one. One refund per purchase."""
    if not len(purchases) or not len(refunds):
        return []
    ids, described, parties = texts["id"], texts["description"], texts["counterparty"]
    by_id: dict[str, list[int]] = {}
    by_goods: dict[tuple[int, str], list[int]] = {}
    for i in purchases:
        if ids[i]:
            by_id.setdefault(ids[i], []).append(i)
        by_goods.setdefault((abs(int(amounts[i])), described[i]), []).append(i)
    used: set[int] = set()
    undone = []
    for r in refunds:
        number = _TRADE_NUMBER.match(ids[r])
        goods = _REFUND_PREFIX.sub("", described[r])
        candidates = [*by_id.get(number[0] if number else "", [])]
        if goods:
            candidates += [
                i
                for i in by_goods.get((abs(int(amounts[r])), goods), [])
                if not (parties[i] and parties[r] and parties[i] != parties[r])
            ]
        purchase = next((i for i in candidates if i not in used), None)
        if purchase is not None:
            used.add(purchase)
            undone.append(int(r))
    return undone


def _ids_rounded(ids: np.ndarray) -> np.ndarray:
    """Which text ids Excel rounded: scientific notation, or 15 digits then zeros."""
    return pd.Series(ids, dtype="str").str.fullmatch(_ROUNDED_ID).to_numpy(dtype=bool)


def _number_id(value: object) -> str:
    """A whole number below 10^15 is the id as typed (Excel keeps 15 digits); anything
    longer or with a fraction was rounded."""
    if not is_number(value) or not (np.isfinite(value) and float(value).is_integer()):
        return ""
    return str(int(value)) if abs(value) < 10**15 else ""


def _nothing_written(value: object) -> bool:
    """A blank cell, NaN, or a zero amount."""
    if is_number(value):
        return value == 0 or value != value
    return blank_cell(value) or (isinstance(value, str) and parse_cents(value) == 0)


def _is_totals_label(value: object) -> bool:
    if not isinstance(value, str):
        return False
    text = _LABEL_TAIL.sub("", normalize_text(value).lower())
    return bool(
        _TOTALS_ZH.fullmatch(re.sub(r"\s+", "", text))
        or _TOTALS_EN.fullmatch(re.sub(r"\s+", " ", text))
    )


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
        return filled(length, "")
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
    kind = np.where(direction == "transfer", 2, np.where(signed > 0, 0, 1))
    return signed, _KINDS[kind]
