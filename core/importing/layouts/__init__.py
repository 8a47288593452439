"""Which layout a file is, told by its header cells, and where each sheet's header sits."""

from __future__ import annotations

from dataclasses import dataclass

from core.importing.errors import ImportRefused
from core.importing.layouts import alipay, budget, mint, wechat
from core.importing.layouts.table import (
    MAPPING_FIELDS,
    Layout,
    direction_column,
    find_header,
    mapping_match,
)
from core.importing.readers import Grid

# Most specific first: a WeChat header would also pass as a budget sheet.
LAYOUTS = (wechat.LAYOUT, alipay.LAYOUT, mint.LAYOUT, budget.LAYOUT)


@dataclass
class Table:
    grid: Grid
    header_index: int
    mapping: dict[str, str]


def locate(
    file_name: str, grids: list[Grid], mapping: dict[str, str] | None
) -> tuple[Layout, list[Table]]:
    """The file's layout and every sheet that has its header; sheets without one are notes."""
    detected = _detect(grids)
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
