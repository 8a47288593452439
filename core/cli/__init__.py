"""`recovery-coach`: the command line. Thin: every command calls the same core
functions as the dashboard, so every feature can be scripted and tested headless."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer
from sqlalchemy.exc import DBAPIError

from core.cli import coach, debts, imports, ledger, plan, progress, remind
from core.cli.context import language
from core.db import StoreUnavailable, store_error
from core.errors import CoachError
from core.i18n import t
from core.usertext import terminal

if TYPE_CHECKING:
    from rich.text import Text


def _fold_long_help_lines() -> None:
    """Rich breaks help text only at spaces and cuts a longer run short with "…". Chinese
    has no spaces, so in 80 columns most zh help lines lost their ends; fold them instead.
    Typer passes every help text through `rich_utils.highlighter`: the one place to say so."""
    try:
        from typer import rich_utils
    except ImportError:  # no rich: click prints plain help, which never cuts text
        return
    plain = getattr(rich_utils, "highlighter", None)
    if plain is None or getattr(plain, "folds", False):
        return

    class Folding(type(plain)):
        folds = True

        def highlight(self, text: Text) -> None:
            super().highlight(text)
            text.overflow = "fold"

    rich_utils.highlighter = Folding()


_fold_long_help_lines()

app = typer.Typer(
    name="recovery-coach",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help=t("cli_help.app", language()),
)
ledger.register(app)
app.add_typer(debts.app, name="debts")
app.add_typer(imports.app, name="imports")
app.add_typer(remind.app, name="remind")
app.command("plan", help=t("cli_help.plan", language()))(plan.plan)
progress.register(app)
coach.register(app)


def main() -> None:
    """Entry point: a problem the user can fix is one plain line on stderr, never a traceback."""
    try:
        app()
    except CoachError as exc:
        typer.echo(terminal(exc.message(language())), err=True)
        sys.exit(1)
    except DBAPIError as exc:  # exit code 3: the database cannot be reached; 4: it refused
        error = store_error(exc)
        typer.echo(terminal(error.message(language())), err=True)
        sys.exit(3 if isinstance(error, StoreUnavailable) else 4)
