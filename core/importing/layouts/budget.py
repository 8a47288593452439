"""Home-made budget sheets: whatever headers a family chose, in Chinese or English."""

from __future__ import annotations

from core.importing.layouts.table import Layout

VOCABULARY = {
    "date": {
        "日期", "时间", "交易日期", "交易时间", "记账日期", "记账时间", "消费日期", "发生日期",
        "入账日期", "date", "transactiondate", "posteddate", "postingdate", "day",
    },
    "amount": {"金额", "收支金额", "交易金额", "发生额", "数额", "amount", "value", "amt"},
    "income": {
        "收入", "收入金额", "进账", "入账", "入账金额", "收款", "income", "credit", "credits",
        "moneyin", "in", "deposit", "deposits", "paidin",
    },
    "expense": {
        "支出", "支出金额", "花费", "开支", "开销", "消费金额", "出账", "付款", "expense",
        "expenses", "debit", "debits", "moneyout", "out", "spent", "spending", "withdrawal",
        "withdrawals", "paidout",
    },
    "direction": {
        "收支", "收/支", "收支类型", "收支方向", "收入/支出", "收付", "方向", "借贷", "type",
        "transactiontype", "direction", "in/out", "debit/credit", "dr/cr",
    },
    "category": {
        "类别", "分类", "类型", "科目", "类目", "消费类别", "收支类别", "category",
        "categories", "class",
    },
    "description": {
        "备注", "说明", "摘要", "描述", "明细", "内容", "用途", "事项", "商品", "商品说明",
        "description", "notes", "note", "memo", "details", "detail", "item", "narrative",
    },
    "counterparty": {
        "对方", "交易对方", "商户", "商家", "收款方", "付款方", "收款人", "对象", "payee",
        "merchant", "counterparty", "vendor", "store", "shop", "payer",
    },
}  # fmt: skip


# 项目 ("item") is a category in a sheet that has no other, and the description in one
# that has: 类别 餐饮, 项目 早餐.
ITEM = "项目"


def _match(cells: dict[str, str]) -> dict[str, str] | None:
    mapping: dict[str, str] = {}
    for key, text in cells.items():
        for field, words in VOCABULARY.items():
            if key in words and field not in mapping:
                mapping[field] = text
                break
    if ITEM in cells:
        field = "category" if "category" not in mapping else "description"
        mapping.setdefault(field, cells[ITEM])
    if "date" not in mapping or not {"amount", "income", "expense"} & mapping.keys():
        return None
    if "amount" in mapping:
        # One amount column says it all; income/expense-looking headers are then labels.
        mapping.pop("income", None)
        mapping.pop("expense", None)
    return mapping


LAYOUT = Layout(
    name="budget", match=_match, month_first=None, blank_direction="sign", accepts_mapping=True
)
