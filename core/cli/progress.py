"""`recovery-coach pay`, `balance` and `progress`: record what was paid, confirm a
statement balance, and see how far along the user is."""

from __future__ import annotations

from typing import Annotated

import typer

from core.cli.context import echo_table, language, print_json, store
from core.i18n import t
from core.money import format_cents
from core.present.json import progress_json
from core.present.text import milestone_text, outlook_text, verdict_text
from core.progress.history import load, local_day, now_utc
from core.progress.overview import overview
from core.progress.payments import (
    Recorded,
    confirm_balance,
    find_debt,
    parse_amount,
    parse_day,
    record_payment,
)


def pay(
    debt: Annotated[str, typer.Option(help=t("cli_help.pay_debt", language()))],
    amount: Annotated[str, typer.Option(help=t("cli_help.pay_amount", language()))],
    date: Annotated[str | None, typer.Option(help=t("cli_help.pay_date", language()))] = None,
    note: Annotated[str, typer.Option(help=t("cli_help.pay_note", language()))] = "",
) -> None:
    cents = parse_amount(amount)
    day = parse_day(date) if date else local_day(now_utc())
    engine, profile = store()
    found = find_debt(load(engine, profile), debt)
    done = record_payment(engine, profile, found.record.id, day, cents, note)
    lang = language()
    typer.echo(
        t(
            "progress.cli_paid",
            lang,
            date=day.isoformat(),
            name=found.record.name,
            amount=format_cents(cents),
            balance=format_cents(done.balance),
        )
    )
    _milestones(done, lang)


def balance(
    debt: Annotated[str, typer.Option(help=t("cli_help.balance_debt", language()))],
    amount: Annotated[str, typer.Option(help=t("cli_help.balance_amount", language()))],
    date: Annotated[str | None, typer.Option(help=t("cli_help.balance_date", language()))] = None,
) -> None:
    cents = parse_amount(amount, zero_allowed=True)
    day = parse_day(date) if date else local_day(now_utc())
    engine, profile = store()
    found = find_debt(load(engine, profile), debt)
    done = confirm_balance(engine, profile, found.record.id, day, cents)
    lang = language()
    typer.echo(
        t(
            "progress.cli_confirmed",
            lang,
            name=found.record.name,
            balance=format_cents(cents),
            date=day.isoformat(),
        )
    )
    _milestones(done, lang)


def _milestones(done: Recorded, lang: str) -> None:
    for reached in done.reached:
        title, line = milestone_text(reached, lang)
        typer.echo(t("progress.cli_milestone", lang, title=title, line=line))


def progress(
    as_json: Annotated[
        bool, typer.Option("--json", help=t("cli_help.json_object", language()))
    ] = False,
) -> None:
    engine, profile = store()
    view = overview(engine, profile, local_day(now_utc()))
    if as_json:
        print_json(progress_json(view.progress))
        return
    lang = language()
    if not view.progress.debts:
        typer.echo(t("progress.cli_no_debts", lang))
        return
    rows = [
        [
            f.name or t("progress.cli_total", lang),
            format_cents(f.start),
            format_cents(f.paid),
            format_cents(f.remaining),
            f"{f.percent}%",
        ]
        for f in [*view.progress.debts, view.progress.total]
    ]
    cols = ("name", "start", "paid", "remaining", "percent")
    echo_table(rows, [t(f"progress.cli_col_{c}", lang) for c in cols])
    if view.check is None:
        typer.echo(t("progress.cli_no_plan", lang))
    else:
        typer.echo(verdict_text(view.check, lang, format_cents))
    told = outlook_text(view.outlook, lang, format_cents)
    if told:
        typer.echo(told)


def register(app: typer.Typer) -> None:
    lang = language()
    app.command("pay", help=t("cli_help.pay", lang))(pay)
    app.command("balance", help=t("cli_help.balance", lang))(balance)
    app.command("progress", help=t("cli_help.progress", lang))(progress)
