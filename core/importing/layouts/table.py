"""The shared reading of one sheet: find the header, then turn the rows below it into transactions.

Every layout is the same table underneath; what differs is which header names
which field, how dates are ordered and what an empty 收/支 cell means.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
import pandas as pd

from core.dates import in_window
from core.importing import counting
from core.importing.currency import FULL_REFUND, currency_code, foreign, split_money_column
from core.importing.errors import RowError
from core.importing.layouts.headers import header_cells, header_key
from core.importing.readers import Grid
from core.importing.reading import ACCOUNT, CARD, SPENDING
from core.importing.rows import Rows
from core.importing.values import (
    Cells,
    amount_too_large,
    blank_cell,
    cells_to_cents,
    cells_to_dates,
    decimal_comma,
    filled,
    is_number,
    joined,
    normalize_text,
    parse_cents,
    per_distinct,
)
from core.usertext import without_controls

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
    rf"(?:人民币|美元|港币|外币|本币)?{_PERIOD_ZH}?(?:{_SIDE_ZH}?{_SUM_ZH}{_SIDE_ZH}?|[总净](?:收支|收入|支出|消费|开支|额))(?:金额)?"
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
# What a refund row's description puts before the goods it gives back: 退款-台灯.
_REFUND_PREFIX = re.compile(r"^(?:退款|refund)\s*[-_:：—－]?\s*", re.IGNORECASE)
# Order numbers Excel rounded: 4.2E+27 as text, or 15 digits then zeros.
_ROUNDED_ID = r"[+-]?\d+(?:\.\d*)?[eE][+-]?\d+|\d{15}0{4,}"
_DIRECTIONS = {
    "income": {
        "收入", "收", "入", "进", "收款", "入账", "进账", "贷", "贷cr", "贷方", "存入", "income",
        "in", "credit", "cr", "deposit", "+",
    },
    "expense": {
        "支出", "支", "出", "付款", "支付", "消费", "出账", "借", "借dr", "借方", "支取",
        "expense", "out", "debit", "dr", "withdrawal", "payment", "-",
    },
    "transfer": {"不计收支", "/", "转账", "内部转账", "中性", "不计", "transfer", "neutral"},
}  # fmt: skip
_DIRECTION_OF = {word: kind for kind, words in _DIRECTIONS.items() for word in words}
# Categories that name money moving between one's own accounts.
_TRANSFER_CATEGORIES = {"transfer", "creditcardpayment", "内部转账", "不计收支"}
_UNKNOWN = "?"
# what `classify` calls each row, one shared object each
_KINDS = np.array(["income", "expense", "transfer"], dtype=object)
_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年(?:\s*(\d{1,2})\s*月)?")
# Fields a column-mapping editor can assign a header to; others are internal to a layout.
MAPPING_FIELDS = (
    "date",
    "posted",
    "amount",
    "income",
    "expense",
    "direction",
    "currency",
    "type",
    "category",
    "description",
    "note",
    "counterparty",
    "place",
)
_MONEY_FIELDS = ("amount", "income", "expense")


@dataclass(frozen=True)
class Layout:
    name: str
    match: Callable[[dict[str, str]], dict[str, str] | None]
    # None: month-first exactly when the date header is English.
    month_first: bool | None
    # "sign": an empty 收/支 cell leaves the amount's own sign; "transfer": it is neutral.
    blank_direction: str
    accepts_mapping: bool = False
    # The export gives a purchase and its refunds one number (京东): keys include content.
    shared_ids: bool = False
    # The platform lends (白条, 月付): repaying it is neutral, its purchases were counted.
    credit_line: bool = False


@dataclass
class SheetRows:
    rows: pd.DataFrame  # ROW_COLUMNS without fingerprint, plus "id"
    invalid: list[RowError]
    skipped: int
    # rows in another currency than yuan: listed, never added to the figures
    foreign: list[RowError] = dataclasses.field(default_factory=list)


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
    # A column nobody named must show both ways, a type or category column either.
    candidates = [(mapping[f], 1) for f in ("type", "category") if f in mapping]
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


def sheet_period(grid: Grid, index: int) -> tuple[int | None, int | None]:
    """The year (and month, if named) a sheet is about, from its name or a title above the
    header: 2026年9月, 招商银行信用卡对账单（2024年01月）."""
    for text in [grid.name, *(c for row in grid.rows[:index] for c in row)]:
        if isinstance(text, str) and (match := _YEAR.search(text)):
            return int(match[1]), int(match[2]) if match[2] else None
    return None, None


def header_row(grid: Grid, index: int) -> list[str]:
    return [str(c).strip() for c in grid.rows[index] if isinstance(c, str) and c.strip()]


def read_sheet(
    grid: Grid,
    index: int,
    mapping: dict[str, str],
    layout: Layout,
    *,
    statement: str | None = None,
    positive: str | None = None,
    first_row: int | None = None,
    holder: str | None = None,
) -> SheetRows:
    """The sheet's rows as transactions. `statement` (card or account) and `positive` (what
    a positive amount is) say how to read a statement, `holder` whose account it is;
    `first_row` numbers the rows of a sheet read without a header row."""
    body = _Body(grid, index, mapping, first_row)
    amounts, no_amount, problems = _amounts(body)
    if positive == SPENDING and "amount" in mapping:
        amounts = -amounts
    dates, date_ok, no_date = _dates(body, grid, index, layout, statement)
    # a real date too far back or ahead (9999-12-31) is a typo, and would break every
    # later page that counts months from it
    out_of_range = date_ok & ~per_distinct(dates, _in_window, dtype=bool)
    date_ok &= ~out_of_range

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
        (~no_date & ~date_ok & ~out_of_range, "date", "import.bad_date"),
        (out_of_range, "date", "safety.date_out_of_range"),
        (direction == _UNKNOWN, "direction", "import.bad_direction"),
    ]
    invalid, readable = [], keep.copy()
    for at_fault, field_name, key in problems:  # every bad cell of a row is listed
        invalid += body.errors(at_fault & keep, field_name, key)
        readable &= ~at_fault
    keep = readable
    invalid.sort(key=lambda error: error.row)

    texts = {
        "description": body.description(),
        "counterparty": body.counterparty(),
        "source_category": body.text("category", TEXT_LIMITS["source_category"]),
        "id": body.ids(),
    }
    amounts, kinds = classify(amounts, direction, layout.blank_direction)
    doubts = filled(body.length, "")
    refund_text = [texts["source_category"], texts["description"]]
    if status is not None:
        refund_text.append(status)
    said_refund = counting.is_refund(joined(*refund_text))
    refunds = np.flatnonzero((kinds == "income") & said_refund)
    # A refund marked neutral (Alipay's 不计收支, money back to the card that paid)
    # carries its purchase's number: it gives back that purchase.
    neutral_refunds = np.flatnonzero((kinds == "transfer") & said_refund & (texts["id"] != ""))
    if closed.any():
        # A purchase left out as closed moved no money in the end: its refund neither.
        purchases = np.flatnonzero(closed & (kinds == "expense"))
        offered = np.concatenate([refunds, neutral_refunds])
        undone = _refunds_of(purchases, offered[keep[offered]], amounts, texts)
        keep[undone] = False
        skipped += len(undone)
    kinds[refunds] = "expense"
    _neutral_refunds(neutral_refunds[keep[neutral_refunds]], amounts, kinds, keep, texts, doubts)
    kinds[per_distinct(texts["source_category"], _is_transfer_category, dtype=bool)] = "transfer"
    if "refunded" in mapping:
        amounts = _less_refunded(amounts, kinds, body.column("refunded"))
    skipped += _noted_refunds(body.refunded(), amounts, kinds, keep, texts["id"])
    if statement == CARD:
        said = joined(texts["description"], texts["counterparty"])
        amounts, kinds, on_card = counting.card_statement(amounts, kinds, said)
        doubts = np.where(on_card != "", on_card, doubts)
    elif statement == ACCOUNT:
        said = joined(texts["description"], texts["counterparty"])
        own = counting.own_transfers(texts["counterparty"], said, holder) & (kinds != "transfer")
        kinds[own] = "transfer"
        doubts = np.where(own & (doubts == ""), counting.OWN_TRANSFER, doubts)
    if layout.credit_line:
        repaid = counting.credit_line_repayments(
            joined(texts["source_category"], texts["description"], texts["counterparty"])
        )
        kinds[repaid] = "transfer"
        amounts[repaid] = -np.abs(amounts[repaid])
    other_currency = keep & foreign(body.currencies())
    keep &= ~other_currency
    columns = {
        "sheet": filled(body.length, grid.name),
        "row": body.numbers,
        "date": dates,
        "amount_cents": amounts,
        "kind": kinds,
        **texts,
        "doubt": doubts,
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
    return SheetRows(rows, invalid, skipped, body.foreign_errors(other_currency))


def _dates(
    body: _Body, grid: Grid, index: int, layout: Layout, statement: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dates from the date column, or the posted date where that is empty (a card's
    repayment lines have no 交易日). A statement's 12/29 in a 2024年01月 title is 2023."""
    month_first = layout.month_first
    if month_first is None:
        month_first = body.mapping["date"].isascii()
    year, month = sheet_period(grid, index)
    last_month = month if statement else None
    dates, ok, blank = cells_to_dates(body.column("date"), month_first, year, last_month)
    posted = body.column("posted")
    if posted is not None and blank.any():
        on_post, post_ok, post_blank = cells_to_dates(posted, month_first, year, last_month)
        use = blank & ~post_blank
        dates = np.where(use, on_post, dates)
        ok = np.where(use, post_ok, ok)
        blank = blank & post_blank
    return dates, ok, blank


def _neutral_refunds(
    candidates: np.ndarray,
    amounts: np.ndarray,
    kinds: np.ndarray,
    keep: np.ndarray,
    texts: dict,
    doubts: np.ndarray,
) -> None:
    """Neutral refunds of a purchase the file keeps count as negative spending (partly,
    if partial); one whose purchase is not in the file is marked for the person."""
    if not len(candidates):
        return
    ids = texts["id"]
    bought = np.flatnonzero(keep & (kinds == "expense") & (amounts < 0) & (ids != ""))
    purchase_ids = {ids[i]: int(i) for i in bought}
    found = counting.purchase_of(ids[candidates], purchase_ids)
    for r, purchase in zip(candidates, found, strict=True):
        if purchase is None:
            doubts[r] = counting.REFUND_UNMATCHED
        else:
            kinds[r] = "expense"
            amounts[r] = abs(int(amounts[r]))


def _noted_refunds(
    refunded: np.ndarray, amounts: np.ndarray, kinds: np.ndarray, keep: np.ndarray, ids
) -> int:
    """A purchase whose amount notes what came back (`392.98(已退款203.98)`) counts what
    was kept; refund rows under its number are then already counted in it and left out,
    as is a purchase refunded in full. How many rows were left out."""
    noted = keep & pd.notna(refunded) & (kinds == "expense") & (amounts < 0)
    if not noted.any():
        return 0
    full = noted & (refunded == FULL_REFUND)
    partial = np.flatnonzero(noted & ~full)
    back = np.array([int(refunded[i]) for i in partial], dtype=np.int64)
    amounts[partial] += np.minimum(back, -amounts[partial])
    settled = full | (noted & (amounts == 0))
    numbers = {ids[i] for i in np.flatnonzero(noted) if ids[i]}
    given_back = keep & ~noted & (kinds == "expense") & (amounts > 0)
    given_back &= np.fromiter((i in numbers for i in ids), dtype=bool, count=len(ids))
    left_out = settled | given_back
    keep &= ~left_out
    return int(left_out.sum())


class _Body:
    """The rows under a header, with each mapped field's cells by header text."""

    def __init__(
        self, grid: Grid, index: int, mapping: dict[str, str], first_row: int | None = None
    ) -> None:
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
        start = index + 2 if first_row is None else first_row
        self.numbers = np.arange(self.length, dtype=np.int64) + start
        self._columns: dict[int, np.ndarray] = {}
        self._money: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

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

    def money(self, field: str) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """An amount column split into amount cells, currency codes and refunded cents."""
        cells = self.column(field)
        if cells is None:
            return None
        if field not in self._money:
            self._money[field] = split_money_column(cells)
        return self._money[field]

    def currencies(self) -> np.ndarray:
        """Each row's currency: its currency column, else a code written with the amount."""
        codes = filled(self.length, "")
        for field in _MONEY_FIELDS:
            split = self.money(field)
            if split is not None:
                codes = np.where(codes == "", split[1], codes)
        cells = self.column("currency")
        if cells is not None:
            named = per_distinct(cells, currency_code)
            codes = np.where(named != "", named, codes)
        return codes

    def refunded(self) -> np.ndarray:
        """Cents a purchase's amount cell says were given back (None where it says nothing)."""
        found = np.full(self.length, None, dtype=object)
        for field in _MONEY_FIELDS:
            split = self.money(field)
            if split is not None:
                found = np.where(pd.isna(found), split[2], found)
        return found

    def foreign_errors(self, rows: np.ndarray) -> list[RowError]:
        """Rows in another currency, named by the column that says so."""
        if not rows.any():  # the usual case: no row's currencies worked out again
            return []
        field = "currency" if self.column("currency") is not None else None
        if field is None:
            field = next(f for f in _MONEY_FIELDS if self.column(f) is not None)
        codes = self.currencies()
        return [
            RowError(
                sheet=self.sheet,
                row=int(self.numbers[i]),
                column=self.mapping[field],
                value=str(codes[i]),
                key="statements.foreign_currency",
            )
            for i in np.flatnonzero(rows)
        ]

    def description(self) -> np.ndarray:
        """The description with the kind of transaction and the payer's note beside it:
        a statement's 交易类型 消费 and 附言 say as much as its 摘要."""
        parts = [self.text(f, TEXT_LIMITS["description"]) for f in ("type", "description", "note")]
        present = [part for f, part in zip(("type", "description", "note"), parts, strict=True)
                   if self.column(f) is not None]  # fmt: skip
        if len(present) < 2:
            return present[0] if present else parts[1]
        return per_distinct(
            _joined(present), lambda text: (text or "")[: TEXT_LIMITS["description"]]
        )

    def counterparty(self) -> np.ndarray:
        """The counterparty, or where the card was used when the statement names none."""
        named = self.text("counterparty", TEXT_LIMITS["counterparty"])
        if self.column("place") is None:
            return named
        place = self.text("place", TEXT_LIMITS["counterparty"])
        return np.where(named == "", place, named)

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
        cells = body.money("amount")[0]
        amounts, ok, blank = cells_to_cents(cells)
        return amounts, blank, _bad_amounts(cells, ~blank & ~ok, "amount")
    amounts = np.zeros(body.length, dtype=np.int64)
    no_amount = np.ones(body.length, dtype=bool)
    problems = []
    for field, sign in (("income", 1), ("expense", -1)):
        split = body.money(field)
        if split is None:
            continue
        cells = split[0]
        cents, ok, blank = cells_to_cents(cells)
        amounts += sign * np.where(ok, np.abs(cents), 0)
        no_amount &= blank
        problems += _bad_amounts(cells, ~blank & ~ok, field)
    return amounts, no_amount, problems


def _bad_amounts(cells: np.ndarray, bad: np.ndarray, field: str) -> list:
    """Unreadable amount cells, those with a decimal comma (12,50) or past the most a
    record may hold told apart."""
    comma = np.zeros(len(bad), dtype=bool)
    large = np.zeros(len(bad), dtype=bool)
    if bad.any():
        comma[bad] = per_distinct(cells[bad], decimal_comma, dtype=bool)
        large[bad] = per_distinct(cells[bad], amount_too_large, dtype=bool)
    return [
        (bad & ~comma & ~large, field, "import.bad_amount"),
        (comma, field, "import.decimal_comma"),
        (large & ~comma, field, "safety.amount_too_large"),
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
        goods = _REFUND_PREFIX.sub("", described[r])
        candidates = []
        if ids[r]:
            [bought] = counting.purchase_of(np.array([ids[r]], dtype=object), by_id)
            candidates += bought or []
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


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    """Row by row, the non-empty texts joined with a space, a text repeated once."""
    joined = np.empty(len(parts[0]), dtype=object)
    for i, texts in enumerate(zip(*parts, strict=True)):
        words: list[str] = []
        for text in texts:
            if text and text not in words:
                words.append(text)
        joined[i] = " ".join(words)
    return joined


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
    """A cell's text as stored: trimmed, "/" as nothing, and each run of control
    characters a space (a NUL no text column can hold: PostgreSQL refuses it)."""
    text = "" if value is None else without_controls(str(value)).strip()
    return "" if text == "/" else text


def _in_window(day: dt.date | None) -> bool:
    return day is None or in_window(day)


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
    # `借 Dr`, `贷 Cr`: the words with the space between them gone
    return _DIRECTION_OF.get(re.sub(r"\s+", "", normalize_text(str(value)).lower()), _UNKNOWN)


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
