"""Message catalogue: every user-facing string, in Simplified Chinese and English.

Each area of the app keeps its own file, `core/i18n/<lang>/<area>.toml`, with flat
keys under a table named after the area, so `[import]` + `refused = "..."` is looked
up as `import.refused`. Values are `str.format` templates.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
_ROOT = Path(__file__).parent


@cache
def catalogue(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {LANGUAGES}")
    messages: dict[str, str] = {}
    for path in sorted((_ROOT / lang).glob("*.toml")):
        with path.open("rb") as fh:
            for area, entries in tomllib.load(fh).items():
                for key, text in entries.items():
                    messages[f"{area}.{key}"] = text
    return messages


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The message for `key` in `lang`, filled with `params`.

    A key missing from the catalogue raises: the tests walk every key in both
    languages, so a gap is caught before a user sees it.
    """
    return catalogue(lang)[key].format(**params)


def tn(key: str, count: int, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """Like `t`, with `key_one` for a count of one ("1 month", not "1 months"); the message
    may name the count as {count} too (the first three are positional only)."""
    return t(f"{key}_one" if count == 1 else key, lang, **params)
