"""How a row counts when its amount alone cannot tell: card statements, platform credit
lines, refunds numbered after their purchase. Where the words do not settle it, the
row is marked with a doubt for the person to decide; its money then counts in the
way that cannot inflate the surplus.
"""

from __future__ import annotations

import re
from typing import TypeVar

import numpy as np

from core.importing.values import per_distinct

# What a row in doubt is marked with; the import page lists them to decide.
CARD_CREDIT = "card_credit"  # money onto a card that is neither a repayment nor a refund
REFUND_UNMATCHED = "refund_unmatched"  # a neutral refund whose purchase is not in the file
SHARED_NUMBER = "shared_number"  # rows sharing one transaction number, content differs
OWN_TRANSFER = "own_transfer"  # money between the holder's own accounts: neither way
T = TypeVar("T")

_REPAYMENT = re.compile(
    r"还款|還款|repayment|payment received|payment - thank you|autopay", re.IGNORECASE
)
# An instalment line (账单分期 第3期) is a charge even when it names 还款.
_INSTALMENT = re.compile(r"分期|instal{1,2}ment", re.IGNORECASE)
_REFUND = re.compile(r"退款|退货|退貨|退票|refund", re.IGNORECASE)
# Repaying a platform's own credit line (京东白条, 美团月付, 花呗): the purchases it paid
# for are already in the bill, so the repayment moves money and buys nothing.
_CREDIT_LINE_REPAYMENT = re.compile(
    r"(?:白条|月付|花呗)[^，,;；]{0,12}还款|还款[^，,;；]{0,12}(?:白条|月付|花呗)"
)
# A refund's number may be its trade's number with a suffix: 2026...001_1, 2026...001-2.
_TRADE_NUMBER = re.compile(r"[^_\-*\s]+")
_SHORTEST_NUMBER = 6


def matches(pattern: re.Pattern, texts: np.ndarray) -> np.ndarray:
    return per_distinct(texts, lambda text: bool(text and pattern.search(text)), dtype=bool)


def is_refund(texts: np.ndarray) -> np.ndarray:
    return matches(_REFUND, texts)


# A transfer the statement itself calls one's own (本人账户转入, 转账-本人)
_OWN_WORDS = re.compile(
    r"本人(?:账户|帐户|賬戶)?(?:转入|转出|互转|轉入|轉出)|(?:转账|轉賬|互转)\W{0,2}本人"
    r"|own accounts?|between (?:my|own) accounts",
    re.IGNORECASE,
)


def own_transfers(counterparty: np.ndarray, texts: np.ndarray, holder: str | None) -> np.ndarray:
    """Rows of an account statement that move the holder's own money: the other party is
    the holder by name (张三, or 张三 6214…), or the statement says 本人. Counted as
    income, the money one moves from another account of one's own would inflate the
    surplus; counted as spending, what one moves there would be spent twice."""
    said = matches(_OWN_WORDS, texts)
    if not holder:
        return said
    return said | per_distinct(counterparty, lambda party: _names(party, holder), dtype=bool)


def _names(party: str | None, holder: str) -> bool:
    """Whether `party` is `holder`, alone or before an account number (not 张三丰 for 张三)."""
    if not party or not party.startswith(holder):
        return False
    rest = party[len(holder) :]
    return not rest or not (rest[0].isalpha() or rest[0] == "·")


def card_statement(
    amounts: np.ndarray, kinds: np.ndarray, texts: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Amounts, kinds and doubts on a card statement, amounts already signed (- charged).

    A repayment (还款) is money onto the card from one's own account: neutral, however
    the file signs it. A refund (退款, 退货) gives back a purchase: negative spending.
    Other money onto the card (cashback, a payment by someone else, interest) is
    counted as neutral and marked: counted as a refund it would lower spending, and the
    statement does not say which it is.
    """
    amounts, kinds = amounts.copy(), kinds.copy()
    doubts = np.full(len(amounts), "", dtype=object)
    repay = matches(_REPAYMENT, texts) & ~matches(_INSTALMENT, texts)
    refund = is_refund(texts) & ~repay
    kinds[repay] = "transfer"
    kinds[refund] = "expense"
    amounts[repay | refund] = np.abs(amounts[repay | refund])
    other = (amounts > 0) & ~repay & ~refund
    kinds[other] = "transfer"
    doubts[other] = CARD_CREDIT
    charged = (amounts < 0) & ~repay
    kinds[charged] = "expense"
    return amounts, kinds, doubts


def credit_line_repayments(texts: np.ndarray) -> np.ndarray:
    return matches(_CREDIT_LINE_REPAYMENT, texts)


def purchase_of(refund_ids: np.ndarray, purchase_ids: dict[str, T]) -> list[T | None]:
    """The purchase each refund number belongs to: the same number, its number before a
    separator, or the longest purchase number it starts with (a bare suffix)."""
    found: list[int | None] = []
    for number in refund_ids:
        match = purchase_ids.get(number) if number else None
        if number and match is None:
            head = _TRADE_NUMBER.match(number)
            if head and head[0] != number:
                match = purchase_ids.get(head[0])
            for end in range(len(number) - 1, _SHORTEST_NUMBER - 1, -1):
                if match is not None:
                    break
                match = purchase_ids.get(number[:end])
        found.append(match)
    return found
