"""Giving transactions a category without the store: names in canonical form, keyword
rules matched over whole columns, and the file's own category where it is a real one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.categories.builtins import ALIASES, CATEGORY_KEYS, TRADE_TYPES, TYPE_ONLY_LAYOUTS
from core.i18n import t

NAME_LIMIT = 100
# Transaction.category_source values
FROM_FILE, FROM_RULE, FROM_USER = "file", "rule", "user"


@dataclass(frozen=True)
class Rule:
    id: int
    keyword: str
    category: str


def display_name(name: str, lang: str) -> str:
    """A category as the reader should see it: built-ins translated, others as written."""
    key = CATEGORY_KEYS.get(name)
    return t(f"budget.category_{key}", lang) if key else name


def canonical_name(text: str) -> str:
    """The stored form of a category name: a built-in by any of its names, else as written."""
    text = re.sub(r"\s+", " ", text).strip()[:NAME_LIMIT]
    return ALIASES.get(text.casefold(), text)


def normalise_keyword(keyword: str) -> str:
    return re.sub(r"\s+", " ", keyword).strip().lower()[:NAME_LIMIT]


class RuleMatcher:
    """Keyword rules applied to a whole column of texts at once.

    Each distinct text is examined once; only keywords whose first character
    occurs in the text are tried, so hundreds of rules cost little.
    """

    def __init__(self, rules: Iterable[tuple[str, str]]) -> None:
        # rules in priority order already: the first keyword that matches wins
        self._rank: dict[str, int] = {}
        self._category: dict[str, str] = {}
        self._by_first: dict[str, list[str]] = {}
        for keyword, category in rules:
            keyword = normalise_keyword(keyword)
            if not keyword or keyword in self._rank:
                continue
            self._rank[keyword] = len(self._rank)
            self._category[keyword] = category
            self._by_first.setdefault(keyword[0], []).append(keyword)
        self._firsts = frozenset(self._by_first)
        self._word_start = {
            k: re.compile(r"(?<![a-z0-9])" + re.escape(k))
            for k in self._rank
            if k[0].isascii() and k[0].isalnum()
        }

    @classmethod
    def from_rules(cls, rules: Iterable[Rule]) -> RuleMatcher:
        """Longest keyword first; among equally long ones the newest rule."""
        ordered = sorted(rules, key=lambda r: (-len(r.keyword), -r.id))
        return cls((r.keyword, r.category) for r in ordered)

    def __bool__(self) -> bool:
        return bool(self._rank)

    def match_one(self, text: str | None) -> str | None:
        if not text:
            return None
        text = text.lower()
        best: str | None = None
        for first in self._firsts.intersection(text):
            for keyword in self._by_first[first]:
                if keyword not in text:
                    continue
                pattern = self._word_start.get(keyword)
                if pattern is not None and not pattern.search(text):
                    continue
                if best is None or self._rank[keyword] < self._rank[best]:
                    best = keyword
        return None if best is None else self._category[best]

    def match(self, texts: Sequence[str] | np.ndarray | pd.Series) -> np.ndarray:
        """The matching category per text (object array, None where no rule matches)."""
        codes, uniques = pd.factorize(np.asarray(texts, dtype=object))
        table = np.empty(len(uniques) + 1, dtype=object)
        table[:-1] = [self.match_one(u) for u in uniques]
        table[-1] = None
        return table[codes]


def match_texts(
    description: np.ndarray | pd.Series,
    counterparty: np.ndarray | pd.Series,
    source_category: np.ndarray | pd.Series,
) -> np.ndarray:
    """The text the rules look at: description, counterparty and the file's category."""
    sep = np.array(" \x1f ", dtype=object)
    return (
        np.asarray(description, dtype=object)
        + sep
        + np.asarray(counterparty, dtype=object)
        + sep
        + np.asarray(source_category, dtype=object)
    )


def file_categories(source_category: np.ndarray | pd.Series, layout: str) -> np.ndarray:
    """The file's own category per row in canonical form; None where it has no real one."""
    values = np.asarray(source_category, dtype=object)
    if layout in TYPE_ONLY_LAYOUTS:
        return np.full(len(values), None, dtype=object)
    codes, uniques = pd.factorize(values)
    table = np.empty(len(uniques) + 1, dtype=object)
    table[:-1] = [_usable(u) for u in uniques]
    table[-1] = None
    return table[codes]


def _usable(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    name = canonical_name(value)
    if not name or name.casefold() in TRADE_TYPES:
        return None
    return name


def categorise_frame(
    rows: pd.DataFrame, layout: str, matcher: RuleMatcher
) -> tuple[np.ndarray, np.ndarray]:
    """Each import row's category name and where it came from (None for neither).

    The file's own category (FROM_FILE) wins, else the rules' (FROM_RULE); the
    source is stored so that a later rule change redoes only the rules' choices.
    """
    chosen = file_categories(rows["source_category"], layout)
    missing = np.flatnonzero(pd.isna(chosen))
    source = np.empty(len(chosen), dtype=object)
    source.fill(FROM_FILE)  # one shared str (np.full would make one per row)
    source[missing] = None
    if len(missing) and matcher:
        texts = match_texts(
            rows["description"].to_numpy(dtype=object)[missing],
            rows["counterparty"].to_numpy(dtype=object)[missing],
            rows["source_category"].to_numpy(dtype=object)[missing],
        )
        found = matcher.match(texts)
        chosen[missing] = found
        source[missing[pd.notna(found)]] = FROM_RULE
    return chosen, source
