"""Every layout read end to end from files built in code, as the apps export them."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from core.importing import ImportRefused, preview_file
from tests.filemakers import (
    WECHAT_HEADER,
    alipay_new_csv,
    alipay_old_csv,
    csv_bytes,
    mint_csv,
    wechat_csv,
    wechat_record,
    wechat_xlsx,
    xls_bytes,
    xlsx_bytes,
)

T = dt.datetime(2026, 9, 3, 12, 30, 5)


def _wechat_records() -> list[tuple]:
    return [
        wechat_record(T, "商户消费", "美宜佳", "饮料", "支出", "5.50"),
        wechat_record(T, "商户消费", "京东", "耳机", "支出", "199.00", "已全额退款", "A1"),
        wechat_record(T, "商户消费-退款", "京东", "耳机", "收入", "199.00", "已全额退款", "A2"),
        wechat_record(T, "转账", "妈妈", "/", "收入", "500.00", "已存入零钱"),
        wechat_record(T, "零钱提现", "招商银行", "/", "/", "300.00", "提现已到账"),
        wechat_record(T, "零钱充值", "工商银行", "/", "/", "100.00", "充值完成"),
        wechat_record(T, "转账", "小王", "/", "支出", "50.00", "对方已退还"),
        wechat_record(T, "商户消费", "滴滴出行", "打车", "支出", "23.00", "支付失败"),
        wechat_record(T, "扫二维码付款", "早餐店", "/", "支出", "8.00", "已转账"),
    ]


def _check_wechat(preview):
    rows = preview.rows
    assert preview.layout == "wechat"
    assert preview.skipped == 2
    assert preview.invalid == []
    assert rows["amount_cents"].tolist() == [-550, -19900, 19900, 50000, -30000, -10000, -800]
    assert rows["kind"].tolist() == [
        "expense", "expense", "expense", "income", "transfer", "transfer", "expense",
    ]  # fmt: skip
    refund = rows[rows["source_category"] == "商户消费-退款"]
    assert rows.loc[rows["description"] == "耳机", "amount_cents"].sum() == 0
    assert refund["kind"].item() == "expense"
    assert rows["date"].tolist() == [dt.date(2026, 9, 3)] * 7
    assert rows["fingerprint"].iloc[1] == "wechat:A1"
    assert rows["counterparty"].iloc[0] == "美宜佳"
    assert rows["description"].iloc[3] == ""  # "/" means nothing
    assert preview.mapping == {
        "date": "交易时间",
        "amount": "金额(元)",
        "direction": "收/支",
        "category": "交易类型",
        "description": "商品",
        "counterparty": "交易对方",
    }


def test_wechat_csv():
    preview = preview_file("微信支付账单.csv", wechat_csv(_wechat_records()))
    _check_wechat(preview)
    assert preview.rows["row"].tolist() == [18, 19, 20, 21, 22, 23, 26]
    assert not preview.rows["fingerprint"].str.contains("\t").any()


@pytest.mark.parametrize(("extra_note", "first_row"), [(False, 18), (True, 19)])
def test_wechat_xlsx_header_on_row_17_or_18(extra_note, first_row):
    preview = preview_file("账单.xlsx", wechat_xlsx(_wechat_records(), extra_note=extra_note))
    _check_wechat(preview)
    assert preview.rows["row"].iloc[0] == first_row
    assert preview.sheets == ["微信支付账单明细"]


def test_wechat_csv_and_xlsx_agree_and_reimport_gives_the_same_fingerprints():
    from_csv = preview_file("a.csv", wechat_csv(_wechat_records()))
    from_xlsx = preview_file("b.xlsx", wechat_xlsx(_wechat_records()))
    assert from_csv.rows["fingerprint"].tolist() == from_xlsx.rows["fingerprint"].tolist()
    assert from_csv.rows["amount_cents"].tolist() == from_xlsx.rows["amount_cents"].tolist()


def test_alipay_old_gbk_with_padding_and_trailing_commas():
    records = [
        ("2026090322001", T, "盒马鲜生", "蔬菜水果", "68.40", "支出", "交易成功"),
        ("2026090322002", T, "余额宝", "余额宝-自动转入", "1000.00", "", "交易成功"),
        ("2026090322003", T, "淘宝店铺", "T恤", "59.00", "支出", "交易关闭"),
        ("2026090322004", T, "淘宝店铺", "退款-鞋子", "120.00", "收入", "退款成功"),
        ("2026090322005", T, "李四", "还钱", "200.00", "收入", "交易成功"),
    ]
    data = alipay_old_csv(records)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    preview = preview_file("alipay_record.csv", data)
    rows = preview.rows
    assert preview.layout == "alipay"
    assert preview.skipped == 1
    assert preview.invalid == []
    assert rows["amount_cents"].tolist() == [-6840, -100000, 12000, 20000]
    assert rows["kind"].tolist() == ["expense", "transfer", "expense", "income"]
    assert rows["fingerprint"].tolist()[0] == "alipay:2026090322001"
    assert rows["counterparty"].tolist()[0] == "盒马鲜生"
    assert rows["row"].tolist() == [6, 7, 9, 10]


def test_alipay_old_partial_refund_counts_only_what_was_kept():
    records = [
        (
            "2026090322011",
            T,
            "京东",
            "鞋子两双",
            "300.00",
            "支出",
            "交易成功",
            "即时到账交易",
            "120.00",
        ),
        (
            "2026090322012",
            T,
            "淘宝店铺",
            "台灯",
            "80.00",
            "支出",
            "交易成功",
            "即时到账交易",
            "0.00",
        ),
        ("2026090322013", T, "李四", "还钱", "50.00", "收入", "交易成功", "即时到账交易", "9.00"),
        ("2026090322014", T, "天猫", "被子", "99.00", "支出", "交易成功", "即时到账交易", "?"),
    ]
    rows = preview_file("alipay_record.csv", alipay_old_csv(records)).rows
    assert rows["amount_cents"].tolist() == [-18000, -8000, 5000, -9900]


def test_a_trade_never_paid_moved_no_money():
    records = [
        ("2026090322021", T, "淘宝店铺", "茶叶", "45.00", "支出", "等待付款"),
        ("2026090322022", T, "淘宝店铺", "茶杯", "30.00", "支出", "等待确认收货"),  # paid
    ]
    preview = preview_file("alipay_record.csv", alipay_old_csv(records))
    assert preview.rows["amount_cents"].tolist() == [-3000]
    assert preview.skipped == 1


def test_alipay_new_form():
    records = [
        (T, "餐饮美食", "肯德基", "早餐", "支出", "15.50", "交易成功", "2026090311001"),
        (T, "信用借还", "花呗", "花呗还款", "不计收支", "320.00", "还款成功", "2026090311002"),
        (T, "退款", "拼多多", "退款-纸巾", "收入", "9.90", "退款成功", "2026090311003"),
        (T, "日用百货", "拼多多", "纸巾", "支出", "9.90", "交易成功", "2026090311004"),
        (T, "日用百货", "拼多多", "牙刷", "支出", "12.00", "交易关闭", "2026090311005"),
    ]
    preview = preview_file("支付宝交易明细.csv", alipay_new_csv(records))
    rows = preview.rows
    assert preview.layout == "alipay"
    assert preview.skipped == 1
    assert rows["kind"].tolist() == ["expense", "transfer", "expense", "expense"]
    assert rows["amount_cents"].tolist() == [-1550, -32000, 990, -990]
    assert rows.loc[rows["kind"] != "transfer", "amount_cents"].iloc[1:].sum() == 0
    assert rows["source_category"].tolist()[0] == "餐饮美食"
    assert rows["fingerprint"].tolist()[0] == "alipay:2026090311001"


def test_mint_month_first_dates_and_debit_credit():
    records = [
        ("8/1/2026", "Paycheck", "3200.00", "credit", "Paycheck"),
        ("8/3/2026", "Whole Foods", "84.12", "debit", "Groceries"),
        ("8/5/2026", "Transfer to Savings", "500.00", "debit", "Transfer"),
        ("8/6/2026", "Chase Card Payment", "250.00", "debit", "Credit Card Payment"),
        ("8/9/2026", "Amazon", "19.99", "credit", "Refund"),
    ]
    preview = preview_file("transactions.csv", mint_csv(records))
    rows = preview.rows
    assert preview.layout == "mint"
    assert rows["date"].tolist()[:2] == [dt.date(2026, 8, 1), dt.date(2026, 8, 3)]
    assert rows["amount_cents"].tolist() == [320000, -8412, -50000, -25000, 1999]
    assert rows["kind"].tolist() == ["income", "expense", "transfer", "transfer", "expense"]
    assert preview.mapping["direction"] == "Transaction Type"


TITLE = ["2026年9月家庭收支表"]
HEADER_CN = ["日期", "类别", "说明", "收入", "支出"]


def test_budget_income_and_expense_columns_title_blank_and_totals_rows():
    sheet = [
        TITLE,
        [],
        HEADER_CN,
        [dt.date(2026, 9, 1), "工资", "9月工资", 10500, None],
        ["2026/9/2", "餐饮", "买菜", None, "¥56.50"],
        [None, None, None, None, None],
        ["2026年9月3日", "交通", "地铁", "", 4],
        [dt.date(2026, 9, 4), None, None, None, None],  # a template's pre-filled day
        [dt.date(2026, 9, 5), None, None, 0, 0],
        ["合计", None, None, 10500, 60.5],
    ]
    preview = preview_file("家庭账本.xlsx", xlsx_bytes({"9月": sheet}))
    rows = preview.rows
    assert preview.layout == "budget"
    assert rows["row"].tolist() == [4, 5, 7]
    assert rows["amount_cents"].tolist() == [1050000, -5650, -400]
    assert rows["kind"].tolist() == ["income", "expense", "expense"]
    assert rows["source_category"].tolist() == ["工资", "餐饮", "交通"]
    assert preview.invalid == []
    assert preview.mapping == {
        "date": "日期",
        "income": "收入",
        "expense": "支出",
        "category": "类别",
        "description": "说明",
    }
    assert preview.columns == HEADER_CN


def test_a_legacy_xls_workbook_with_a_sheet_per_month():
    september = [TITLE, HEADER_CN, [dt.date(2026, 9, 1), "工资", "9月工资", 10500, None]]
    october = [
        ["2026年10月家庭收支表"],
        HEADER_CN,
        [dt.date(2026, 10, 2), "餐饮", "买菜", None, 56.5],
        ["合计", None, None, None, 56.5],
    ]
    preview = preview_file("账本.xls", xls_bytes({"9月": september, "10月": october}))
    assert preview.layout == "budget" and preview.invalid == []
    rows = preview.rows
    assert rows["sheet"].tolist() == ["9月", "10月"]
    assert rows["date"].tolist() == [dt.date(2026, 9, 1), dt.date(2026, 10, 2)]
    assert rows["amount_cents"].tolist() == [1050000, -5650]


def test_budget_signed_amount_english_headers_are_month_first():
    data = csv_bytes(
        [
            ["Date", "Description", "Category", "Amount"],
            ["9/4/2026", "Salary", "Income", "3,100.00"],
            ["9/5/2026", "Rent", "Housing", "(1,200.00)"],
            ["9/6/2026", "Coffee", "Food", "-4.50"],
            ["", "Total", "", "1,895.50"],
        ]
    )
    preview = preview_file("budget.csv", data)
    rows = preview.rows
    assert rows["date"].tolist() == [dt.date(2026, 9, d) for d in (4, 5, 6)]
    assert rows["amount_cents"].tolist() == [310000, -120000, -450]
    assert rows["kind"].tolist() == ["income", "expense", "expense"]


def test_budget_unsigned_amount_with_direction_column():
    data = csv_bytes(
        [
            ["日期", "收支", "金额", "分类", "备注"],
            ["2026-09-01", "收入", "9800", "工资", ""],
            ["2026-09-02", "支出", "35.8", "餐饮", "午饭"],
            ["2026-09-03", "不计收支", "2000", "转账", "存到余额宝"],
            ["2026-09-04", "借入", "100", "其他", ""],
        ],
        encoding="gbk",
    )
    preview = preview_file("记账.csv", data)
    assert preview.rows["amount_cents"].tolist() == [980000, -3580, -200000]
    assert preview.rows["kind"].tolist() == ["income", "expense", "transfer"]
    [error] = preview.invalid
    assert (error.row, error.column, error.value, error.key) == (
        5,
        "收支",
        "借入",
        "import.bad_direction",
    )


def test_workbook_with_a_sheet_per_month_and_a_notes_sheet():
    def month(m: int) -> list[list[object]]:
        return [
            [f"2026年{m}月"],
            HEADER_CN,
            [dt.date(2026, m, 1), "工资", "工资", 10000, None],
            [dt.date(2026, m, 5), "房租", "房租", None, 2500],
            ["总计", None, None, 10000, 2500],
        ]

    data = xlsx_bytes(
        {"7月": month(7), "说明": [["本表记录家庭收支"], ["密码：无"]], "8月": month(8)}
    )
    preview = preview_file("2026账本.xlsx", data)
    assert preview.sheets == ["7月", "8月"]
    assert preview.rows["sheet"].tolist() == ["7月", "7月", "8月", "8月"]
    assert preview.rows["amount_cents"].sum() == 2 * (1000000 - 250000)


def test_invalid_rows_are_listed_not_raised():
    sheet = [
        HEADER_CN,
        [dt.date(2026, 9, 1), "餐饮", "早饭", None, 6],
        ["2026-13-01", "餐饮", "午饭", None, 20],
        [dt.date(2026, 9, 2), "餐饮", "晚饭", None, "二十"],
        [None, "餐饮", "夜宵", None, 15],
        ["9月3日", "餐饮", "零食", "x", "y"],
    ]
    preview = preview_file("坏行.xlsx", xlsx_bytes({"Sheet1": sheet}))
    assert preview.rows["row"].tolist() == [2]
    found = [(e.sheet, e.row, e.column, e.value, e.key) for e in preview.invalid]
    assert found == [
        ("Sheet1", 3, "日期", "2026-13-01", "import.bad_date"),
        ("Sheet1", 4, "支出", "二十", "import.bad_amount"),
        ("Sheet1", 5, "日期", "", "import.missing_date"),
        ("Sheet1", 6, "收入", "x", "import.bad_amount"),
        ("Sheet1", 6, "支出", "y", "import.bad_amount"),
        ("Sheet1", 6, "日期", "9月3日", "import.bad_date"),
    ]
    assert "row 4" in preview.invalid[1].message("en")
    assert "第 4 行" in preview.invalid[1].message("zh")
    assert "二十" in str(preview.invalid[1])


def test_identical_purchases_are_both_kept_and_fingerprints_are_stable():
    rows = [
        ["日期", "说明", "金额"],
        ["2026-09-01", "地铁", "-4"],
        ["2026-09-01", "地铁", "-4"],
        ["2026-09-01", "地铁", "-5"],
    ]
    first = preview_file("a.csv", csv_bytes(rows)).rows["fingerprint"].tolist()
    again = preview_file("a.csv", csv_bytes(rows)).rows["fingerprint"].tolist()
    assert first == again
    assert len(set(first)) == 3
    assert all(len(f) <= 80 for f in first)
    overlapping = preview_file("b.csv", csv_bytes([*rows[:2], ["2026-09-02", "公交", "-2"]]))
    assert overlapping.rows["fingerprint"].iloc[0] == first[0]


def test_mapping_override_picks_other_columns():
    data = csv_bytes(
        [
            ["日期", "金额", "实付", "用途"],
            ["2026-09-01", "-100", "-90", "买菜"],
            ["2026-09-02", "-50", "-45", "打车"],
        ]
    )
    guessed = preview_file("a.csv", data)
    assert guessed.mapping["amount"] == "金额"
    assert guessed.rows["amount_cents"].tolist() == [-10000, -5000]
    chosen = preview_file(
        "a.csv", data, mapping={"date": "日期", "amount": "实付", "description": "用途"}
    )
    assert chosen.rows["amount_cents"].tolist() == [-9000, -4500]
    assert chosen.mapping == {"date": "日期", "amount": "实付", "description": "用途"}


def test_mapping_rescues_headers_nobody_could_guess():
    data = csv_bytes([["when", "how much"], ["2026-09-01", "12.00"]])
    with pytest.raises(ImportRefused) as refused:
        preview_file("odd.csv", data)
    assert refused.value.key == "import.refused_no_header"
    preview = preview_file("odd.csv", data, mapping={"date": "when", "amount": "how much"})
    assert preview.rows["amount_cents"].tolist() == [1200]
    assert preview.columns == ["when", "how much"]


@pytest.mark.parametrize(
    ("mapping", "key"),
    [
        ({"date": "日期", "amount": "不存在"}, "import.refused_mapping_column"),
        ({"date": "日期"}, "import.refused_mapping_incomplete"),
        ({"date": "日期", "amount": "金额", "colour": "x"}, "import.refused_mapping_incomplete"),
    ],
)
def test_bad_mapping_is_refused_naming_the_file(mapping, key):
    data = csv_bytes([["日期", "金额"], ["2026-09-01", "1"]])
    with pytest.raises(ImportRefused) as refused:
        preview_file("m.csv", data, mapping=mapping)
    assert refused.value.key == key
    assert "m.csv" in str(refused.value)
    if key == "import.refused_mapping_column":
        assert refused.value.params["column"] == "不存在"
    assert "m.csv" in refused.value.message("zh")


def test_mapping_is_ignored_for_bill_exports():
    preview = preview_file(
        "w.csv", wechat_csv(_wechat_records()), mapping={"date": "x", "amount": "y"}
    )
    assert preview.layout == "wechat"


def _sample_builder():
    path = Path(__file__).parents[1] / "sample_data" / "make_samples.py"
    spec = importlib.util.spec_from_file_location("make_samples", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build


def test_samples_are_current_and_import_cleanly():
    folder = Path(__file__).parents[1] / "sample_data"
    expected = {
        "family_budget_2025.xlsx": "budget",
        "wechat_bill.csv": "wechat",
        "alipay_bill.csv": "alipay",
        "budget_en.csv": "budget",
    }
    built = _sample_builder()()
    assert set(built) == set(expected)
    for name, layout in expected.items():
        preview = preview_file(name, built[name])
        if name.endswith(".xlsx"):  # openpyxl writes other bytes with lxml installed or not
            shipped = preview_file(name, (folder / name).read_bytes())
            assert shipped.rows.equals(preview.rows), f"{name}: run make_samples.py"
        else:
            assert (folder / name).read_bytes() == built[name], f"{name}: run make_samples.py"
        assert (preview.layout, preview.invalid) == (layout, [])
        assert preview.rows["date"].max() <= dt.date(2026, 10, 31)
        assert set(preview.rows["kind"]) >= {"income", "expense"}
    family = preview_file("f.xlsx", built["family_budget_2025.xlsx"])
    assert len(family.sheets) >= 3
    assert "说明" not in family.sheets
    monthly = family.rows.groupby("sheet")["amount_cents"]
    assert (monthly.sum().abs() < 0.1 * family.rows[family.rows["kind"] == "income"]
            .groupby("sheet")["amount_cents"].sum()).all()  # fmt: skip
    assert family.rows["description"].str.contains("微粒贷").any()


def test_content_fingerprint_is_pinned_so_earlier_imports_stay_recognised():
    rows = [["日期", "说明", "金额"], ["2026-09-01", "地铁", "-4"]]
    preview = preview_file("a.csv", csv_bytes(rows))
    assert preview.rows["fingerprint"].tolist() == ["a9e397fdd0b519d4"]
    # the same transaction from an xlsx with a real date cell and a number
    sheet = [["日期", "说明", "金额"], [dt.date(2026, 9, 1), "地铁", -4.0]]
    again = preview_file("a.xlsx", xlsx_bytes({"S": sheet}))
    assert again.rows["fingerprint"].tolist() == ["a9e397fdd0b519d4"]


def test_bank_style_debit_and_credit_columns():
    data = csv_bytes(
        [
            ["Account: 6222 **** 1234"],
            ["Posted Date", "Details", "Debit", "Credit", "Balance"],
            ["09/01/2026", "SALARY", "", "8,800.00", "9,100.00"],
            ["09/02/2026", "RENT", "2,500.00", "", "6,600.00"],
            ["09/13/2026", "GROCERIES", "-120.40", "", "6,479.60"],
        ]
    )
    preview = preview_file("statement.csv", data)
    assert preview.mapping == {
        "date": "Posted Date",
        "income": "Credit",
        "expense": "Debit",
        "description": "Details",
    }
    assert preview.rows["amount_cents"].tolist() == [880000, -250000, -12040]
    assert preview.rows["date"].tolist()[2] == dt.date(2026, 9, 13)


def test_year_from_the_title_and_dashes_for_empty_cells():
    sheet = [
        ["2026年9月 家庭记账"],
        HEADER_CN,
        ["9月3日", "餐饮", "早饭", "-", 12],
        ["9/4", "工资", "工资", 9800, "—"],
    ]
    preview = preview_file("账本.xlsx", xlsx_bytes({"九月": sheet}))
    assert preview.invalid == []
    assert preview.rows["date"].tolist() == [dt.date(2026, 9, 3), dt.date(2026, 9, 4)]
    assert preview.rows["amount_cents"].tolist() == [-1200, 980000]
    undated = preview_file("账本.xlsx", xlsx_bytes({"九月": sheet[1:]}))
    assert [e.key for e in undated.invalid] == ["import.bad_date", "import.bad_date"]


def test_order_numbers_excel_rounded_fall_back_to_the_content_fingerprint():
    """A 28-digit 交易单号 saved by Excel as a number (4.2e27), or as 2.02609E+18 text, or
    as its first 15 digits padded with zeros, names every trade alike: each row is then
    told by its content, so none is dropped as "already there"."""
    days = range(1, 6)
    records = [
        wechat_record(dt.datetime(2026, 10, d, 12), "商户消费", f"店{d}", "货", "支出", f"1{d}.00")
        for d in days
    ]
    rows = [[r[0], *r[1:5], float(r[5]), r[6], r[7], float(r[8]), *r[9:]] for r in records]
    rows[4][8] = 123456789012  # a short whole number is exact in Excel: still the id
    sheet = [list(WECHAT_HEADER), *rows]
    fingerprints = preview_file("w.xlsx", xlsx_bytes({"S": sheet})).rows["fingerprint"].tolist()
    assert len(set(fingerprints)) == 5
    assert not any(f.startswith("wechat:") for f in fingerprints[:4])
    assert fingerprints[4] == "wechat:123456789012"
    again = preview_file("w.xlsx", xlsx_bytes({"S": sheet})).rows["fingerprint"].tolist()
    assert again == fingerprints

    for number in ("2.02609E+18", "2026090322001230000000000000"):
        records = [
            (number, T, "饿了么", "午餐", "57.35", "支出", "交易成功"),
            (number, T, "淘宝", "收纳盒", "15.23", "支出", "交易成功"),
        ]
        preview = preview_file("alipay_record.csv", alipay_old_csv(records))
        assert preview.rows["amount_cents"].tolist() == [-5735, -1523]
        fingerprints = preview.rows["fingerprint"].tolist()
        assert len(set(fingerprints)) == 2 and not any("alipay:" in f for f in fingerprints)


@pytest.mark.parametrize(
    ("header", "income", "expense"),
    [
        ("类型", "收入", "支出"),
        ("类别", "收入", "支出"),
        ("Category", "Income", "Expense"),
        ("收支情况", "收入", "支出"),  # a header nobody maps: still the direction
    ],
)
def test_a_column_of_only_income_and_expense_words_is_the_direction(header, income, expense):
    data = csv_bytes(
        [
            ["日期", header, "金额", "备注"],
            ["2026-10-01", income, "5000", "工资"],
            ["2026-10-02", expense, "30", "午饭"],
            ["2026-10-03", "", "-12", "地铁"],  # no word: the amount's own sign
        ]
    )
    preview = preview_file("账本.csv", data)
    assert preview.rows["amount_cents"].tolist() == [500000, -3000, -1200]
    assert preview.rows["kind"].tolist() == ["income", "expense", "expense"]
    assert preview.mapping["direction"] == header
    assert "category" not in preview.mapping
    assert preview.rows["source_category"].tolist() == ["", "", ""]
    # the same column chosen as the category in a mapping of one's own
    if header != "收支情况":
        chosen = {"date": "日期", "amount": "金额", "category": header}
        rows = preview_file("账本.csv", data, mapping=chosen).rows
        assert rows["amount_cents"].tolist() == [500000, -3000, -1200]


def test_unpaid_trades_in_every_wording_are_left_out():
    statuses = ["等待买家付款", "待付款", "未支付", "等待付款", "交易成功", "等待确认收货"]
    statuses += ["买家已付款，等待卖家发货"]
    records = [
        (f"20261001220{i:02d}", T, "淘宝", f"货{i}", "10.00", "支出", status)
        for i, status in enumerate(statuses)
    ]
    preview = preview_file("alipay_record.csv", alipay_old_csv(records))
    assert preview.rows["description"].tolist() == ["货4", "货5", "货6"]
    assert preview.skipped == 4


def test_a_decimal_comma_is_listed_not_read_a_hundred_times_too_large():
    data = b"Date;Amount;Memo\r\n2026-10-01;-12,50;Coffee\r\n2026-10-02;-3.20;Tea\r\n"
    preview = preview_file("bank.csv", data)
    assert preview.rows["amount_cents"].tolist() == [-320]
    [error] = preview.invalid
    assert (error.row, error.column, error.value, error.key) == (
        2,
        "Amount",
        "-12,50",
        "import.decimal_comma",
    )
    assert "12.50" in error.message("en") and "12.50" in error.message("zh")
    # a column written the European way throughout is read that way
    european = b"Date;Amount;Memo\r\n2026-10-01;-12,50;Coffee\r\n2026-10-02;-1.234,56;Rent\r\n"
    preview = preview_file("bank.csv", european)
    assert preview.invalid == []
    assert preview.rows["amount_cents"].tolist() == [-1250, -123456]


def test_a_dated_row_with_an_empty_amount_is_listed_not_dropped():
    sheet = [
        HEADER_CN,
        [dt.date(2026, 9, 1), "餐饮", "早饭", None, 6],
        [dt.date(2026, 9, 2), "餐饮", "午饭", None, None],  # the amount is missing
        [dt.date(2026, 9, 3), None, None, None, None],  # a template's pre-filled day
        [dt.date(2026, 9, 4), None, None, 0, "0.00"],  # a date and zeros
        [dt.date(2026, 9, 5), None, "期初余额", None, None],  # a balance line
    ]
    preview = preview_file("账本.xlsx", xlsx_bytes({"9月": sheet}))
    assert preview.rows["row"].tolist() == [2]
    found = [(e.row, e.column, e.key) for e in preview.invalid]
    assert found == [(3, "支出", "import.missing_amount")]
    assert "第 3 行" in preview.invalid[0].message("zh")
    data = csv_bytes([["Date", "Memo", "Amount"], ["9/1/2026", "Lunch", ""], ["9/2/2026", "", ""]])
    [error] = preview_file("b.csv", data).invalid
    assert (error.row, error.column, error.key) == (2, "Amount", "import.missing_amount")


@pytest.mark.parametrize(
    "label",
    [
        "支出合计",
        "收入合计",
        "总收入",
        "总支出",
        "收支合计",
        "本月合计",
        "9月合计：",
        "合计（元）",
        "Monthly total",
        "Total expenses",
        "Grand Total",
        "Subtotal",
        "TOTAL:",
    ],
)
def test_totals_rows_in_every_wording_are_not_transactions(label):
    sheet = [HEADER_CN, [dt.date(2026, 9, 1), "餐饮", "早饭", None, 6], [None, None, label, 0, 6]]
    preview = preview_file("账本.xlsx", xlsx_bytes({"9月": sheet}))
    assert preview.invalid == []
    assert preview.rows["amount_cents"].tolist() == [-600]


@pytest.mark.parametrize("text", ["Net pay", "Balance transfer", "合计餐费报销", "总收入调整"])
def test_a_description_with_a_totals_word_in_it_is_a_transaction(text):
    sheet = [
        HEADER_CN,
        [dt.date(2026, 9, 1), "餐饮", "早饭", None, 6],
        [None, None, text, 100, None],
    ]
    preview = preview_file("账本.xlsx", xlsx_bytes({"9月": sheet}))
    assert [(e.row, e.key) for e in preview.invalid] == [(3, "import.missing_date")]


def test_a_mapping_reads_every_sheet_with_its_date_and_amount_columns():
    september = [HEADER_CN, ["2026-09-01", "工资", "x", 5000, None]]
    october = [["日期", "类别", "备注", "收入", "支出"], ["2026-10-02", "餐饮", "午饭", None, 30]]
    notes = [["说明"], ["本表记录家庭收支"]]
    data = xlsx_bytes({"9月": september, "说明": notes, "10月": october})
    mapping = {
        "date": "日期",
        "income": "收入",
        "expense": "支出",
        "description": "说明",
        "category": "类别",
    }
    preview = preview_file("two.xlsx", data, mapping=mapping)
    assert preview.sheets == ["9月", "10月"]
    assert preview.rows["amount_cents"].tolist() == [500000, -3000]
    assert preview.rows["description"].tolist() == ["x", ""]
    assert preview.rows["source_category"].tolist() == ["工资", "餐饮"]
    assert preview.mapping == mapping


def test_a_closed_purchase_and_its_refund_both_leave_nothing():
    """Alipay closes a trade refunded in full: the purchase is left out as closed, so its
    refund row must not count as money back either."""
    old = [
        ("2026100122001", T, "天猫", "台灯", "89.00", "支出", "交易关闭"),
        ("2026100322002", T, "天猫", "退款-台灯", "89.00", "收入", "退款成功"),
        ("2026100522003", T, "盒马", "菜", "50.00", "支出", "交易成功"),
        ("2026100522004", T, "淘宝", "T恤", "59.00", "支出", "交易关闭"),
        ("2026100522005", T, "淘宝", "退款-鞋子", "120.00", "收入", "退款成功"),  # another
    ]
    preview = preview_file("alipay_record.csv", alipay_old_csv(old))
    assert preview.rows["description"].tolist() == ["菜", "退款-鞋子"]
    assert preview.rows["amount_cents"].tolist() == [-5000, 12000]
    assert preview.skipped == 3
    new = [
        (T, "日用百货", "拼多多", "牙刷", "支出", "12.00", "交易关闭", "2026090311005"),
        (T, "退款", "拼多多", "退款-牙刷", "收入", "12.00", "退款成功", "2026090311006"),
        (T, "日用百货", "京东", "台灯", "支出", "89.00", "交易关闭", "2026090311007"),
        (T, "退款", "京东", "售后退款", "收入", "89.00", "退款成功", "2026090311007_1"),
        (T, "日用百货", "拼多多", "纸巾", "支出", "9.90", "交易成功", "2026090311008"),
        (T, "退款", "拼多多", "退款-纸巾", "收入", "9.90", "退款成功", "2026090311009"),
    ]
    preview = preview_file("支付宝交易明细.csv", alipay_new_csv(new))
    assert preview.rows["description"].tolist() == ["纸巾", "退款-纸巾"]
    assert preview.rows["amount_cents"].sum() == 0
    assert preview.skipped == 4


@pytest.mark.parametrize(
    "header",
    [["日期", "项目", "类别", "金额"], ["日期", "类别", "项目", "金额"]],
)
def test_item_and_category_columns_item_is_what_category_is_the_category(header):
    """项目 is the description beside a 类别 column, in either order."""
    cells = {"日期": "2026-10-05", "项目": "早餐", "类别": "餐饮", "金额": "-12.50"}
    preview = preview_file("账本.xlsx", xlsx_bytes({"10月": [header, [cells[h] for h in header]]}))
    assert preview.mapping["category"] == "类别" and preview.mapping["description"] == "项目"
    assert preview.rows["source_category"].tolist() == ["餐饮"]
    assert preview.rows["description"].tolist() == ["早餐"]


def test_item_alone_is_the_category():
    data = csv_bytes([["日期", "项目", "备注", "金额"], ["2026-10-05", "餐饮", "早餐", "-12.50"]])
    preview = preview_file("账本.csv", data)
    assert preview.rows["source_category"].tolist() == ["餐饮"]
    assert preview.rows["description"].tolist() == ["早餐"]
