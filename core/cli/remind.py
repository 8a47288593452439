"""`recovery-coach remind ...`: monthly reminders, without the dashboard running.

`remind due` is made for cron and phone shortcuts: when nothing is due or missed it
prints nothing unless a person is watching (a terminal), so cron sends no empty mail.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from core.cli.context import echo_table, language, print_json, store, write_file
from core.i18n import t, tn
from core.present.json import due_json, missed_json, reminder_json
from core.reminders import clock
from core.reminders.reminder import (
    DEFAULT_TIME,
    ReminderEntry,
    ReminderInvalid,
    parse_day,
    parse_time,
    time_text,
)
from core.reminders.store import (
    add_reminder,
    debt_id_named,
    due_reminders,
    export_calendar,
    list_reminders,
    missed_reminders,
)

app = typer.Typer(no_args_is_help=True, help=t("cli_help.remind", language()))

MAX_WITHIN = 366
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(text: str) -> dt.date:
    try:
        if _DATE.match(text.strip()):
            return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise ReminderInvalid("on", "reminders.reason_date", value=text)


def _within(text: str) -> int:
    cleaned = text.strip()
    if not cleaned.isdigit() or int(cleaned) > MAX_WITHIN:
        raise ReminderInvalid("within", "reminders.reason_within", value=text)
    return int(cleaned)


@app.command("add", help=t("cli_help.remind_add", language()))
def add(
    title: Annotated[str, typer.Option(help=t("cli_help.remind_add_title", language()))],
    day: Annotated[str, typer.Option(help=t("cli_help.remind_add_day", language()))],
    time: Annotated[str, typer.Option(help=t("cli_help.remind_add_time", language()))] = time_text(
        DEFAULT_TIME
    ),
    debt: Annotated[
        str | None, typer.Option(help=t("cli_help.remind_add_debt", language()))
    ] = None,
) -> None:
    lang = language()
    day_number, at = parse_day(day), parse_time(time)
    engine, profile = store()
    debt_id = None if debt is None else debt_id_named(engine, profile, debt)
    entry = ReminderEntry(title=title, day=day_number, time=at, debt_id=debt_id)
    reminder_id = add_reminder(engine, profile, entry)
    typer.echo(
        t(
            "reminders.cli_added",
            lang,
            title=entry.title.strip(),
            id=reminder_id,
            day=entry.day,
            time=time_text(entry.time),
        )
    )
    if entry.day > 28:
        typer.echo(t("reminders.month_end_rule", lang, day=entry.day))


@app.command("list", help=t("cli_help.remind_list", language()))
def list_(
    as_json: Annotated[
        bool, typer.Option("--json", help=t("cli_help.remind_list_json", language()))
    ] = False,
) -> None:
    lang = language()
    engine, profile = store()
    today = clock.today(clock.zone())
    reminders = list_reminders(engine, profile)
    if as_json:
        print_json([reminder_json(r, today) for r in reminders])
        return
    if not reminders:
        typer.echo(t("reminders.cli_none", lang))
        return
    rows = []
    for r in reminders:
        shown = reminder_json(r, today)
        status = t("reminders.cli_active" if r.active else "reminders.cli_paused", lang)
        rows.append(
            [
                str(r.id),
                r.title,
                str(r.day),
                shown["time"],
                r.debt_name or "",
                status,
                shown["next"] or "",
            ]
        )
    cols = ("id", "title", "day", "time", "debt", "status", "next")
    echo_table(rows, [t(f"reminders.cli_col_{c}", lang) for c in cols])


@app.command("export", help=t("cli_help.remind_export", language()))
def export(
    out: Annotated[Path, typer.Argument(help=t("cli_help.remind_export_file", language()))],
) -> None:
    lang = language()
    where = clock.zone()
    engine, profile = store()
    write_file(out, export_calendar(engine, profile, where, lang))
    count = sum(r.active for r in list_reminders(engine, profile))
    said = tn("reminders.cli_exported", count, lang, count=count, file=str(out), zone=where.key)
    typer.echo(said)


@app.command("due", help=t("cli_help.remind_due", language()))
def due(
    on: Annotated[
        str | None, typer.Option("--on", help=t("cli_help.remind_due_on", language()))
    ] = None,
    within: Annotated[
        str, typer.Option("--within", help=t("cli_help.remind_due_within", language()))
    ] = "7",
    as_json: Annotated[
        bool, typer.Option("--json", help=t("cli_help.json_object", language()))
    ] = False,
) -> None:
    lang = language()
    where = clock.zone()
    first = _date(on) if on is not None else clock.today(where)
    days = _within(within)
    engine, profile = store()
    found = due_reminders(engine, profile, first, days)
    missed = missed_reminders(engine, profile, first)
    if as_json:
        print_json(
            {
                "on": first.isoformat(),
                "within": days,
                "timezone": where.key,
                "due": [due_json(d) for d in found],
                "missed": [missed_json(m) for m in missed],
            }
        )
        return
    for m in missed:
        typer.echo(
            t(
                "reminders.cli_missed",
                lang,
                title=m.reminder.title,
                debt=m.reminder.debt_name,
                due=m.due_on.isoformat(),
                since=m.since.isoformat(),
            )
        )
    for d in found:
        r = d.reminder
        key = "reminders.cli_due_debt" if r.debt_name else "reminders.cli_due"
        when = {"date": d.on.isoformat(), "time": time_text(r.time)}
        typer.echo(t(key, lang, **when, title=r.title, debt=r.debt_name))
    if not found and not missed and sys.stdout.isatty():
        last = first + dt.timedelta(days=days)
        typer.echo(
            t("reminders.cli_nothing_due", lang, first=first.isoformat(), last=last.isoformat())
        )
