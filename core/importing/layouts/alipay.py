"""Alipay bill exports: the older 支付宝交易记录明细查询 form and the newer one."""

from __future__ import annotations

from core.importing.layouts.headers import fixed_match
from core.importing.layouts.table import Layout

_NEW = fixed_match(
    {
        "date": "交易时间",
        "category": "交易分类",
        "counterparty": "交易对方",
        "direction": "收/支",
        "amount": "金额",
        "status": "交易状态",
        "id": "交易订单号",
    },
    {"description": "商品说明"},
)
_OLD = fixed_match(
    {
        "date": "交易创建时间",
        "counterparty": "交易对方",
        "direction": "收/支",
        "amount": "金额",
        "status": "交易状态",
        "id": "交易号",
    },
    # 成功退款: part of the purchase already given back (a full refund closes the trade).
    {"description": "商品名称", "category": "类型", "refunded": "成功退款"},
)


def _match(cells: dict[str, str]) -> dict[str, str] | None:
    return _NEW(cells) or _OLD(cells)


# The older form leaves 收/支 empty for money moved between own accounts (余额宝, 提现).
LAYOUT = Layout(name="alipay", match=_match, month_first=False, blank_direction="transfer")
