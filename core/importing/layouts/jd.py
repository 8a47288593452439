"""京东 bill exports (京东交易流水): a preamble of 导出信息 lines, then every cell padded
with a tab. A purchase and its refunds share one 交易订单号, and the amount may note
what came back: `392.98(已退款203.98)`. 白条 repayments move money, buy nothing."""

from __future__ import annotations

from core.importing.layouts.headers import fixed_match
from core.importing.layouts.table import Layout

LAYOUT = Layout(
    name="jd",
    match=fixed_match(
        {
            "date": "交易时间",
            "counterparty": "商户名称",
            "description": "交易说明",
            "direction": "收/支",
            "amount": "金额",
            "status": "交易状态",
            "id": "交易订单号",
        },
        {"category": "交易分类"},
    ),
    month_first=False,
    blank_direction="transfer",
    shared_ids=True,
    credit_line=True,
)
