"""Import problems as catalogue keys, so the dashboard can show them in Chinese or English."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.errors import CoachError
from core.i18n import t


class ImportRefused(CoachError):
    """The whole file is refused: nothing in it is imported."""


@dataclass
class RowError:
    """One cell that could not be read; `row` is the row number a person sees in the file."""

    sheet: str
    row: int
    column: str
    value: str
    key: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        return t(
            self.key,
            lang,
            sheet=self.sheet,
            row=self.row,
            column=self.column,
            value=self.value,
            **self.params,
        )

    def __str__(self) -> str:
        return self.message("en")
