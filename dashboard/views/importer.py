"""Import page: upload, check what was understood (card or account, sign, monthly totals,
rows in doubt), correct it, confirm."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import CoachError
from core.importing import ImportPreview, preview_file, sandbox
from core.importing.batches import Batch, remove_batch
from core.importing.layouts import MAPPING_FIELDS, position_name
from core.importing.memory import forget, read_remembering
from core.importing.preview import DECISIONS, OMIT, decide, first_rows, headerless_signature
from core.importing.readers import check_file_type
from core.importing.reading import ACCOUNT, ENCODINGS, SIGNS, STATEMENTS, Reading
from core.importing.store import commit_preview
from core.importing.totals import monthly_totals
from core.money import display
from core.months import Month
from core.usertext import markdown
from dashboard import cache, state, widgets
from dashboard.state import tr

_WORKBOOK = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


@st.cache_data(show_spinner=False, max_entries=20)
def _preview(name: str, content: bytes, reading: Reading) -> ImportPreview:
    return preview_file(name, content, reading=reading)


@st.cache_data(show_spinner=False, max_entries=20)
def _first_rows(name: str, content: bytes, encoding: str | None) -> list[list[str]]:
    return first_rows(name, content, encoding)


def _reading(key: str) -> Reading:
    return st.session_state.get(f"{key}:reading") or Reading()


def _choose(key: str, **changes: object) -> None:
    """Re-read the file with a changed choice; decisions about rows start over."""
    st.session_state[f"{key}:reading"] = _reading(key).with_(**changes)
    st.session_state.pop(f"{key}:decisions", None)


def _read(key: str, name: str, content: bytes) -> tuple[ImportPreview, bool]:
    """The file with the person's choices, on top of what was remembered for its layout."""
    return read_remembering(
        name,
        content,
        _reading(key),
        lambda signature: cache.remembered_reading(state.url(), state.profile(), signature),
        read=_preview,
        headerless=_headerless_signature,
    )


@st.cache_data(show_spinner=False, max_entries=20)
def _headerless_signature(name: str, content: bytes, encoding: str | None) -> str:
    return headerless_signature(name, content, encoding)


def _mapping_editor(key: str, preview: ImportPreview, *, expanded: bool) -> None:
    """Let the user point each field at another column; a change re-reads the file."""
    with st.expander(tr("import_page.columns_title"), expanded=expanded):
        st.caption(tr("import_page.columns_help"))
        chosen = _pick_columns(key, preview.columns, preview.mapping)
        if chosen != preview.mapping and st.button(
            tr("import_page.apply_columns"), key=f"{key}:apply"
        ):
            _choose(key, mapping=chosen)
            st.rerun()


def _pick_columns(key: str, columns: list[str], current: dict[str, str], labels=None):
    none = tr("import_page.column_none")
    options = [none, *columns]
    chosen = {}
    cols = st.columns(2)
    for i, field in enumerate(MAPPING_FIELDS):
        pick = cols[i % 2].selectbox(
            tr(f"import_page.field_{field}"),
            options,
            index=options.index(current[field]) if current.get(field) in options else 0,
            format_func=(lambda c: labels.get(c, c)) if labels else str,
            key=f"{key}:map:{field}",
        )
        if pick != none:
            chosen[field] = pick
    return chosen


def _by_position(key: str, name: str, content: bytes) -> None:
    """A file without a header row: show its first rows and choose columns by place."""
    try:
        rows = _first_rows(name, content, _reading(key).encoding)
    except CoachError:
        return
    if not rows:
        return
    with st.expander(tr("statements.by_position_title"), expanded=True):
        st.caption(tr("statements.by_position_help"))
        width = len(rows[0])
        places = [position_name(i) for i in range(width)]
        labels = {p: tr("statements.column_number", n=i + 1) for i, p in enumerate(places)}
        st.dataframe(pd.DataFrame(rows, columns=[labels[p] for p in places]), hide_index=True)
        chosen = _pick_columns(f"{key}:pos", places, _reading(key).mapping or {}, labels)
        if st.button(tr("import_page.apply_columns"), key=f"{key}:apply_pos"):
            _choose(key, mapping=chosen)
            st.rerun()


def _encoding_choice(key: str, content: bytes) -> None:
    """A text file whose characters came out wrong: read it in another encoding."""
    if content.startswith(_WORKBOOK):
        return
    current = _reading(key).encoding
    options = [None, *ENCODINGS]
    # labels worked out now: a widget formats its options again outside this run
    names = {None: tr("statements.encoding_auto"), **{e: e for e in ENCODINGS}}
    pick = st.selectbox(
        tr("statements.encoding"),
        options,
        index=options.index(current),
        format_func=names.__getitem__,
        help=tr("statements.encoding_help"),
        key=f"{key}:encoding",
    )
    if pick != current:
        _choose(key, encoding=pick)
        st.rerun()


def _statement_choice(key: str, preview: ImportPreview) -> None:
    """Card or account, and what a positive amount is: the reading that decides the sign."""
    if preview.statement_unsure:
        st.warning(tr("statements.unsure"))
    kinds = list(STATEMENTS)
    names = {k: tr(f"statements.kind_{k}") for k in kinds}
    # one's own records read as an account does; an unsure file waits for the choice
    shown = None if preview.statement_unsure else (preview.statement or ACCOUNT)
    kind = st.radio(
        tr("statements.kind_question"),
        kinds,
        index=None if shown is None else kinds.index(shown),
        format_func=names.__getitem__,
        horizontal=True,
        key=f"{key}:statement:{preview.statement}",
    )
    if kind is not None and kind != shown:
        _choose(key, statement=kind, positive=None)
        st.rerun()
    if preview.signed:
        signs = list(SIGNS)
        names = {s: tr(f"statements.sign_{s}") for s in signs}
        sign = st.radio(
            tr("statements.sign_question"),
            signs,
            index=signs.index(preview.positive),
            format_func=names.__getitem__,
            horizontal=True,
            key=f"{key}:positive:{preview.positive}",
        )
        if sign != preview.positive:
            _choose(key, positive=sign)
            st.rerun()


def _totals(preview: ImportPreview) -> None:
    """What the file adds, month by month, as the budget will count it."""
    totals = monthly_totals(preview.rows)
    if totals.empty:
        return
    st.caption(tr("statements.totals_title"))
    st.dataframe(
        totals.assign(
            month=totals["month"].map(lambda m: Month.parse(m).text(state.lang())),
            income=totals["income"].map(display),
            spending=totals["spending"].map(display),
        ),
        hide_index=True,
        column_config={
            "month": tr("statements.col_month"),
            "income": tr("budget_page.income"),
            "spending": tr("budget_page.spending"),
            "neutral": tr("statements.col_neutral"),
        },
    )


def _current_decision(kind: str, cents: int) -> str:
    if kind == "expense":
        return "refund" if cents > 0 else "spending"
    return kind


def _doubts(key: str, preview: ImportPreview) -> None:
    """Rows the importer could not settle: listed with how they count now, to decide."""
    counts = preview.doubts()
    if not counts:
        return
    for reason, count in counts.items():
        st.warning(tr(f"statements.doubt_{reason}", count=count))
    rows = preview.rows[preview.rows["doubt"] != ""]
    choices = [*DECISIONS, OMIT]
    names = {c: tr(f"statements.decision_{c}") for c in choices}
    decisions = st.session_state.get(f"{key}:decisions", {})
    frame = pd.DataFrame(
        {
            "sheet": rows["sheet"],
            "row": rows["row"],
            "date": rows["date"],
            "description": rows["description"],
            "counterparty": rows["counterparty"],
            "amount": rows["amount_cents"].map(display),
            "count_as": [
                decisions.get((s, int(r)), _current_decision(k, int(c)))
                for s, r, k, c in zip(
                    rows["sheet"], rows["row"], rows["kind"], rows["amount_cents"], strict=True
                )
            ],
        }
    )
    edited = st.data_editor(
        frame,
        hide_index=True,
        disabled=["sheet", "row", "date", "description", "counterparty", "amount"],
        column_order=["row", "date", "description", "counterparty", "amount", "count_as"],
        column_config={
            "row": tr("import_page.invalid_row"),
            "date": st.column_config.DateColumn(tr("budget_page.col_date"), format="YYYY-MM-DD"),
            "description": tr("budget_page.col_description"),
            "counterparty": tr("budget_page.col_counterparty"),
            "amount": tr("budget_page.col_amount"),
            "count_as": st.column_config.SelectboxColumn(
                tr("statements.col_count_as"),
                options=choices,
                required=True,
                format_func=names.__getitem__,
            ),
        },
        key=f"{key}:doubts",
    )
    chosen = {
        (s, int(r)): c
        for s, r, c, was in zip(
            edited["sheet"], edited["row"], edited["count_as"], frame["count_as"], strict=True
        )
        if c != was or (s, int(r)) in decisions
    }
    if chosen != decisions:
        st.session_state[f"{key}:decisions"] = chosen
        st.rerun()


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


def _layout_label(preview: ImportPreview) -> str:
    label = tr(f"import_page.layout_{preview.layout}")
    return f"{preview.bank} {label}" if preview.bank else label


def _refused(key: str, name: str, content: bytes, exc: CoachError) -> None:
    st.error(widgets.message(exc))
    if exc.key == "import.refused_no_header":
        _by_position(key, name, content)
    if exc.key in ("import.refused_encoding", "statements.refused_chosen_encoding"):
        _encoding_choice(key, content)
    if _reading(key).chosen and st.button(tr("import_page.reset_columns"), key=f"{key}:reset"):
        # what was chosen by hand cannot be read: back to what was detected
        st.session_state.pop(f"{key}:reading", None)
        st.rerun()
    elif not _reading(key).chosen:
        st.caption(tr("import_page.refused_hint"))


def _one_file(upload: st.runtime.uploaded_file_manager.UploadedFile) -> None:
    key = f"{upload.name}:{upload.file_id}"
    content = upload.getvalue()
    with st.container(border=True):
        st.markdown(f"**{markdown(upload.name)}**")
        try:
            check_file_type(upload.name)
            with st.spinner(tr("import_page.reading", file=markdown(upload.name))):
                read, from_memory = _read(key, upload.name, content)
        except CoachError as exc:
            _refused(key, upload.name, content, exc)
            return
        preview = decide(read, st.session_state.get(f"{key}:decisions", {}))
        # a CSV, or a workbook of one sheet, is not said to have sheets
        said = "import_page.understood" if preview.skipped else "import_page.understood_all"
        st.markdown(
            tr(
                said + ("_sheets" if len(preview.sheets) > 1 else ""),
                layout=_layout_label(preview),
                rows=len(preview.rows),
                sheets=len(preview.sheets),
                skipped=preview.skipped,
            )
        )
        if from_memory:
            st.info(tr("statements.remembered"))
            if st.button(tr("statements.forget"), key=f"{key}:forget"):
                forget(state.engine(), state.profile(), preview.signature)
                st.session_state.pop(f"{key}:reading", None)
                state.data_changed()
                st.rerun()
        _rows_table(preview)
        if preview.adjustable and preview.layout != "mint":
            _statement_choice(key, preview)
        _totals(preview)
        if preview.foreign:
            st.info(tr("statements.foreign_found", count=len(preview.foreign)))
            widgets.row_errors(preview.foreign)
        _doubts(key, read)
        if preview.adjustable:
            # Rows that fail are often a column read wrongly: then the choice is open.
            _mapping_editor(key, preview, expanded=bool(preview.invalid))
        if preview.adjustable:
            _encoding_choice(key, content)
        report = st.session_state.get(f"{key}:report")
        if report:  # imported: the file is done; importing it again would add nothing
            st.success(report)
            return
        skip_invalid = False
        if preview.invalid:
            st.warning(tr("import_page.invalid_found", count=len(preview.invalid)))
            widgets.row_errors(preview.invalid)
            if len(preview.rows):
                skip_invalid = st.checkbox(tr("import_page.skip_invalid"), key=f"{key}:skip")
        if st.button(
            tr("import_page.confirm", rows=len(preview.rows)),
            key=f"{key}:go",
            type="primary",
            disabled=not len(preview.rows)
            or (bool(preview.invalid) and not skip_invalid)
            or preview.statement_unsure,
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
    message = tr(
        "import_page.report",
        imported=report.imported,
        duplicates=report.duplicates,
        skipped=report.skipped + len(report.invalid),
    )
    if report.paired:
        message += " " + tr("statements.report_paired", count=report.paired)
    st.session_state[f"{key}:report"] = message
    st.rerun()


def render() -> None:
    sandbox.prepare()  # the file reader waits, started, for the files to come
    st.title(tr("import_page.title"))
    st.caption(tr("import_page.intro"))
    uploads = st.file_uploader(
        tr("import_page.upload"),
        accept_multiple_files=True,  # any file: one of another kind gets our message
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
