"""Bytes to grids: formats told by content, text encodings, and every refusal."""

from __future__ import annotations

import io
import zipfile

import pytest

from core.importing import ImportRefused, preview_file
from core.importing.readers import read_grids
from tests.filemakers import csv_bytes, xlsx_bytes

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
        "description", "counterparty", "source_category", "fingerprint",
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
