"""Letters to the lender, filled with the user's own numbers and log.

What the user can afford each month for one debt is their average income, less
essential spending, less the other debts' minimum payments. From that figure the
proposal offers only what fits: an instalment arrangement (N months of X and the
total), for a credit card an individual instalment plan (个性化分期, at most 60
months), and an extension (展期) only while the debt is not yet overdue. Totals are
worked out by the payoff planner at the debt's present terms, so they are what the
user would pay if nothing is waived; the letter asks, and never promises.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from core.coach.contacts import (
    ContactRecord,
    all_flags,
    flag_names,
    sorted_by_time,
    time_flags,
)
from core.debts.entry import DebtRecord, planner_debt
from core.errors import CoachError
from core.i18n import t
from core.money import display
from core.months import Month, next_month
from core.planner import budget_needed, plan
from core.planner.split import Offer as SplitOffer
from core.planner.split import SplitPlan

LETTER_KINDS = ("proposal", "notice_request", "stop_third_party", "complaint")
MAX_MONTHS = 60  # 个性化分期: at most 5 years; the same ceiling for any arrangement
REPLY_DAYS = 15  # the usual deadline for a lender's answer to a complaint
CARD_WORDS = ("信用卡", "贷记卡", "credit card")


@dataclass(frozen=True)
class Means:
    """Monthly figures in cents: averages over `months` (the full months the budget
    averages), or `stated` by the user. Neither: nothing is known yet."""

    income: int
    essentials: int
    other_minimums: int
    months: tuple[str, ...] = ()
    stated: bool = False

    @property
    def known(self) -> bool:
        return bool(self.months) or self.stated

    @property
    def affordable(self) -> int:
        return self.income - self.essentials - self.other_minimums


@dataclass(frozen=True)
class Offer:
    """`months` payments of `payment`, the last one `last`; `total` paid in all."""

    kind: str  # instalment | card_instalment | extension
    months: int
    payment: int
    last: int
    total: int


@dataclass(frozen=True)
class Proposal:
    """The offer that fits the means, or None with `needed`: the monthly payment that
    would clear the debt within MAX_MONTHS at its present terms."""

    debt: DebtRecord
    means: Means
    kind: str
    offer: Offer | None
    needed: int


@dataclass(frozen=True)
class Letter:
    kind: str
    title: str
    paragraphs: tuple[str, ...]

    def text(self) -> str:
        return "\n\n".join((self.title, *self.paragraphs)) + "\n"


def looks_like_card(debt: DebtRecord) -> bool:
    """A guess from the debt's name and lender; pages let the user say otherwise."""
    text = f"{debt.name} {debt.lender}".casefold()
    return any(word in text for word in CARD_WORDS)


def other_minimums(debt: DebtRecord, debts: list[DebtRecord]) -> int:
    """What every other owing debt asks for a month (never more than it owes)."""
    return sum(
        min(d.min_payment_cents, d.balance_cents)
        for d in debts
        if d.name != debt.name and d.balance_cents > 0
    )


def offer_kind(debt: DebtRecord, card: bool) -> str:
    if card:
        return "card_instalment"
    return "instalment" if debt.overdue else "extension"


def propose(
    debt: DebtRecord, means: Means, *, card: bool | None = None, start: str | None = None
) -> Proposal:
    """The quickest arrangement whose monthly payment fits `means.affordable`, paid in
    level amounts (the smallest that still clears in that many months)."""
    if debt.balance_cents <= 0:
        raise CoachError("letters.nothing_owed", name=debt.name)
    start = Month(start) if start else next_month()
    kind = offer_kind(debt, looks_like_card(debt) if card is None else card)
    alone = [replace(planner_debt(debt), min_payment=0)]
    last_month = start + (MAX_MONTHS - 1)
    needed = budget_needed(alone, "avalanche", last_month, start) or 0
    if not means.known or means.affordable < needed or means.affordable <= 0:
        return Proposal(debt, means, kind, None, needed)
    fastest = plan(alone, "avalanche", means.affordable, start)
    by = start + (fastest.months - 1)
    level = budget_needed(alone, "avalanche", by, start) or means.affordable
    result = plan(alone, "avalanche", level, start)
    offer = Offer(kind, result.months, level, result.schedule[-1].payment, result.total_paid)
    return Proposal(debt, means, kind, offer, needed)


# --- the letters ----------------------------------------------------------------------


def _head(debt: DebtRecord, today: dt.date, lang: str) -> str:
    return t(
        "letters.head",
        lang,
        lender=debt.lender or debt.name,
        name=debt.name,
        date=today.isoformat(),
        sender=t("letters.your_name", lang),
        phone=t("letters.your_phone", lang),
    )


def _sign(today: dt.date, lang: str) -> str:
    return t("letters.sign", lang, sender=t("letters.your_name", lang), date=today.isoformat())


def _situation(debt: DebtRecord, lang: str) -> str:
    balance = display(debt.balance_cents)
    if debt.overdue_since:
        return t(
            "letters.situation_overdue", lang, since=debt.overdue_since.isoformat(), balance=balance
        )
    return t("letters.situation_current", lang, balance=balance)


def _means(m: Means, lang: str) -> str:
    if not m.known:
        return t("letters.proposal_means_unknown", lang)
    figures = {
        "income": display(m.income),
        "essentials": display(m.essentials),
        "others": display(m.other_minimums),
        "affordable": display(max(m.affordable, 0)),
    }
    if m.months:
        return t("letters.proposal_means", lang, months=len(m.months), **figures)
    return t("letters.proposal_means_stated", lang, **figures)


def proposal_letter(p: Proposal, today: dt.date, lang: str) -> Letter:
    m, debt = p.means, p.debt
    paragraphs = [
        _head(debt, today, lang),
        t("letters.proposal_open", lang, name=debt.name, situation=_situation(debt, lang)),
        t("letters.proposal_hardship", lang),
        _means(m, lang),
    ]
    if not m.known:
        paragraphs.append(t("letters.offer_unknown", lang))
    elif p.offer is not None:
        o = p.offer
        paragraphs.append(
            t(
                f"letters.offer_{o.kind}",
                lang,
                months=o.months,
                payment=display(o.payment),
                last=display(o.last),
                total=display(o.total),
                max=MAX_MONTHS,
            )
        )
        paragraphs.append(t("letters.offer_terms", lang))
    elif m.affordable > 0:
        paragraphs.append(
            t(
                "letters.offer_short",
                lang,
                affordable=display(m.affordable),
                needed=display(p.needed),
                max=MAX_MONTHS,
            )
        )
    else:
        paragraphs.append(t("letters.offer_nothing", lang))
    paragraphs += [t("letters.proposal_close", lang), _sign(today, lang)]
    return Letter("proposal", t("letters.proposal_title", lang, name=debt.name), tuple(paragraphs))


def split_letter(
    debt: DebtRecord, split: SplitPlan, offer: SplitOffer, start: str, today: dt.date, lang: str
) -> Letter:
    """The proposal when the budget is below the minimums: this lender's share of the
    fair split (`core.planner.split`) from `start`, asked for until the full payments
    can start again (the month the split hands over to the normal order, if it comes)."""
    back = split.accepted.switch
    paragraphs = (
        _head(debt, today, lang),
        t("letters.proposal_open", lang, name=debt.name, situation=_situation(debt, lang)),
        t("letters.proposal_hardship", lang),
        t("letters.split_means", lang, budget=display(split.budget), due=display(split.due)),
        t(
            "letters.split_offer",
            lang,
            offer=display(offer.offer),
            minimum=display(offer.minimum),
            month=Month(start).text(lang),
        ),
        t("letters.split_back", lang, month=Month(back).text(lang))
        if back
        else t("letters.split_back_unknown", lang),
        t("letters.proposal_close", lang),
        _sign(today, lang),
    )
    return Letter("proposal", t("letters.proposal_title", lang, name=debt.name), paragraphs)


def notice_request_letter(debt: DebtRecord, today: dt.date, lang: str) -> Letter:
    paragraphs = (
        _head(debt, today, lang),
        t("letters.notice_open", lang, name=debt.name, situation=_situation(debt, lang)),
        t("letters.notice_items", lang),
        t("letters.notice_close", lang),
        _sign(today, lang),
    )
    return Letter("notice_request", t("letters.notice_title", lang, name=debt.name), paragraphs)


def _contact_line(record: ContactRecord, flags: tuple[str, ...], lang: str) -> str:
    who = " / ".join(x for x in (record.collector, record.company) if x) or t(
        "letters.unknown_who", lang
    )
    line = t(
        "letters.contact_line",
        lang,
        when=record.when.strftime("%Y-%m-%d %H:%M"),
        kind=t(f"contacts.kind_{record.kind}", lang),
        place=record.place or "—",
        who=who,
    )
    if flags:
        line += t("letters.contact_flags", lang, flags=flag_names(flags, lang))
    if record.said:
        line += t("letters.contact_said", lang, said=record.said)
    return line


def _log_lines(contacts: list[ContactRecord], wanted: set[str] | None, lang: str) -> list[str]:
    """One line per contact with one of the `wanted` flags (any flag when None), by time."""
    derived = time_flags(contacts)
    lines = []
    for record in sorted_by_time(contacts):
        flags = all_flags(record, derived)
        if (set(flags) & wanted) if wanted is not None else flags:
            lines.append(_contact_line(record, flags, lang))
    return lines


def stop_third_party_letter(
    debt: DebtRecord, contacts: list[ContactRecord], today: dt.date, lang: str
) -> Letter:
    lines = _log_lines(contacts, {"contacted_others", "public"}, lang)
    paragraphs = [
        _head(debt, today, lang),
        t("letters.stop_open", lang, name=debt.name),
        *(["\n".join(lines)] if lines else [t("letters.stop_who", lang)]),
        t("letters.stop_reachable", lang, phone=t("letters.your_phone", lang)),
        t("letters.stop_rules", lang),
        t("letters.stop_close", lang),
        _sign(today, lang),
    ]
    return Letter(
        "stop_third_party", t("letters.stop_title", lang, name=debt.name), tuple(paragraphs)
    )


def escalation_date(today: dt.date, days: int = REPLY_DAYS) -> dt.date:
    """The day after which, without an answer, the user may turn to 12378."""
    return today + dt.timedelta(days=days)


def complaint_letter(
    debt: DebtRecord,
    contacts: list[ContactRecord],
    today: dt.date,
    lang: str,
    reply_days: int = REPLY_DAYS,
) -> Letter:
    """Built from the contact log: the flagged contacts, or every contact if none is."""
    lines = _log_lines(contacts, None, lang) or [
        _contact_line(r, (), lang) for r in sorted_by_time(contacts)
    ]
    paragraphs = [
        _head(debt, today, lang),
        t("letters.complaint_open", lang, name=debt.name),
        "\n".join(lines) if lines else t("letters.complaint_describe", lang),
        t("letters.complaint_asks", lang),
        t(
            "letters.complaint_deadline",
            lang,
            days=reply_days,
            date=escalation_date(today, reply_days).isoformat(),
        ),
        t("letters.complaint_good_faith", lang),
        _sign(today, lang),
    ]
    return Letter(
        "complaint", t("letters.complaint_title", lang, name=debt.name), tuple(paragraphs)
    )
