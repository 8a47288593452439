"""How a person told the importer to read a file: columns, statement kind, sign, encoding.

Every field left None means "as detected". The same choices are remembered per
layout (`core.importing.memory`) and applied to the next file with that header.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

CARD = "card"  # a credit card statement: charges are spending, repayments move money
ACCOUNT = "account"  # a bank account statement or one's own records
STATEMENTS = (CARD, ACCOUNT)
INCOME = "income"  # a positive amount is money in
SPENDING = "spending"  # a positive amount is money out (a card's charges)
SIGNS = (INCOME, SPENDING)
# Encodings a person may pick when the guess reads garbled text.
ENCODINGS = ("utf-8", "gb18030", "big5", "utf-16", "cp1252")


@dataclass(frozen=True)
class Reading:
    mapping: dict[str, str] | None = None
    statement: str | None = None
    positive: str | None = None
    encoding: str | None = None

    def __post_init__(self) -> None:
        if self.statement not in (None, *STATEMENTS):
            raise ValueError(f"statement must be one of {STATEMENTS}: {self.statement!r}")
        if self.positive not in (None, *SIGNS):
            raise ValueError(f"positive must be one of {SIGNS}: {self.positive!r}")
        if self.encoding not in (None, *ENCODINGS):
            raise ValueError(f"encoding must be one of {ENCODINGS}: {self.encoding!r}")

    def __hash__(self) -> int:  # for caches: the mapping as sorted pairs
        pairs = tuple(sorted((self.mapping or {}).items()))
        return hash((pairs, self.statement, self.positive, self.encoding))

    @property
    def chosen(self) -> bool:
        return any(
            value is not None
            for value in (self.mapping, self.statement, self.positive, self.encoding)
        )

    def with_(self, **changes: object) -> Reading:
        return replace(self, **changes)

    def to_json(self) -> str:
        values = {
            "mapping": self.mapping,
            "statement": self.statement,
            "positive": self.positive,
            "encoding": self.encoding,
        }
        return json.dumps({k: v for k, v in values.items() if v is not None}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Reading:
        values = json.loads(text)
        return cls(**{k: values.get(k) for k in ("mapping", "statement", "positive", "encoding")})


def default_sign(statement: str | None) -> str:
    """A card statement lists charges as positive amounts; everything else income."""
    return SPENDING if statement == CARD else INCOME
