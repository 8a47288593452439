"""The contact log as evidence to attach to a complaint: a workbook and a printable page.

Both are sorted by time and spell the flags out, the ones the user ticked apart from
the ones the app found from the times. Every version is kept: the log shows each
contact's latest version, a second part lists all of them. Text the user typed is
always written as text: a workbook cell is a string cell whatever it starts with
(=, +, -, @, tab, CR), never a formula; the page escapes every character HTML gives
a meaning to.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from core.coach.contacts import ContactRecord, flag_names, latest_versions, time_flags
from core.i18n import t
from core.present.workbook import text_cell

COLUMNS = (
    "entry",
    "version",
    "when",
    "kind",
    "place",
    "collector",
    "company",
    "id_shown",
    "id_number",
    "phone",
    "notice_given",
    "said",
    "witness",
    "witness_name",
    "follow_up",
    "flags",
    "time_flags",
    "recorded",
)
WIDTHS = (6, 8, 17, 8, 20, 14, 20, 8, 18, 16, 8, 50, 8, 14, 30, 30, 24, 17)
WHEN_FORMAT = "yyyy-mm-dd hh:mm"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _recorded(record: ContactRecord) -> str:
    if record.recorded_at is None:
        return ""
    stamp = record.recorded_at
    if stamp.tzinfo is not None:  # stored in UTC: shown in the machine's local time
        stamp = stamp.astimezone().replace(tzinfo=None)
    return stamp.strftime("%Y-%m-%d %H:%M")


def row_values(record: ContactRecord, time: tuple[str, ...] | None, lang: str) -> dict[str, object]:
    """Each column's value for one version, text already in `lang`; `time` is None
    where the flags found from the times are not shown (earlier versions)."""
    yes_no = {True: t("contacts.yes", lang), False: t("contacts.no", lang)}
    return {
        "entry": record.entry,
        "version": record.version,
        "when": record.when,
        "kind": t(f"contacts.kind_{record.kind}", lang),
        "place": record.place,
        "collector": record.collector,
        "company": record.company,
        "id_shown": yes_no[record.id_shown],
        "id_number": record.id_number,
        "phone": record.phone,
        "notice_given": yes_no[record.notice_given],
        "said": record.said,
        "witness": yes_no[record.witness],
        "witness_name": record.witness_name,
        "follow_up": record.follow_up,
        "flags": flag_names(record.flags, lang),
        "time_flags": "" if time is None else flag_names(time, lang),
        "recorded": _recorded(record),
    }


def _rows(records: Sequence[ContactRecord], lang: str) -> tuple[list[dict], list[dict]]:
    """(the log: latest versions by time, the history: every version by contact)."""
    latest = latest_versions(records)
    derived = time_flags(latest)
    log = [row_values(r, derived.get(r.entry, ()), lang) for r in latest]
    history = [
        row_values(r, None, lang) for r in sorted(records, key=lambda r: (r.entry, r.version))
    ]
    return log, history


# --- workbook -------------------------------------------------------------------------


def _cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell | object:
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = WHEN_FORMAT
        return cell
    if isinstance(value, str):
        cell = text_cell(sheet, value)
        cell.alignment = WRAP
        return cell
    return value


def _sheet(book: Workbook, name: str, rows: list[dict], columns: tuple[str, ...], lang: str):
    sheet = book.create_sheet(name)
    for index, width in enumerate(WIDTHS[: len(columns)], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, t(f"contacts.col_{column}", lang))
        cell.font = BOLD
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, row[c]) for c in columns])


def log_workbook(records: Sequence[ContactRecord], lang: str) -> bytes:
    """Sheet one: each contact's latest version, by time, with every flag spelled out.
    Sheet two: every version ever recorded."""
    log, history = _rows(records, lang)
    book = Workbook(write_only=True)
    _sheet(book, t("contacts.sheet_log", lang), log, COLUMNS, lang)
    without_time = tuple(c for c in COLUMNS if c != "time_flags")
    _sheet(book, t("contacts.sheet_history", lang), history, without_time, lang)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


# --- printable page -------------------------------------------------------------------

_STYLE = """
body { font-family: sans-serif; margin: 1.5em; color: #111; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 0.85em; }
th, td { border: 1px solid #999; padding: 4px; vertical-align: top; text-align: left; }
th { background: #eee; }
.flag { color: #a00; font-weight: bold; }
@media print { body { margin: 0; } tr { page-break-inside: avoid; } }
"""


def _html_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return html.escape(str(value), quote=True).replace("\n", "<br>")


def _html_table(rows: list[dict], columns: tuple[str, ...], lang: str) -> str:
    head = "".join(f"<th>{_html_text(t(f'contacts.col_{c}', lang))}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for c in columns:
            css = ' class="flag"' if c in ("flags", "time_flags") else ""
            cells.append(f"<td{css}>{_html_text(row[c])}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def log_page(records: Sequence[ContactRecord], lang: str, today: dt.date) -> str:
    """A whole HTML document to open in a browser and print (or save as PDF)."""
    log, history = _rows(records, lang)
    shown = tuple(c for c in COLUMNS if c != "recorded")
    title = _html_text(t("contacts.print_title", lang))
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>{_html_text(t('contacts.print_intro', lang))}</p>",
        f"<p>{_html_text(t('contacts.print_made', lang, date=today.isoformat()))}</p>",
        _html_table(log, shown, lang) if log else f"<p>{_html_text(t('contacts.empty', lang))}</p>",
    ]
    if any(r.version > 1 for r in records):
        without_time = tuple(c for c in COLUMNS if c != "time_flags")
        parts += [
            f"<h2>{_html_text(t('contacts.print_history', lang))}</h2>",
            _html_table(history, without_time, lang),
        ]
    parts.append("</body></html>")
    return "\n".join(parts)
