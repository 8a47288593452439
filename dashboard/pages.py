"""The page registry: every page, in menu order, with its icon and URL path.

Only the entry script reads it. Views never import it (they link to each other by
name through `widgets.link`), so a page's module imports nothing that imports it back.
"""

from __future__ import annotations

import importlib

import streamlit as st

from dashboard.state import tr

# name (also the URL path and the catalogue key nav.<name>) -> icon, in menu order
PAGES: dict[str, str] = {
    "budget": "📊",
    "import": "📥",
    "debts": "🧾",
    "plan": "🗓️",
    "progress": "📈",
    "coach": "🧭",
    "reminders": "⏰",
}
DEFAULT = "budget"
# a page whose module is not named after it
MODULES = {"import": "importer"}


def navigation() -> list[st.Page]:
    return [
        st.Page(
            importlib.import_module(f"dashboard.views.{MODULES.get(name, name)}").render,
            title=tr(f"nav.{name}"),
            icon=icon,
            url_path=name,
            default=name == DEFAULT,
        )
        for name, icon in PAGES.items()
    ]
