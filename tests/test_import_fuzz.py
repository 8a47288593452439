"""Mutated bill files through the whole import: each is imported or refused in one line.

A seeded mutator (the same inputs on every run) damages WeChat, Alipay and
workbook exports byte by byte and cell by cell; every file goes through the
sandboxed reader and the store. Nothing may raise but a refusal, and the store
holds exactly what the reports say was added. RC_FUZZ_INPUTS runs more.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import zipfile

import sqlalchemy as sa

from core.errors import CoachError
from core.importing.store import import_file
from core.ledger import budget
from core.ledger.transactions import transactions
from core.models import ImportBatch, Transaction
from core.present.json import budget_json
from tests.filemakers import (
    alipay_new_csv,
    alipay_old_csv,
    wechat_csv,
    wechat_record,
    wechat_xlsx,
    xlsx_bytes,
)

INPUTS = int(os.environ.get("RC_FUZZ_INPUTS", "200"))
SEED = 20261101


def _bases() -> dict[str, bytes]:
    day = dt.datetime(2026, 10, 1, 8, 30)
    records = [
        wechat_record(day + dt.timedelta(days=i, minutes=i), kind, who, goods, sign, yuan)
        for i, (kind, who, goods, sign, yuan) in enumerate(
            [
                ("商户消费", "美团", "午饭", "支出", "23.50"),
                ("转账", "张三", "/", "收入", "500.00"),
                ("商户消费", "滴滴出行", "打车", "支出", "18.20"),
                ("微信红包", "李四", "/", "收入", "66.66"),
            ]
            * 3
        )
    ]
    alipay = [
        (f"2026100122001{i:06d}", day + dt.timedelta(days=i), "饿了么", "外卖", "12.00",
         "支出", "交易成功")
        for i in range(8)
    ]  # fmt: skip
    alipay_new = [
        (day + dt.timedelta(days=i), "餐饮美食", "盒马", "买菜", "支出", "45.10", "交易成功",
         f"2026100122001{i:06d}")
        for i in range(8)
    ]  # fmt: skip
    budget_rows = [["日期", "说明", "类别", "金额"]] + [
        [dt.date(2026, 9, 1) + dt.timedelta(days=i), f"买菜 {i}", "餐饮", -12.5 - i]
        for i in range(12)
    ]
    return {
        "微信支付账单.csv": wechat_csv(records),
        "微信支付账单.xlsx": wechat_xlsx(records),
        "支付宝交易记录.csv": alipay_old_csv(alipay),
        "支付宝账单.csv": alipay_new_csv(alipay_new),
        "家庭账本.xlsx": xlsx_bytes({"明细": budget_rows}),
    }


# Text that has broken an import before: far dates, huge and odd amounts, control
# characters, formula text, quotes, markup.
NASTY = [
    "9999-12-31", "0001-01-01", "1969-12-31", "2026-02-30", "9999999999999.99",
    "-9999999999999.99", "1e308", "NaN", "-0", "¥-", "\x1b[31m", "\x0b", "\x00", "=1+1",
    "@SUM(A1)", '"', '""', "**粗体** $x$ [x](http://e.com)", "<b>", "\r", ",,,", "\t",
    "XFD1048576", "A1:XFD1048576", "4294967295", "-1",
]  # fmt: skip
_NUMBER = re.compile(rb"\d+(\.\d+)?")
_CELL_REF = re.compile(rb'r="[A-Z]+\d+"')


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not data:
            break
        at = rng.randrange(len(data))
        choice = rng.randrange(5)
        if choice == 0:  # flip bits
            data[at] ^= 1 << rng.randrange(8)
        elif choice == 1:  # cut short
            del data[at:]
        elif choice == 2:  # repeat a slice
            end = min(len(data), at + rng.randint(1, 400))
            data[at:at] = data[at:end] * rng.randint(1, 20)
        elif choice == 3:  # drop a slice
            del data[at : at + rng.randint(1, 200)]
        else:  # write nasty text over it
            text = rng.choice(NASTY).encode(rng.choice(["utf-8", "gbk", "utf-16-le"]), "ignore")
            data[at : at + len(text)] = text
    return bytes(data)


def _mutate_text(text: bytes, rng: random.Random) -> bytes:
    """Change numbers, cell positions and values the way a damaged or crafted file would."""
    for _ in range(rng.randint(1, 3)):
        choice = rng.randrange(3)
        matches = list((_NUMBER if choice < 2 else _CELL_REF).finditer(text))
        if not matches:
            continue
        found = rng.choice(matches)
        if choice == 0:
            new = rng.choice(NASTY).encode()
        elif choice == 1:
            new = str(rng.choice([0, -1, 10 ** rng.randint(3, 30), rng.randint(-(2**63), 2**63)]))
            new = new.encode()
        else:
            new = rng.choice([b'r="XFD1048576"', b'r="A1048576"', b'r="ZZZ9"', b'r="A0"'])
        text = text[: found.start()] + new + text[found.end() :]
    return text


def _mutate_workbook(data: bytes, rng: random.Random) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        items = [(item, source.read(item.filename)) for item in source.infolist()]
    out = io.BytesIO()
    targets = [i for i, (item, _) in enumerate(items) if item.filename.endswith(".xml")]
    chosen = rng.choice(targets)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for i, (item, content) in enumerate(items):
            if i == chosen:
                content = _mutate_text(content, rng)
            target.writestr(item.filename, content)
    return out.getvalue()


def _inputs() -> list[tuple[str, bytes]]:
    rng = random.Random(SEED)
    bases = list(_bases().items())
    made = []
    for n in range(INPUTS):
        name, data = bases[n % len(bases)]
        if name.endswith(".xlsx") and rng.random() < 0.6:
            data = _mutate_workbook(data, rng)
        elif rng.random() < 0.5:
            data = _mutate_text(data, rng)
        else:
            data = _mutate_bytes(data, rng)
        made.append((name, data))
    return made


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_mutated_bills_are_imported_or_refused_and_the_store_adds_up(engine, profile):
    imported = batches = 0
    refusals: list[str] = []
    for n, (name, data) in enumerate(_inputs()):
        try:
            report = import_file(engine, profile, name, data, skip_invalid=n % 2 == 0)
        except CoachError as exc:
            refusals += [exc.message("zh"), exc.message("en")]
        else:
            imported += report.imported
            batches += 1
        assert _count(engine, Transaction.__table__) == imported, n
        assert _count(engine, ImportBatch.__table__) == batches, n
    assert batches and refusals  # the mutator reaches both outcomes
    assert [m for m in refusals if "\n" in m or not m.strip()] == []  # each one plain line
    # what was accepted can be shown: every later page reads these rows
    budget_json(budget.budget_figures(engine, profile))
    budget.spending_by_category(engine, profile, None)
    transactions(engine, profile)
