"""Problems the user can fix, told in their own language.

A `CoachError` carries a catalogue key and its parameters rather than a finished
sentence, so the dashboard and the command line each render it in the user's language.
"""

from __future__ import annotations

from core.i18n import t


class CoachError(Exception):
    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return t(self.key, lang, **self.params)
