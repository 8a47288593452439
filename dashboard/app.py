"""Entry point: `streamlit run dashboard/app.py`. Sidebar, navigation, the page chrome."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout too

from sqlalchemy.exc import DBAPIError

from core.db import store_error
from core.errors import CoachError
from core.i18n import LANGUAGES, t
from dashboard import advice, chrome, pages, state, widgets

st.set_page_config(page_title="Recovery Coach", page_icon="🌱", layout="wide")


def sidebar() -> None:
    # Each language named in itself, and the label in both: found whichever is showing.
    names = {lang: t("nav.language_name", lang) for lang in LANGUAGES}
    state.lang()  # the remembered or the browser's language, before the box is drawn
    st.sidebar.selectbox(
        " / ".join(t("nav.language_label", lang) for lang in LANGUAGES),
        LANGUAGES,
        format_func=names.__getitem__,
        key="lang",
        on_change=state.save_language,
    )
    st.sidebar.caption(state.tr("nav.privacy"))


def store_or_stop() -> None:
    """A database that cannot be opened, or a profile name it cannot hold, is a message
    on the page, not a traceback."""
    try:
        state.engine()
        state.profile()
        state.read_version()  # whatever any process wrote since the last run shows in this one
    except DBAPIError as exc:
        st.error(widgets.message(store_error(exc)))
        st.stop()
    except CoachError as exc:
        st.error(widgets.message(exc))
        st.stop()


store_or_stop()
sidebar()
chrome.in_our_words()
try:
    advice.sidebar_hint()
    st.navigation(pages.navigation()).run()
except DBAPIError as exc:  # whatever a page asked of the database: a message, not a traceback
    st.error(widgets.message(store_error(exc)))
