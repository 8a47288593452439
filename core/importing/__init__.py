"""Spreadsheet import, the pure part: file bytes to validated transaction rows.

WeChat Pay and Alipay bill exports, Mint exports and home-made budget sheets
(xlsx, xls, csv) are recognised by their header cells; writing the rows to the
store is `core.importing.store`'s job.
"""

from core.importing.errors import ImportRefused, RowError
from core.importing.preview import ImportPreview, preview_file

__all__ = ["ImportPreview", "ImportRefused", "RowError", "preview_file"]
