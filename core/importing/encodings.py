"""Which legacy encoding a text file is in, when it is not UTF-8: GBK, Big5 or Windows-1252.

Each decodes most byte strings without error, so trying them in turn picks the first
whatever the file is: Big5 text read as GBK is a page of rare characters. They differ
in where their common characters sit. GB2312's (nearly all simplified Chinese) use
two bytes from A1 up; Big5's punctuation and common characters start A1–C6, and
about half have a second byte below 7F; in Windows-1252 a letter outside ASCII
stands alone, between ASCII letters.
"""

from __future__ import annotations

GBK = "gb18030"
BIG5 = "big5"
WINDOWS = "cp1252"
_SAMPLE = 65_536
# Shares of two-byte pairs that the text is very likely in that encoding.
_GB_SHARE = 0.9
_BIG5_SHARE = 0.8


def guess_legacy(data: bytes) -> str | None:
    """The likeliest of GBK, Big5 and Windows-1252 for `data`, None if none decodes it."""
    sample = data[:_SAMPLE]
    runs = _high_runs(sample)
    if not runs:
        return GBK if _decodes(data, GBK) else None
    pairs = _pairs(sample)
    gb = sum(0xA1 <= lead <= 0xF7 and trail >= 0xA1 for lead, trail in pairs)
    big5 = sum(0xA1 <= lead <= 0xC6 and (0x40 <= trail <= 0x7E or trail >= 0xA1)
               for lead, trail in pairs)  # fmt: skip
    if gb >= _GB_SHARE * len(pairs) and _decodes(data, GBK):
        return GBK
    if big5 >= _BIG5_SHARE * len(pairs) and _decodes(data, BIG5):
        return BIG5
    # Latin text: accented letters one at a time. CJK text: runs of whole characters.
    if sum(length == 1 for length in runs) > len(runs) / 2 and _decodes(data, WINDOWS):
        return WINDOWS
    # Neither clearly: a double-byte reading that at least decodes, else give up and
    # let the person choose (Windows-1252 decodes nearly anything, so it is no fallback).
    for encoding in (GBK, BIG5):
        if _decodes(data, encoding):
            return encoding
    return None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _high_runs(data: bytes) -> list[int]:
    """Lengths of the runs of bytes at or above 0x80."""
    runs, length = [], 0
    for byte in data:
        if byte >= 0x80:
            length += 1
        elif length:
            runs.append(length)
            length = 0
    if length:
        runs.append(length)
    return runs


def _pairs(data: bytes) -> list[tuple[int, int]]:
    """Two-byte characters as a double-byte encoding reads them: a lead byte from 0x81
    and the byte after it (which may be ASCII in GBK and Big5)."""
    pairs, i = [], 0
    while i < len(data) - 1:
        if data[i] >= 0x81:
            pairs.append((data[i], data[i + 1]))
            i += 2
        else:
            i += 1
    return pairs
