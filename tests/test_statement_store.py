"""Statements in the store: one purchase counted once across files, repayments once,
shared numbers kept, readings remembered. Runs on SQLite and, with TEST_DATABASE_URL,
on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from core.importing.errors import ImportRefused
from core.importing.memory import forget, preview_remembered, remembered
from core.importing.pairs import paired_rows, unpair
from core.importing.preview import preview_file
from core.importing.reading import ACCOUNT, CARD, SPENDING, Reading
from core.importing.store import commit_preview, import_file
from core.ledger.budget import monthly
from core.ledger.transactions import clear_data
from core.models import Transaction, TransactionPair
from core.money import format_cents
from tests import statement_files as files
from tests.filemakers import alipay_new_csv, csv_bytes, wechat_csv, wechat_record

TX = Transaction.__table__


def figures(engine, profile) -> dict[str, tuple[str, str]]:
    return {
        m.month: (format_cents(m.income), format_cents(m.spending))
        for m in monthly(engine, profile)
    }


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day} {hour:02d}:00:00")


# --- the four files of two months, and the hand count ----------------------------------

CMB_CARD = files.cmb_card(
    "2026年10月",
    [
        ("09/05", "09/06", "财付通-星巴克", "38.00"),  # = WeChat 星巴克
        ("09/20", "09/21", "京东支付-京东商城", "223.99"),  # = 京东 洁面乳
        ("09/25", "09/26", "中国石化加油站", "300.00"),
        ("", "10/09", "银联转账还款", "-1,500.00"),  # = 交通银行 信用卡转账还款
        ("10/03", "10/04", "退款 京东支付-京东商城", "-112.98"),  # = 京东 退款-洁面乳
        ("10/15", "10/16", "滴滴出行", "56.00"),
        ("10/25", "10/26", "永辉超市", "420.00"),
    ],
)
BOCOM_DEBIT = files.bocom_debit(
    [
        ("2026-09-01", "代发工资", "贷 Cr", "9,500.00", "某某公司"),
        ("2026-09-02", "网上支付", "借 Dr", "200.00", "财付通"),  # = WeChat 零钱充值
        ("2026-09-10", "转账支出", "借 Dr", "2,500.00", "房东 张三"),
        ("2026-09-15", "网上支付", "借 Dr", "88.00", "财付通-永辉超市"),  # = WeChat 永辉
        ("2026-10-08", "信用卡转账还款", "借 Dr", "1,500.00", "招商银行信用卡"),
        ("2026-10-12", "网上支付", "借 Dr", "30.00", "支付宝-淘宝"),  # no Alipay bill
        ("2026-10-18", "网上支付", "借 Dr", "45.00", "财付通-美团"),  # = WeChat 美团
        ("2026-10-20", "网上支付 退款", "贷 Cr", "15.00", "财付通-美团"),  # = its refund
    ]
)
JD_BILL = files.jd_bill(
    [
        ("2026-09-03 10:00:00", "食品酒饮", "京东平台商户", "椰子水", "支出", "91.42",
         "京东白条", "交易成功", "1001"),
        ("2026-09-20 11:00:00", "美妆个护", "京东平台商户", "洁面乳", "支出", "223.99",
         "招商银行信用卡", "交易成功", "1002"),
        ("2026-10-02 12:00:00", "网购", "京东平台商户", "退款-洁面乳", "收入", "112.98",
         "招商银行信用卡", "退款成功", "1002"),
        ("2026-10-05 09:00:00", "白条", "京东金融", "白条主动还款", "不计收支", "91.42",
         "交通银行储蓄卡", "交易成功", "1003"),
    ]
)  # fmt: skip
WECHAT_BILL = wechat_csv(
    [
        wechat_record(at("2026-09-02"), "零钱充值", "交通银行", "/", "/", "200.00", "充值完成",
                      method="交通银行储蓄卡"),
        wechat_record(at("2026-09-05"), "商户消费", "星巴克", "拿铁", "支出", "38.00",
                      method="招商银行信用卡"),
        wechat_record(at("2026-09-08"), "转账", "妈妈", "/", "收入", "500.00", "已存入零钱"),
        wechat_record(at("2026-09-09"), "商户消费", "早餐店", "包子", "支出", "8.00"),
        wechat_record(at("2026-09-15"), "商户消费", "永辉超市", "菜", "支出", "88.00",
                      method="交通银行储蓄卡"),
        wechat_record(at("2026-10-18"), "商户消费", "美团", "外卖", "支出", "45.00",
                      method="交通银行储蓄卡"),
        wechat_record(at("2026-10-20"), "商户消费-退款", "美团", "外卖", "收入", "15.00",
                      "已退款", method="交通银行储蓄卡"),
        wechat_record(at("2026-10-22"), "商户消费", "滴滴出行", "打车", "支出", "23.00",
                      "支付失败"),
    ]
)  # fmt: skip
FILES = {
    "招商银行信用卡对账单.csv": CMB_CARD,
    "交通银行交易明细.csv": BOCOM_DEBIT,
    "京东交易流水.csv": JD_BILL,
    "微信支付账单.csv": WECHAT_BILL,
}
# The hand count. Each purchase once, where it names the merchant:
# September income: salary 9,500.00 + from mother 500.00                        = 10,000.00
# September spending:
#   交通银行 rent 2,500.00 (the 200.00 top-up is WeChat's 零钱充值, neutral; 永辉 88.00
#     is WeChat's)                                                               2,500.00
#   招商 card 中国石化 300.00 (星巴克 is WeChat's, 223.99 is 京东's)                   300.00
#   京东 椰子水 91.42 + 洁面乳 223.99 (白条 repaid later: neutral)                     315.41
#   WeChat 星巴克 38.00 + 早餐 8.00 + 永辉 88.00                                      134.00
#                                                                                = 3,249.41
# October income: nothing                                                       =      0.00
# October spending:
#   交通银行 淘宝 30.00 (the 1,500.00 card repayment is the card's charges; 美团 45.00
#     and its 15.00 refund are WeChat's)                                            30.00
#   招商 card 滴滴 56.00 + 永辉 420.00 (the 112.98 refund is 京东's)                  476.00
#   京东 refund of 洁面乳 -112.98                                                 -112.98
#   WeChat 美团 45.00 - refund 15.00 (滴滴 failed: nothing)                            30.00
#                                                                                =   423.02
HAND_COUNT = {"2026-09": ("10000.00", "3249.41"), "2026-10": ("0.00", "423.02")}
PAIRS = 8  # 充值, 永辉, 美团, 美团 refund, card repayment, 星巴克, 洁面乳, its refund


@pytest.mark.parametrize("order", [list(FILES), list(reversed(FILES))])
def test_four_files_of_two_months_match_the_hand_count(engine, profile, order):
    paired = 0
    for name in order:
        report = import_file(engine, profile, name, FILES[name])
        assert report.invalid == []
        paired += report.paired
    assert figures(engine, profile) == HAND_COUNT
    assert paired == PAIRS
    pairs = paired_rows(engine, profile)
    assert len(pairs) == PAIRS
    assert set(pairs["reason"]) == {"platform", "repayment"}
    # every file again: nothing added, nothing paired twice
    for name in order:
        again = import_file(engine, profile, name, FILES[name])
        assert (again.imported, again.paired) == (0, 0)
    assert figures(engine, profile) == HAND_COUNT


def test_a_pair_is_listed_and_can_be_undone(engine, profile):
    import_file(engine, profile, "wechat.csv", WECHAT_BILL)
    import_file(engine, profile, "bocom.csv", BOCOM_DEBIT)
    pairs = paired_rows(engine, profile, "2026-09")
    top_up = pairs[pairs["amount_cents"] == -20000]
    assert top_up["kept_layout"].item() == "wechat"
    assert "财付通" in top_up["bank_text"].item()
    before = figures(engine, profile)["2026-09"]
    assert unpair(engine, profile, int(top_up["id"].item()))
    after = figures(engine, profile)["2026-09"]
    assert after == (before[0], format_cents(int(float(before[1]) * 100) + 20000))
    assert not unpair(engine, profile, int(top_up["id"].item()))


def test_clearing_the_data_clears_the_pairs(engine, profile):
    import_file(engine, profile, "wechat.csv", WECHAT_BILL)
    import_file(engine, profile, "bocom.csv", BOCOM_DEBIT)
    assert len(paired_rows(engine, profile))
    clear_data(engine, profile)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(TransactionPair)).scalar() == 0


# --- wrong money: each bug with its own test --------------------------------------------


def test_a_card_statement_imported_counts_charges_as_spending(engine, profile):
    import_file(engine, profile, "cmb.csv", CMB_CARD)
    assert figures(engine, profile) == {
        "2026-09": ("0.00", "561.99"),
        "2026-10": ("0.00", "363.02"),
    }


def test_rows_sharing_a_number_are_all_kept_and_a_reimport_adds_nothing(engine, profile):
    number = "4200000001202609031234567890"
    records = [
        wechat_record(at("2026-09-03"), "商户消费", "超市", "水果", "支出", "30.00", number=number),
        wechat_record(at("2026-09-04"), "商户消费", "超市", "牛奶", "支出", "12.00", number=number),
        wechat_record(at("2026-09-04"), "商户消费", "超市", "牛奶", "支出", "12.00", number=number),
    ]
    data = wechat_csv(records)
    preview = preview_file("wechat.csv", data)
    assert preview.doubts() == {"shared_number": 3}
    report = commit_preview(engine, profile, preview)
    # the third row is the second listed twice: one transaction, counted once
    assert (report.imported, report.duplicates) == (2, 1)
    assert figures(engine, profile) == {"2026-09": ("0.00", "42.00")}
    assert import_file(engine, profile, "wechat.csv", data).imported == 0
    assert import_file(engine, profile, "copy.csv", data + b"\r\n").imported == 0


def test_a_neutral_alipay_refund_lowers_spending_in_the_store(engine, profile):
    t = at("2026-09-03")
    records = [
        (t, "日用百货", "京东", "台灯", "支出", "89.00", "交易成功", "2026090311007"),
        (t, "退款", "京东", "退款-台灯", "不计收支", "30.00", "退款成功", "2026090311007_1"),
    ]
    import_file(engine, profile, "alipay.csv", alipay_new_csv(records))
    assert figures(engine, profile) == {"2026-09": ("0.00", "59.00")}


def test_a_banks_refund_coming_in_is_not_income(engine, profile):
    data = files.boc_debit(
        [
            ("2026-09-08", "-326.00", "网上快捷支付", "支付宝-李四"),
            ("2026-09-08", "50.00", "网上快捷退款", "支付宝-李四"),
        ]
    )
    import_file(engine, profile, "boc.csv", data)
    assert figures(engine, profile) == {"2026-09": ("0.00", "276.00")}


# --- the reading remembered per layout ----------------------------------------------------


UNSURE = [["某某银行交易明细"], ["交易日期", "摘要", "交易金额"]]


def test_a_correction_is_remembered_for_the_next_file_of_the_layout(engine, profile):
    september = csv_bytes([*UNSURE, ["2026-09-01", "消费", "35.00"]])
    october = csv_bytes([*UNSURE, ["2026-10-01", "消费", "20.00"]])
    first = preview_file("9月.csv", september, reading=Reading(statement=CARD))
    assert first.statement == CARD and first.positive == SPENDING
    commit_preview(engine, profile, first)
    assert remembered(engine, profile, first.signature) == Reading(statement=CARD)
    preview, applied = preview_remembered(engine, profile, "10月.csv", october)
    assert applied and preview.statement == CARD
    import_file(engine, profile, "10月.csv", october)
    assert figures(engine, profile) == {
        "2026-09": ("0.00", "35.00"),
        "2026-10": ("0.00", "20.00"),
    }
    # another choice replaces it; forgetting reads the layout as detected again
    november = csv_bytes([*UNSURE, ["2026-11-01", "工资", "5000.00"]])
    other = preview_file("11月.csv", november, reading=Reading(statement=ACCOUNT))
    commit_preview(engine, profile, other)
    assert remembered(engine, profile, first.signature) == Reading(statement=ACCOUNT)
    assert forget(engine, profile, first.signature)
    assert preview_remembered(engine, profile, "10月.csv", october)[1] is False


def test_a_column_mapping_is_remembered_and_a_platform_bill_never(engine, profile):
    header = ["日期", "金额", "实付", "用途"]
    data = csv_bytes([header, ["2026-09-01", "-100", "-90", "买菜"]])
    mapping = {"date": "日期", "amount": "实付", "description": "用途"}
    import_file(engine, profile, "a.csv", data, mapping=mapping)
    later = csv_bytes([header, ["2026-10-01", "-50", "-45", "打车"]])
    preview, applied = preview_remembered(engine, profile, "b.csv", later)
    assert applied and preview.mapping == mapping
    assert preview.rows["amount_cents"].tolist() == [-4500]
    wechat = wechat_csv(
        [wechat_record(at("2026-09-09"), "商户消费", "早餐店", "包子", "支出", "8.00")]
    )
    commit_preview(engine, profile, preview_file("w.csv", wechat))
    assert remembered(engine, profile, preview_file("w.csv", wechat).signature) is None


def test_a_file_without_a_header_is_read_by_position_as_last_time(engine, profile):
    mapping = {"date": "#1", "description": "#2", "amount": "#3"}
    september = csv_bytes([["2026-09-01", "午饭", "-35.00"], ["2026-09-02", "工资", "8000"]])
    import_file(engine, profile, "9月.csv", september, mapping=mapping)
    october = csv_bytes([["2026-10-01", "晚饭", "-20.00"]])
    preview, applied = preview_remembered(engine, profile, "10月.csv", october)
    assert applied and preview.mapping == mapping
    import_file(engine, profile, "10月.csv", october)
    assert figures(engine, profile) == {
        "2026-09": ("8000.00", "35.00"),
        "2026-10": ("0.00", "20.00"),
    }
    # a file of another width is not this layout: still refused, for the person to map
    with pytest.raises(ImportRefused):
        preview_remembered(engine, profile, "x.csv", csv_bytes([["2026-10-01", "-20.00"]]))


def test_profiles_keep_their_own_memory(engine, profile):
    from core.profiles import profile_id

    other = profile_id(engine, "另一个人")
    data = csv_bytes([*UNSURE, ["2026-09-01", "消费", "35.00"]])
    commit_preview(engine, profile, preview_file("a.csv", data, reading=Reading(statement=CARD)))
    signature = preview_file("a.csv", data).signature
    assert remembered(engine, other, signature) is None


def test_pairs_never_cross_profiles(engine, profile):
    from core.profiles import profile_id

    other = profile_id(engine, "另一个人")
    import_file(engine, profile, "wechat.csv", WECHAT_BILL)
    report = import_file(engine, other, "bocom.csv", BOCOM_DEBIT)
    assert report.paired == 0


def test_every_pair_involves_rows_a_few_days_apart_only(engine, profile):
    """A bank row a week away from the platform's row of the same amount stays counted."""
    bank = files.bocom_debit([("2026-09-20", "网上支付", "借 Dr", "88.00", "财付通-永辉超市")])
    import_file(engine, profile, "bocom.csv", bank)
    import_file(engine, profile, "wechat.csv", WECHAT_BILL)
    assert paired_rows(engine, profile).empty
