"""Bytes to grids: formats told by content, text encodings, and every refusal."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from core.importing import ImportRefused, preview_file
from core.importing.readers import guess_delimiter, read_grids
from tests.filemakers import csv_bytes, xls_bytes, xlsx_bytes

ROWS = [
    ["日期", "说明", "金额"],
    ["2026-09-01", "早餐（豆浆）一份", "-6.50"],  # 一 is U+4E00: a NUL byte in UTF-16 too
    ["2026-09-02", "工资", "9800"],
]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", False),
        ("utf-8", True),
        ("gbk", False),
        ("gb18030", False),
        ("utf-16-le", True),
        ("utf-16-be", True),
        ("utf-16-le", False),
        ("utf-16-be", False),
    ],
)
def test_csv_encodings_are_told_by_content(encoding, bom):
    [grid] = read_grids("x.csv", csv_bytes(ROWS, encoding=encoding, bom=bom))
    assert grid.rows == ROWS


def test_gb18030_only_characters():
    rows = [["日期", "说明", "金额"], ["2026-09-01", "𠮷野家", "-30"]]
    preview = preview_file("x.csv", csv_bytes(rows, encoding="gb18030"))
    assert preview.rows["description"].tolist() == ["𠮷野家"]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_other_delimiters(delimiter):
    text = "\r\n".join(delimiter.join(row) for row in ROWS)
    preview = preview_file("x.csv", text.encode())
    assert preview.rows["amount_cents"].tolist() == [-650, 980000]


def test_a_workbook_named_csv_and_a_csv_named_xlsx_are_both_read():
    assert preview_file("x.csv", xlsx_bytes({"S": ROWS})).rows["amount_cents"].sum() == 979350
    assert preview_file("x.xlsx", csv_bytes(ROWS)).rows["amount_cents"].sum() == 979350


def test_workbook_rows_keep_their_spreadsheet_numbers_below_empty_rows():
    [grid] = read_grids("x.xlsx", xlsx_bytes({"S": [[], [], *ROWS]}))
    assert grid.rows[2] == ROWS[0]
    assert preview_file("x.xlsx", xlsx_bytes({"S": [[], [], *ROWS]})).rows["row"].tolist() == [4, 5]


def _truncated_xlsx() -> bytes:
    data = xlsx_bytes({"S": ROWS})
    return data[: len(data) // 2]


def _zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "import.refused_empty"),
        (b"  \r\n\r\n", "import.refused_empty"),
        (_truncated_xlsx(), "import.refused_corrupt"),
        (_zip_without_workbook(), "import.refused_corrupt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "import.refused_corrupt"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "import.refused_not_spreadsheet"),
        (b"date,amount\n\x80\xff" * 10, "import.refused_encoding"),
        ("这是一封信，不是账单。\n谢谢。".encode(), "import.refused_no_header"),
        (csv_bytes([["名字", "电话"], ["张三", "138"]]), "import.refused_no_header"),
        (xlsx_bytes({"说明": [["备注"]], "Sheet2": [["a", "b"]]}), "import.refused_no_header"),
    ],
)
def test_refusals_name_the_file_in_both_languages(data, key):
    with pytest.raises(ImportRefused) as refused:
        preview_file("我的账单.xlsx", data)
    assert refused.value.key == key
    assert refused.value.params["file"] == "我的账单.xlsx"
    assert "我的账单.xlsx" in str(refused.value)
    assert "我的账单.xlsx" in refused.value.message("zh")
    assert refused.value.message("zh") != refused.value.message("en")


def test_header_only_file_is_an_empty_preview_not_a_refusal():
    preview = preview_file("x.csv", csv_bytes(ROWS[:1]))
    assert preview.rows.empty
    assert list(preview.rows.columns) == [
        "sheet", "row", "date", "amount_cents", "kind",
        "description", "counterparty", "source_category", "fingerprint", "doubt",
    ]  # fmt: skip
    assert preview.sheets == []


def test_preview_carries_the_content_hash_and_column_types():
    data = csv_bytes(ROWS)
    preview = preview_file("x.csv", data)
    assert preview.content_hash == __import__("hashlib").sha256(data).hexdigest()
    assert preview.file_name == "x.csv"
    assert str(preview.rows["amount_cents"].dtype) == "int64"
    assert str(preview.rows["row"].dtype) == "int64"


def test_chart_sheets_are_passed_over():
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "明细"
    for row in ROWS:
        sheet.append(row)
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=3), titles_from_data=True)
    book.create_chartsheet("图表").add_chart(chart)
    out = io.BytesIO()
    book.save(out)
    assert [grid.name for grid in read_grids("x.xlsx", out.getvalue())] == ["明细"]


def _refused(file_name: str, data: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as refused:
        preview_file(file_name, data)
    return refused.value


def test_a_workbook_the_reader_panics_on_is_refused_as_damaged():
    """calamine panics on this truncated .xls; pyo3 raises PanicException, a BaseException."""
    data = xls_bytes({"s": [["日期", "金额"], ["2026-10-01", -5]] * 50})[:8288]
    refused = _refused("银行流水.xls", data)
    assert refused.key == "import.refused_corrupt"
    assert "银行流水.xls" in refused.message("zh")


def test_only_a_reader_panic_is_caught_not_an_interrupt(monkeypatch):
    from core.importing import readers

    panic = type("PanicException", (BaseException,), {"__module__": "pyo3_runtime"})
    for raised, expected in [(panic("index out of bounds"), ImportRefused), *(
        (exc, type(exc)) for exc in (KeyboardInterrupt(), SystemExit(1))
    )]:  # fmt: skip

        def from_filelike(_file, raised=raised):
            raise raised

        monkeypatch.setattr(readers.CalamineWorkbook, "from_filelike", from_filelike)
        with pytest.raises(expected):
            read_grids("x.xlsx", xlsx_bytes({"S": ROWS}))


def test_hidden_sheets_are_passed_over():
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "九月"
    for name, state in [("草稿", "hidden"), ("旧数据", "veryHidden"), ("十月", "visible")]:
        book.create_sheet(name).sheet_state = state
    for sheet in book.worksheets:
        for row in ROWS:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    assert [grid.name for grid in read_grids("x.xlsx", out.getvalue())] == ["九月", "十月"]
    assert preview_file("x.xlsx", out.getvalue()).sheets == ["九月", "十月"]


def _merged_workbook() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "3月"
    sheet.append(["日期", "项目", "支出"])
    sheet.append([dt.date(2025, 3, 5), "早餐", 8])
    sheet.append([None, "午餐", 25])
    sheet.append([None, "晚餐", 30])
    sheet.append(["2025/3/6", "早餐", 8])
    sheet.append([None, "午餐", 20])
    sheet.append([dt.date(2025, 3, 7), "水电", 120])
    sheet.append([None, "(同上)", None])
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("A5:A6")  # a date typed as text is merged the same way
    sheet.merge_cells("C7:C8")  # a number is money: kept in its first row only
    sheet.merge_cells("A7:A8")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_date_merged_over_a_days_rows_is_read_on_each_of_them():
    data = _merged_workbook()
    [grid] = read_grids("x.xlsx", data)
    days = [dt.date(2025, 3, 5)] * 3 + ["2025/3/6"] * 2 + [dt.date(2025, 3, 7)] * 2
    assert [row[0] for row in grid.rows[1:]] == days
    assert [row[2] for row in grid.rows[6:]] == [120, ""]
    preview = preview_file("x.xlsx", data)
    # row 8's amount is not copied from row 7's merged cell (at most it is listed as missing)
    assert all(error.row == 8 for error in preview.invalid)
    assert preview.rows["row"].tolist() == [2, 3, 4, 5, 6, 7]
    assert preview.rows["date"].tolist() == [dt.date(2025, 3, d) for d in (5, 5, 5, 6, 6, 7)]
    assert preview.rows["amount_cents"].sum() == -21100


def test_merged_dates_in_an_xls_workbook():
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("账")
    for c, name in enumerate(["日期", "项目", "支出"]):
        sheet.write(0, c, name)
    sheet.write_merge(1, 2, 0, 0, dt.date(2025, 3, 5), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    for r, (item, spent) in enumerate([("早餐", 8), ("午餐", 25)], start=1):
        sheet.write(r, 1, item)
        sheet.write(r, 2, spent)
    out = io.BytesIO()
    book.save(out)
    preview = preview_file("x.xls", out.getvalue())
    assert preview.rows["date"].tolist() == [dt.date(2025, 3, 5)] * 2
    assert preview.invalid == []


def test_tab_separated_with_commas_in_amounts_and_descriptions():
    rows = [["Date", "Description", "Amount", "Balance"]] + [
        [f"10/{d:02d}/2026", "AMAZON.COM, SEATTLE, WA", "-1,234.56", "12,345.67"]
        for d in range(1, 11)
    ]
    text = "\r\n".join("\t".join(row) for row in rows)
    for data in (text.encode("utf-16"), text.encode()):
        preview = preview_file("bank.csv", data)
        assert preview.rows["amount_cents"].tolist() == [-123456] * 10
        assert set(preview.rows["description"]) == {"AMAZON.COM, SEATTLE, WA"}


@pytest.mark.parametrize(
    ("lines", "delimiter"),
    [
        (
            ["Date\tText\tAmount", "1/10\tx, y, z, w\t-1,234.56", "2/10\tp, q, r, s\t-2,000.00"],
            "\t",
        ),
        (["Datum;Betrag", "01.10.2026;-12,50", "02.10.2026;-3,00"], ";"),
        (["title", "a,b,c", '1,"x\ty",3', '2,"z\tw",4'], ","),
        (["no delimiter", "here"], ","),
    ],
)
def test_the_delimiter_is_the_one_that_splits_the_lines_alike(lines, delimiter):
    assert guess_delimiter("\r\n".join(lines)) == delimiter


def test_a_cell_longer_than_csvs_own_limit_is_read():
    data = f"Date,Description,Amount\n2026-10-01,{'x' * 200_000},-12.50\n2026-10-02,ok,-3\n"
    preview = preview_file("long.csv", data.encode())
    assert preview.rows["amount_cents"].tolist() == [-1250, -300]
    assert preview.rows["description"].str.len().tolist() == [500, 2]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            'Date,Description,Amount\n2026-10-01,Lunch,-12.50\n2026-10-02,"12 inch pizza,-8\n'
            "2026-10-03,Rent,-800\n2026-10-04,Salary,2000\n",
            3,
        ),
        ('Date,Description,Amount\r\n2026-10-01,Lunch,-12.50\r\n2026-10-02,"pizza,-8', 3),
        (  # a quoted cell over three lines before it, in the same record
            'Date,Description,Amount,Note\n2026-10-01,"one\ntwo\r\nthree",-1,"never closed\n'
            "2026-10-02,x,-2,y\n",
            4,
        ),
    ],
    ids=["rows swallowed", "on the last line", "after a cell over lines"],
)
def test_an_unclosed_quote_refuses_the_file_naming_its_line(text, line):
    refused = _refused("我的账单.csv", text.encode())
    assert refused.key == "import.refused_unclosed_quote"
    assert refused.params == {"file": "我的账单.csv", "line": line}
    assert f"line {line} " in str(refused)
    assert f"我的账单.csv 第 {line} 行" in refused.message("zh")


def test_a_stray_quote_inside_a_cell_is_still_read():
    text = 'Date,Description,Amount\n2026-10-01,"12" pizza,-8\n2026-10-02,5" ruler,-3\n'
    preview = preview_file("x.csv", text.encode())
    assert preview.rows["description"].tolist() == ["12 pizza", '5" ruler']
