"""What a file would import, before anything is written."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from core.importing.counting import SHARED_NUMBER
from core.importing.errors import RowError
from core.importing.fingerprints import fingerprints
from core.importing.layouts import Table, by_position, locate
from core.importing.layouts.headers import header_key
from core.importing.layouts.statement import evidence
from core.importing.layouts.table import MAPPING_FIELDS, header_row, read_sheet
from core.importing.reading import INCOME, Reading, default_sign
from core.importing.rows import cycles_paused, release_freed_memory
from core.importing.sandbox import read_untrusted

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
    "doubt",
)
# What a person may decide a row in doubt is, and how each counts: (kind, sign of amount);
# a sign of 0 keeps the way the money moved.
DECISIONS = {
    "refund": ("expense", 1),
    "spending": ("expense", -1),
    "income": ("income", 1),
    "transfer": ("transfer", 0),
}
OMIT = "omit"  # a person's decision to leave a row out


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
    # How the file was read: as a card statement or an account (None: a platform bill or
    # one's own records), and what a positive amount in a signed column means.
    statement: str | None = None
    positive: str = INCOME
    # The file did not say clearly enough whether it is a card or an account statement.
    statement_unsure: bool = False
    # What the file itself suggested, before any choice of the person's.
    detected_statement: str | None = None
    # The amounts are signed (one amount column, no direction): the sign choice matters.
    signed: bool = False
    bank: str | None = None
    # The header as a key: the same layout from the same bank has the same signature.
    signature: str = ""
    reading: Reading = field(default_factory=Reading)
    # Rows in another currency: listed, not counted.
    foreign: list[RowError] = field(default_factory=list)
    # Rows a person decided about on the page.
    decided: int = 0

    @property
    def adjustable(self) -> bool:
        """Whether columns, statement kind and sign can be chosen (not a platform's bill)."""
        return self.layout in ("budget", "card", "account", "mint")

    def doubts(self) -> dict[str, int]:
        """How many rows are in doubt, by reason."""
        if "doubt" not in self.rows:
            return {}
        counts = self.rows.loc[self.rows["doubt"] != "", "doubt"].value_counts()
        return {str(key): int(n) for key, n in counts.items()}


def preview_file(
    file_name: str,
    data: bytes,
    mapping: dict[str, str] | None = None,
    *,
    reading: Reading | None = None,
) -> ImportPreview:
    """Read a spreadsheet into validated rows without writing anything.

    `reading` holds the person's choices (columns, card or account, sign, encoding);
    `mapping` alone is a shorthand for choosing columns. Raises ImportRefused when the
    file as a whole cannot be read; rows that cannot be read are listed in `invalid`
    for the caller to judge.
    """
    with cycles_paused():
        return _preview(file_name, data, mapping, reading)


def _preview(
    file_name: str, data: bytes, mapping: dict[str, str] | None, reading: Reading | None
) -> ImportPreview:
    reading = reading or Reading()
    if mapping is not None:
        reading = reading.with_(mapping=mapping)
    grids = read_untrusted(file_name, data, reading.encoding)
    layout, tables = locate(file_name, grids, reading.mapping)
    del grids  # the tables hold the sheets that are read; the others can go
    first = tables[0]
    found = evidence(file_name, first.grid, first.header_index, first.mapping)
    choosable = layout.accepts_mapping and layout.name != "mint"
    statement = (reading.statement or found.kind) if choosable else None
    bank = found.bank if choosable else None
    positive = reading.positive or default_sign(statement)
    used = first.mapping
    known_as = signature(first, by_position(reading.mapping))
    del first
    parts, invalid, foreign, skipped, sheets, columns = [], [], [], 0, [], []
    while tables:  # each sheet's cells let go of as soon as its rows are read
        table = tables.pop(0)
        sheet = read_sheet(
            table.grid,
            table.header_index,
            table.mapping,
            layout,
            statement=statement,
            positive=positive,
            first_row=table.first_row,
            holder=found.holder,
        )
        invalid += sheet.invalid
        foreign += sheet.foreign
        skipped += sheet.skipped
        if len(sheet.rows) or sheet.invalid or sheet.skipped or sheet.foreign:
            sheets.append(table.grid.name)
        parts.append(sheet.rows)
        columns += [c for c in header_row(table.grid, table.header_index) if c not in columns]
        del table, sheet
    release_freed_memory()  # the sheets' cells, before the rows' fingerprints are made
    rows = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    del parts
    name = (statement or layout.name) if choosable else layout.name
    keys, shared = fingerprints(rows, name, content_keyed_ids=layout.shared_ids)
    rows["fingerprint"] = pd.Series(keys, index=rows.index, dtype=object)
    rows.loc[shared & (rows["doubt"] == "").to_numpy(), "doubt"] = SHARED_NUMBER
    rows = rows[list(ROW_COLUMNS)].astype({"row": "int64", "amount_cents": "int64"})
    return ImportPreview(
        file_name=file_name,
        content_hash=hashlib.sha256(data).hexdigest(),
        layout=name,
        rows=rows,
        invalid=invalid,
        skipped=skipped,
        sheets=sheets,
        columns=columns,
        mapping={f: used[f] for f in MAPPING_FIELDS if f in used},
        statement=statement,
        positive=positive,
        statement_unsure=choosable and reading.statement is None and found.unsure,
        detected_statement=found.kind,
        signed="amount" in used and "direction" not in used,
        bank=bank,
        signature=known_as,
        reading=reading,
        foreign=foreign,
    )


def headerless_signature(file_name: str, data: bytes, encoding: str | None = None) -> str:
    """The signature a file without a header row has when read by column position."""
    rows = first_rows(file_name, data, encoding, count=1)
    return _columns_signature(rows[0]) if rows else ""


def _columns_signature(row: list) -> str:
    filled = [cell for cell in row if cell not in (None, "")]
    width = max((i + 1 for i, cell in enumerate(row) if cell not in (None, "")), default=0)
    return f"columns:{width}" if filled else ""


def first_rows(
    file_name: str, data: bytes, encoding: str | None = None, count: int = 8
) -> list[list[str]]:
    """The first rows of the file's first sheet as text, for choosing columns by position
    when the file has no header row."""
    grids = read_untrusted(file_name, data, encoding)
    rows = next((grid.rows for grid in grids if grid.rows), [])[:count]
    width = max(map(len, rows), default=0)
    return [["" if c is None else str(c) for c in row] + [""] * (width - len(row)) for row in rows]


def signature(table: Table, positional: bool) -> str:
    """The header's words in order, hashed: what makes two files the same layout. A file
    without a header row is known by how many columns its first row fills."""
    if positional:
        return _columns_signature(table.grid.rows[1] if len(table.grid.rows) > 1 else [])
    keys = [header_key(cell) for cell in table.grid.rows[table.header_index]]
    text = "|".join(key for key in keys if key)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def decide(preview: ImportPreview, decisions: dict[tuple[str, int], str]) -> ImportPreview:
    """The preview with a person's decisions applied: (sheet, row) -> one of DECISIONS or OMIT.

    The fingerprints stay as read, so the file imported again is still recognised.
    """
    if not decisions:
        return preview
    rows = preview.rows.copy()
    kinds = rows["kind"].to_numpy(dtype=object).copy()
    amounts = rows["amount_cents"].to_numpy(dtype=np.int64).copy()
    omit = np.zeros(len(rows), dtype=bool)
    decided = 0
    for i, place in enumerate(zip(rows["sheet"], rows["row"], strict=True)):
        choice = decisions.get(place)
        if choice is None:
            continue
        decided += 1
        if choice == OMIT:
            omit[i] = True
            continue
        if choice not in DECISIONS:
            raise ValueError(f"not a decision: {choice!r}")
        kinds[i], sign = DECISIONS[choice]
        if sign:
            amounts[i] = sign * abs(int(amounts[i]))
    rows["kind"] = pd.Series(kinds, index=rows.index, dtype=object)
    rows["amount_cents"] = amounts
    return replace(
        preview,
        rows=rows[~omit].reset_index(drop=True),
        skipped=preview.skipped + int(omit.sum()),
        decided=decided,
    )
