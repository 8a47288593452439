"""A workbook sheet's cells kept by column, read a chunk of rows at a time.

A million spreadsheet rows as Python lists cost several times the file: a list per
row, a new object per cell, the same category name a million times over. Here each
column is one object array, and a column's repeated texts and dates share one object,
so a sheet of a million rows takes a few bytes a cell beyond its distinct values.
Row `i` (a list, as the layouts read a header or a totals line) is built on demand.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from itertools import islice

import numpy as np
import pandas as pd

from core.importing.values import filled

# Rows turned into columns at a time: small beside the sheet, large enough for numpy
CHUNK_ROWS = 65_536
# Columns of these kinds (pandas' infer_dtype) have their equal values share one object
_SHARED_KINDS = {"string", "date", "datetime"}


class Rows(Sequence):
    """Rows `range` of `columns` (equal-length object arrays); slices share the columns."""

    def __init__(self, columns: list[np.ndarray], rows: range | None = None) -> None:
        self._columns = columns
        self._range = rows if rows is not None else range(len(columns[0]) if columns else 0)

    @property
    def width(self) -> int:
        return len(self._columns)

    def column(self, at: int) -> np.ndarray:
        """Column `at`'s cells in these rows: a read-only view, no copy."""
        r = self._range
        view = self._columns[at][r.start : r.stop : r.step]
        view.flags.writeable = False
        return view

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
        (as numbered in these rows)."""
        r = self._range[top : bottom + 1]
        segment = self._columns[at][r.start : r.stop : r.step]
        empty = np.fromiter((c in ("", None) for c in segment), dtype=bool, count=len(segment))
        segment[empty] = value


def collect(rows: Iterable[Sequence[object]], lead_columns: int = 0) -> Rows:
    """Columns from `rows` (each as wide as the first), `lead_columns` empty ones before them."""
    iterator = iter(rows)
    parts: list[list[np.ndarray]] = []
    pools: list[dict] = []
    while chunk := list(islice(iterator, CHUNK_ROWS)):
        block = np.empty((len(chunk), len(chunk[0])), dtype=object)
        block[:] = chunk
        del chunk
        if not parts:
            parts = [[] for _ in range(block.shape[1])]
            pools = [{} for _ in range(block.shape[1])]
        for at, part in enumerate(parts):
            part.append(_shared(block[:, at], pools[at]))
        del block
    columns = [_joined(part) for part in parts]
    height = len(columns[0]) if columns else 0
    return Rows([*(filled(height, "") for _ in range(lead_columns)), *columns])


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    """A column's chunks as one array: float64 if every chunk was, else objects."""
    if len(parts) == 1:
        return parts[0]
    if any(part.dtype != np.float64 for part in parts):
        parts = [part.astype(object) for part in parts]
    return np.concatenate(parts)


def _shared(cells: np.ndarray, pool: dict) -> np.ndarray:
    """`cells` as a new array in which equal texts (or dates) are one object, the same
    one in every chunk (`pool`); a chunk of nothing but floats (an amount column) as
    float64, 8 bytes a cell; other kinds (mixed, ints, bools) as they are."""
    kind = pd.api.types.infer_dtype(cells, skipna=False)
    if kind == "floating":
        return cells.astype(np.float64)
    if kind not in _SHARED_KINDS:
        return cells.copy()  # not a view: the chunk's block can go
    codes, uniques = pd.factorize(cells)
    table = np.empty(len(uniques), dtype=object)
    table[:] = [pool.setdefault(value, value) for value in uniques]
    return table[codes]


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
