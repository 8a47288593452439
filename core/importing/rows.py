"""A workbook sheet's cells kept by column, and the memory an import lets go of.

A million spreadsheet rows as Python lists cost several times the file: a list per
row, a new object per cell, the same category name a million times over. Here the
cells are kept one column at a time, and a column's repeated texts and dates are one
object, so a million rows take a few bytes a cell beyond their distinct values. Row
`i` (a list, as the layouts read a header or a totals line) is built on demand.

The sheet is read in a child process (`core.importing.sandbox`) that must start fast
and small under a memory cap, so nothing here imports numpy until the importing
process asks for a column as an array.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# Cells of these types that are equal become one object (texts, dates: they repeat)
_SHARED = frozenset({str, dt.date, dt.datetime})
# Rows turned into columns at a time
CHUNK_ROWS = 65_536


class Rows(Sequence):
    """Rows `rows` (a range) of `columns`, each a list of cells or, once asked for as one,
    an array; slices share the columns."""

    def __init__(self, columns: list, rows: range | None = None) -> None:
        self._columns = columns
        self._range = rows if rows is not None else range(len(columns[0]) if columns else 0)

    @property
    def width(self) -> int:
        return len(self._columns)

    def column(self, at: int) -> np.ndarray:
        """Column `at`'s cells in these rows: a read-only array, no copy. A column of
        nothing but floats (an amount column) is float64, 8 bytes a cell."""
        import numpy as np
        import pandas as pd

        column = self._columns[at]
        if isinstance(column, list):  # made an array once, for every view of the sheet
            cells = np.empty(len(column), dtype=object)
            cells[:] = column
            if pd.api.types.infer_dtype(cells, skipna=False) == "floating":
                cells = cells.astype(np.float64)
            self._columns[at] = column = cells
        r = self._range
        view = column[r.start : r.stop : r.step]
        view.flags.writeable = False
        return view

    def to_lists(self) -> list[list[object]]:
        """The cells as one plain list per column: what the reading process sends back
        (plain values pickle anywhere, and a repeated one is sent once)."""
        r = self._range
        return [
            column[r.start : r.stop : r.step]
            if isinstance(column, list)
            else column[r.start : r.stop : r.step].tolist()
            for column in self._columns
        ]

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Rows(self._columns, self._range[index])
        i = self._range[index]
        return [column[i] for column in self._columns]

    def __iter__(self) -> Iterator[list[object]]:
        for i in self._range:
            yield [column[i] for column in self._columns]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def fill_down(self, at: int, top: int, bottom: int, value: object) -> None:
        """Write `value` into column `at`'s empty cells, rows `top` to `bottom` inclusive
        (as numbered in these rows); before the column is asked for as an array."""
        column = self._columns[at]
        for i in self._range[top : bottom + 1]:
            if column[i] in ("", None):
                column[i] = value


def collect(rows: Iterable[Sequence[object]], lead_columns: int = 0) -> Rows:
    """Columns from `rows` (each as wide as the first), `lead_columns` empty ones before them."""
    iterator = iter(rows)
    columns: list[list[object]] = []
    pools: list[dict] = []
    while chunk := list(islice(iterator, CHUNK_ROWS)):
        if not columns:
            columns = [[] for _ in chunk[0]]
            pools = [{} for _ in chunk[0]]
        for column, pool, cells in zip(columns, pools, zip(*chunk, strict=True), strict=True):
            column.extend(_shared(cells, pool))
        del chunk
    height = len(columns[0]) if columns else 0
    return Rows([*([""] * height for _ in range(lead_columns)), *columns])


def _shared(cells: tuple, pool: dict) -> Iterable[object]:
    """`cells` with equal texts and dates as one object, the same in every chunk (`pool`).
    Only those: 1, 1.0 and True are equal too, but not the same cell."""
    kinds = set(map(type, cells))
    if kinds <= _SHARED:
        return map(pool.setdefault, cells, cells)  # a column of texts or dates, at C speed
    if kinds.isdisjoint(_SHARED):
        return cells
    return [pool.setdefault(c, c) if type(c) in _SHARED else c for c in cells]


def release_freed_memory() -> None:
    """Hand the memory of cells just let go of back to the system (glibc only).

    glibc keeps freed heap memory for reuse: after a million-row sheet's columns are
    freed, the rows built next would leave the import's peak some 60 MB higher than
    what it holds. Elsewhere (musl, macOS, Windows) there is nothing to call.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    return getattr(ctypes.CDLL(None), "malloc_trim", None)


@contextmanager
def cycles_paused() -> Iterator[None]:
    """Python's cycle collector off while a file's rows are made: they are millions of
    small objects (cells, lists, tuples) without cycles, which it would otherwise walk
    again and again as they pile up (7 % of an import). It runs as usual afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
