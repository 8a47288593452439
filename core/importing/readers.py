"""File bytes to grids of cells, whatever the extension claims.

The format is told from the content: bill exports are often renamed, and a
"表格.xls" from a bank may really be CSV text.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from core.importing.errors import ImportRefused

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (",", "\t", ";")


@dataclass(frozen=True)
class Grid:
    """One sheet as a person sees it: `rows[0]` is spreadsheet row 1."""

    name: str
    rows: list[list[object]]


def read_grids(file_name: str, data: bytes) -> list[Grid]:
    if not data.strip():
        raise ImportRefused("import.refused_empty", file=file_name)
    if data.startswith((_ZIP, _OLE)):
        return _read_workbook(file_name, data)
    return [Grid(file_name, _read_csv(file_name, decode_text(file_name, data)))]


def _read_workbook(file_name: str, data: bytes) -> list[Grid]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # Chart and macro sheets hold no cells to read.
        return [
            Grid(
                sheet.name, workbook.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
            )
            for sheet in workbook.sheets_metadata
            if sheet.typ == SheetTypeEnum.WorkSheet
        ]
    except (CalamineError, ValueError, OSError) as exc:
        raise ImportRefused("import.refused_corrupt", file=file_name) from exc


def decode_text(file_name: str, data: bytes) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern) or GBK/GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if b"\x00" in sample:
        odd, even = sample[1::2].count(0), sample[::2].count(0)
        # Digits and commas in UTF-16 leave a NUL in every other byte (the odd ones
        # little-endian); a few CJK characters such as 一 (U+4E00) add one on the other side.
        if odd > len(sample) // 8 and odd > 4 * even:
            return data.decode("utf-16-le", errors="replace")
        if even > len(sample) // 8 and even > 4 * odd:
            return data.decode("utf-16-be", errors="replace")
        raise ImportRefused("import.refused_not_spreadsheet", file=file_name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused("import.refused_encoding", file=file_name)


def _read_csv(file_name: str, text: str) -> list[list[object]]:
    sample = text[:65536]
    delimiter = max(_DELIMITERS, key=sample.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportRefused("import.refused_not_spreadsheet", file=file_name) from exc
