"""Bank, card and platform statements read end to end: one test per layout, each with the
monthly income and spending a careful person counts from the rows by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from core.importing import ImportRefused, preview_file
from core.importing.counting import CARD_CREDIT, REFUND_UNMATCHED
from core.importing.preview import decide
from core.importing.reading import ACCOUNT, CARD, INCOME, SPENDING, Reading
from core.importing.totals import monthly_totals
from core.money import format_cents
from tests import statement_files as files
from tests.filemakers import alipay_new_csv, csv_bytes


def figures(preview) -> dict[str, tuple[str, str]]:
    """month -> (income, spending) in yuan, as the budget page would count them."""
    totals = monthly_totals(preview.rows)
    return {
        row.month: (format_cents(row.income), format_cents(row.spending))
        for row in totals.itertuples()
    }


def kinds_of(preview, text: str) -> list[str]:
    rows = preview.rows
    return rows.loc[rows["description"].str.contains(text, regex=False), "kind"].tolist()


# --- credit cards: charges are spending, refunds lower it, repayments move money ---------


def test_cmb_card_charges_are_spending_not_income():
    data = files.cmb_card(
        "2026年10月",
        [
            ("", "09/28", "掌上生活还款", "-1,500.00"),  # no 交易日: the 记账日
            ("09/29", "09/30", "财付通-美团外卖", "35.50"),
            ("10/02", "10/03", "京东支付-京东商城", "199.00"),
            ("10/05", "10/06", "退款 京东支付-京东商城", "-59.00"),
            ("10/08", "10/09", "中国移动", "1,000.00"),
            ("10/10", "10/11", "手机银行饭票", "-3.90"),  # money back, neither word
        ],
    )
    preview = preview_file("CreditCardStatement.csv", data)
    assert (preview.layout, preview.statement, preview.positive) == ("card", CARD, SPENDING)
    assert preview.bank == "招商银行" and not preview.statement_unsure
    assert preview.invalid == []
    assert figures(preview) == {"2026-09": ("0.00", "35.50"), "2026-10": ("0.00", "1140.00")}
    assert preview.rows["date"].iloc[0] == dt.date(2026, 9, 28)
    assert kinds_of(preview, "还款") == ["transfer"]
    assert kinds_of(preview, "饭票") == ["transfer"]
    assert preview.doubts() == {CARD_CREDIT: 1}


def test_a_card_statement_title_names_the_year_and_december_is_the_year_before():
    data = files.cmb_card(
        "2027年01月",
        [("12/29", "12/30", "超市", "88.00"), ("", "01/03", "银联转账还款", "-88.00")],
    )
    rows = preview_file("cmb.csv", data).rows
    assert rows["date"].tolist() == [dt.date(2026, 12, 29), dt.date(2027, 1, 3)]
    assert rows["kind"].tolist() == ["expense", "transfer"]


def test_the_person_can_read_a_card_the_other_way_and_sees_the_monthly_totals_change():
    data = files.cmb_card("2026年10月", [("10/08", "10/09", "中国移动", "100.00")])
    as_card = preview_file("cmb.csv", data)
    assert figures(as_card) == {"2026-10": ("0.00", "100.00")}
    assert as_card.signed and as_card.detected_statement == CARD
    as_account = preview_file("cmb.csv", data, reading=Reading(statement=ACCOUNT))
    assert (as_account.statement, as_account.positive) == (ACCOUNT, INCOME)
    assert figures(as_account) == {"2026-10": ("100.00", "0.00")}
    # an export that writes a card's charges as negative amounts
    negative = files.cmb_card("2026年10月", [("10/08", "10/09", "中国移动", "-100.00")])
    flipped = preview_file("cmb.csv", negative, reading=Reading(positive=INCOME))
    assert (flipped.statement, flipped.positive) == (CARD, INCOME)
    assert figures(flipped) == {"2026-10": ("0.00", "100.00")}
    as_written = preview_file("cmb.csv", negative)
    assert figures(as_written) == {"2026-10": ("0.00", "0.00")}  # money onto the card:
    assert as_written.doubts() == {CARD_CREDIT: 1}  # neutral, and asked about


def test_icbc_card_with_preamble_padding_and_bracketed_direction_columns():
    data = files.icbc_card(
        [
            ("2026-09-05", "消费", "财付通-拼多多平台商户", "", "18.00", "-3,728.62"),
            ("2026-09-06", "消费", "支付宝-金拱门(中国)有限公司", "", "26.00", "-3,754.62"),
            ("2026-09-25", "人民币自动转帐还款", "XX分行银行卡中心", "4,621.01", "", "866.39"),
            ("2026-10-02", "ETC", "广东联合电子收费股份", "", "12.35", "-12.35"),
            ("2026-10-03", "退货", "财付通-拼多多平台商户", "10.00", "", "-2.35"),
        ]
    )
    preview = preview_file("明细查询.csv", data)
    assert preview.statement == CARD
    assert preview.mapping["income"] == "记账金额(收入)"
    assert preview.mapping["expense"] == "记账金额(支出)"
    assert preview.invalid == []
    assert figures(preview) == {"2026-09": ("0.00", "44.00"), "2026-10": ("0.00", "2.35")}
    assert preview.rows["counterparty"].iloc[0] == "财付通-拼多多平台商户"
    assert kinds_of(preview, "还款") == ["transfer"]


@pytest.mark.parametrize("version", [1, 2])
def test_icbc_debit_both_versions(version):
    data = files.icbc_debit(
        [
            (
                "2026-09-02",
                "消费",
                "广东三元麦当劳食品有",
                "",
                "13.40",
                "深圳市财付通支付科技有限公司",
            ),
            ("2026-09-14", "工资", "", "6,000.00", "", "ABC公司"),
            ("2026-09-20", "网转", "手机银行", "", "500.00", "王五"),
            ("2026-10-08", "退款", "财付通-微信红包", "1.04", "", "深圳市财付通支付科技有限公司"),
            ("2026-10-12", "消费", "永辉超市", "", "88.00", "永辉超市"),
        ],
        version=version,
    )
    preview = preview_file("明细查询文件.csv", data)
    assert (preview.statement, preview.bank) == (ACCOUNT, None)
    assert preview.invalid == []
    assert figures(preview) == {
        "2026-09": ("6000.00", "513.40"),
        "2026-10": ("0.00", "86.96"),
    }


def test_boc_card_deposits_and_spending_columns_and_a_dollar_row_listed():
    data = files.boc_card(
        "2026年10月",
        [
            ("2026-09-13", "2026-09-14", "上海公共交通卡股份有限CHN", "", "50.00", "CNY"),
            ("2026-09-20", "2026-09-20", "存款利息", "0.01", "", "CNY"),
            ("2026-09-24", "2026-09-25", "网银在线-京东商城业务CHN", "", "468.32", "CNY"),
            ("2026-09-28", "2026-09-29", "网银在线CHN", "70.48", "", "CNY"),
            ("2026-10-05", "2026-10-05", "还款", "2,000.00", "", "CNY"),
            ("2026-10-12", "2026-10-14", "MICROSOFT*XBOXJPN", "", "3.72", "USD"),
            ("2026-10-15", "2026-10-16", "钱袋宝支付-美团", "", "25.90", "CNY"),
        ],
    )
    preview = preview_file("boc_credit.csv", data)
    assert (preview.statement, preview.bank) == (CARD, "中国银行")
    assert figures(preview) == {"2026-09": ("0.00", "518.32"), "2026-10": ("0.00", "25.90")}
    [dollars] = preview.foreign
    assert (dollars.row, dollars.column, dollars.value) == (8, "币种", "USD")
    assert "USD" in dollars.message("zh") and "第 8 行" in dollars.message("zh")
    assert preview.doubts() == {CARD_CREDIT: 2}  # interest and a credit with no word
    # the person says the unexplained credit was a refund: it lowers September's spending
    decided = decide(preview, {("boc_credit.csv", 6): "refund"})
    assert figures(decided)["2026-09"] == ("0.00", "447.84")


def test_boc_debit_utf16_a_refund_coming_in_is_negative_spending():
    data = files.boc_debit(
        [
            ("2026-09-05", "5,771.00", "工资", "美金数据有限公司"),
            ("2026-09-08", "-326.00", "网上快捷支付", "支付宝-李四"),
            ("2026-09-08", "50.00", "网上快捷退款", "支付宝-李四"),
            ("2026-10-09", "-60.00", "网上快捷支付", "支付宝-郑六"),
        ]
    )
    preview = preview_file("交易流水.csv", data)
    assert preview.statement == ACCOUNT
    assert figures(preview) == {"2026-09": ("5771.00", "276.00"), "2026-10": ("0.00", "60.00")}
    assert kinds_of(preview, "退款") == ["expense"]


def test_bocom_debit_with_jie_dai_directions_and_a_type_column():
    data = files.bocom_debit(
        [
            ("2026-09-01", "代发工资", "贷 Cr", "9,500.00", "某某公司"),
            ("2026-09-02", "网上支付", "借 Dr", "68.00", "财付通"),
            ("2026-09-21", "存款利息", "贷 Cr", "1.23", "应付个人活期储蓄存款利息"),
            ("2026-10-08", "信用卡转账还款", "借 Dr", "1,500.00", "林"),
            ("2026-10-09", "异地跨行消费", "借 Dr", "10.00", "网上国网"),
        ]
    )
    preview = preview_file("交通银行.csv", data)
    assert (preview.statement, preview.bank) == (ACCOUNT, "交通银行")
    assert preview.mapping["direction"] == "借贷"
    assert preview.mapping["type"] == "交易类型"
    assert figures(preview) == {"2026-09": ("9501.23", "68.00"), "2026-10": ("0.00", "1510.00")}
    assert preview.rows["description"].iloc[0] == "代发工资"
    assert not preview.rows["fingerprint"].str.startswith("account:").any()  # 序号 is no id


def test_bocom_card_currency_in_the_amount_cell_and_the_posted_yuan_counted():
    data = files.bocom_card(
        [
            ("2026-09-10", "消费 美团", "CNY 2.99", "CNY 2.99"),
            ("2026-09-13", "消费 京东商城平台商户", "CNY 110.00", "CNY 110.00"),
            ("2026-09-20", "退货 支付宝-滴滴顺风车", "CNY 23.18", "CNY 23.18"),
            ("2026-10-01", "消费 饿了么平台商户", "CNY 10.74", "CNY 10.74"),
            ("2026-10-09", "信用卡还款 转账还款-哈哈 支付宝-哈哈", "CNY 666.60", "CNY 666.60"),
            ("2026-10-11", "消费 HK SHOP", "HKD 100.00", "CNY 91.20"),
        ]
    )
    preview = preview_file("bocom_credit.csv", data)
    assert preview.statement == CARD
    assert preview.mapping["amount"] == "入账币种/金额"
    assert preview.foreign == []
    assert figures(preview) == {"2026-09": ("0.00", "89.81"), "2026-10": ("0.00", "101.94")}


def test_cgb_card_bracketed_summaries():
    rows = [
        ("2026/09/05", "（消费）示例商户A", "15.90", "人民币", "15.90", "人民币"),
        ("2026/09/04", "（退款）示例商户B", "-97.20", "人民币", "-97.20", "人民币"),
        (
            "2026/09/03",
            "（分期）银联分期00000000000/10/12期",
            "387.42",
            "人民币",
            "387.42",
            "人民币",
        ),
        ("2026/09/25", "（还款）云闪付 银联入账-张三", "-1130.68", "人民币", "-1130.68", "人民币"),
        ("2026/10/02", "（消费）东京商店", "1000", "日元", "48.50", "人民币"),
    ]
    preview = preview_file("广发信用卡.csv", files.cgb_style(None, rows, "utf-8", bom=True))
    assert preview.statement == CARD
    assert (preview.mapping["amount"], preview.mapping["currency"]) == ("入账金额", "入账货币")
    assert figures(preview) == {"2026-09": ("0.00", "306.12"), "2026-10": ("0.00", "48.50")}
    assert kinds_of(preview, "还款") == ["transfer"]


def test_citic_card_gbk_and_a_dollar_row_left_out():
    rows = [
        ("2026/09/08", "（消费）永辉超市", "120.50", "人民币", "120.50", "人民币"),
        ("2026/09/15", "（消费）AMAZON", "12.99", "美元", "12.99", "美元"),
        ("2026/10/03", "（还款）手机银行还款", "-500.00", "人民币", "-500.00", "人民币"),
        ("2026/10/06", "（消费）滴滴出行", "33.00", "人民币", "33.00", "人民币"),
    ]
    data = files.cgb_style("中信银行信用卡账单", rows, "gbk", bom=False)
    preview = preview_file("citic.csv", data)
    assert (preview.statement, preview.bank) == (CARD, "中信银行")
    assert figures(preview) == {"2026-09": ("0.00", "120.50"), "2026-10": ("0.00", "33.00")}
    assert [(e.row, e.value) for e in preview.foreign] == [(4, "USD")]


def test_ccb_xls_account():
    data = files.ccb_xls(
        [
            ("工资", "20260901", 7200.0, "", "某公司"),
            ("消费", "20260905", -45.6, "财付通-美团", "财付通支付科技有限公司"),
            ("转账支出", "20261003", -800.0, "手机银行", "张三"),
        ]
    )
    preview = preview_file("交易明细.xls", data)
    assert (preview.statement, preview.bank) == (ACCOUNT, "建设银行")
    assert preview.invalid == []
    assert figures(preview) == {"2026-09": ("7200.00", "45.60"), "2026-10": ("0.00", "800.00")}
    assert preview.rows["description"].iloc[1] == "消费 财付通-美团"


def test_spdb_xls_card():
    data = files.spdb_xls(
        "2026年10月",
        [
            (dt.date(2026, 9, 20), dt.date(2026, 9, 21), "消费 美团", 45.0),
            (dt.date(2026, 9, 28), dt.date(2026, 9, 28), "支付宝还款", -300.0),
            (dt.date(2026, 10, 2), dt.date(2026, 10, 3), "消费 携程", 1200.0),
            (dt.date(2026, 10, 4), dt.date(2026, 10, 5), "退款 携程", -200.0),
        ],
    )
    preview = preview_file("浦发.xls", data)
    assert (preview.statement, preview.bank) == (CARD, "浦发银行")
    assert figures(preview) == {"2026-09": ("0.00", "45.00"), "2026-10": ("0.00", "1000.00")}


def test_abc_debit_compact_dates_and_signed_amounts():
    data = files.abc_debit(
        [
            ("20260901", "090000", "代发工资", "+6000.00", "某公司", "工资"),
            ("20260902", "123456", "财付通", "-10.00", "微信支付北京一卡通", "微信支付-北京一卡通"),
            ("20261003", "", "正常还款", "-1234.56", "12341234123412341", ""),
            ("20261004", "", "结息", "+0.01", "--", "个人活期结息"),
        ]
    )
    preview = preview_file("农行明细.csv", data)
    assert (preview.statement, preview.bank) == (ACCOUNT, "农业银行")
    assert figures(preview) == {
        "2026-09": ("6000.00", "10.00"),
        "2026-10": ("0.01", "1234.56"),
    }


def test_cmb_debit_signed_amounts():
    data = files.cmb_debit(
        [
            ("2026-09-01", "8,000.00", "代发工资", "某某公司"),
            ("2026-09-03", "-2,500.00", "转账汇款", "房东 张三"),
            ("2026-09-10", "-35.50", "快捷支付", "财付通-美团外卖"),
            ("2026-10-05", "-1,500.00", "信用卡还款", "招商银行信用卡"),
            ("2026-10-08", "20.00", "快捷退款", "支付宝-淘宝"),
        ]
    )
    preview = preview_file("招商银行交易记录.csv", data)
    assert (preview.statement, preview.bank) == (ACCOUNT, "招商银行")
    assert figures(preview) == {
        "2026-09": ("8000.00", "2535.50"),
        "2026-10": ("0.00", "1480.00"),
    }


OWN_MOVES = [
    ("2026-09-01", "8,000.00", "代发工资", "某某公司"),
    ("2026-09-02", "3,000.00", "转账汇款", "张三 6222********5678"),  # from another of hers
    ("2026-09-05", "-1,000.00", "转账汇款", "张三"),  # to another of hers
    ("2026-09-08", "500.00", "转账汇款", "张三丰"),  # someone else's money
    ("2026-09-09", "200.00", "他行本人账户转入", "工商银行"),  # the bank says 本人
    ("2026-09-10", "-35.50", "快捷支付", "财付通-美团外卖"),
]


def test_money_between_the_holders_own_accounts_is_neither_income_nor_spending():
    preview = preview_file("招商银行交易记录.csv", files.cmb_debit(OWN_MOVES, holder="张三"))
    assert preview.statement == ACCOUNT
    # counted as income, 3,200 moved from her own accounts would inflate the surplus
    assert figures(preview) == {"2026-09": ("8500.00", "35.50")}
    assert preview.doubts() == {"own_transfer": 3}
    own = preview.rows[preview.rows["doubt"] == "own_transfer"]
    assert own["kind"].tolist() == ["transfer"] * 3
    assert own["amount_cents"].tolist() == [300_000, -100_000, 20_000]  # the way it moved


@pytest.mark.parametrize("holder", [None, "张*"])
def test_without_the_holders_name_only_the_banks_own_word_counts(holder):
    """No 户名 line, or a masked one: a transfer from 张三 may be anyone's money."""
    preview = preview_file("招商银行交易记录.csv", files.cmb_debit(OWN_MOVES, holder=holder))
    assert figures(preview) == {"2026-09": ("11500.00", "1035.50")}
    assert preview.doubts() == {"own_transfer": 1}


# --- platforms ----------------------------------------------------------------------------


def test_jd_bill_tab_padding_noted_refunds_and_baitiao_repayments():
    data = files.jd_bill(
        [
            ("2026-09-03 10:00:00", "食品酒饮", "京东平台商户", "椰子水", "支出", "91.42",
             "京东白条", "交易成功", "1001"),
            ("2026-09-05 11:00:00", "美妆个护", "京东平台商户", "洁面乳", "支出", "223.99",
             "招商银行信用卡", "交易成功", "1002"),
            ("2026-09-08 12:00:00", "网购", "京东平台商户", "退款-洁面乳", "收入", "112.98",
             "招商银行信用卡", "退款成功", "1002"),
            ("2026-09-10 13:00:00", "数码", "京东平台商户", "耳机", "支出",
             "392.98(已退款203.98)", "招商银行信用卡", "交易成功", "1003"),
            ("2026-09-12 14:00:00", "网购", "京东平台商户", "退款-耳机", "收入", "203.98",
             "招商银行信用卡", "退款成功", "1003"),
            ("2026-09-15 15:00:00", "白条", "京东金融", "白条主动还款", "不计收支", "500.00",
             "银行卡", "交易成功", "1004"),
            ("2026-10-02 06:00:00", "小金库", "京东小金库", "京东小金库收益", "收入", "0.01",
             "小金库零用钱", "交易成功", "1005"),
            ("2026-10-05 16:00:00", "日用", "京东平台商户", "纸巾", "支出",
             "29.90(已全额退款)", "京东白条", "交易成功", "1006"),
            ("2026-10-08 17:00:00", "白条", "京东金融", "白条还款", "支出", "300.00",
             "银行卡", "交易成功", "1007"),
        ]
    )  # fmt: skip
    preview = preview_file("京东交易流水.csv", data)
    assert preview.layout == "jd"
    assert preview.invalid == []
    assert figures(preview) == {"2026-09": ("0.00", "391.43"), "2026-10": ("0.01", "0.00")}
    assert preview.skipped == 2  # the refund already in 耳机's amount, and 纸巾 given back
    assert kinds_of(preview, "还款") == ["transfer", "transfer"]
    keys = preview.rows["fingerprint"].tolist()
    assert len(set(keys)) == len(keys)  # a purchase and its refund share 1002: both kept
    again = preview_file("京东交易流水.csv", data)
    assert again.rows["fingerprint"].tolist() == keys


def test_meituan_bill_paid_amounts_and_monthly_pay_repayments():
    data = files.meituan_bill(
        [
            ("2026-09-02 20:35:13", "支付", "喜茶 订单详情", "支出", "美团月付", "22.30", "21.17",
             "2509021"),
            ("2026-09-05 18:36:01", "支付", "云南米线单人餐", "支出", "中国银行信用卡(1875)",
             "19.90", "19.90", "2509051"),
            ("2026-09-06 07:04:17", "退款", "云南米线单人餐", "收入", "中国银行信用卡(1875)",
             "19.90", "19.90", "2509061"),
            ("2026-09-20 20:59:12", "还款", "【美团月付】主动还款2026年9月账单", "支出",
             "中国银行储蓄卡(3147)", "21.17", "21.17", "2509201"),
            ("2026-10-03 12:00:00", "支付", "葡式蛋挞6只", "支出", "微信支付", "20.00", "20.00",
             "2510031"),
        ]
    )  # fmt: skip
    preview = preview_file("美团账单.csv", data)
    assert preview.layout == "meituan"
    assert figures(preview) == {"2026-09": ("0.00", "21.17"), "2026-10": ("0.00", "20.00")}
    assert kinds_of(preview, "还款") == ["transfer"]


def test_alipay_neutral_refunds_lower_the_spending_of_a_kept_purchase():
    """Since 2023 Alipay marks a refund 不计收支 and numbers it after its purchase."""
    T = dt.datetime(2026, 9, 3, 12)
    records = [
        (T, "日用百货", "京东", "台灯", "支出", "89.00", "交易成功", "2026090311007"),
        (T, "退款", "京东", "退款-台灯", "不计收支", "30.00", "退款成功", "2026090311007_1"),
        (T, "服饰", "淘宝", "外套", "支出", "200.00", "交易关闭", "2026090311008"),
        (T, "退款", "淘宝", "退款-外套", "不计收支", "200.00", "退款成功", "2026090311008_1"),
        (T, "退款", "天猫", "退款-鞋", "不计收支", "50.00", "退款成功", "2026080199999_1"),
        (T, "投资理财", "余额宝", "转入", "不计收支", "500.00", "交易成功", "2026090311009"),
    ]
    preview = preview_file("支付宝交易明细.csv", alipay_new_csv(records))
    assert figures(preview) == {"2026-09": ("0.00", "59.00")}  # 89 kept, 30 back
    assert preview.skipped == 2  # the closed 外套 and its refund
    assert preview.doubts() == {REFUND_UNMATCHED: 1}  # 鞋: its purchase is not in the file
    refund = preview.rows[preview.rows["description"] == "退款-鞋"]
    assert refund["kind"].item() == "transfer"
    decided = decide(preview, {(refund["sheet"].item(), int(refund["row"].item())): "refund"})
    assert figures(decided) == {"2026-09": ("0.00", "9.00")}


# --- encodings, currencies, columns -------------------------------------------------------


def test_big5_hong_kong_statement_counts_only_the_yuan_rows():
    data = files.hk_bank_big5(
        [
            ("2026-09-01", "薪金", "20,000.00", "", "HKD"),
            ("2026-09-03", "人民幣轉賬", "500.00", "", "人民幣"),
            ("2026-09-05", "超級市場", "", "75.50", "港幣"),
            ("2026-09-07", "微信支付", "", "120.00", "CNY"),
        ]
    )
    assert "人民幣" not in data.decode("gb18030", errors="replace")  # read as GBK: garbled
    preview = preview_file("statement.csv", data)
    assert preview.rows["description"].tolist() == ["人民幣轉賬", "微信支付"]
    assert figures(preview) == {"2026-09": ("500.00", "120.00")}
    assert [(e.row, e.value) for e in preview.foreign] == [(3, "HKD"), (5, "HKD")]


def test_windows_1252_english_statement_with_type_and_bracketed_columns():
    data = files.english_bank_cp1252(
        [
            ("09/02/2026", "Café Rouge", "POS", "12.50", ""),
            ("09/05/2026", "Payroll ACME", "ACH", "", "2,500.00"),
            ("09/07/2026", "Crème Brûlée Bakery", "POS", "6.20", ""),
        ]
    )
    preview = preview_file("export.csv", data)
    assert preview.mapping["expense"] == "Withdrawal (-)"
    assert preview.mapping["income"] == "Deposit (+)"
    assert preview.rows["description"].tolist()[0] == "POS Café Rouge"
    assert figures(preview) == {"2026-09": ("2500.00", "18.70")}


def test_a_type_column_of_directions_is_the_direction():
    data = csv_bytes(
        [
            ["Date", "Description", "Type", "Amount"],
            ["09/01/2026", "Salary", "CREDIT", "3000.00"],
            ["09/02/2026", "Rent", "DEBIT", "1200.00"],
        ]
    )
    preview = preview_file("bank.csv", data)
    assert preview.mapping["direction"] == "Type"
    assert figures(preview) == {"2026-09": ("3000.00", "1200.00")}


def test_the_person_picks_the_encoding_when_the_guess_is_wrong():
    data = files.hk_bank_big5([("2026-09-03", "人民幣轉賬", "500.00", "", "人民幣")])
    read = preview_file("s.csv", data, reading=Reading(encoding="big5"))
    assert read.rows["description"].tolist() == ["人民幣轉賬"]
    with pytest.raises(ImportRefused) as refused:
        preview_file("s.csv", data, reading=Reading(encoding="utf-8"))
    assert refused.value.key == "statements.refused_chosen_encoding"


def test_a_file_without_a_header_row_is_mapped_by_position():
    data = csv_bytes([["2026-09-01", "午饭", "-35.00"], ["2026-09-02", "工资", "8000"]])
    with pytest.raises(ImportRefused) as refused:
        preview_file("no_header.csv", data)
    assert refused.value.key == "import.refused_no_header"
    mapping = {"date": "#1", "description": "#2", "amount": "#3"}
    preview = preview_file("no_header.csv", data, mapping=mapping)
    assert preview.rows["row"].tolist() == [1, 2]
    assert figures(preview) == {"2026-09": ("8000.00", "35.00")}
    assert preview.signature == "columns:3"


def test_a_plain_budget_sheet_is_not_a_statement_and_asks_nothing():
    data = csv_bytes([["日期", "说明", "金额"], ["2026-09-01", "地铁", "-4"]])
    preview = preview_file("账本.csv", data)
    assert (preview.layout, preview.statement, preview.statement_unsure) == ("budget", None, False)


def test_a_bank_file_that_does_not_say_card_or_account_leaves_the_choice_open():
    data = csv_bytes(
        [["某某银行交易明细"], ["交易日期", "摘要", "交易金额"], ["2026-09-01", "消费", "35.00"]]
    )
    preview = preview_file("明细.csv", data)
    assert preview.statement is None and preview.statement_unsure
    chosen = preview_file("明细.csv", data, reading=Reading(statement=CARD))
    assert figures(chosen) == {"2026-09": ("0.00", "35.00")}
    assert not chosen.statement_unsure


def test_the_same_layout_has_the_same_signature():
    a = files.bocom_debit([("2026-09-01", "代发工资", "贷 Cr", "9,500.00", "某某公司")])
    b = files.bocom_debit([("2026-10-02", "网上支付", "借 Dr", "8.00", "财付通")])
    other = files.cmb_debit([("2026-09-01", "8,000.00", "代发工资", "某某公司")])
    assert preview_file("a.csv", a).signature == preview_file("b.csv", b).signature
    assert preview_file("a.csv", a).signature != preview_file("c.csv", other).signature
