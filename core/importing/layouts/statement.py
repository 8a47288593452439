"""Whether a table is a card statement, a bank account statement or one's own records.

A card statement lists charges as positive amounts, an account statement money in;
read the wrong way, a month's spending becomes income. The title, the lines above the
header, the file name and the headers all say which it is (信用卡 对账单, 记账日 beside
交易日, 卡号末四位; 余额, 借贷, 对方户名, 活期). When they do not agree or say too little
for a bank's file, the kind is left open for the person to choose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from core.importing.layouts.headers import header_key
from core.importing.readers import Grid
from core.importing.reading import ACCOUNT, CARD
from core.importing.values import cells_to_cents

_CARD_TITLE = re.compile(r"信用卡|贷记卡|credit ?card|card statement", re.IGNORECASE)
_ACCOUNT_TITLE = re.compile(
    r"借记卡|储蓄|活期|定期|流水|账户明细|賬戶|account statement|savings|checking|current account"
    r"|debit card",
    re.IGNORECASE,
)
_BANK_TITLE = re.compile(r"银行|銀行|bank|对账单|對賬單|交易明细|明细查询", re.IGNORECASE)
_CARD_HEADERS = {
    "人民币金额": 2, "卡号末四位": 3, "卡号后四位": 3, "卡号末4位": 3, "交易地金额": 2,
    "入账金额": 1, "入账货币": 1, "入账币种/金额": 2, "银行记账日": 1, "卡片类型": 2,
}  # fmt: skip
_ACCOUNT_HEADERS = {
    "余额": 2, "账户余额": 2, "联机余额": 2, "本次余额": 2, "結餘": 2, "balance": 2,
    "借贷": 2, "对方账号": 1, "对方户名": 1, "对方账户": 1, "对方卡号/账号": 1, "钞/汇": 1,
    "钞汇": 1, "对手信息": 1,
}  # fmt: skip
_BALANCES = ("余额", "账户余额", "联机余额", "本次余额", "結餘", "balance")
# Banks named in a title, a preamble or a file name, for the page to say what it read.
BANKS = (
    ("招商银行", r"招商银行|招行|cmb"), ("工商银行", r"工商银行|工行|icbc"),
    ("中国银行", r"中国银行|中行|bank of china|\bboc\b"), ("交通银行", r"交通银行|交行|bocom"),
    ("广发银行", r"广发|cgb"), ("中信银行", r"中信|citic"), ("建设银行", r"建设银行|建行|ccb"),
    ("浦发银行", r"浦发|浦东发展|spdb"), ("农业银行", r"农业银行|农行|\babc\b"),
    ("汇丰银行", r"汇丰|滙豐|hsbc"), ("民生银行", r"民生银行"), ("兴业银行", r"兴业银行"),
    ("光大银行", r"光大银行"), ("平安银行", r"平安银行"), ("邮储银行", r"邮政储蓄|邮储"),
)  # fmt: skip
_BANK_PATTERNS = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in BANKS]
# The account holder's name above the header (户名：张三), in Chinese script: a masked one
# (张*) tells nothing, and a Latin one cannot be told from the words after it.
_HOLDER = re.compile(
    r"(?:户名|戶名|账户名称|帳戶名稱|账户户名|客户名称|客户姓名)\s*[:：]\s*"
    r"([\u4e00-\u9fff·]{2,20})(?![\u4e00-\u9fff·*＊])"
)


@dataclass(frozen=True)
class Evidence:
    """What the file says about its kind: `kind` is None for one's own records and
    for a bank's file that does not say enough (`unsure`)."""

    kind: str | None
    unsure: bool
    bank: str | None
    holder: str | None = None  # the account holder's name, where the file states it


def _texts_above(grid: Grid, index: int, file_name: str) -> str:
    cells = [file_name, grid.name, *(c for row in grid.rows[:index] for c in row)]
    return " ".join(c for c in cells if isinstance(c, str))


def evidence(file_name: str, grid: Grid, index: int, mapping: dict[str, str]) -> Evidence:
    title = _texts_above(grid, index, file_name)
    keys = {header_key(cell) for cell in grid.rows[index]} - {""}
    card = 3 * bool(_CARD_TITLE.search(title)) + sum(_CARD_HEADERS.get(k, 0) for k in keys)
    account = 3 * bool(_ACCOUNT_TITLE.search(title)) + sum(_ACCOUNT_HEADERS.get(k, 0) for k in keys)
    if "date" in mapping and "posted" in mapping:
        card += 1  # a purchase day and a posting day: most card statements, some accounts
    owed = _balance_owed(grid, index)
    if owed is not None:
        # a card's balance is what is owed: negative (or shown as money out)
        card, account = (card + 3, account - 2) if owed else (card, account)
    bank = next((name for name, pattern in _BANK_PATTERNS if pattern.search(title)), None)
    banky = bank is not None or bool(_BANK_TITLE.search(title)) or card + account > 0
    named = _HOLDER.search(title)
    holder = named.group(1) if named else None
    if card >= 2 and card > account:
        return Evidence(CARD, False, bank, holder)
    if account >= 2 and account > card:
        return Evidence(ACCOUNT, False, bank, holder)
    return Evidence(None, banky, bank, holder)


def _balance_owed(grid: Grid, index: int) -> bool | None:
    """Whether the balance column is mostly below zero; None without one."""
    header = [header_key(cell) for cell in grid.rows[index]]
    at = next((i for i, key in enumerate(header) if key in _BALANCES), None)
    if at is None:
        return None
    cells = np.array(
        [row[at] if at < len(row) else None for row in grid.rows[index + 1 : index + 201]],
        dtype=object,
    )
    cents, ok, _ = cells_to_cents(cells)
    if not ok.any():
        return None
    return bool((cents[ok] < 0).mean() > 0.5)
