"""What the environment chooses, read in one place by every entry point (the command
line, the dashboard, the benchmarks): which store, which profile, which language.

- `DATABASE_URL`: the store; without it a SQLite file in the user's data folder, so a
  personal install needs no configuration.
- `RC_PROFILE`: whose records (default `default`); a counselling service runs one
  dashboard per person, or one command per person, with it set.
- `RC_LANG` (then `LANG`, for the command line): `zh...` for Chinese, `en...` for English.
- `RC_TIMEZONE`: where the user lives (an IANA name), for reminders' times and "today";
  Asia/Shanghai by default.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from core.i18n import DEFAULT_LANGUAGE

DEFAULT_PROFILE = "default"
DEFAULT_TIMEZONE = "Asia/Shanghai"


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    folder = Path(platformdirs.user_data_dir("recovery-coach", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'recovery-coach.db'}"


def profile_name() -> str:
    return os.environ.get("RC_PROFILE", DEFAULT_PROFILE)


def language(*, server: bool = False) -> str:
    """The command line: RC_LANG, then LANG; English unless one starts with zh. The
    dashboard (`server=True`): RC_LANG only, else Chinese, since the server's own locale
    says nothing about the person at the browser."""
    wanted = os.environ.get("RC_LANG") or ("" if server else os.environ.get("LANG", ""))
    if wanted.lower().startswith("zh"):
        return "zh"
    if wanted.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE if server else "en"


def timezone_name() -> str:
    return os.environ.get("RC_TIMEZONE", "").strip() or DEFAULT_TIMEZONE
