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
# Marks that start something in Streamlit's markdown wherever they stand: emphasis,
# code, links and images, HTML and entities, headings, LaTeX ($x$), strikethrough,
# tables, e-mail autolinks. Escaped with a backslash, as CommonMark allows for any
# ASCII punctuation; the rest (, . : ( ) % …) only where it would start something,
# so ordinary text reads the same in the page's source.
_ALWAYS = re.compile(r"([\\`*_\[\]<>#!$~|&@])")
# :smile: and :material/home: are replaced after parsing, escaped or not: an invisible
# word joiner after the colon keeps them text.
_SHORTCODE = re.compile(r":(?=[\w+/-]+:)")
# :red[x], and any :word, is a directive (a word after a colon vanishes); http:// a link
_DIRECTIVE = re.compile(r":(?=[A-Za-z]|//)")
# www.example.com becomes a link by itself
_WWW_DOT = re.compile(r"(?i)(?<=www)\.")
# a list item at the start of a line: - x, + x, 1. x, 1) x
_LIST_START = re.compile(r"^(\d*)([-+.)])")
WORD_JOINER = "\u2060"


def first_control(text: str) -> int | None:
    """Where the first control character is (0-based), or None."""
    found = CONTROL.search(text)
    return None if found is None else found.start()


def without_controls(text: str) -> str:
    """Each run of control characters (tabs and line breaks too) as one space."""
    return _CONTROL_RUNS.sub(" ", text)


def markdown(text: object) -> str:
    """Text that Streamlit's markdown shows exactly as written, on one line."""
    text = _ALWAYS.sub(r"\\\1", without_controls(str(text)).strip())
    text = _DIRECTIVE.sub(r"\\:", _SHORTCODE.sub(":" + WORD_JOINER, text))
    text = _WWW_DOT.sub(r"\\.", text)
    return _LIST_START.sub(r"\1\\\2", text, count=1)


def terminal(text: str) -> str:
    """Text safe to print: control characters as visible escapes (\\x1b), never sent raw."""
    return CONTROL.sub(lambda found: found.group().encode("unicode_escape").decode(), text)
