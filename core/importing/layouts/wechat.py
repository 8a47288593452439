"""WeChat Pay bill exports (微信支付账单明细), CSV and xlsx alike."""

from __future__ import annotations

from core.importing.layouts.headers import fixed_match
from core.importing.layouts.table import Layout

LAYOUT = Layout(
    name="wechat",
    match=fixed_match(
        {
            "date": "交易时间",
            "category": "交易类型",
            "counterparty": "交易对方",
            "direction": "收/支",
            "amount": "金额",
            "status": "当前状态",
            "id": "交易单号",
        },
        {"description": "商品"},
    ),
    month_first=False,
    blank_direction="transfer",
)
