"""Spreadsheet import, the pure part: file bytes to validated transaction rows.

WeChat Pay, Alipay, 京东 and 美团 bills, bank and credit card statements, Mint
exports and home-made budget sheets (xlsx, xls, csv) are recognised by their header
cells (and a statement's kind by its title); writing the rows to the store, and
pairing the same money seen in two files, is `core.importing.store`'s job.
"""

from core.importing.errors import ImportRefused, RowError

__all__ = ["ImportPreview", "ImportRefused", "RowError", "preview_file"]


def __getattr__(name: str) -> object:
    """The preview, and pandas with it, loads on first use: the sandboxed reader's child
    process imports this package and should start in milliseconds."""
    if name in ("ImportPreview", "preview_file"):
        from core.importing import preview

        return getattr(preview, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
