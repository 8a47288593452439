"""The header words of home-made sheets and bank statements, best first within each field.

A bank statement often has two columns for one field: 交易金额 and 入账金额 (the
amount in the card's currency), 交易日 and 记账日. The word earlier in a field's list
wins, whatever the column order, so the posted amount in yuan is read rather than
the amount in the currency of the shop. Simplified and traditional forms (Hong Kong
and Taiwan banks) are both listed.
"""

from __future__ import annotations

import re

WORDS: dict[str, tuple[str, ...]] = {
    "date": (
        "交易日", "交易日期", "交易时间", "交易創建時間", "交易创建时间", "日期", "时间", "時間",
        "消费日期", "发生日期", "transactiondate", "date", "day",
    ),
    # When the transaction date is empty (a repayment line), the day the bank posted it.
    "posted": (
        "记账日", "記帳日", "记账日期", "記帳日期", "银行记账日", "入账日期", "入賬日期", "入账日",
        "记账时间", "dateposted", "posteddate", "postingdate", "postdate", "valuedate",
    ),
    "amount": (
        "人民币金额", "入账金额", "入賬金額", "记账金额", "入账币种/金额", "billingamount",
        "实付金额", "交易金额", "交易金額", "交易币种/金额", "transactionamount", "金额", "金額",
        "收支金额", "发生额", "数额", "amount", "value", "amt",
    ),
    "income": (
        "收入", "收入金额", "存入", "存入金额", "存入金額", "贷方发生额", "贷方金额", "进账",
        "入账", "收款", "income", "credit", "credits", "moneyin", "in", "deposit", "deposits",
        "paidin",
    ),
    "expense": (
        "支出", "支出金额", "取出金额", "支取", "支取金额", "提取", "提取金額", "借方发生额",
        "借方金额", "花费", "开支", "开销", "消费金额", "出账", "付款", "expense", "expenses",
        "debit", "debits", "moneyout", "out", "spent", "spending", "withdrawal", "withdrawals",
        "paidout",
    ),
    "direction": (
        "收支", "收/支", "收支类型", "收支方向", "收入/支出", "收付", "方向", "借贷", "借贷标志",
        "借贷方向", "交易方向", "direction", "in/out", "debit/credit", "dr/cr",
    ),
    "currency": (
        "入账货币", "入账币种", "记账币种", "billingcurrency", "币种", "幣種", "币别", "幣別",
        "货币", "貨幣", "currency", "交易币种", "交易货币", "交易幣種",
    ),
    # A kind of transaction (消费, 转账, ACH): read as words of the description, or as
    # the direction when it holds nothing but 收入/支出 or 借/贷.
    "type": ("交易类型", "交易類型", "业务类型", "交易种类", "type", "transactiontype"),
    "category": (
        "类别", "類別", "分类", "类型", "项目", "科目", "类目", "消费类别", "收支类别", "category",
        "categories", "class",
    ),
    "description": (
        "交易摘要", "交易说明", "交易描述", "交易名称", "摘要", "说明", "說明", "备注",
        "描述", "明细", "内容", "用途", "事项", "商品", "商品说明", "订单标题", "description",
        "details", "narrative", "particulars", "notes", "note", "memo", "detail", "item",
    ),
    # More words of the description, kept beside it: a bank's 附言 (the payer's message).
    "note": ("附言", "交易附言", "客户摘要", "交易详情", "交易地点/附言"),
    "counterparty": (
        "对方户名", "对方账户名", "对方账号与户名", "对方名称", "对手信息", "交易对方", "商户名称",
        "对方", "商户", "商家", "收款方", "付款方", "收款人", "对象", "payee", "merchant",
        "counterparty", "vendor", "store", "shop", "payer",
    ),
    # Where the card was used: the merchant, when a statement names no counterparty.
    "place": ("交易场所", "交易地点", "交易地點"),
}  # fmt: skip

# A direction written into an amount header: 交易金额(收入), 记账金额(支出), Withdrawal (-).
_BRACKET = re.compile(r"^(?P<base>.*?)\((?P<way>[^()]+)\)$")
_WAYS = {
    "收入": "income", "存入": "income", "+": "income", "cr": "income", "credit": "income",
    "贷": "income", "支出": "expense", "支取": "expense", "-": "expense", "dr": "expense",
    "debit": "expense", "借": "expense",
}  # fmt: skip
# 项目 ("item") is the category of a sheet that has no other, and the description of one
# that has (类别 餐饮, 项目 早餐).
ITEM = "项目"
_RANK = {word: (field, rank) for field, words in WORDS.items() for rank, word in enumerate(words)}
_MONEY_FIELDS = ("amount", "income", "expense")


def field_of(key: str) -> tuple[str, int] | None:
    """The field a normalised header names and how good a match it is (0 best)."""
    if key in _RANK:
        return _RANK[key]
    bracket = _BRACKET.match(key)
    if bracket and bracket["way"] in _WAYS:
        base = _RANK.get(bracket["base"])
        if bracket["base"] == "" or (base and base[0] in _MONEY_FIELDS):
            return _WAYS[bracket["way"]], base[1] if base else 0
    return None


def vocabulary_match(cells: dict[str, str]) -> dict[str, str] | None:
    """field -> header text for the best-ranked header of each field; None without a date
    and an amount (or income / expense) column."""
    best: dict[str, tuple[int, str]] = {}
    for key, text in cells.items():
        found = field_of(key)
        if found and (found[0] not in best or found[1] < best[found[0]][0]):
            best[found[0]] = (found[1], text)
    mapping = {field: text for field, (_, text) in best.items()}
    item = cells.get(ITEM)
    if item is not None and mapping.get("category") != item:
        mapping.setdefault("description", item)
    if "date" not in mapping and "posted" in mapping:
        mapping["date"] = mapping.pop("posted")
    if "date" not in mapping or not {"amount", "income", "expense"} & mapping.keys():
        return None
    if "amount" in mapping:
        # One amount column says it all; income/expense-looking headers are then labels.
        mapping.pop("income", None)
        mapping.pop("expense", None)
    return mapping
