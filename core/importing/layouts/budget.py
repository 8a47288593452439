"""Home-made budget sheets and bank statements: whatever headers a family or a bank chose,
in Chinese or English (the words are in `vocabulary`)."""

from __future__ import annotations

from core.importing.layouts.table import Layout
from core.importing.layouts.vocabulary import vocabulary_match

LAYOUT = Layout(
    name="budget",
    match=vocabulary_match,
    month_first=None,
    blank_direction="sign",
    accepts_mapping=True,
)
