"""Entry point: `streamlit run dashboard/app.py`. Sidebar, navigation, first-start sample."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout too

from sqlalchemy.exc import OperationalError

from core.db import StoreUnavailable
from core.i18n import LANGUAGES, t
from core.ledger import samples
from dashboard import advice, pages, state

st.set_page_config(page_title="Recovery Coach", page_icon="🌱", layout="wide")


def sidebar() -> None:
    # Each language named in itself, and the label in both: found whichever is showing.
    names = {lang: t("nav.language_name", lang) for lang in LANGUAGES}
    st.session_state.setdefault("lang", state.lang())
    st.sidebar.selectbox(
        " / ".join(t("nav.language_label", lang) for lang in LANGUAGES),
        LANGUAGES,
        format_func=names.__getitem__,
        key="lang",
    )
    st.sidebar.caption(state.tr("nav.privacy"))


def first_start() -> None:
    """On a brand-new store, show the sample so the pages have something real to show."""
    if st.session_state.get("sample_checked"):
        return
    st.session_state["sample_checked"] = True
    with st.spinner(state.tr("nav.loading_sample")):
        if samples.load_on_first_start(state.engine(), state.profile()):
            state.data_changed()


def store_or_stop() -> None:
    """A database that cannot be opened is a message on the page, not a traceback."""
    try:
        state.engine()
    except OperationalError as exc:
        st.error(StoreUnavailable(exc).message(state.lang()))
        st.stop()


sidebar()
store_or_stop()
state.read_version()  # whatever any process wrote since the last run shows in this one
first_start()
advice.sidebar_hint()
st.navigation(pages.navigation()).run()
