"""Spreadsheet cells to exact cents and dates, a whole column at a time.

Amount and date columns repeat the same few values many times, so text is
parsed once per distinct value and numbers are converted with numpy; a
100,000-row sheet then costs a few hundred distinct parses, not 100,000.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal

import numpy as np
import pandas as pd

from core.money import (
    CURRENCY_WORD,
    DECIMAL_COMMA,
    MAX_RECORD_YUAN,
    MAX_YUAN,
    parse_cents,
    round_half_up,
)

# A column of cells as read from a sheet: anything array-like of Python objects.
Cells = pd.Series | np.ndarray
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers a bill could plausibly carry (1927 to 2173); others are not dates.
_SERIAL_RANGE = (10_000, 100_000)
# What pandas calls a column made only of int and float cells (no bool, no text, no NaN).
_ALL_NUMBERS = {"floating", "integer", "mixed-integer-float"}
# What people type into a cell to mean "nothing here".
_PLACEHOLDERS = {"", "-", "--", "—", "–", "－"}
# Columns pandas can see hold no text at all (infer_dtype kinds).
_NO_TEXT = {*_ALL_NUMBERS, "date", "datetime", "empty"}
# At most 13 integer digits, so the float parse is exact to the cent (MAX_RECORD_YUAN,
# the most a record may hold, is applied after).
_PLAIN_AMOUNT = r"[+-]?\d{1,13}(?:\.\d{1,2})?"
_PLAIN_NOISE = ("¥", "￥", "$", ",", " ", "\t")
# An amount written the European way: `.` between thousands (if at all), `,` before the cents.
_EUROPEAN = re.compile(r"\(?[+-]?\(?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?\)?")
_EUROPEAN_NOISE = re.compile(r"[¥$€£\s'_]")
_YMD = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_AB_YEAR = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?)?")
_TIME_OF_DAY = r"[ T]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)? *$"
# Without a year: 9月3日, 9/3, 9-3 (month first, in Chinese as in US usage).
_MONTH_DAY = re.compile(r"(\d{1,2})\s*[月/-]\s*(\d{1,2})\s*[日号]?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


def normalize_text(value: str) -> str:
    """Full-width digits and punctuation to ASCII, surrounding space and tabs gone."""
    return unicodedata.normalize("NFKC", value).replace("\u2212", "-").strip()


def per_distinct(cells: Cells, convert, dtype=object) -> np.ndarray:
    """`convert` applied once per distinct cell value (None for an empty cell), spread back."""
    codes, uniques = pd.factorize(np.asarray(cells, dtype=object))
    table = np.array([*(convert(u) for u in uniques), convert(None)], dtype=dtype)
    return table[codes]  # code -1, a missing cell, picks the trailing convert(None)


def filled(length: int, value: object) -> np.ndarray:
    """An object array of `length` references to `value`. (np.full with a str makes a
    new str per element: a million rows would each carry their own "expense".)"""
    cells = np.empty(length, dtype=object)
    cells.fill(value)
    return cells


def holds_no_text(cells: Cells) -> bool:
    """Whether a column holds no text at all (numbers, dates, nothing), told at once."""
    values = np.asarray(cells)
    return values.dtype != object or pd.api.types.infer_dtype(values, skipna=False) in _NO_TEXT


def joined(*columns: Cells) -> np.ndarray:
    """Each row's texts (str cells) joined by a space: `a + " " + b` row by row, but each
    distinct combination made once. A million rows would otherwise each carry a new
    string (100 MB) where a few thousand combinations repeat."""
    cells = [np.asarray(column, dtype=object) for column in columns]
    key = np.zeros(len(cells[0]), dtype=np.int64)
    for column in cells:  # one code per distinct combination so far, kept below the row count
        codes, uniques = pd.factorize(column)
        key, _ = pd.factorize(key * (len(uniques) + 1) + codes + 1)
    count = int(key.max()) + 1 if len(key) else 0
    first = np.empty(count, dtype=np.int64)
    first[key[::-1]] = np.arange(len(key) - 1, -1, -1)  # each combination's first row
    table = np.empty(count, dtype=object)
    table[:] = [" ".join(column[i] for column in cells) for i in first.tolist()]
    return table[key]


def blank_cell(value: object) -> bool:
    """None (also NaN, which factorize reports as missing), whitespace, or a lone dash."""
    return value is None or (isinstance(value, str) and value.strip() in _PLACEHOLDERS)


def _text_cells(values: np.ndarray) -> np.ndarray:
    """Which cells hold text; pandas often tells at once for the whole column."""
    kind = pd.api.types.infer_dtype(values, skipna=False)
    if kind == "string" or kind in _NO_TEXT:
        return np.full(len(values), kind == "string")
    return np.fromiter(map(_is_text, values), dtype=bool, count=len(values))


def is_number(value: object) -> bool:
    """A numeric cell (int or float), not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def cells_to_cents(cells: Cells) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Signed cents (int64), a validity mask and a blank mask for a column of amount cells.

    Numbers become cents by rounding x*100, which is exact for values with at
    most two decimals; anything further from a whole cent goes through its
    shortest repr and Decimal, so 1.005 rounds half up as written.
    """
    values = np.asarray(cells)
    if values.dtype.kind != "f":  # a sheet's all-number column comes as float64 (rows.py)
        values = values.astype(object, copy=False)
    cents = np.zeros(len(values), dtype=np.int64)
    kind = pd.api.types.infer_dtype(values, skipna=False)
    if kind in _ALL_NUMBERS or kind == "string":  # one type throughout: no per-cell test
        numeric = np.full(len(values), kind != "string")
    else:
        numeric = np.fromiter(map(is_number, values), dtype=bool, count=len(values))
    ok = np.zeros(len(values), dtype=bool)
    blank = np.zeros(len(values), dtype=bool)
    if numeric.any():
        floats = values[numeric].astype(np.float64)
        with np.errstate(invalid="ignore", over="ignore"):  # 1e308 * 100: inf, not money
            finite = np.abs(floats) < MAX_YUAN  # False for inf and NaN too
            scaled = floats * 100
        whole = np.rint(np.where(finite, scaled, 0))
        near = finite & (np.abs(scaled - np.where(finite, whole, 0)) < 1e-3)
        number_cents = whole.astype(np.int64)
        for i in np.flatnonzero(finite & ~near):
            number_cents[i] = round_half_up(Decimal(repr(float(floats[i]))) * 100)
        cents[numeric] = number_cents
        ok[numeric] = finite
        blank[numeric] = np.isnan(floats)
    other = ~numeric
    if other.any():
        text = other & _text_cells(values)
        cents[text], ok[text], blank[text] = _texts_to_cents(values[text])
        rest = other & ~text
        blank[rest] = per_distinct(values[rest], blank_cell, dtype=bool)
    ok &= np.abs(cents) < MAX_RECORD_YUAN * 100
    return cents, ok, blank


def amount_too_large(value: object) -> bool:
    """A number, or text that reads as one, past the most a record may hold."""
    if is_number(value):
        return math.isfinite(value) and abs(value) >= MAX_RECORD_YUAN
    cents = parse_cents(value) if isinstance(value, str) else None
    return cents is not None and abs(cents) >= MAX_RECORD_YUAN * 100


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def decimal_comma(value: object) -> bool:
    """Whether a text cell looks written with a decimal comma (12,50 or 1.234,56)."""
    return isinstance(value, str) and bool(DECIMAL_COMMA.search(normalize_text(value)))


def _european_text(value: object) -> str | None:
    """`1.234,56` rewritten as `1234.56`; None unless the text has the European form."""
    if not isinstance(value, str):
        return None
    text = CURRENCY_WORD.sub(r"\1", _EUROPEAN_NOISE.sub("", normalize_text(value)))
    if not _EUROPEAN.fullmatch(text):
        return None
    return text.replace(".", "").replace(",", ".")


def _european_cents(value: object) -> int | None:
    text = _european_text(value)
    return None if text is None else _cell_parse_cents(text)


def _texts_to_cents(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Plain `¥1,234.50` forms in bulk with string kernels; anything else one distinct value
    at a time through parse_cents.

    A column whose every amount is written the European way (`1.234,56`, `-12,50`, `30`),
    with at least one decimal comma, is read that way; elsewhere a decimal comma makes
    the cell unreadable rather than a hundred times too much.
    """
    cents = np.zeros(len(texts), dtype=np.int64)
    bare = pd.Series(texts, dtype="str")
    # ASCII commas only here (the string kernel takes no NFKC); a full-width one
    # makes the cell odd, and parse_cents refuses it there.
    suspect = bare.str.contains(DECIMAL_COMMA.pattern).to_numpy(dtype=bool, na_value=False)
    if suspect.any() and _european_column(texts):
        parsed = per_distinct(texts, _european_cents)
        found = pd.notna(parsed)
        blank = per_distinct(texts, blank_cell, dtype=bool)
        return np.where(found, parsed, 0).astype(np.int64), found, blank
    for noise in _PLAIN_NOISE:
        bare = bare.str.replace(noise, "", regex=False)
    plain = bare.str.fullmatch(_PLAIN_AMOUNT).to_numpy(dtype=bool, na_value=False)
    plain = plain & ~suspect
    cents[plain] = np.rint(bare[plain].astype("float64").to_numpy() * 100).astype(np.int64)
    odd = ~plain
    parsed = per_distinct(texts[odd], _cell_parse_cents)
    found = pd.notna(parsed)
    cents[odd] = np.where(found, parsed, 0).astype(np.int64)
    ok = plain.copy()
    ok[odd] = found
    blank = np.zeros(len(texts), dtype=bool)
    blank[odd] = per_distinct(texts[odd], blank_cell, dtype=bool)
    return cents, ok, blank


def _european_column(texts: np.ndarray) -> bool:
    """Every amount in the column written the European way (blank cells aside)."""
    for value in pd.unique(texts):
        if not blank_cell(value) and _european_text(value) is None:
            return False
    return True


def _cell_parse_cents(value: object) -> int | None:
    cents = parse_cents(value) if isinstance(value, str) else None
    return None if cents is None or abs(cents) >= MAX_YUAN * 100 else cents


def _ab_year_order(texts: list[str], month_first: bool) -> bool:
    """Whether `a/b/YYYY` dates in one column are month-first.

    Decided once per column: a first number above 12 proves day-first, a
    second above 12 proves month-first; otherwise the layout's convention.
    """
    pairs = [m.groups() for m in map(_AB_YEAR.fullmatch, texts) if m]
    if any(int(a) > 12 for a, _, _ in pairs):
        return False
    if any(int(b) > 12 for _, b, _ in pairs):
        return True
    return month_first


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def text_to_date(
    text: str, month_first: bool, year: int | None = None, last_month: int | None = None
) -> dt.date | None:
    """A date written as text; `year` completes a month and day written without one, and
    with `last_month` (a statement's month) a later month is of the year before: 12/29 on
    a January statement."""
    if year and (match := _MONTH_DAY.fullmatch(text)):
        month, day = map(int, match.groups())
        return _make_date(year - 1 if last_month and month > last_month else year, month, day)
    if match := _YMD.fullmatch(text):
        return _make_date(*map(int, match.groups()))
    if match := _AB_YEAR.fullmatch(text):
        a, b, year = map(int, match.groups())
        return _make_date(year, a, b) if month_first else _make_date(year, b, a)
    if match := _COMPACT.fullmatch(text):
        return _make_date(*map(int, match.groups()))
    return None


def number_to_date(value: float) -> dt.date | None:
    """An Excel serial day number, or a YYYYMMDD number typed into a date column."""
    if not np.isfinite(value):
        return None
    if 19_000_101 <= value <= 21_001_231 and value == int(value):
        return text_to_date(str(int(value)), month_first=False)
    if _SERIAL_RANGE[0] <= value < _SERIAL_RANGE[1]:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    return None


def cells_to_dates(
    cells: Cells, month_first: bool, year: int | None = None, last_month: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """datetime.date objects (None where unreadable), a validity mask and a blank mask.

    `year`, when the sheet names one (a title such as 2026年9月), completes dates
    written as 9月3日 or 9/3.
    """
    values = np.asarray(cells, dtype=object)
    text = _text_cells(values)
    if text.any():
        # Bill timestamps are all distinct; without the time of day a year has 365 values.
        values = values.copy()
        day_only = pd.Series(values[text], dtype="str").str.replace(_TIME_OF_DAY, "", regex=True)
        values[text] = day_only.to_numpy(dtype=object)
    codes, uniques = pd.factorize(values)
    texts = {u: normalize_text(u) for u in uniques if isinstance(u, str)}
    month_first = _ab_year_order(list(texts.values()), month_first)
    parsed: list[dt.date | None] = []
    for value in uniques:
        if isinstance(value, dt.datetime):  # pandas Timestamps too
            parsed.append(value.date())
        elif isinstance(value, dt.date):
            parsed.append(value)
        elif isinstance(value, str):
            parsed.append(text_to_date(texts[value], month_first, year, last_month))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            parsed.append(number_to_date(float(value)))
        else:
            parsed.append(None)
    table = np.empty(len(parsed) + 1, dtype=object)
    table[:-1] = parsed
    dates = table[codes]  # code -1 (a missing cell) picks the trailing None
    blank = np.array([*map(blank_cell, uniques), True], dtype=bool)[codes]
    return dates, pd.notna(dates), blank
