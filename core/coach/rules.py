"""When each card applies, and why, in the user's own figures.

`advise(snapshot)` returns the cards that apply, most urgent first, each with its
reasons (catalogue key + parameters, rendered in either language by `why_text`) and,
for the rights card, what to do now. Every rule reads only the snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from core.coach.cards import URGENCY
from core.coach.contacts import ContactRecord, all_flags, time_flags
from core.coach.situation import Snapshot
from core.debts.entry import DebtRecord
from core.debts.overdue import DELAYS, delay_cost
from core.i18n import t, tn
from core.money import display
from core.planner import minimums_due
from core.planner.request import PlanRequest

WEBANK_WORDS = ("微粒贷", "微众", "webank", "weilidai")
# What to do now, in the order the rights card lists it: each step with the contacts
# (kind, all flags) that call for it.
_POLICE = frozenset({"threats", "entered", "refused_to_leave", "impersonation"})
ACTIONS: tuple[tuple[str, Callable[[str, frozenset[str]], bool]], ...] = (
    ("leave", lambda kind, flags: kind == "visit"),
    ("police", lambda kind, flags: bool(flags & _POLICE)),
    ("third_parties", lambda kind, flags: bool(flags & {"contacted_others", "public"})),
    ("calls", lambda kind, flags: kind in ("call", "message")),
    ("complain", lambda kind, flags: True),
    ("keep_log", lambda kind, flags: True),
)


class Terms(tuple):
    """Catalogue keys shown as one list in the reader's language ('威胁、辱骂')."""


@dataclass(frozen=True)
class Reason:
    key: str
    params: dict[str, object] = field(default_factory=dict)
    count: int | None = None  # picks `<key>_one` for one


@dataclass(frozen=True)
class Advice:
    key: str
    reasons: tuple[Reason, ...]
    actions: tuple[str, ...] = ()  # catalogue keys, what to do now


def _render(value: object, lang: str) -> object:
    if isinstance(value, Terms):
        return t("contacts.flag_separator", lang).join(t(k, lang) for k in value)
    return value


def reason_text(reason: Reason, lang: str) -> str:
    params = {k: _render(v, lang) for k, v in reason.params.items()}
    if reason.count is not None:
        return tn(reason.key, reason.count, lang, **params)
    return t(reason.key, lang, **params)


def why_text(advice: Advice, lang: str) -> str:
    """The reasons, one a line."""
    return "\n".join(reason_text(r, lang) for r in advice.reasons)


def action_texts(advice: Advice, lang: str) -> list[str]:
    return [t(key, lang) for key in advice.actions]


# --- the rules ------------------------------------------------------------------------

Found = Iterator[tuple[str, Reason]]


def _owing(s: Snapshot) -> list[DebtRecord]:
    return [d for d in s.debts if d.balance_cents > 0]


def _overdue(s: Snapshot) -> list[DebtRecord]:
    return [d for d in _owing(s) if d.overdue]


def _days_overdue(debt: DebtRecord, today: dt.date) -> int:
    assert debt.overdue_since is not None
    return max((today - debt.overdue_since).days, 0)


def _is_webank(debt: DebtRecord) -> bool:
    text = f"{debt.name} {debt.lender}".casefold()
    return any(word in text for word in WEBANK_WORDS)


def cost_of_delay(s: Snapshot) -> Found:
    for debt in _overdue(s):
        costs = {name: display(delay_cost(debt, days)) for name, days in DELAYS.items()}
        days = _days_overdue(debt, s.today)
        yield (
            "cost_of_delay",
            Reason("coach.why_delay", {"name": debt.name, "days": days, **costs}, days),
        )


def negotiate(s: Snapshot) -> Found:
    for debt in _overdue(s):
        lender = debt.lender or debt.name
        yield (
            "negotiate",
            Reason("coach.why_negotiate_overdue", {"name": debt.name, "lender": lender}),
        )
        if _is_webank(debt):
            yield "negotiate", Reason("coach.why_negotiate_webank", {"name": debt.name})
    if s.budget is not None and _owing(s) and s.budget < s.minimums:
        params = {
            "budget": display(s.budget),
            "minimums": display(s.minimums),
            "gap": display(s.minimums - s.budget),
        }
        yield "negotiate", Reason("coach.why_negotiate_budget", params)
    elif s.plan_clears is False and s.budget is not None:
        yield "negotiate", Reason("coach.why_negotiate_plan", {"budget": display(s.budget)})


def _overspent(s: Snapshot) -> dict[str, object] | None:
    m = s.last_month
    if m is None or m.spending <= m.income:
        return None
    return {
        "month": m.month,
        "income": display(m.income),
        "spending": display(m.spending),
        "gap": display(m.spending - m.income),
    }


def cause(s: Snapshot) -> Found:
    for debt in _overdue(s):
        since = debt.overdue_since.isoformat() if debt.overdue_since else ""
        yield "cause", Reason("coach.why_cause_overdue", {"name": debt.name, "since": since})
    overspent = _overspent(s)
    if overspent:
        yield "cause", Reason("coach.why_cause_overspent", overspent)


def long_run(s: Snapshot) -> Found:
    overspent = _overspent(s)
    if overspent:
        yield "long_run", Reason("coach.why_long_run_overspent", overspent)


def _when(record: ContactRecord) -> str:
    return record.when.strftime("%Y-%m-%d %H:%M")


def collector(s: Snapshot) -> Found:
    if s.contacts:
        latest = max(s.contacts, key=lambda r: r.when)
        params = {"times": len(s.contacts), "last": _when(latest)}
        yield "collector_at_door", Reason("coach.why_collector", params, len(s.contacts))


def rights(s: Snapshot) -> Found:
    """Each contact with a conduct flag or a flag the times show; good faith beside it."""
    derived = time_flags(s.contacts)
    for record in sorted(s.contacts, key=lambda r: r.when):
        flags = all_flags(record, derived)
        if flags:
            params = {
                "when": _when(record),
                "kind": Terms([f"contacts.kind_{record.kind}"]),
                "flags": Terms(f"contacts.flag_{f}" for f in flags),
            }
            yield "rights", Reason("coach.why_rights_contact", params)
            yield "good_faith", Reason("coach.why_good_faith")


def mindset(s: Snapshot) -> Found:
    for name in s.missed_payments:
        yield "mindset", Reason("coach.why_mindset_missed", {"name": name})
    for name in s.stalled:
        yield "mindset", Reason("coach.why_mindset_stalled", {"name": name})


def scam_warning(s: Snapshot) -> Found:
    for hit in s.quick_fixes:
        if hit.source == "debt":
            yield (
                "scam_warning",
                Reason("coach.why_scam_debt", {"name": hit.text, "term": hit.term}),
            )
        else:
            params = {
                "date": hit.date.isoformat() if hit.date else "",
                "text": hit.text,
                "amount": display(abs(hit.amount or 0)),
                "term": hit.term,
            }
            yield "scam_warning", Reason("coach.why_scam_transaction", params)


def getting_started(s: Snapshot) -> Found:
    if s.empty:
        yield "getting_started", Reason("coach.why_getting_started")


RULES: tuple[Callable[[Snapshot], Found], ...] = (
    cost_of_delay,
    negotiate,
    cause,
    long_run,
    collector,
    rights,
    mindset,
    scam_warning,
    getting_started,
)


def _actions(s: Snapshot) -> tuple[str, ...]:
    """The steps the flagged contacts call for (ask a visitor to leave, 12321 for calls)."""
    derived = time_flags(s.contacts)
    flagged = [(r.kind, frozenset(all_flags(r, derived))) for r in s.contacts]
    flagged = [(kind, flags) for kind, flags in flagged if flags]
    return tuple(
        f"coach.do_{name}"
        for name, wanted in ACTIONS
        if any(wanted(kind, flags) for kind, flags in flagged)
    )


def advise(s: Snapshot) -> list[Advice]:
    """The cards that apply, most urgent first, each with its reasons (no repeats)."""
    found: dict[str, list[Reason]] = {}
    for rule in RULES:
        for card, reason in rule(s):
            reasons = found.setdefault(card, [])
            if reason not in reasons:
                reasons.append(reason)
    return [
        Advice(card, tuple(found[card]), _actions(s) if card == "rights" else ())
        for card in sorted(found, key=URGENCY.__getitem__)
    ]


def card_for(s: Snapshot, key: str) -> Advice | None:
    """Card `key` if it applies, for showing it where it belongs (the debts page, a
    transaction list)."""
    return next((a for a in advise(s) if a.key == key), None)


def plan_negotiate(s: Snapshot, request: PlanRequest, clears: bool) -> Advice | None:
    """The negotiate card for the plan on screen: its budget, which the user chooses,
    not the default one the snapshot holds."""
    minimums = minimums_due(request.debts, request.start)
    shown = replace(s, budget=request.budget, minimums=minimums, plan_clears=clears)
    return card_for(shown, "negotiate")
