"""What reading a workbook would cost, told from its structure before any cell is parsed.

A few kilobytes can claim gigabytes: a zip entry that unpacks a thousandfold, an
.xlsx whose sheet spans A1:XFD1048576 (the reader lays out every cell of that
rectangle, 512 GiB), an .xls whose DIMENSIONS or string-table record asks for
billions of slots. These estimates find such claims cheaply. They are a first
line only: whatever they cannot read is left to the child process's memory cap
(`core.importing.sandbox`), which holds whatever a file really asks for.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The reader's dense cell (32 bytes) and the Python list slot and value read from it
BYTES_PER_CELL = 48
# calamine's .xls reader reserves a (position, value) pair a cell, a String a shared text
XLS_BYTES_PER_CELL = 40
XLS_BYTES_PER_STRING = 24
# Workbook XML packs 5-20 times; a thousandfold is a file made to overload a reader.
# Small entries are left alone: a few kilobytes of anything pack well.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1 << 20
# How much of a worksheet's XML is looked at for its <dimension>, which comes first
_HEAD_BYTES = 65_536
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Za-z$]*)(\d*)(?::([A-Za-z$]*)(\d*))?\"")
_SHEET_XML = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)


@dataclass(frozen=True)
class Estimate:
    """What a file would take to read: `bytes` of memory; `ratio` its tightest zip entry."""

    bytes: int = 0
    ratio: int = 0


def estimate(data: bytes) -> Estimate:
    """What the reader would ask for, from the structure a file states; zeros when unknown."""
    try:
        if data.startswith(ZIP_MAGIC):
            return _zip(data)
        if data.startswith(OLE_MAGIC):
            return Estimate(bytes=_xls(data))
    except (zipfile.BadZipFile, struct.error, IndexError, ValueError, OSError, EOFError):
        pass  # a structure too damaged to read: the reader decides, under the cap
    except (NotImplementedError, RuntimeError):
        pass  # an unsupported compression or an encrypted entry: the same
    return Estimate()


def _zip(data: bytes) -> Estimate:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        ratio = max(
            (
                entry.file_size // max(entry.compress_size, 1)
                for entry in entries
                if entry.file_size >= RATIO_FROM_BYTES
            ),
            default=0,
        )
        cells = sum(
            _sheet_cells(archive, entry) for entry in entries if _SHEET_XML.match(entry.filename)
        )
    # the XML streams through the reader, but shared strings stay whole: count it all
    return Estimate(bytes=max(unpacked, cells * BYTES_PER_CELL), ratio=ratio)


def _sheet_cells(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> int:
    """Rows x columns from A1 to the far corner the sheet's <dimension> states (0: none)."""
    try:
        with archive.open(entry) as stream:
            head = stream.read(_HEAD_BYTES)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        return 0  # a damaged or encrypted entry: the reader refuses it, or the cap does
    found = _DIMENSION.search(head.split(b"<sheetData", 1)[0])
    if found is None:
        return 0
    first_col, first_row, last_col, last_row = found.groups()
    column = last_col or first_col
    row = last_row or first_row
    return (int(row) if row else 1) * max(_column_number(column), 1)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper().replace(b"$", b""):
        number = number * 26 + letter - ord("A") + 1
    return number


# --- .xls: the compound file, its Workbook stream and the BIFF records that size things ---

_DIMENSIONS, _SST, _BOUNDSHEET, _EOF = 0x0200, 0x00FC, 0x0085, 0x000A


def _xls(data: bytes) -> int:
    stream = _workbook_stream(data)
    if stream is None:
        return 0
    need, sheets, counted = 0, set(), set()
    for position, typ, body in _records(stream, 0):
        if typ == _BOUNDSHEET and len(body) >= 4:
            sheets.add(struct.unpack_from("<I", body)[0])
        elif typ == _SST and len(body) >= 8:
            need += struct.unpack_from("<I", body, 4)[0] * XLS_BYTES_PER_STRING
        elif typ == _DIMENSIONS:
            counted.add(position)
            need += _xls_cells(body) * XLS_BYTES_PER_CELL
    # the reader starts each sheet where the workbook says, on a record boundary or not
    for start in sheets:
        for position, typ, body in _records(stream, start):
            if typ == _EOF:
                break
            if typ == _DIMENSIONS and position not in counted:
                counted.add(position)
                need += _xls_cells(body) * XLS_BYTES_PER_CELL
    return need


def _xls_cells(body: bytes) -> int:
    """The cells calamine reserves for a DIMENSIONS record, wrapping as its unsigned sums do."""
    if len(body) >= 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body)
    elif len(body) >= 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", body)
    else:
        return 0
    if last_row < 1 or last_col < 1:
        return 1
    rows = (last_row - 1 - first_row) % 2**32 + 1
    cols = (last_col - 1 - first_col) % 2**32 + 1
    return rows * cols


def _records(stream: bytes, start: int) -> Iterator[tuple[int, int, bytes]]:
    """(position, type, body) of each BIFF record from `start` to the end of the stream."""
    position = start
    while position + 4 <= len(stream):
        typ, size = struct.unpack_from("<HH", stream, position)
        yield position, typ, stream[position + 4 : position + 4 + size]
        position += 4 + size


def _workbook_stream(data: bytes) -> bytes | None:
    """The "Workbook" (or older "Book") stream of a compound file, or None if not found.

    The compound file is a small FAT file system: the header lists the FAT's
    sectors, and each FAT slot names the next sector of a chain.
    """
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if not 7 <= shift <= 16:
        return None
    size = 1 << shift
    sectors = -(-len(data) // size)

    def sector(n: int) -> bytes:
        return data[(n + 1) * size : (n + 2) * size].ljust(size, b"\xff")

    def slots(n: int) -> tuple[int, ...]:
        return struct.unpack(f"<{size // 4}I", sector(n))

    def chain(first: int, table: list[int]) -> list[int]:
        """The sectors of a chain; a loop or a link past the end stops it."""
        found, current = [], first
        while current < min(len(table), sectors) and len(found) < sectors:
            found.append(current)
            current = table[current]
        return found

    fat_count, first_dir = struct.unpack_from("<II", data, 0x2C)
    cutoff, _, _, next_difat, difat_count = struct.unpack_from("<5I", data, 0x38)
    difat = list(struct.unpack_from("<109I", data, 0x4C))
    for _ in range(min(difat_count, sectors)):  # each DIFAT sector's last slot names the next
        if next_difat >= sectors:
            break
        *more, next_difat = slots(next_difat)
        difat += more
    fat = [slot for n in difat[: min(fat_count, sectors)] for slot in slots(n)]
    directory = b"".join(sector(n) for n in chain(first_dir, fat))
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset : offset + 128]
        length = min(struct.unpack_from("<H", entry, 0x40)[0], 64)
        name = entry[: max(length - 2, 0)].decode("utf-16-le", errors="replace")
        if entry[0x42] != 2 or name not in ("Workbook", "Book"):
            continue
        start, stream_size = struct.unpack_from("<II", entry, 0x74)
        if stream_size < cutoff:  # kept in the mini stream: too small to claim much
            return None
        return b"".join(sector(n) for n in chain(start, fat))[:stream_size]
    return None
