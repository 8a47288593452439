"""Import page: upload, check what was understood, correct the columns, confirm."""

from __future__ import annotations

import streamlit as st

from core.errors import CoachError
from core.importing import ImportPreview, preview_file
from core.importing.layouts import MAPPING_FIELDS
from core.importing.store import commit_preview
from core.money import display
from dashboard import state, widgets
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
        st.markdown(f"**{upload.name}**")
        try:
            with st.spinner(tr("import_page.reading", file=upload.name)):
                preview = _preview(upload.name, upload.getvalue(), tuple(sorted(mapping.items())))
        except CoachError as exc:
            st.error(exc.message(state.lang()))
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
        st.error(exc.message(state.lang()))
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
        return
    for upload in uploads:
        _one_file(upload)
    widgets.link("budget", tr("import_page.see_budget"))
