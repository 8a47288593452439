"""`recovery-coach`: the command line. Thin: every command calls the same core
functions as the dashboard, so every feature can be scripted and tested headless."""

from __future__ import annotations

import sys

import typer
from sqlalchemy.exc import OperationalError

from core.cli import debts, ledger, plan
from core.cli.context import language
from core.db import StoreUnavailable
from core.errors import CoachError

app = typer.Typer(
    name="recovery-coach",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Recovery Coach: budget, debts and a payoff plan, from the command line.",
)
ledger.register(app)
app.add_typer(debts.app, name="debts")
app.command("plan")(plan.plan)


def main() -> None:
    """Entry point: a problem the user can fix is one plain line on stderr, never a traceback."""
    try:
        app()
    except CoachError as exc:
        typer.echo(exc.message(language()), err=True)
        sys.exit(1)
    except OperationalError as exc:  # the database cannot be reached: exit code 3
        typer.echo(StoreUnavailable(exc).message(language()), err=True)
        sys.exit(3)
