"""Per-session choices (language, profile) and the shared store, for every page."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from core import db, preferences, settings, versions
from core.errors import CoachError
from core.i18n import LANGUAGES, t, tn
from core.profiles import profile_id


@st.cache_resource
def engine() -> Engine:
    """One engine per server process, schema migrated on first use."""
    return db.get_engine()


def url() -> str:
    """The store's URL: the key of every cached read, so a cache never crosses stores."""
    return engine().url.render_as_string(hide_password=False)


def browser_language() -> str | None:
    """The browser's own language, where Streamlit tells it (zh-CN, en-GB…)."""
    locale = (st.context.locale or "").lower()
    return next((lang for lang in LANGUAGES if locale.startswith(lang)), None)


def _chosen_language() -> str | None:
    try:
        return preferences.language(engine(), profile())
    except (DBAPIError, CoachError):  # no store, or no such profile: the page says so
        return None


def lang() -> str:
    """The session's language: chosen before (kept in the profile), else the browser's,
    else the server's (RC_LANG, or Chinese)."""
    current = st.session_state.get("lang")
    if current in LANGUAGES:
        return current
    first = _chosen_language() or browser_language() or settings.language(server=True)
    st.session_state["lang"] = first
    return first


def save_language() -> None:
    """The sidebar's choice, kept in the profile so a reload keeps it."""
    preferences.save_language(engine(), profile(), st.session_state["lang"])


def tr(key: str, **params: object) -> str:
    return t(key, lang(), **params)


def trn(key: str, count: int, /, **params: object) -> str:
    return tn(key, count, lang(), **params)


def profile() -> int:
    if "profile_id" not in st.session_state:
        st.session_state["profile_id"] = profile_id(engine(), settings.profile_name())
    return st.session_state["profile_id"]


_VERSION = "data_version"
# Offers to undo the last clearing or archiving: they last until the next write.
UNDO_KEYS = ("undo_sample", "undo_archive")


def version() -> int:
    """The profile's data version this run reads at: every cached read is keyed on it."""
    if _VERSION not in st.session_state:
        read_version()
    return st.session_state[_VERSION]


def read_version() -> None:
    """Read the data version from the store: once at the start of every run (the entry
    script), so a write made anywhere since the last run shows in this one."""
    st.session_state[_VERSION] = versions.version(engine(), profile())


def data_changed() -> None:
    """After a write in this session: the rest of the run reads the new figures, and the
    offer to undo an earlier change goes (a later write may build on it). Nothing cached
    is dropped (a file being imported is not read again, other sessions' and other
    profiles' reads stay): the new version keys new entries."""
    read_version()
    for key in UNDO_KEYS:
        st.session_state.pop(key, None)


def _kept(key: str) -> str:
    return f"kept_{key}"


def remembered(key: str, default: object, allowed: object = None) -> None:
    """Give widget `key` its last value before it is drawn.

    Streamlit forgets a widget's state when a run does not draw it (a visit to
    another page), so the value also lives under a key of its own; pass
    `on_change=remember, args=(key,)` to the widget. A value no longer `allowed`
    (a list of options, or a predicate) falls back to `default`.
    """
    value = st.session_state.get(_kept(key), default)
    if allowed is not None and not (
        allowed(value) if callable(allowed) else value in allowed  # type: ignore[operator]
    ):
        value = default
    st.session_state[_kept(key)] = value
    st.session_state[key] = value


def remember(key: str) -> None:
    st.session_state[_kept(key)] = st.session_state[key]


def choose(key: str, value: object) -> None:
    """Set a remembered widget's value from a button."""
    st.session_state[_kept(key)] = value
