"""Pieces more than one page shows the same way."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.importing import RowError
from dashboard import state
from dashboard.state import tr

_COLUMNS = ("sheet", "row", "column", "value", "why")


def row_errors(errors: list[RowError]) -> None:
    """Each cell that could not be read: where it is, what it holds, and why."""
    frame = pd.DataFrame(
        [(e.sheet, e.row, e.column, e.value, e.message(state.lang())) for e in errors],
        columns=list(_COLUMNS),
    )
    st.dataframe(
        frame,
        hide_index=True,
        column_config={k: tr(f"import_page.invalid_{k}") for k in _COLUMNS},
    )
