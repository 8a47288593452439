"""User text (debt names, merchants, notes, file names): checked at the door, shown literally.

Names the user types are refused if they hold a control character: an escape
or a vertical tab in a name breaks the workbook export and rewrites the
terminal. Text that arrives in a third party's bill (merchant names,
descriptions) has each run of control characters replaced by a space instead,
so one odd merchant never refuses a whole bill. Wherever stored text is shown,
it is shown as written: `markdown` for the dashboard (which renders markdown,
LaTeX, links and emoji codes in every message, label and toast) and `terminal`
for the command line.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; line and paragraph separators; the bidirectional
# overrides and isolates, which make a name display as a different one.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_RUNS = re.compile(f"(?:{CONTROL.pattern})+")
# Every ASCII punctuation mark may be escaped in CommonMark, and each of these
# starts something in Streamlit's dialect: ** _ ` [x](y) <b> $x$ :red[x] :smile: # > | ~
_MARKDOWN = re.compile(r"([!-/:-@\[-`{-~])")


def first_control(text: str) -> int | None:
    """Where the first control character is (0-based), or None."""
    found = CONTROL.search(text)
    return None if found is None else found.start()


def without_controls(text: str) -> str:
    """Each run of control characters (tabs and line breaks too) as one space."""
    return _CONTROL_RUNS.sub(" ", text)


def markdown(text: object) -> str:
    """Text that Streamlit's markdown shows exactly as written, on one line."""
    return _MARKDOWN.sub(r"\\\1", without_controls(str(text)))


def terminal(text: str) -> str:
    """Text safe to print: control characters as visible escapes (\\x1b), never sent raw."""
    return CONTROL.sub(lambda found: found.group().encode("unicode_escape").decode(), text)
