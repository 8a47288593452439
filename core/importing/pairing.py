"""One purchase seen twice: on the bank or card statement and in the platform's bill.

A purchase paid through WeChat Pay or Alipay with a bank card is in the WeChat bill
(with the merchant) and on the card statement (as 财付通-… or 支付宝-…). Both count
the same money. A bank row naming a payment platform is paired with a row of that
platform's bill of the same amount, at most PLATFORM_DAYS apart; the platform's row
is kept, the bank's then counts as neither income nor spending. Likewise a card
repayment from a bank account (信用卡还款) and the card statement's repayment line:
the card's charges are the spending, so the bank's payment of them is neutral.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

PLATFORM_DAYS = 2
# A repayment posts on the card a few days after it leaves the bank (weekends).
REPAYMENT_DAYS = 3
STATEMENTS = ("card", "account")
PLATFORMS = {
    "wechat": r"财付通|微信|tenpay|wechat|weixin",
    "alipay": r"支付宝|alipay",
    "jd": r"京东|网银在线|jd\.com",
    "meituan": r"美团|钱袋宝|大众点评|meituan",
}
_MARKERS = {layout: re.compile(pattern, re.IGNORECASE) for layout, pattern in PLATFORMS.items()}
_REPAYMENT = re.compile(r"还款|還款|repayment", re.IGNORECASE)
# SQL LIKE words that find the candidates of a bank's side, before the rules here decide.
MARKER_WORDS = ("财付通", "微信", "tenpay", "支付宝", "alipay", "京东", "网银在线", "美团",
                "钱袋宝", "大众点评", "还款")  # fmt: skip
PLATFORM = "platform"
REPAYMENT = "repayment"


@dataclass(frozen=True)
class Pair:
    bank: int  # the statement's row: counted as neither once paired
    kept: int  # the row that counts (the platform's, or the card's repayment)
    reason: str  # PLATFORM or REPAYMENT


def platforms_named(text: str) -> list[str]:
    return [layout for layout, marker in _MARKERS.items() if marker.search(text or "")]


def find_pairs(rows: pd.DataFrame) -> list[Pair]:
    """Pairs among `rows`: id, date, amount_cents, kind, layout (of the file each came
    from) and text (description and counterparty together).

    Each row is in at most one pair. Bank rows are taken oldest first, each with the
    nearest unpaired partner in days (the lower id on a tie), so the result does not
    depend on the order the files came in.
    """
    if rows.empty:
        return []
    rows = rows.sort_values(["date", "id"])
    ids = rows["id"].to_numpy(dtype=np.int64)
    days = np.array([day.toordinal() for day in rows["date"]], dtype=np.int64)
    cents = rows["amount_cents"].to_numpy(dtype=np.int64)
    kinds = rows["kind"].to_numpy(dtype=object)
    texts = rows["text"].to_numpy(dtype=object)
    layouts = rows["layout"].to_numpy(dtype=object)
    used: set[int] = set()
    pairs: list[Pair] = []
    by_size: dict[int, list[int]] = {}
    for i in range(len(ids)):
        by_size.setdefault(abs(int(cents[i])), []).append(i)
    for i in range(len(ids)):
        # a bank row already neutral counts for nothing: no pair needed
        if layouts[i] not in STATEMENTS or kinds[i] == "transfer" or ids[i] in used:
            continue
        named = platforms_named(texts[i])
        repaying = layouts[i] == "account" and cents[i] < 0 and bool(_REPAYMENT.search(texts[i]))
        if not named and not repaying:
            continue
        best = None
        for j in by_size.get(abs(int(cents[i])), []):
            if j == i or ids[j] in used:
                continue
            reason = _reason(i, j, named, repaying, cents, kinds, texts, layouts)
            if reason is None:
                continue
            gap = abs(int(days[j] - days[i]))
            if gap > (PLATFORM_DAYS if reason == PLATFORM else REPAYMENT_DAYS):
                continue
            if best is None or (gap, ids[j]) < best[0]:
                best = ((gap, ids[j]), j, reason)
        if best is not None:
            _, j, reason = best
            used.update((int(ids[i]), int(ids[j])))
            pairs.append(Pair(int(ids[i]), int(ids[j]), reason))
    return pairs


def _reason(i, j, named, repaying, cents, kinds, texts, layouts) -> str | None:
    if layouts[j] in named:
        # a purchase and a purchase, a refund and a refund; a platform's own transfer
        # (a top-up, a withdrawal to the card) pairs either way round
        same_way = kinds[j] == "transfer" or cents[i] == cents[j]
        return PLATFORM if same_way else None
    if repaying and layouts[j] == "card" and kinds[j] == "transfer" and cents[j] == -cents[i]:
        return REPAYMENT if _REPAYMENT.search(texts[j]) else None
    return None
