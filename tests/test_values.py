"""Amount and date cells in every form a spreadsheet or a bill export writes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from core.importing.values import cells_to_cents, cells_to_dates
from core.money import MAX_RECORD_YUAN, parse_cents


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("¥12.50", 1250),
        ("￥1,234.56", 123456),
        ("$1,234,567.89", 123456789),
        ("(12.00)", -1200),
        ("-¥8.00", -800),
        ("¥-8.00", -800),
        ("+3", 300),
        ("－８.５", -850),
        ("１２，３４５．６７元", 1234567),
        (" 0.01 ", 1),
        ("RMB 20", 2000),
        ("-CNY5", -500),
        (".5", 50),
        ("1.005", 101),
        ("-1.005", -101),
        ("−7.25", -725),
    ],
)
def test_text_amounts(text, cents):
    assert parse_cents(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "¥", "--5", "(5", "12元34", "nan", "1e5"])
def test_text_that_is_not_an_amount(text):
    assert parse_cents(text) is None


def test_column_mixes_numbers_text_and_blanks():
    cells = pd.Series([12.5, 3, "¥1,000.00", "", None, "x", 0.1 + 0.2, 1.005, float("nan")])
    cents, ok, blank = cells_to_cents(cells)
    assert cents[ok].tolist() == [1250, 300, 100000, 30, 101]
    assert ok.tolist() == [True, True, True, False, False, False, True, True, False]
    assert blank.tolist() == [False, False, False, True, True, False, False, False, True]


def test_amounts_too_large_to_be_money_are_not_amounts():
    """A misread cell (an order number in the amount column, 1e30) is a bad cell, not a
    wrapped-around int64 or a crash."""
    for cells in (
        [1e30, 12.5],
        [float("inf"), 12.5],
        ["999999999999999999", "12.5"],
        ["-100000000000000000.00", "12.5"],
    ):
        cents, ok, blank = cells_to_cents(pd.Series(cells, dtype=object))
        assert ok.tolist() == [False, True] and blank.tolist() == [False, False]
        assert cents[1] == 1250


def test_all_number_column_takes_the_fast_path_exactly():
    cells = pd.Series([0.29, 1.1, 19.99, 1e7 + 0.01, -0.07], dtype=object)
    cents, ok, _ = cells_to_cents(cells)
    assert cents.tolist() == [29, 110, 1999, 1000000001, -7]
    assert ok.all()


# Every amount the importer takes exactly: up to the most one record holds.
LARGEST = Decimal(MAX_RECORD_YUAN) - Decimal("0.01")
AMOUNTS = st.decimals(min_value=-LARGEST, max_value=LARGEST, places=2, allow_nan=False)


@given(AMOUNTS)
@example(LARGEST)
@example(-LARGEST)
def test_two_decimal_floats_become_the_cents_they_were_written_as(amount):
    cents, ok, _ = cells_to_cents(pd.Series([float(amount)], dtype=object))
    assert ok[0]
    assert cents[0] == int(amount * 100)


@given(AMOUNTS)
@example(LARGEST)
@example(-LARGEST)
def test_text_amounts_round_trip(amount):
    text = f"¥{amount:,}"
    assert parse_cents(text) == int(amount * 100)
    # a column of such text takes the bulk path, which parses through a float
    cents, ok, _ = cells_to_cents(pd.Series([text, "0"], dtype=object))
    assert ok.all() and cents[0] == int(amount * 100)


D = dt.date(2025, 3, 5)


@pytest.mark.parametrize(
    "cell",
    [
        "2025-03-05",
        "2025/3/5",
        "2025.3.5",
        "2025-03-05 12:30:00",
        "2025-03-05T12:30",
        "2025年3月5日",
        "２０２５年３月５日",
        "20250305",
        D,
        dt.datetime(2025, 3, 5, 23, 59),
        pd.Timestamp("2025-03-05 08:00"),
        45721.0,
        45721.75,
        20250305,
    ],
)
def test_date_forms(cell):
    dates, ok, blank = cells_to_dates(pd.Series([cell], dtype=object), month_first=False)
    assert dates.tolist() == [D]
    assert ok.all()
    assert not blank.any()


def test_slash_dates_follow_the_layout_unless_the_column_proves_otherwise():
    ambiguous = pd.Series(["3/5/2025", "4/6/2025"])
    assert cells_to_dates(ambiguous, month_first=True)[0].tolist() == [D, dt.date(2025, 4, 6)]
    assert cells_to_dates(ambiguous, month_first=False)[0].tolist() == [
        dt.date(2025, 5, 3),
        dt.date(2025, 6, 4),
    ]
    # one day above 12 decides the whole column, not just its own row
    day_first = pd.Series(["3/5/2025", "25/12/2025"])
    assert cells_to_dates(day_first, month_first=True)[0].tolist() == [
        dt.date(2025, 5, 3),
        dt.date(2025, 12, 25),
    ]
    month_first = pd.Series(["8/1/2025", "8/31/2025"])
    assert cells_to_dates(month_first, month_first=False)[0].tolist() == [
        dt.date(2025, 8, 1),
        dt.date(2025, 8, 31),
    ]


def test_not_dates():
    cells = pd.Series(["2025-02-30", "合计", "", None, 12.0, True, "3月5日"], dtype=object)
    dates, ok, blank = cells_to_dates(cells, month_first=False)
    assert not ok.any()
    assert dates.tolist() == [None] * 7
    assert blank.tolist() == [False, False, True, True, False, False, False]


def test_text_column_mixes_plain_and_odd_forms():
    cells = pd.Series(
        [
            "¥12.30",
            "1,234",
            "12.345",
            "(5.00)",
            "１２",
            "123456789012345.67",  # past MAX_RECORD_YUAN: a misread, not money
            "  ",
            "12元34",
            "-0.5",
        ]
    )
    cents, ok, blank = cells_to_cents(cells)
    assert cents[ok].tolist() == [1230, 123400, 1235, -500, 1200, -50]
    assert ok.tolist() == [True] * 5 + [False, False, False, True]
    assert blank.tolist() == [False] * 6 + [True, False, False]


def test_timestamps_in_text_keep_their_day():
    cells = pd.Series(["2026-09-01 23:59:59", "2026-09-01 00:00:01", "2026/9/2 8:05", "bad 12:00"])
    dates, ok, _ = cells_to_dates(cells, month_first=False)
    assert dates.tolist() == [dt.date(2026, 9, 1), dt.date(2026, 9, 1), dt.date(2026, 9, 2), None]
    assert ok.tolist() == [True, True, True, False]


def test_dates_without_a_year_take_the_sheets_year_or_fail():
    cells = pd.Series(["9月3日", "9/4", "9-5", "12月31号"])
    with_year, ok, _ = cells_to_dates(cells, month_first=False, year=2026)
    assert with_year.tolist() == [dt.date(2026, 9, d) for d in (3, 4, 5)] + [dt.date(2026, 12, 31)]
    assert ok.all()
    assert not cells_to_dates(cells, month_first=False)[1].any()


@pytest.mark.parametrize("placeholder", ["-", "--", "—", "－", "  "])
def test_a_lone_dash_is_an_empty_amount(placeholder):
    _, ok, blank = cells_to_cents(pd.Series([placeholder, "5"]))
    assert blank.tolist() == [True, False]
    assert ok.tolist() == [False, True]


@pytest.mark.parametrize(
    "text", ["12,50", "-12,50", "1,23", "1,5", "1.234,56", "¥12,50", "(3,20)", "12,50元", "1.234,5"]
)
def test_a_decimal_comma_is_not_read_as_a_thousands_separator(text):
    """12,50 is twelve and a half where it was typed, not 1250.00: refused, never guessed."""
    assert parse_cents(text) is None
    # a column that also writes amounts the usual way cannot be read the European way
    cents, ok, blank = cells_to_cents(pd.Series([text, "3.50", "1,234"], dtype=object))
    assert ok.tolist() == [False, True, True] and not blank.any()
    assert cents[1:].tolist() == [350, 123400]


def test_thousands_commas_are_still_thousands():
    for text, cents in [("1,234", 123400), ("12,345.67", 1234567), ("1,234,567", 123456700)]:
        assert parse_cents(text) == cents


def test_a_column_written_the_european_way_throughout_is_read_that_way():
    cells = pd.Series(["-12,50", "1.234,56", "30", "", "€ -0,5", "(2,00)"], dtype=object)
    cents, ok, blank = cells_to_cents(cells)
    assert cents[ok].tolist() == [-1250, 123456, 3000, -50, -200]
    assert ok.tolist() == [True, True, True, False, True, True]
    assert blank.tolist() == [False, False, False, True, False, False]


def test_amounts_past_what_one_record_holds_are_told_apart():
    """¥100,000,000 or more in one row: no sum of the store's records can then overflow."""
    from core.importing.values import amount_too_large

    most = MAX_RECORD_YUAN
    cells = pd.Series([most - 0.01, most, "¥100,000,000.00", "9999999999999.99", 1e308])
    cents, ok, _ = cells_to_cents(cells)
    assert ok.tolist() == [True, False, False, False, False]
    assert cents[0] == most * 100 - 1
    assert [amount_too_large(c) for c in cells] == [False, True, True, True, True]
    assert not any(map(amount_too_large, [float("inf"), float("nan"), "abc", None, "12"]))
