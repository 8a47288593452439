"""Per-session choices (language, profile) and the shared store, for every page."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from core import db
from core.i18n import DEFAULT_LANGUAGE, t, tn
from core.profiles import DEFAULT_PROFILE, profile_id


@st.cache_resource
def engine() -> Engine:
    """One engine per server process, schema migrated on first use."""
    return db.get_engine()


def url() -> str:
    """The store's URL: the key of every cached read, so a cache never crosses stores."""
    return engine().url.render_as_string(hide_password=False)


def lang() -> str:
    return st.session_state.get("lang", DEFAULT_LANGUAGE)


def tr(key: str, **params: object) -> str:
    return t(key, lang(), **params)


def trn(key: str, count: int, **params: object) -> str:
    return tn(key, count, lang(), **params)


def profile() -> int:
    if "profile_id" not in st.session_state:
        st.session_state["profile_id"] = profile_id(engine(), DEFAULT_PROFILE)
    return st.session_state["profile_id"]


def data_changed() -> None:
    """After any write: drop cached reads so every page shows the new figures."""
    st.cache_data.clear()
