"""Commands over the money records: init, import, budget."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from core.cli.context import echo_table, language, print_json, read_file, store
from core.i18n import t
from core.importing import sandbox
from core.importing.errors import ImportRefused, RowError
from core.importing.memory import preview_remembered
from core.importing.reading import ENCODINGS, SIGNS, STATEMENTS, Reading
from core.importing.store import ImportReport, commit_preview
from core.ledger import budget, samples
from core.money import format_cents
from core.present.json import budget_json
from core.usertext import terminal


def init(
    sample: Annotated[
        bool, typer.Option("--sample", help=t("cli_help.init_sample", language()))
    ] = False,
    first_start: Annotated[
        bool, typer.Option("--first-start", help=t("cli_help.init_first_start", language()))
    ] = False,
) -> None:
    engine, profile = store()
    lang = language()
    if first_start and samples.load_on_first_start(engine, profile):
        typer.echo(t("cli.samples_loaded", lang))
    if sample:
        for report in samples.load_samples(engine, profile):
            _echo_report(report, lang)
    typer.echo(t("cli.store_ready", lang, url=engine.url.render_as_string(hide_password=True)))


def _echo_report(report: ImportReport, lang: str) -> None:
    typer.echo(
        t(
            "cli.import_done",
            lang,
            file=report.file_name,
            imported=report.imported,
            duplicates=report.duplicates,
            skipped=report.skipped,
        )
    )


def import_(
    file: Annotated[Path, typer.Argument(help=t("cli_help.import_file", language()))],
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help=t("cli_help.import_skip_invalid", language()))
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help=t("cli_help.json_object", language()))
    ] = False,
    statement: Annotated[
        str | None,
        typer.Option("--statement", help=t("cli_help.import_statement", language())),
    ] = None,
    positive: Annotated[
        str | None,
        typer.Option("--positive", help=t("cli_help.import_positive", language())),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help=t("cli_help.import_encoding", language())),
    ] = None,
) -> None:
    sandbox.prepare()  # its start-up overlaps opening the store
    lang = language()
    for value, allowed in ((statement, STATEMENTS), (positive, SIGNS), (encoding, ENCODINGS)):
        if value is not None and value not in allowed:
            raise ImportRefused(
                "statements.cli_bad_choice", value=value, allowed=", ".join(allowed)
            )
    data = read_file(file)
    engine, profile = store()
    reading = Reading(statement=statement, positive=positive, encoding=encoding)
    preview, from_memory = preview_remembered(engine, profile, file.name, data, reading)
    if preview.statement_unsure:
        # a card read as an account turns its spending into income: the person says which
        raise ImportRefused("statements.cli_unsure", file=file.name)
    if preview.invalid and not skip_invalid:
        # the refusal that follows gives the count; name each row so it can be fixed
        _echo_invalid(preview.invalid, lang)
    report = commit_preview(engine, profile, preview, skip_invalid=skip_invalid)
    invalid = [
        {"row": e.row, "column": e.column, "message": e.message(lang)} for e in report.invalid
    ]
    if as_json:
        print_json(
            {
                "file": report.file_name,
                "layout": report.layout,
                "imported": report.imported,
                "duplicates": report.duplicates,
                "skipped": report.skipped,
                "invalid": invalid,
                "statement": preview.statement,
                "positive": preview.positive if preview.adjustable else None,
                "remembered": from_memory,
                "paired": report.paired,
                "doubts": preview.doubts(),
                "foreign": [
                    {"row": e.row, "column": e.column, "message": e.message(lang)}
                    for e in preview.foreign
                ],
            }
        )
        return
    if from_memory:
        typer.echo(t("statements.cli_remembered", lang))
    _echo_report(report, lang)
    if report.paired:
        typer.echo(t("statements.cli_paired", lang, count=report.paired))
    for reason, count in preview.doubts().items():
        typer.echo(t(f"statements.cli_doubt_{reason}", lang, count=count), err=True)
    _echo_invalid(preview.foreign, lang)
    _echo_invalid(report.invalid, lang)


def _echo_invalid(errors: list[RowError], lang: str) -> None:
    """One line per unreadable cell on stderr; each message names the row, column and value."""
    for error in errors:
        typer.echo(terminal(error.message(lang)), err=True)


def budget_(
    as_json: Annotated[
        bool, typer.Option("--json", help=t("cli_help.json_object", language()))
    ] = False,
) -> None:
    engine, profile = store()
    if as_json:
        print_json(budget_json(budget.budget_figures(engine, profile)))
        return
    lang = language()
    rows = [
        [m.month, format_cents(m.income), format_cents(m.spending), format_cents(m.surplus)]
        for m in budget.monthly(engine, profile)
    ]
    if not rows:
        typer.echo(t("cli.no_transactions", lang))
        return
    echo_table(rows, [t(f"cli.col_{c}", lang) for c in ("month", "income", "spending", "surplus")])
    average = budget.average_surplus(engine, profile)
    if average is not None:
        typer.echo(t("cli.average_surplus", lang, amount=format_cents(average)))


def register(app: typer.Typer) -> None:
    app.command("init", help=t("cli_help.init", language()))(init)
    app.command("import", help=t("cli_help.import", language()))(import_)
    app.command("budget", help=t("cli_help.budget", language()))(budget_)
