"""Writes the synthetic sample files in this folder; run `python sample_data/make_samples.py`.

Deterministic (a fixed seed), so the files only change when this script does.
The months are May to October 2026, so a fresh dashboard looks current.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The test suite's file builders write the same export formats; the samples reuse them.
sys.path.insert(0, str(HERE.parent / "tests"))

from filemakers import alipay_old_csv, csv_bytes, wechat_csv, wechat_record, xlsx_bytes  # noqa: E402

MONTHS = range(5, 11)
BUDGET_HEADER = ["日期", "类别", "说明", "收入", "支出", "支付方式"]
OTHER_SPENDING = {"交通": "打车", "日用": "日用品", "医疗": "药店", "衣服": "衣服"}
GROCERIES = ["买菜", "超市购物", "水果", "早餐", "午饭", "外卖", "米面粮油", "牛奶面包"]


def _budget_month(rng: random.Random, month: int) -> list[list[object]]:
    """One month of a family's book: salary, fixed bills, a 微粒贷 repayment, daily food."""

    def day(d: int) -> dt.date:
        return dt.date(2026, month, d)

    salary = rng.randrange(9000, 12001, 50)
    lines: list[list[object]] = [
        [day(10), "工资", f"{month}月工资", salary, None, "工资卡"],
        [day(1), "房租", "房租（两室一厅）", None, 2800, "银行转账"],
        [day(15), "还款", "微粒贷还款", None, 1260, "微信"],
        [day(12), "通讯", "话费", None, 99, "支付宝"],
        [day(20), "水电燃气", "电费", None, round(rng.uniform(90, 260), 2), "支付宝"],
        [day(20), "水电燃气", "燃气费", None, round(rng.uniform(30, 80), 2), "支付宝"],
        [day(5), "交通", "公交地铁充值", None, 100, "微信"],
        [day(25), "教育", "孩子兴趣班", None, 600, "微信"],
    ]
    if rng.random() < 0.5:
        lines.append(
            [day(rng.randint(1, 28)), "收入", "兼职", rng.randrange(300, 900, 50), None, "微信"]
        )
    spent = sum(line[4] or 0 for line in lines)
    budget_left = salary - spent - rng.uniform(-300, 250)
    while budget_left > 0:
        amount = round(rng.uniform(8, 180), 2)
        kind = rng.choice(["餐饮"] * 6 + ["交通", "日用", "医疗", "衣服"])
        text = rng.choice(GROCERIES) if kind == "餐饮" else OTHER_SPENDING[kind]
        lines.append(
            [day(rng.randint(1, 28)), kind, text, None, amount, rng.choice(["微信", "支付宝"])]
        )
        budget_left -= amount
    lines.sort(key=lambda line: line[0])
    income = sum(line[3] or 0 for line in lines)
    expense = round(sum(line[4] or 0 for line in lines), 2)
    return [
        [f"2026年{month}月家庭收支明细"],
        [],
        BUDGET_HEADER,
        *lines,
        [],
        ["合计", None, None, income, expense, None],
    ]


def family_budget(rng: random.Random) -> bytes:
    sheets = {f"{m}月": _budget_month(rng, m) for m in MONTHS}
    sheets["说明"] = [
        ["记账说明"],
        ["1. 每月一张表，收入和支出分开记"],
        ["2. 微粒贷每月15日自动还款"],
    ]
    return xlsx_bytes(sheets)


def wechat_bill(rng: random.Random) -> bytes:
    shops = [("美团外卖", "外卖订单"), ("滴滴出行", "快车"), ("美宜佳", "饮料零食"),
             ("拼多多", "日用品"), ("钱大妈", "蔬菜"), ("瑞幸咖啡", "生椰拿铁")]  # fmt: skip
    records = []
    for month in (9, 10):
        for _ in range(18):
            when = dt.datetime(
                2026, month, rng.randint(1, 30), rng.randint(7, 22), rng.randint(0, 59)
            )
            counterparty, goods = rng.choice(shops)
            yuan = f"{rng.uniform(6, 90):.2f}"
            records.append(wechat_record(when, "商户消费", counterparty, goods, "支出", yuan))
        at = dt.datetime(2026, month, 1, 0, 18, 7)
        records += [
            wechat_record(
                at.replace(day=3, hour=9), "转账", "老婆", "/", "收入", "800.00", "已收钱"
            ),
            wechat_record(
                at.replace(day=6, hour=20), "微信红包", "妈妈", "/", "收入", "200.00", "已存入零钱"
            ),
            wechat_record(
                at.replace(day=8, hour=12),
                "零钱提现",
                "招商银行(1234)",
                "/",
                "/",
                "500.00",
                "提现已到账",
            ),
            wechat_record(
                at.replace(day=9, hour=8),
                "零钱充值",
                "工商银行(5678)",
                "/",
                "/",
                "300.00",
                "充值完成",
            ),
            wechat_record(
                at.replace(day=11, hour=19),
                "商户消费",
                "京东",
                "电饭煲",
                "支出",
                "239.00",
                "已全额退款",
            ),
            wechat_record(
                at.replace(day=13, hour=10),
                "商户消费-退款",
                "京东",
                "电饭煲",
                "收入",
                "239.00",
                "已全额退款",
            ),
            wechat_record(
                at.replace(day=15, hour=7),
                "微粒贷还款",
                "微众银行",
                "/",
                "支出",
                "1260.00",
                "支付成功",
            ),
            wechat_record(
                at.replace(day=17, hour=21), "转账", "小王", "/", "支出", "100.00", "对方已退还"
            ),
            wechat_record(
                at.replace(day=19, hour=13),
                "商户消费",
                "滴滴出行",
                "快车",
                "支出",
                "31.20",
                "支付失败",
            ),
        ]
    records.sort(key=lambda record: record[0], reverse=True)  # newest first, as WeChat lists
    return wechat_csv(records)


def alipay_bill(rng: random.Random) -> bytes:
    records = []
    number = 2026090122001400000
    shops = [("盒马鲜生", "生鲜"), ("饿了么", "午餐"), ("淘宝", "收纳盒"), ("高德打车", "打车")]
    for month in (9, 10):
        for _ in range(12):
            number += 1
            when = dt.datetime(2026, month, rng.randint(1, 30), rng.randint(8, 22), 5, 0)
            counterparty, goods = rng.choice(shops)
            records.append(
                (
                    number,
                    when,
                    counterparty,
                    goods,
                    f"{rng.uniform(9, 150):.2f}",
                    "支出",
                    "交易成功",
                )
            )
        when = dt.datetime(2026, month, 20, 10, 0, 0)
        records += [
            (number + 100, when, "余额宝", "余额宝-自动转入", "1000.00", "", "交易成功"),
            (number + 101, when, "花呗", "花呗还款", "420.00", "", "还款成功"),
            (number + 102, when, "淘宝", "运动鞋", "199.00", "支出", "交易关闭"),
            (number + 103, when, "国家电网", "电费", "156.30", "支出", "交易成功"),
            (number + 104, when, "林小红", "转账收款", "300.00", "收入", "交易成功"),
            (number + 105, when, "天猫", "台灯", "89.00", "支出", "交易成功"),
            (number + 106, when, "天猫", "退款-台灯", "89.00", "收入", "退款成功"),
        ]
    records.sort(key=lambda record: record[1], reverse=True)
    return alipay_old_csv(records)


def budget_en(rng: random.Random) -> bytes:
    rows = [["Date", "Description", "Category", "Amount", "Notes"]]
    for month in (8, 9, 10):
        rows += [
            [f"{month}/1/2026", "Rent", "Housing", "-1,450.00", ""],
            [f"{month}/15/2026", "Paycheck", "Income", "2,100.00", "net pay"],
            [f"{month}/28/2026", "Paycheck", "Income", "2,100.00", "net pay"],
            [f"{month}/20/2026", "Car loan", "Debt", "-310.00", "auto loan"],
        ]
        for _ in range(20):
            what = rng.choice(["Groceries", "Gas", "Coffee", "Pharmacy", "Dining out"])
            rows.append(
                [
                    f"{month}/{rng.randint(1, 28)}/2026",
                    what,
                    what,
                    f"-{rng.uniform(4, 120):.2f}",
                    "",
                ]
            )
    return csv_bytes(rows)


def build() -> dict[str, bytes]:
    rng = random.Random(2026)
    return {
        "family_budget_2025.xlsx": family_budget(rng),
        "wechat_bill.csv": wechat_bill(rng),
        "alipay_bill.csv": alipay_bill(rng),
        "budget_en.csv": budget_en(rng),
    }


if __name__ == "__main__":
    for name, data in build().items():
        (HERE / name).write_bytes(data)
        print(f"wrote {name} ({len(data):,} bytes)")
