"""Where the user stands, for the first screen: a few figures and the one next step.

`standing.where_you_stand` is pure: it takes plain figures (`HomeInputs`) and answers
`Standing`. `sources.gather` reads those figures from the store; what other features
know (an adopted plan, reminders, the coach's advice, earlier balances) joins through
`sources.PROVIDERS`, so each slots in without the home page changing shape.
"""

from core.home.standing import (
    DebtFree,
    HomeInputs,
    MonthFigure,
    NextStep,
    Owed,
    Reminder,
    Standing,
    where_you_stand,
)

__all__ = [
    "DebtFree",
    "HomeInputs",
    "MonthFigure",
    "NextStep",
    "Owed",
    "Reminder",
    "Standing",
    "where_you_stand",
]
