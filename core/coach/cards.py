"""The advice cards: one per block of the coach brief, each a list of points.

A point says what its basis is: `law` (a statute or regulation, with its article),
`industry` (an industry rule lenders are expected to keep, not a law), or plain
advice. The difference matters to someone deciding whether to call the police, so
every page and export shows it. Text lives in the catalogue under
`coach.<card>_title` and `coach.<card>_<point>`.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import t

LAW, INDUSTRY, ADVICE = "law", "industry", ""


@dataclass(frozen=True)
class Point:
    name: str
    basis: str = ADVICE


@dataclass(frozen=True)
class Card:
    key: str
    points: tuple[Point, ...]


def _card(key: str, *points: str | Point) -> Card:
    return Card(key, tuple(p if isinstance(p, Point) else Point(p) for p in points))


# Most urgent first: safety at the door, then money being lost, then the longer view.
CARDS: tuple[Card, ...] = (
    _card(
        "rights",
        Point("entry", LAW),
        Point("threats", LAW),
        Point("privacy", LAW),
        Point("information", LAW),
        Point("impersonation", LAW),
        Point("hours", INDUSTRY),
        Point("third_parties", INDUSTRY),
        "where",
        Point("illegal_debts", LAW),
    ),
    _card("good_faith", "still_owed", "honest_plan", "consequences"),
    _card(
        "collector_at_door",
        "lawful_visit",
        "calm",
        "notice",
        "record",
        "witness",
        Point("refuse", LAW),
    ),
    _card("scam_warning", Point("repair", LAW), "agents", "fake_app"),
    _card("cost_of_delay", "grows", Point("five_years", LAW), "early"),
    _card(
        "negotiate",
        "official",
        Point("extension", LAW),
        "arrangement",
        Point("card_plan", LAW),
        "numbers",
        "writing",
    ),
    _card("cause", "gap_or_plan", "credit_report", "one_page"),
    _card("mindset", "recoverable", "one_month"),
    _card("long_run", "whole_picture", "avalanche", "basics", "advice"),
    _card("getting_started", "debts", "records", "log"),
)
BY_KEY = {card.key: card for card in CARDS}
URGENCY = {card.key: rank for rank, card in enumerate(CARDS)}


def title(key: str, lang: str) -> str:
    return t(f"coach.{key}_title", lang)


def point_text(card: str, point: Point, lang: str) -> str:
    """The point in `lang`, led by its basis (law, industry rules) where it has one."""
    text = t(f"coach.{card}_{point.name}", lang)
    if point.basis == LAW:
        return t("coach.basis_law", lang, text=text)
    if point.basis == INDUSTRY:
        return t("coach.basis_industry", lang, text=text)
    return text


def card_text(key: str, lang: str) -> list[str]:
    """Every point of card `key`, in order, in `lang`."""
    return [point_text(key, point, lang) for point in BY_KEY[key].points]
