"""Import page: upload, check what was understood, correct the columns, confirm."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import CoachError
from core.importing import ImportPreview, preview_file
from core.importing.batches import Batch, remove_batch
from core.importing.layouts import MAPPING_FIELDS
from core.importing.store import commit_preview
from core.money import display
from core.usertext import markdown
from dashboard import cache, state, widgets
from dashboard.state import tr

ADJUSTABLE = ("budget", "mint")


@st.cache_data(show_spinner=False, max_entries=20)
def _preview(name: str, content: bytes, mapping: tuple[tuple[str, str], ...]) -> ImportPreview:
    return preview_file(name, content, dict(mapping) or None)


def _mapping_editor(key: str, preview: ImportPreview, *, expanded: bool) -> None:
    """Let the user point each field at another column; a change re-reads the file."""
    with st.expander(tr("import_page.columns_title"), expanded=expanded):
        st.caption(tr("import_page.columns_help"))
        none = tr("import_page.column_none")
        options = [none, *preview.columns]
        chosen = {}
        cols = st.columns(2)
        for i, field in enumerate(MAPPING_FIELDS):
            current = preview.mapping.get(field)
            pick = cols[i % 2].selectbox(
                tr(f"import_page.field_{field}"),
                options,
                index=options.index(current) if current in options else 0,
                key=f"{key}:map:{field}",
            )
            if pick != none:
                chosen[field] = pick
        if chosen != preview.mapping and st.button(
            tr("import_page.apply_columns"), key=f"{key}:apply"
        ):
            st.session_state[f"{key}:mapping"] = chosen
            st.rerun()


def _invalid_table(preview: ImportPreview) -> None:
    st.warning(tr("import_page.invalid_found", count=len(preview.invalid)))
    widgets.row_errors(preview.invalid)


def _rows_table(preview: ImportPreview) -> None:
    rows = preview.rows.head(50)
    st.dataframe(
        rows.assign(
            amount=rows["amount_cents"].map(display),
            kind=rows["kind"].map(lambda k: tr(f"import_page.kind_{k}")),
        ),
        hide_index=True,
        column_order=["date", "description", "counterparty", "amount", "kind", "source_category"],
        column_config={
            "date": st.column_config.DateColumn(tr("budget_page.col_date"), format="YYYY-MM-DD"),
            "description": tr("budget_page.col_description"),
            "counterparty": tr("budget_page.col_counterparty"),
            "amount": tr("budget_page.col_amount"),
            "kind": tr("import_page.col_kind"),
            "source_category": tr("budget_page.col_category"),
        },
    )


def _one_file(upload: st.runtime.uploaded_file_manager.UploadedFile) -> None:
    key = f"{upload.name}:{upload.file_id}"
    mapping = st.session_state.get(f"{key}:mapping", {})
    with st.container(border=True):
        st.markdown(f"**{markdown(upload.name)}**")
        try:
            with st.spinner(tr("import_page.reading", file=markdown(upload.name))):
                preview = _preview(upload.name, upload.getvalue(), tuple(sorted(mapping.items())))
        except CoachError as exc:
            st.error(widgets.message(exc))
            if not mapping:
                st.caption(tr("import_page.refused_hint"))
            elif st.button(tr("import_page.reset_columns"), key=f"{key}:reset"):
                # the columns chosen by hand cannot be read: back to the ones detected
                del st.session_state[f"{key}:mapping"]
                st.rerun()
            return
        st.markdown(
            tr(
                "import_page.understood" if preview.skipped else "import_page.understood_all",
                layout=tr(f"import_page.layout_{preview.layout}"),
                rows=len(preview.rows),
                sheets=len(preview.sheets),
                skipped=preview.skipped,
            )
        )
        _rows_table(preview)
        if preview.layout in ADJUSTABLE:
            # Rows that fail are often a column read wrongly: then the choice is open.
            _mapping_editor(key, preview, expanded=bool(preview.invalid))
        report = st.session_state.get(f"{key}:report")
        if report:  # imported: the file is done; importing it again would add nothing
            st.success(report)
            return
        skip_invalid = False
        if preview.invalid:
            _invalid_table(preview)
            if len(preview.rows):
                skip_invalid = st.checkbox(tr("import_page.skip_invalid"), key=f"{key}:skip")
        if st.button(
            tr("import_page.confirm", rows=len(preview.rows)),
            key=f"{key}:go",
            type="primary",
            disabled=not len(preview.rows) or (bool(preview.invalid) and not skip_invalid),
        ):
            _commit(key, preview, skip_invalid)


def _commit(key: str, preview: ImportPreview, skip_invalid: bool) -> None:
    try:
        with st.spinner(tr("import_page.saving")):
            report = commit_preview(
                state.engine(), state.profile(), preview, skip_invalid=skip_invalid
            )
    except CoachError as exc:
        st.error(widgets.message(exc))
        return
    state.data_changed()
    st.session_state[f"{key}:report"] = tr(
        "import_page.report",
        imported=report.imported,
        duplicates=report.duplicates,
        skipped=report.skipped + len(report.invalid),
    )
    st.rerun()


def render() -> None:
    st.title(tr("import_page.title"))
    st.caption(tr("import_page.intro"))
    uploads = st.file_uploader(
        tr("import_page.upload"),
        type=["xlsx", "xls", "csv"],
        accept_multiple_files=True,
        help=tr("import_page.upload_help"),
        key="import_files",  # not the label: switching the language keeps the files
    )
    widgets.sample_banner()
    if not uploads:
        with st.expander(tr("import_page.how_title")):
            st.markdown(tr("import_page.how_body"))
    for upload in uploads or ():
        _one_file(upload)
    if uploads:
        widgets.link("budget", tr("import_page.see_budget"))
    _imports()


REMOVING = "import_removing"  # the batch whose removal waits for a yes
REMOVED = "import_removed"  # what the last removal took out, shown after the rerun


def _imports() -> None:
    """The files imported so far; one taken back, with everything it added, after a yes."""
    note = st.session_state.pop(REMOVED, None)
    if note:
        st.success(note)
    batches = cache.batches(state.url(), state.profile())
    if not batches:
        return
    with st.expander(tr("safety.imports_title"), expanded=REMOVING in st.session_state):
        when = {b.id: f"{b.imported_at.astimezone():%Y-%m-%d %H:%M}" for b in batches}
        st.dataframe(
            pd.DataFrame(
                {
                    "file": [b.file_name for b in batches],
                    "date": [when[b.id] for b in batches],
                    "rows": [b.rows for b in batches],
                }
            ),
            hide_index=True,
            column_config={k: tr(f"safety.import_col_{k}") for k in ("file", "date", "rows")},
        )
        chosen = st.selectbox(
            tr("safety.import_pick"),
            batches,
            format_func=lambda b: f"{b.file_name} · {when[b.id]}",
            index=None,
            key="import_pick",
        )
        if chosen is None:
            st.session_state.pop(REMOVING, None)
            return
        if st.session_state.get(REMOVING) != chosen.id:
            if st.button(tr("safety.import_remove"), key="import_remove"):
                st.session_state[REMOVING] = chosen.id
                st.rerun()
            return
        _confirm_removal(chosen)


def _confirm_removal(chosen: Batch) -> None:
    st.warning(
        tr("safety.import_remove_confirm", file=markdown(chosen.file_name), rows=chosen.rows)
    )
    yes, no = st.columns(2)
    if no.button(tr("safety.import_remove_no"), key="import_remove_no"):
        del st.session_state[REMOVING]
        st.rerun()
    if not yes.button(
        tr("safety.import_remove_yes", rows=chosen.rows), type="primary", key="import_remove_yes"
    ):
        return
    del st.session_state[REMOVING]
    try:
        removed = remove_batch(state.engine(), state.profile(), chosen.id)
    except CoachError as exc:  # removed meanwhile, in another tab or from the command line
        st.error(widgets.message(exc))
        return
    state.data_changed()
    st.session_state[REMOVED] = tr(
        "safety.import_removed_page", file=markdown(removed.file_name), rows=removed.rows
    )
    st.rerun()
