"""Small spreadsheet files built in code, in the exact shapes the apps export.

Used by the import tests and by sample_data/make_samples.py, so the samples and
the tests exercise the same formats.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Sequence

import openpyxl

Row = Sequence[object]

WECHAT_HEADER = (
    "交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)",
    "支付方式", "当前状态", "交易单号", "商户单号", "备注",
)  # fmt: skip
ALIPAY_OLD_HEADER = (
    "交易号", "商家订单号", "交易创建时间", "付款时间", "最近修改时间", "交易来源地", "类型",
    "交易对方", "商品名称", "金额（元）", "收/支", "交易状态", "服务费（元）", "成功退款（元）",
    "备注", "资金状态",
)  # fmt: skip
ALIPAY_NEW_HEADER = (
    "交易时间", "交易分类", "交易对方", "对方账号", "商品说明", "收/支", "金额", "收/付款方式",
    "交易状态", "交易订单号", "商家订单号", "备注",
)  # fmt: skip
MINT_HEADER = (
    "Date", "Description", "Original Description", "Amount", "Transaction Type", "Category",
    "Account Name", "Labels", "Notes",
)  # fmt: skip


def csv_bytes(rows: Sequence[Row], encoding: str = "utf-8", bom: bool = False) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode(encoding)
    if bom:
        prefix = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
        data = prefix[encoding] + data
    return data


def xlsx_bytes(sheets: dict[str, Sequence[Row]]) -> bytes:
    """A workbook with one sheet per entry; date and datetime cells stay real dates."""
    workbook = openpyxl.Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.properties.creator = "filemakers"
    out = io.BytesIO()
    workbook.save(out)
    return _fixed_timestamps(out.getvalue())


def xls_bytes(sheets: dict[str, Sequence[Row]]) -> bytes:
    """The legacy Excel format (BIFF8) that bank exports still use; dates as date cells."""
    import xlwt  # tests only: nothing in the app writes .xls

    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    workbook = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = workbook.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write(r, c, value, dates)
                elif value is not None:
                    sheet.write(r, c, value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _fixed_timestamps(data: bytes) -> bytes:
    """The same workbook bytes on every run: openpyxl stamps the save time in and around it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-11-01T00:00:00Z", content
                )
            fixed = zipfile.ZipInfo(item.filename, date_time=(2026, 11, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


def wechat_record(
    when: dt.datetime,
    kind: str,
    counterparty: str,
    goods: str,
    direction: str,
    yuan: str,
    status: str = "支付成功",
    number: str = "",
    method: str = "零钱",
) -> tuple:
    """One bill line; `number` defaults to a 交易单号 derived from the time."""
    number = number or f"4200{when:%Y%m%d%H%M%S}{zlib.crc32(f'{kind}{goods}{yuan}'.encode()):010d}"
    return (when, kind, counterparty, goods, direction, yuan, method, status, number, "/", "/")


def _wechat_preamble(records: Sequence[tuple], width: int, extra_note: bool) -> list[list[str]]:
    def line(text: str) -> list[str]:
        return [text] + [""] * (width - 1)

    lines = [
        line("微信支付账单明细"),
        line("微信昵称：[小林]"),
        line("起始时间：[2026-09-01 00:00:00] 终止时间：[2026-10-31 23:59:59]"),
        line("导出类型：[全部]"),
        line("导出时间：[2026-11-01 09:12:45]"),
        line(""),
        line(f"共{len(records)}笔记录"),
        line("收入：0笔 0.00元"),
        line("支出：0笔 0.00元"),
        line("中性交易：0笔 0.00元"),
        line("注："),
        line("1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易"),
        line("2. 本明细仅展示当前账单中的交易，不包括已删除的记录"),
        line("3. 本明细仅供个人对账使用"),
    ]
    if extra_note:
        lines.append(line("4. 如需开具证明，请通过微信支付-账单-常见问题申请"))
    return [
        *lines,
        line(""),
        line("----------------------微信支付账单明细列表--------------------"),
    ]


def wechat_csv(records: Sequence[tuple]) -> bytes:
    """The CSV form: 16 preamble lines, ¥ amounts, order numbers ending in a tab."""
    rows = [
        [
            f"{r[0]:%Y-%m-%d %H:%M:%S}",
            *r[1:5],
            f"¥{r[5]}",
            r[6],
            r[7],
            f"{r[8]}\t",
            f"{r[9]}\t",
            r[10],
        ]
        for r in records
    ]
    preamble = _wechat_preamble(records, len(WECHAT_HEADER), extra_note=False)
    return csv_bytes([*preamble, list(WECHAT_HEADER), *rows], bom=True)


def wechat_xlsx(records: Sequence[tuple], extra_note: bool = False) -> bytes:
    """The xlsx form: numeric amounts and real date cells; header on row 17 (18 with the note)."""
    rows = [[r[0], *r[1:5], float(r[5]), *r[6:]] for r in records]
    preamble = _wechat_preamble(records, len(WECHAT_HEADER), extra_note)
    return xlsx_bytes({"微信支付账单明细": [*preamble, list(WECHAT_HEADER), *rows]})


def alipay_old_csv(records: Sequence[Row]) -> bytes:
    """The older GBK export: a preamble, cells padded with spaces, a trailing comma per row.

    A record is (number, created, counterparty, goods, yuan, direction, status[, kind
    [, refunded]]): `refunded` fills 成功退款（元）, money already given back on that purchase.
    """

    def padded(cells: Sequence[object]) -> str:
        return "".join(f"{cell!s:<20}," for cell in cells)

    lines = [
        "支付宝交易记录明细查询",
        "账号:[lin***@163.com]",
        "起始日期:[2026-09-01 00:00:00]    终止日期:[2026-11-01 00:00:00]",
        "---------------------------------交易记录明细列表------------------------------------",
        padded(ALIPAY_OLD_HEADER),
    ]
    for number, created, counterparty, goods, yuan, direction, status, *rest in records:
        kind, refunded = (*rest, None, None)[:2]
        stamp = f"{created:%Y-%m-%d %H:%M:%S}"
        lines.append(
            padded(
                [
                    number,
                    "",
                    stamp,
                    stamp,
                    stamp,
                    "其他（包括阿里巴巴和外部商家）",
                    kind or "即时到账交易",
                    counterparty,
                    goods,
                    yuan,
                    direction,
                    status,
                    "0.00",
                    refunded or "0.00",
                    "",
                    "已支出" if direction == "支出" else "",
                ]
            )
        )
    lines += [
        "------------------------------------------------------------------------------------",
        f"共{len(records)}笔记录",
        "导出时间:[2026-11-01 10:03:11]    用户:林",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def alipay_new_csv(records: Sequence[Row]) -> bytes:
    """The newer GBK export. A record is (when, category, counterparty, goods, direction,
    yuan, status, number)."""
    preamble = [
        ["------------------------------------------------------------------------------------"],
        ["导出信息："],
        ["姓名：林*"],
        ["支付宝账户：lin***@163.com"],
        ["起始时间：[2026-09-01 00:00:00]    终止时间：[2026-10-31 23:59:59]"],
        ["导出交易类型：[全部]"],
        ["导出时间：[2026-11-01 10:03:11]"],
        [f"共{len(records)}笔记录"],
        ["特别提示："],
        ["-" * 24 + "支付宝（中国）网络技术有限公司  电子客户回单" + "-" * 24],
        [*ALIPAY_NEW_HEADER, ""],
    ]
    rows = [
        [f"{w:%Y-%m-%d %H:%M:%S}", c, cp, "/", g, d, y, "余额宝", s, f"{n}\t", "", "", ""]
        for w, c, cp, g, d, y, s, n in records
    ]
    return csv_bytes([*preamble, *rows], encoding="gbk")


def mint_csv(records: Sequence[Row]) -> bytes:
    """Mint's export: (M/D/YYYY date, description, unsigned amount, debit|credit, category)."""
    rows = [
        [date, text, text.upper(), amount, kind, category, "Checking", "", ""]
        for date, text, amount, kind, category in records
    ]
    return csv_bytes([list(MINT_HEADER), *rows])
