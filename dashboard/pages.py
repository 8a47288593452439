"""The page registry: every page, in menu order, with its icon and URL path.

Only the entry script reads it. Views never import it (they link to each other by
name through `widgets.link`), so a page's module imports nothing that imports it back.
"""

from __future__ import annotations

import importlib

import streamlit as st

from dashboard.state import tr

# name (also the URL path and the catalogue key nav.<name>) -> icon, in menu order.
# Material icons come with Streamlit's own font: the same on every phone and computer,
# where an emoji needs a font the system may not have.
PAGES: dict[str, str] = {
    "home": ":material/home:",
    "budget": ":material/bar_chart:",
    "import": ":material/upload_file:",
    "debts": ":material/receipt_long:",
    "plan": ":material/event_available:",
    "progress": ":material/trending_down:",
    "coach": ":material/explore:",
    "reminders": ":material/alarm:",
}
DEFAULT = "home"
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
