"""`recovery-coach debts ...`: list, add, import and archive what the user owes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from core.cli.context import echo_table, language, print_json, read_file, store
from core.debts.entry import entry_from_text, rate_text
from core.debts.sheet import DebtSheetInvalid, import_debt_sheet
from core.debts.store import add_debt, list_debts, set_archived
from core.i18n import t
from core.importing import sandbox
from core.money import format_cents
from core.present.json import debt_json
from core.usertext import terminal

app = typer.Typer(no_args_is_help=True, help=t("cli_help.debts", language()))


@app.command("add", help=t("cli_help.debts_add", language()))
def add(
    name: Annotated[str, typer.Option(help=t("cli_help.debts_add_name", language()))],
    balance: Annotated[str, typer.Option(help=t("cli_help.debts_add_balance", language()))],
    min_payment: Annotated[
        str, typer.Option("--min-payment", help=t("cli_help.debts_add_min_payment", language()))
    ],
    apr: Annotated[str | None, typer.Option(help=t("cli_help.debts_add_apr", language()))] = None,
    daily_rate: Annotated[
        str | None,
        typer.Option("--daily-rate", help=t("cli_help.debts_add_daily_rate", language())),
    ] = None,
    due_day: Annotated[
        int | None, typer.Option("--due-day", help=t("cli_help.debts_add_due_day", language()))
    ] = None,
    overdue_since: Annotated[
        str | None,
        typer.Option("--overdue-since", help=t("cli_help.debts_add_overdue_since", language())),
    ] = None,
    penalty_apr: Annotated[
        str | None,
        typer.Option("--penalty-apr", help=t("cli_help.debts_add_penalty_apr", language())),
    ] = None,
    late_fee: Annotated[
        str | None, typer.Option("--late-fee", help=t("cli_help.debts_add_late_fee", language()))
    ] = None,
    lender: Annotated[str, typer.Option(help=t("cli_help.debts_add_lender", language()))] = "",
    promo_apr: Annotated[
        str | None, typer.Option("--promo-apr", help=t("cli_help.debts_add_promo_apr", language()))
    ] = None,
    promo_end: Annotated[
        str | None, typer.Option("--promo-end", help=t("cli_help.debts_add_promo_end", language()))
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help=t("cli_help.debts_add_kind", language()))
    ] = None,
    overdue_amount: Annotated[
        str | None,
        typer.Option("--overdue-amount", help=t("cli_help.debts_add_overdue_amount", language())),
    ] = None,
    penalty_daily_rate: Annotated[
        str | None,
        typer.Option(
            "--penalty-daily-rate", help=t("cli_help.debts_add_penalty_daily_rate", language())
        ),
    ] = None,
) -> None:
    entry = entry_from_text(
        name=name,
        lender=lender,
        balance=balance,
        min_payment=min_payment,
        apr=apr,
        daily_rate=daily_rate,
        due_day=None if due_day is None else str(due_day),
        overdue_since=overdue_since,
        penalty_apr=penalty_apr,
        late_fee=late_fee,
        promo_apr=promo_apr,
        promo_end=promo_end,
        kind=kind,
        overdue_amount=overdue_amount,
        penalty_daily_rate=penalty_daily_rate,
    )
    engine, profile = store()
    debt_id = add_debt(engine, profile, entry)
    typer.echo(t("cli.debt_added", language(), name=entry.name.strip(), id=debt_id))


@app.command("list", help=t("cli_help.debts_list", language()))
def list_(
    as_json: Annotated[
        bool, typer.Option("--json", help=t("cli_help.debts_list_json", language()))
    ] = False,
    archived: Annotated[
        bool, typer.Option("--archived", help=t("cli_help.debts_list_archived", language()))
    ] = False,
) -> None:
    engine, profile = store()
    debts = list_debts(engine, profile, include_archived=archived)
    if as_json:
        print_json([debt_json(d) for d in debts])
        return
    lang = language()
    if not debts:
        typer.echo(t("cli.no_debts", lang))
        return
    cols = ("id", "name", "balance", "apr", "min_payment", "due_day", "overdue")
    rows = [
        [
            str(d.id),
            d.name,
            format_cents(d.balance_cents),
            f"{rate_text(d.apr)}%",
            format_cents(d.min_payment_cents),
            str(d.due_day or ""),
            t("cli.overdue_since", lang, date=d.overdue_since) if d.overdue_since else "",
        ]
        for d in debts
    ]
    echo_table(rows, [t(f"cli.debt_col_{c}", lang) for c in cols])


@app.command("import", help=t("cli_help.debts_import", language()))
def import_(
    file: Annotated[Path, typer.Argument(help=t("cli_help.debts_import_file", language()))],
) -> None:
    sandbox.prepare()  # its start-up overlaps opening the store
    lang = language()
    data = read_file(file)
    engine, profile = store()
    try:
        added, known = import_debt_sheet(engine, profile, file.name, data)
    except DebtSheetInvalid as exc:
        for error in exc.errors:
            typer.echo(
                t(
                    "cli.invalid_row",
                    lang,
                    row=error.row,
                    column=error.column,
                    message=terminal(error.message(lang)),
                ),
                err=True,
            )
        raise
    typer.echo(t("cli.debts_imported", lang, file=file.name, added=added, known=known))


@app.command("archive", help=t("cli_help.debts_archive", language()))
def archive(
    debt_id: Annotated[int, typer.Argument(help=t("cli_help.debts_archive_id", language()))],
) -> None:
    engine, profile = store()
    set_archived(engine, profile, debt_id)
    typer.echo(t("cli.debt_archived", language(), id=debt_id))
