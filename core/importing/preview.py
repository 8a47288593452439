"""What a file would import, before anything is written."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from core.importing.errors import RowError
from core.importing.fingerprints import fingerprints
from core.importing.layouts import locate
from core.importing.layouts.table import MAPPING_FIELDS, header_row, read_sheet
from core.importing.readers import read_grids
from core.importing.rows import cycles_paused, release_freed_memory

ROW_COLUMNS = (
    "sheet",
    "row",
    "date",
    "amount_cents",
    "kind",
    "description",
    "counterparty",
    "source_category",
    "fingerprint",
)


@dataclass
class ImportPreview:
    file_name: str
    content_hash: str
    layout: str
    rows: pd.DataFrame
    invalid: list[RowError]
    skipped: int
    sheets: list[str]
    columns: list[str]
    mapping: dict[str, str]


def preview_file(
    file_name: str, data: bytes, mapping: dict[str, str] | None = None
) -> ImportPreview:
    """Read a spreadsheet into validated rows without writing anything.

    Raises ImportRefused when the file as a whole cannot be read; rows that
    cannot be read are listed in `invalid` for the caller to judge.
    """
    with cycles_paused():
        return _preview(file_name, data, mapping)


def _preview(file_name: str, data: bytes, mapping: dict[str, str] | None) -> ImportPreview:
    layout, tables = locate(file_name, read_grids(file_name, data), mapping)
    used = tables[0].mapping
    parts, invalid, skipped, sheets, columns = [], [], 0, [], []
    while tables:  # each sheet's cells let go of as soon as its rows are read
        table = tables.pop(0)
        sheet = read_sheet(table.grid, table.header_index, table.mapping, layout)
        invalid += sheet.invalid
        skipped += sheet.skipped
        if len(sheet.rows) or sheet.invalid or sheet.skipped:
            sheets.append(table.grid.name)
        parts.append(sheet.rows)
        columns += [c for c in header_row(table.grid, table.header_index) if c not in columns]
        del table, sheet
    release_freed_memory()  # the sheets' cells, before the rows' fingerprints are made
    rows = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    del parts
    rows["fingerprint"] = pd.Series(fingerprints(rows, layout.name), index=rows.index, dtype=object)
    rows = rows[list(ROW_COLUMNS)].astype({"row": "int64", "amount_cents": "int64"})
    return ImportPreview(
        file_name=file_name,
        content_hash=hashlib.sha256(data).hexdigest(),
        layout=layout.name,
        rows=rows,
        invalid=invalid,
        skipped=skipped,
        sheets=sheets,
        columns=columns,
        mapping={field: used[field] for field in MAPPING_FIELDS if field in used},
    )
