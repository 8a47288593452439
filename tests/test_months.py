"""The one month type: what people type, month arithmetic, and the half-open date range."""

import datetime as dt

import pytest

from core.errors import CoachError
from core.months import Month, next_month


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("2027-02", "2027-02"),
        ("2027-2", "2027-02"),
        ("2027/02", "2027-02"),
        ("2027.12", "2027-12"),
        ("2027年2月", "2027-02"),
        (" ２０２７－０３ ", "2027-03"),
    ],
)
def test_parse_reads_what_people_type(typed, month):
    assert Month.parse(typed) == month
    assert isinstance(Month.parse(typed), Month)


@pytest.mark.parametrize(
    "typed", ["2027-13", "2027-00", "27-02", "February", "", "9999-12", "1999-12"]
)
def test_parse_refuses_what_is_not_a_plannable_month(typed):
    with pytest.raises(CoachError) as caught:
        Month.parse(typed)
    assert caught.value.key == "planning.bad_month"


@pytest.mark.parametrize("text", ["2027-2", "2027-13", "2027/02", 202702, None])
def test_the_constructor_takes_only_the_canonical_form(text):
    with pytest.raises(ValueError, match="YYYY-MM"):
        Month(text)


@pytest.mark.parametrize(
    ("month", "shift", "result"),
    [
        ("2026-12", 1, "2027-01"),
        ("2027-01", -1, "2026-12"),
        ("2026-06", 18, "2027-12"),
        ("2026-06", 0, "2026-06"),
    ],
)
def test_arithmetic_rolls_over_the_year(month, shift, result):
    assert Month(month) + shift == result
    assert Month(result) - shift == month
    assert Month(result).index - Month(month).index == shift


def test_text_added_to_a_month_is_still_text():
    assert Month("2027-02") + "-01" == "2027-02-01"


@pytest.mark.parametrize(
    ("month", "first", "end"),
    [
        ("2026-02", dt.date(2026, 2, 1), dt.date(2026, 3, 1)),
        ("2026-12", dt.date(2026, 12, 1), dt.date(2027, 1, 1)),
    ],
)
def test_a_month_is_a_half_open_range_of_days(month, first, end):
    assert (Month(month).first_day(), Month(month).end()) == (first, end)


@pytest.mark.parametrize(
    ("today", "month", "after"),
    [(dt.date(2026, 12, 31), "2026-12", "2027-01"), (dt.date(2026, 11, 29), "2026-11", "2026-12")],
)
def test_current_and_next_month(today, month, after):
    assert Month.current(today) == month
    assert next_month(today) == after


def test_months_sort_and_compare_as_their_text():
    months = [Month("2027-01"), Month("2026-12"), Month("2026-02")]
    assert sorted(months) == ["2026-02", "2026-12", "2027-01"]
    assert Month("2026-12") < "2027-01"
