"""美团 bill exports (美团交易账单明细): a preamble, then 支付 / 退款 / 还款 lines.
The amount counted is 实付金额, what was paid after discounts; repaying 美团月付 moves
money, the purchases it paid for are already in the bill."""

from __future__ import annotations

from core.importing.layouts.headers import fixed_match
from core.importing.layouts.table import Layout

LAYOUT = Layout(
    name="meituan",
    match=fixed_match(
        {
            "date": "交易创建时间",
            "category": "交易类型",
            "description": "订单标题",
            "direction": "收/支",
            "amount": "实付金额",
            "id": "交易单号",
        },
        {"status": "交易状态"},
    ),
    month_first=False,
    blank_direction="transfer",
    credit_line=True,
)
