"""Which layout a file is, told by its header cells, and where each sheet's header sits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.importing.errors import ImportRefused
from core.importing.layouts import alipay, budget, jd, meituan, mint, wechat
from core.importing.layouts.table import (
    MAPPING_FIELDS,
    Layout,
    direction_column,
    find_header,
    mapping_match,
)
from core.importing.readers import Grid

# Most specific first: a WeChat header would also pass as a budget sheet.
LAYOUTS = (wechat.LAYOUT, alipay.LAYOUT, jd.LAYOUT, meituan.LAYOUT, mint.LAYOUT, budget.LAYOUT)
# A column chosen by its place, for a file without a header row: #1 is the first column.
_POSITION = re.compile(r"#([1-9]\d{0,2})")


@dataclass
class Table:
    grid: Grid
    header_index: int
    mapping: dict[str, str]
    # the spreadsheet row of the first row under the header, when the header is not in the file
    first_row: int | None = None


def by_position(mapping: dict[str, str] | None) -> bool:
    """Whether a mapping names columns by their place (#1, #2 …), not by header text."""
    return bool(mapping) and all(_POSITION.fullmatch(text) for text in mapping.values())


def position_name(index: int) -> str:
    return f"#{index + 1}"


def locate(
    file_name: str, grids: list[Grid], mapping: dict[str, str] | None
) -> tuple[Layout, list[Table]]:
    """The file's layout and every sheet that has its header; sheets without one are notes."""
    detected = _detect(grids)
    if by_position(mapping) and (detected is None or detected.accepts_mapping):
        _check_mapping(file_name, mapping)
        return budget.LAYOUT, _with_directions(_positional(grids, mapping), unmapped=False)
    if mapping and (detected is None or detected.accepts_mapping):
        layout = detected or budget.LAYOUT
        _check_mapping(file_name, mapping)
        tables = _tables(grids, mapping_match(mapping))
        if not tables:
            missing = [
                text for text in mapping.values() if not _tables(grids, mapping_match({"x": text}))
            ]
            column = missing[0] if missing else " + ".join(mapping.values())
            raise ImportRefused("import.refused_mapping_column", file=file_name, column=column)
        return layout, _with_directions(tables, unmapped=False)
    if detected is None:
        raise ImportRefused("import.refused_no_header", file=file_name)
    return detected, _with_directions(_tables(grids, detected.match), unmapped=True)


def _detect(grids: list[Grid]) -> Layout | None:
    for grid in grids:
        for layout in LAYOUTS:
            if find_header(grid, layout.match):
                return layout
    return None


def _tables(grids: list[Grid], match) -> list[Table]:
    tables = []
    for grid in grids:
        found = find_header(grid, match)
        if found:
            tables.append(Table(grid, *found))
    return tables


def _positional(grids: list[Grid], mapping: dict[str, str]) -> list[Table]:
    """Every sheet read from its first row, under a header of column places."""
    tables = []
    for grid in grids:
        width = max(map(len, grid.rows), default=0)
        if width:
            header = [position_name(i) for i in range(width)]
            tables.append(Table(Grid(grid.name, [header, *grid.rows]), 0, dict(mapping), 1))
    return tables


def _with_directions(tables: list[Table], unmapped: bool) -> list[Table]:
    """A category column (or, for a guessed mapping, a column no field was given) that
    holds only 收入/支出 words tells which way unsigned amounts went: it becomes the
    direction column, so 支出 30 counts as spending, not income."""
    for table in tables:
        mapping = table.mapping
        column = direction_column(table.grid, table.header_index, mapping, unmapped)
        if column is not None:
            table.mapping = {f: t for f, t in mapping.items() if t != column}
            table.mapping["direction"] = column
    return tables


def _check_mapping(file_name: str, mapping: dict[str, str]) -> None:
    unknown = sorted(set(mapping) - set(MAPPING_FIELDS))
    has_amount = {"amount", "income", "expense"} & mapping.keys()
    if unknown or "date" not in mapping or not has_amount:
        raise ImportRefused("import.refused_mapping_incomplete", file=file_name)
