"""A calendar month, the unit budgets are summed and plans are paid in.

`Month` is the text 'YYYY-MM' with its arithmetic attached. Being a `str`, it sorts
chronologically, compares with plain month text, and goes into JSON, the store and
pandas unchanged; being one type, every month is parsed and checked in one place.
`Month.parse` reads what people type; the constructor takes only the canonical form.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from core.errors import CoachError
from core.i18n import DEFAULT_LANGUAGE, t

_CANONICAL = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# 2027-02, 2027-2, 2027/02, 2027.2, 2027年2月
_TYPED = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
# Months a plan can sensibly start in or name; 9999-12 would run past the calendar.
YEARS = range(2000, 2200)


class Month(str):
    """'YYYY-MM'. `Month('2027-02') + 1 == '2027-03'`; ValueError names bad text."""

    __slots__ = ()

    def __new__(cls, text: str) -> Month:
        if isinstance(text, Month):
            return text
        if not isinstance(text, str) or not _CANONICAL.match(text):
            raise ValueError(f"not a month written YYYY-MM: {text!r}")
        return super().__new__(cls, text)

    @classmethod
    def parse(cls, text: str) -> Month:
        """A month as a person types it (2027-2, 2027/02, 2027年2月), within `YEARS`;
        CoachError naming the text otherwise."""
        found = _TYPED.match(unicodedata.normalize("NFKC", str(text)).strip())
        if found and int(found[1]) in YEARS and 1 <= int(found[2]) <= 12:
            return cls(f"{found[1]}-{int(found[2]):02d}")
        raise CoachError("planning.bad_month", value=text)

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(f"{day.year:04d}-{day.month:02d}")

    @classmethod
    def from_index(cls, index: int) -> Month:
        return cls(f"{index // 12:04d}-{index % 12 + 1:02d}")

    @classmethod
    def current(cls, today: dt.date | None = None) -> Month:
        return cls.of(today or dt.date.today())

    @property
    def year(self) -> int:
        return int(self[:4])

    @property
    def number(self) -> int:
        return int(self[5:])

    @property
    def index(self) -> int:
        """Months since year 0, so the planner counts instead of parsing."""
        return self.year * 12 + self.number - 1

    def __add__(self, other: int | str) -> Month | str:  # type: ignore[override]
        """A month `other` months later; text added to a month is still text."""
        if isinstance(other, int):
            return Month.from_index(self.index + other)
        return str(self) + other

    def __sub__(self, months: int) -> Month:
        return Month.from_index(self.index - months)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.number, 1)

    def end(self) -> dt.date:
        """The first day of the month after: months are half-open date ranges."""
        return (self + 1).first_day()

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """As people write it: 2027年8月, Aug 2027."""
        name = t("nav.month_names", lang).split()[self.number - 1]
        return t("nav.month", lang, year=self.year, name=name)


def month_index(text: str) -> int:
    """'YYYY-MM' as months since year 0; ValueError names the bad text."""
    return Month(text).index


def month_label(index: int) -> str:
    return Month.from_index(index)


def next_month(today: dt.date | None = None) -> Month:
    """The first payment month when none is chosen: the month after today."""
    return Month.current(today) + 1
