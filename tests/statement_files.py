"""Bank, card and platform statements built in code, in the shapes the banks export.

Each follows what published bill importers show of the real files: titles, preambles,
padding, encodings, column names and how each bank signs its amounts. The rows are
made up; the tests say what a careful person counts from them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from tests.filemakers import Row, csv_bytes, xls_bytes


def _csv_text(rows: Sequence[Row]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


# --- 招商银行 ------------------------------------------------------------------------


CMB_CARD_HEADER = ("交易日", "记账日", "交易摘要", "人民币金额", "卡号末四位", "交易地金额")


def cmb_card(month: str, rows: Sequence[Row]) -> bytes:
    """招商银行信用卡对账单: a title naming the statement month, then MM/DD dates; a
    repayment line has no 交易日. A row is (交易日, 记账日, 摘要, 人民币金额)."""
    lines = [
        [f"招商银行信用卡对账单（个人消费卡账户 {month}）"],
        list(CMB_CARD_HEADER),
        *([day, posted, text, amount, "1234", amount + "(CN)" if day else amount]
          for day, posted, text, amount in rows),
    ]  # fmt: skip
    return csv_bytes(lines, encoding="gbk")


def cmb_debit(rows: Sequence[Row], holder: str | None = None) -> bytes:
    """招商银行 account: signed 交易金额, 对手信息; a row is (date, amount, 摘要, 对手).
    `holder`: the 户名 line the export carries above the header (left out by default)."""
    named = [f"户名：{holder}"] if holder else []
    lines = [
        ["招商银行交易记录"],
        [*named, "账号：6214********1234", "", "币种：人民币"],
        ["记账日期", "货币", "交易金额", "联机余额", "交易摘要", "对手信息", "客户摘要"],
        *([day, "CNY", amount, "5,000.00", text, party, ""] for day, amount, text, party in rows),
    ]
    return csv_bytes(lines, bom=True)


# --- 工商银行 ------------------------------------------------------------------------

ICBC_CARD_HEADER = (
    "交易日期", "记账日期", "摘要", "交易场所", "交易国家或地区简称", "交易金额(收入)",
    "交易金额(支出)", "交易币种", "记账金额(收入)", "记账金额(支出)", "记账币种", "余额",
    "对方户名",
)  # fmt: skip
ICBC_DEBIT_HEADER = (
    "交易日期", "摘要", "交易场所", "交易国家或地区简称", "钞/汇", "交易金额(收入)",
    "交易金额(支出)", "交易币种", "记账金额(收入)", "记账金额(支出)", "记账币种", "余额",
    "对方户名",
)  # fmt: skip
ICBC_DEBIT_V2_HEADER = (
    "交易日期", "摘要", "交易详情", "交易场所", "交易国家或地区简称", "钞/汇", "交易金额(收入)",
    "交易金额(支出)", "交易币种", "记账金额(收入)", "记账金额(支出)", "记账币种", "余额",
    "对方户名", "对方账户",
)  # fmt: skip


def _icbc_cell(value: str, width: int = 20) -> str:
    """工行 pads every cell with spaces and ends it with a tab."""
    return f"{value:<{width}}\t"


def _icbc(preamble: list[list[str]], header: Sequence[str], body: list[list[str]], total) -> bytes:
    lines = [*preamble, list(header)]
    lines += [[_icbc_cell(cell) for cell in row] + [""] for row in body]
    lines += [[" "], total]
    return csv_bytes(lines, encoding="gbk")


def icbc_card(rows: Sequence[Row]) -> bytes:
    """A row is (date, 摘要, 交易场所, money in, money out, balance)."""
    preamble = [
        ["明细查询文件下载"],
        [],
        ["卡号: 6222****5678", "卡别名: "],
        [],
        ["子账户类别:"],
        [],
    ]
    body = [
        [day, day, text, place, "CHN", back, paid, "人民币", back, paid, "人民币", balance, ""]
        for day, text, place, back, paid, balance in rows
    ]
    return _icbc(preamble, ICBC_CARD_HEADER, body, ["合计金额", "", "", "", "", "1.00", "2.00"])


def icbc_debit(rows: Sequence[Row], version: int = 1) -> bytes:
    """Two versions of the 活期 layout; a row is (date, 摘要, 场所, in, out, 对方户名)."""
    preamble = [
        ["明细查询文件下载"], [], ["卡号: 6222****9876", "卡别名: 工资卡"], [],
        ["子账户序号: 00000", "子账户类别: 活期", "子账户别名: "], [],
    ]  # fmt: skip
    body = []
    for day, text, place, back, paid, party in rows:
        head = [day, text, ""] if version == 2 else [day, text]
        tail = [party, "6222****9876"] if version == 2 else [party]
        amounts = [back, paid, "人民币", "xx,yyyy.zz"]
        body.append([*head, place, "CHN", "钞", "-", "-", "-", *amounts, *tail])
    header = ICBC_DEBIT_V2_HEADER if version == 2 else ICBC_DEBIT_HEADER
    return _icbc(preamble, header, body, ["人民币合计", "", "", "", "", "", "", "", "1.00"])


# --- 中国银行 ------------------------------------------------------------------------


def boc_card(month: str, rows: Sequence[Row]) -> bytes:
    """A row is (交易日, 记账日, 描述, 存入, 支出, 币种)."""
    lines = [
        [f"中国银行信用卡账单({month})"],
        ["交易日", "银行记账日", "卡号后四位", "交易描述", "存入", "支出", "币种"],
        *([day, posted, "2875", text, back, paid, currency]
          for day, posted, text, back, paid, currency in rows),
    ]  # fmt: skip
    return csv_bytes(lines)


def boc_debit(rows: Sequence[Row]) -> bytes:
    """UTF-16 with a BOM, as the bank's web site saves it. A row is (date, amount,
    交易名称, 附言 and 对方账户名)."""
    header = [
        "记账日期", "记账时间", "币别", "金额", "余额", "交易名称", "渠道", "网点名称", "附言",
        "对方账户名", "对方卡号/账号", "对方开户行", "借记卡号",
    ]  # fmt: skip
    lines = [
        ["中国银行交易流水明细单"],
        header,
        *([day, "12:00:00", "人民币", amount, "3,000.00", name, "银企对接", "-" * 19, party,
           party, "Z200******010N", "-" * 19, "3167"] for day, amount, name, party in rows),
    ]  # fmt: skip
    return b"\xff\xfe" + _csv_text(lines).encode("utf-16-le")


# --- 交通银行 ------------------------------------------------------------------------


def bocom_debit(rows: Sequence[Row]) -> bytes:
    """借贷 as `借 Dr` / `贷 Cr` beside unsigned amounts; 交易类型 a kind of transaction.
    A row is (date, 交易类型, 借贷, amount, 对方户名)."""
    header = [
        "序号", "交易日期", "交易时间", "交易类型", "借贷", "交易金额", "余额", "对方账号",
        "对方户名", "交易地点", "摘要",
    ]  # fmt: skip
    lines = [
        ["交通银行借记卡交易明细"],
        header,
        *([str(n), day, "10:00:00", kind, way, amount, "1,000.00", "6222000011112222", party,
           "网络支付", ""] for n, (day, kind, way, amount, party) in enumerate(rows, 1)),
    ]  # fmt: skip
    return csv_bytes(lines, encoding="gbk")


def bocom_card(rows: Sequence[Row]) -> bytes:
    """No title; currency and amount in one cell. A row is (date, 说明, 交易, 入账)."""
    lines = [
        ["交易日期", "记账日期", "交易说明", "交易币种/金额", "入账币种/金额"],
        *([day, day, text, spent, posted] for day, text, spent, posted in rows),
    ]
    return csv_bytes(lines)


# --- 广发 and 中信 --------------------------------------------------------------------

CGB_HEADER = ("交易日期", "入账日期", "交易摘要", "交易金额", "交易货币", "入账金额", "入账货币")


def cgb_style(title: str | None, rows: Sequence[Row], encoding: str, bom: bool) -> bytes:
    """广发 and 中信: summaries prefixed （消费）（退款）（分期）（还款）. A row is
    (date, 摘要, 交易金额, 交易货币, 入账金额, 入账货币)."""
    lines = [[title]] if title else []
    lines += [list(CGB_HEADER)]
    lines += [[day, day, text, amount, currency, posted, posted_currency]
              for day, text, amount, currency, posted, posted_currency in rows]  # fmt: skip
    return csv_bytes(lines, encoding=encoding, bom=bom)


# --- 建设银行 and 浦发 (.xls) -----------------------------------------------------------


def ccb_xls(rows: Sequence[Row]) -> bytes:
    """建设银行 活期 交易明细; a row is (摘要, YYYYMMDD, signed amount, 附言, 对方)."""
    header = [
        "序号", "摘要", "币别", "钞汇", "交易日期", "交易金额", "账户余额", "交易地点/附言",
        "对方账号与户名",
    ]  # fmt: skip
    sheet = [
        ["中国建设银行个人活期账户全部交易明细"],
        ["卡号/账号:6217****0001", None, "客户名称:林*"],
        ["起始日期:20260901", None, "结束日期:20261031"],
        header,
        *([n, text, "人民币元", "钞", day, amount, 5000.0, note, party]
          for n, (text, day, amount, note, party) in enumerate(rows, 1)),
    ]  # fmt: skip
    return xls_bytes({"交易明细": sheet})


def spdb_xls(month: str, rows: Sequence[Row]) -> bytes:
    """浦发信用卡账单; real date cells; a row is (交易日期, 记账日期, 摘要, signed amount)."""
    sheet = [
        [f"浦发银行信用卡账单 {month}"],
        ["交易日期", "记账日期", "交易摘要", "卡号末四位", "卡片类型", "交易币种", "交易金额"],
        *([day, posted, text, "8888", "主卡", "人民币", amount]
          for day, posted, text, amount in rows),
    ]  # fmt: skip
    return xls_bytes({"Sheet1": sheet})


# --- 农业银行 -------------------------------------------------------------------------


def abc_debit(rows: Sequence[Row]) -> bytes:
    """A row is (YYYYMMDD, HHMMSS or "", 摘要, signed amount, 对手信息, 附言)."""
    lines = [
        ["中国农业银行账户明细"],
        ["账户：6228****0001", "户名：林*", "起止日期：20260901-20261031"],
        ["交易日期", "交易时间", "交易摘要", "交易金额", "本次余额", "对手信息", "日 志 号",
         "交易渠道", "交易附言"],
        *([day, time, text, amount, "1000.00", party, "369396693", "电子商务", note]
          for day, time, text, amount, party, note in rows),
    ]  # fmt: skip
    return csv_bytes(lines, encoding="gbk")


# --- 京东 and 美团 ----------------------------------------------------------------------

JD_HEADER = (
    "交易时间", "交易分类", "商户名称", "交易说明", "收/支", "金额", "收/付款方式", "交易状态",
    "交易订单号", "商家订单号", "备注",
)  # fmt: skip


def jd_bill(rows: Sequence[Row]) -> bytes:
    """京东交易流水: 导出信息 lines, then every field padded with a trailing tab. A row is
    (time, 分类, 商户, 说明, 收/支, 金额, 付款方式, 状态, 订单号)."""
    preamble = [
        "导出信息：", "京东账号名：jd_lin", "起始时间：2026-09-01\t终止时间：2026-10-31",
        "导出交易类型：全部", "导出时间：2026-11-01 09:00:00", f"共：{len(rows)}笔记录", "",
        "特别提示：", "1.本明细仅展示当前账单中的交易，不包括已删除的记录；", "",
    ]  # fmt: skip
    lines = [*preamble, ",".join(JD_HEADER)]
    for *cells, number in rows:
        padded = [f"{cell}\t" for cell in [*cells, number, f"M{number}"]] + [""]
        lines.append(_csv_text([padded]).rstrip("\r\n"))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


MEITUAN_HEADER = (
    "交易创建时间", "交易成功时间", "交易类型", "订单标题", "收/支", "支付方式", "订单金额",
    "实付金额", "交易单号", "商家单号", "备注",
)  # fmt: skip


def meituan_bill(rows: Sequence[Row]) -> bytes:
    """美团交易账单明细. A row is (time, 类型, 标题, 收/支, 支付方式, 订单金额, 实付, 单号)."""
    preamble = [
        ["美团交易账单明细"], ["美团用户名：[lin]"],
        ["起始时间：[2026-09-01] 终止时间：[2026-10-31]"], ['""'], ["特别提示："],
        ["1. 本明细仅展示当前账单中的交易，不包括已删除的记录"], ["【美团交易账单明细列表】"],
    ]  # fmt: skip
    body = [
        [when, when, kind, title, way, method, f"¥{listed}", f"¥{paid}", f"{number}\t", "x\t", "/"]
        for when, kind, title, way, method, listed, paid, number in rows
    ]
    return csv_bytes([*preamble, list(MEITUAN_HEADER), *body])


# --- Hong Kong (Big5) and an English bank (Windows-1252) --------------------------------


def hk_bank_big5(rows: Sequence[Row]) -> bytes:
    """A 戶口結單 in traditional Chinese, HKD and CNY rows in one file. A row is
    (date, 摘要, 存入, 提取, 貨幣)."""
    lines = [
        ["香港銀行 綜合戶口結單"],
        ["日期", "摘要", "存入", "提取", "結餘", "貨幣"],
        *(
            [day, text, back, paid, "3,000.00", currency]
            for day, text, back, paid, currency in rows
        ),
    ]
    return _csv_text(lines).encode("big5")


def english_bank_cp1252(rows: Sequence[Row]) -> bytes:
    """Withdrawal (-) and Deposit (+) columns, a Type column of kinds; accented names."""
    lines = [
        ["Date", "Description", "Type", "Withdrawal (-)", "Deposit (+)", "Balance"],
        *([day, text, kind, out, back, "1,000.00"] for day, text, kind, out, back in rows),
    ]
    return _csv_text(lines).encode("cp1252")
