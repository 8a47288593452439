"""The pages, in menu order, and links between them."""

from __future__ import annotations

import streamlit as st

from dashboard.state import tr

ICONS = {"budget": "📊", "import": "📥", "debts": "🧾", "plan": "🗓️", "reminders": "⏰"}


def pages() -> dict[str, st.Page]:
    from dashboard.views import budget, debts, importer, plan, reminders

    renderers = {
        "budget": budget.render,
        "import": importer.render,
        "debts": debts.render,
        "plan": plan.render,
        "reminders": reminders.render,
    }
    return {
        name: st.Page(
            render,
            title=tr(f"nav.{name}"),
            icon=ICONS[name],
            url_path=name,
            default=name == "budget",
        )
        for name, render in renderers.items()
    }


def link(name: str, label: str | None = None) -> None:
    st.page_link(pages()[name], label=label or tr(f"nav.{name}"), icon=ICONS[name])
