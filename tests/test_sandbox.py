"""Hostile files are refused in one line, and reading them never grows this process."""

from __future__ import annotations

import io
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from core.i18n import t
from core.importing import ImportRefused, preview_file
from core.importing.sandbox import (
    FILE_MB,
    MB,
    MEMORY_MB,
    Limits,
    SandboxFailed,
    _outcome,
    read_untrusted,
)
from core.importing.sizes import estimate
from tests.cli import run
from tests.filemakers import csv_bytes, xls_bytes, xlsx_bytes

ROWS = [["日期", "说明", "金额"], ["2026-10-01", "早餐", "-6.50"], ["2026-10-02", "工资", "9800"]]
# What this process may grow by while refusing one file: nothing of the file's claim
GROWTH_MB = 100


def _max_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _refused(data: bytes, name: str = "账单.xlsx", limits: Limits | None = None) -> ImportRefused:
    before = _max_rss_mb()
    with pytest.raises(ImportRefused) as refused:
        read_untrusted(name, data, limits=limits)
    assert _max_rss_mb() - before < GROWTH_MB
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    assert children <= MEMORY_MB
    assert refused.value.params["file"] == name
    return refused.value


def _replace_entry(workbook: bytes, name: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == name:
                content = change(content)
            target.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _far_cell(dimension: bool = True) -> bytes:
    """A 5 KB workbook with a header in A1 and one number at XFD1048576."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(ROWS[0])
    book.active["XFD1048576"] = 1
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    if not dimension:  # nothing states the size: only the reader finds it, under the cap
        data = _replace_entry(
            data,
            "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace(b'<dimension ref="A1:XFD1048576"/>', b""),
        )
    return data


def test_a_normal_file_reads_as_in_process():
    from core.importing.readers import read_grids

    for name, data in [("x.csv", csv_bytes(ROWS)), ("x.xlsx", xlsx_bytes({"九月": ROWS}))]:
        expected = read_grids(name, data)
        assert read_untrusted(name, data) == expected
    assert preview_file("x.xls", xls_bytes({"S": ROWS})).rows["amount_cents"].sum() == 979350


@pytest.mark.parametrize("dimension", [True, False])
def test_the_far_cell_workbook_is_refused(dimension):
    data = _far_cell(dimension)
    assert len(data) < 10_000
    refused = _refused(data)
    assert refused.key == "safety.needs_memory"
    assert refused.params["limit"] == Limits().memory_mb
    assert "768 MB" in refused.message("en") and "768 MB" in refused.message("zh")


def _packed_sheet(megabytes: int, lie: bool = False) -> bytes:
    """A workbook whose sheet unpacks to `megabytes` of rows from a few hundred KB;
    with `lie`, its zip headers claim the sheet is 4 KB."""
    name = "xl/worksheets/sheet1.xml"
    row = b'<row><c t="inlineStr"><is><t>2026-10-01</t></is></c><c><v>-5</v></c></row>'
    chunk = row * (MB // len(row))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx_bytes({"S": ROWS}))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename != name:
                target.writestr(item.filename, content)
                continue
            head, tail = content.split(b"</sheetData>")
            with target.open(name, "w") as sheet:
                sheet.write(head)
                for _ in range(megabytes):
                    sheet.write(chunk)
                sheet.write(b"</sheetData>" + tail)
    data = bytearray(out.getvalue())
    if lie:  # the size fields of the local header (at 22) and the central directory (at 24)
        for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
            at = data.find(signature)
            while at >= 0:
                if data[at + name_at : at + name_at + len(name)] == name.encode():
                    struct.pack_into("<I", data, at + size_at, 4096)
                at = data.find(signature, at + 4)
    return bytes(data)


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    data = _packed_sheet(400)
    assert len(data) < 2 * MB
    refused = _refused(data)
    assert refused.key == "safety.packed"
    assert refused.params["ratio"] > 100


def test_a_bomb_that_lies_about_its_size_is_refused_too():
    data = _packed_sheet(100, lie=True)
    assert estimate(data).ratio == 0  # the claim looks harmless
    assert _refused(data, limits=Limits(seconds=10)).key in {
        "import.refused_corrupt",  # the reader checks the claim
        "safety.needs_memory",
        "safety.too_slow",
    }


def _damaged_xls() -> bytes:
    """A real .xls whose DIMENSIONS record claims four billion rows."""
    data = bytearray(xls_bytes({"流水": [["日期", "金额"], ["2026-10-01", -5]] * 20}))
    at = data.find(b"\x00\x02\x0e\x00")  # the record's type and length
    assert at > 0
    struct.pack_into("<II", data, at + 4, 0, 0xFFFFFFF0)
    return bytes(data)


def test_a_damaged_xls_is_refused():
    refused = _refused(_damaged_xls(), "银行流水.xls")
    assert refused.key == "safety.needs_memory"
    assert "银行流水.xls" in refused.message("zh")


def test_a_file_over_the_limit_is_refused_unread():
    data = csv_bytes(ROWS) + b"\n" * (FILE_MB * MB)
    refused = _refused(data, "大账单.csv")
    assert refused.key == "safety.file_too_big"
    assert refused.params == {"file": "大账单.csv", "size": FILE_MB + 1, "limit": FILE_MB}


def test_the_command_line_prints_one_line_and_no_panic_text(tmp_path):
    damaged = xls_bytes({"s": [["日期", "金额"], ["2026-10-01", -5]] * 50})[:8288]
    for name, data, key_text in [
        ("坏.xls", damaged, "damaged"),
        ("远.xlsx", _far_cell(), "768 MB"),
        ("流水.xls", _damaged_xls(), "768 MB"),
    ]:
        (tmp_path / name).write_bytes(data)
        result = run(tmp_path / "store.db", "import", str(tmp_path / name))
        assert result.code == 1
        assert result.err.count("\n") == 1, result.err
        assert key_text in result.err and name in result.err
        assert "panicked" not in result.err and "Traceback" not in result.err


def test_a_failure_of_our_own_is_not_blamed_on_the_file():
    """The child ending in an exception (here: no file sent) is a bug, reported as one."""
    done = subprocess.run(
        [sys.executable, "-m", "core.importing.sandbox", "768", "30"],
        input=b"not a pickle",
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    with pytest.raises(SandboxFailed, match="UnpicklingError"):
        _outcome("x.csv", done, Limits())


def test_the_command_line_reads_no_further_than_the_limit(tmp_path):
    """A file past the limit (or a device that never ends) is refused before it is read whole."""
    big = tmp_path / "大账单.csv"
    big.write_bytes(csv_bytes(ROWS) + b"\n" * ((FILE_MB + 1) * MB))
    for path, size in [(big, FILE_MB + 2), (Path("/dev/zero"), FILE_MB + 1)]:
        result = run(tmp_path / "store.db", "import", str(path))
        assert result.code == 1
        message = t("safety.file_too_big", "en", file=path.name, size=size, limit=FILE_MB)
        assert result.err == message + "\n"
