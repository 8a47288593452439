"""File bytes to grids of cells, whatever the extension claims.

The format is told from the content: bill exports are often renamed, and a
"表格.xls" from a bank may really be CSV text.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from core.importing.encodings import guess_legacy
from core.importing.errors import ImportRefused
from core.importing.rows import Rows, collect

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# On a tie the earlier one wins: commas are the likeliest to be inside values
# (thousands, decimal commas, addresses), tabs the least.
_DELIMITERS = ("\t", ";", ",")
# What the delimiter is guessed from: the text's first lines
_SAMPLE_CHARS = 65_536
_SAMPLE_ROWS = 200
# csv's own limit is 131,072 characters a field; a field can be as long as the file
# (the layouts cut text to a few hundred characters anyway).
csv.field_size_limit(2**31 - 1)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A tab closing a cell: before the comma that ends it, a closing quote or the line end.
_PADDING_TAB = re.compile(r"\t+(?=\"?(?:,|\r|\n|$))")
# A number in a merged cell is not copied down: it is most likely money, counted once.
_NUMBER_TEXT = re.compile(r"\s*[-+(]?\s*[¥￥$]?\s*[-+]?[\d,]+(\.\d*)?\s*\)?\s*")


@dataclass(frozen=True)
class Grid:
    """One sheet as a person sees it: `rows[0]` is spreadsheet row 1 (a workbook's
    sheet as `Rows`, kept by column; a CSV file as lists)."""

    name: str
    rows: Sequence[list[object]]


# What the importer reads: spreadsheets and text tables, as the apps and banks export them.
SUFFIXES = (".xlsx", ".xls", ".csv")


def check_file_type(file_name: str) -> None:
    """Refuse, naming the file, a name whose ending is not a spreadsheet's: the upload
    boxes take any file, so that this message, not the browser's, is what people see."""
    suffix = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix not in SUFFIXES:
        raise ImportRefused("import.refused_type", file=file_name)


def read_grids(file_name: str, data: bytes, encoding: str | None = None) -> list[Grid]:
    """The file's sheets; `encoding`, when a person chose one, reads a text file with it."""
    if not data.strip():
        raise ImportRefused("import.refused_empty", file=file_name)
    if data.startswith((_ZIP, _OLE)):
        return _read_workbook(file_name, data)
    return [Grid(file_name, _read_csv(file_name, decode_text(file_name, data, encoding)))]


def _read_workbook(file_name: str, data: bytes) -> list[Grid]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # Chart and macro sheets hold no cells to read; hidden sheets (scratch work,
        # old data) are not what the workbook shows, so they are passed over too.
        return [
            Grid(sheet.name, _cells(workbook.get_sheet_by_name(sheet.name)))
            for sheet in workbook.sheets_metadata
            if sheet.typ == SheetTypeEnum.WorkSheet and sheet.visible == SheetVisibleEnum.Visible
        ]
    except (CalamineError, ValueError, OSError) as exc:
        raise ImportRefused("import.refused_corrupt", file=file_name) from exc
    except BaseException as exc:
        # A damaged file can make the Rust reader panic: pyo3 raises PanicException,
        # a BaseException, so that only it is caught here, not KeyboardInterrupt.
        if not _is_rust_panic(exc):
            raise
        raise ImportRefused("import.refused_corrupt", file=file_name) from exc


def _is_rust_panic(exc: BaseException) -> bool:
    # pyo3 creates the class on the first panic; it cannot be imported beforehand
    kind = type(exc)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"


def _cells(sheet: CalamineSheet) -> Rows:
    """The sheet's cells from A1; a cell merged over several rows is read on each of them.

    A hand-kept budget often merges one date over the day's rows: every row below
    the first then reads the top value of the range's first column. Numbers (money,
    most likely) are left in the first row only, so that no amount counts twice.
    The rows come a chunk at a time into columns (`core.importing.rows`); the sheet's
    rows start at row 1 but at its first used column, so the columns before are added.
    """
    start = sheet.start
    rows = collect(sheet.iter_rows(), lead_columns=start[1] if start else 0)
    for (top, left), (bottom, _right) in sheet.merged_cell_ranges or ():
        if top >= len(rows) or bottom == top or left >= rows.width:
            continue
        value = rows[top][left]
        if value in ("", None) or _looks_numeric(value):
            continue
        rows.fill_down(left, top + 1, bottom, value)
    return rows


def _looks_numeric(value: object) -> bool:
    if isinstance(value, int | float):  # bool too
        return True
    return isinstance(value, str) and _NUMBER_TEXT.fullmatch(value) is not None


def decode_text(file_name: str, data: bytes, encoding: str | None = None) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), GBK/GB18030,
    Big5 or Windows-1252 (see `encodings`), or from the `encoding` a person chose."""
    if encoding is not None:
        return _decode_as(file_name, data, encoding)
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
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    legacy = guess_legacy(data)
    if legacy is None:
        raise ImportRefused("import.refused_encoding", file=file_name)
    return data.decode(legacy)


def _decode_as(file_name: str, data: bytes, encoding: str) -> str:
    try:
        text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ImportRefused("statements.refused_chosen_encoding", file=file_name) from exc
    return text.lstrip("\ufeff")


def _read_csv(file_name: str, text: str) -> list[list[object]]:
    delimiter = guess_delimiter(text)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        pass  # a stray quote mark, most often: read leniently, then check how the text ends
    rows: list[list[object]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = last = 1  # the line the next record starts on; the last record's first line
    try:
        for row in reader:
            rows.append(row)
            last, start = start, reader.line_num + 1
    except csv.Error as exc:
        raise ImportRefused("import.refused_not_spreadsheet", file=file_name) from exc
    line = _unclosed_quote(text, rows[-1], last, delimiter) if rows else None
    if line is not None:
        raise ImportRefused("import.refused_unclosed_quote", file=file_name, line=line)
    return rows


def _unclosed_quote(text: str, record: list, first_line: int, delimiter: str) -> int | None:
    """The line a never-closed quote opens on, if the last record ends inside one.

    Such a quote swallows everything after it, line breaks and later rows
    included, into the record's last field; read strictly, the record ends in
    "unexpected end of data".
    """
    tail = "".join(io.StringIO(text, newline="").readlines()[first_line - 1 :])
    try:
        next(csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True), None)
    except csv.Error as exc:
        if "unexpected end of data" not in str(exc):
            return None
        return first_line + sum(len(_LINE_BREAK.findall(field)) for field in record[:-1])
    return None


def _tab_padding(sample: str) -> bool:
    """Tabs that end cells rather than separate them: 京东 pads every field with one
    (`2026-09-03 12:30:05\t,食品,…`), so each tab sits just before a comma or a line end."""
    tabs = sample.count("\t")
    padding = sum(map(len, _PADDING_TAB.findall(sample)))
    return tabs > 0 and padding >= 0.9 * tabs


def guess_delimiter(text: str) -> str:
    """The candidate that splits the most of the first lines into one same number of cells.

    A plain count of characters is fooled by a tab-separated export whose amounts
    have thousands commas; the real delimiter gives the header and every row the
    same width, while one inside values leaves out at least the header.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS:  # whole lines only
        sample = sample[: max(sample.rfind("\n"), sample.rfind("\r")) + 1] or sample

    def consistent_lines(delimiter: str) -> int:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        widths = Counter(len(row) for row in islice(reader, _SAMPLE_ROWS) if len(row) > 1)
        return max(widths.values(), default=0)

    candidates = [d for d in _DELIMITERS if d != "\t" or not _tab_padding(sample)]
    scores = {delimiter: consistent_lines(delimiter) for delimiter in candidates}
    best = max(candidates, key=scores.__getitem__)
    return best if scores[best] else ","
