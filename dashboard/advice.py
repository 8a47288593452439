"""An advice card on a page: the coach page lists them all, other pages show the one
that applies where it applies (the cost of delay beside the debts, negotiation beside
a plan that cannot clear, the scam warning beside the transactions).

The reasons carry the user's own text (debt names, transaction texts): it is escaped,
so a name is shown as typed and never read as Markdown, a link or a formula ($).
"""

from __future__ import annotations

import streamlit as st

from core.coach.cards import card_text, title
from core.coach.rules import Advice, action_texts, advise, card_for, plan_negotiate, reason_text
from core.planner.request import PlanRequest
from core.usertext import markdown
from dashboard import cache, state, widgets
from dashboard.state import tr

# Material icons come with Streamlit's own font, so every phone shows them (an emoji
# needs a font the system may lack).
ICONS = {
    "rights": ":material/shield:",
    "good_faith": ":material/handshake:",
    "collector_at_door": ":material/door_front:",
    "scam_warning": ":material/warning:",
    "cost_of_delay": ":material/hourglass_top:",
    "negotiate": ":material/call:",
    "cause": ":material/search:",
    "mindset": ":material/spa:",
    "long_run": ":material/explore:",
    "getting_started": ":material/waving_hand:",
}
# Cards worth a word in the sidebar on every page: someone at the door, money at risk.
URGENT = ("rights", "collector_at_door", "scam_warning", "cost_of_delay", "negotiate")


def show(advice: Advice, *, expanded: bool = False) -> None:
    """One card: its title, why (one line per reason), what to do now, and its points
    (laws and industry rules marked as such) folded away unless `expanded`."""
    lang = state.lang()
    with st.container(border=True):
        st.markdown(f"**{ICONS[advice.key]} {markdown(title(advice.key, lang))}**")
        st.markdown("\n".join(f"- {markdown(reason_text(r, lang))}" for r in advice.reasons))
        steps = action_texts(advice, lang)
        if steps:
            st.markdown(f"**{markdown(tr('coach.what_to_do'))}**")
            st.markdown("\n".join(f"{i}. {markdown(s)}" for i, s in enumerate(steps, 1)))
        with st.expander(tr("coach_page.more"), expanded=expanded):
            st.markdown("\n".join(f"- {markdown(p)}" for p in card_text(advice.key, lang)))


def inline(key: str) -> bool:
    """Card `key` here, if the user's situation calls for it; whether it was shown."""
    found = card_for(_snapshot(), key)
    if found is not None:
        show(found)
    return found is not None


def _snapshot():
    return cache.coach_snapshot(state.url(), state.profile(), cache.today())


def for_plan(request: PlanRequest) -> None:
    """The negotiate card beside a plan that cannot clear at the budget on screen."""
    found = plan_negotiate(_snapshot(), request, clears=False)
    if found is not None:
        show(found)


def sidebar_hint() -> None:
    """Unprompted, on every page: the urgent cards' titles and the way to the coach."""
    urgent = [a for a in advise(_snapshot()) if a.key in URGENT]
    if not urgent:
        return
    with st.sidebar:
        lines = [f"- {ICONS[a.key]} {markdown(title(a.key, state.lang()))}" for a in urgent]
        st.warning("\n".join(lines), icon=":material/explore:")
        widgets.link("coach", tr("coach_page.see_coach"))
