"""`recovery-coach imports ...`: the files imported so far, and taking one back."""

from __future__ import annotations

from typing import Annotated

import typer

from core.cli.context import echo_table, language, print_json, store
from core.i18n import t
from core.importing.batches import Batch, list_batches, remove_batch
from core.usertext import terminal

app = typer.Typer(no_args_is_help=True, help=t("cli_help.imports", language()))


@app.command("list", help=t("cli_help.imports_list", language()))
def list_(
    as_json: Annotated[
        bool, typer.Option("--json", help=t("cli_help.imports_list_json", language()))
    ] = False,
) -> None:
    engine, profile = store()
    batches = list_batches(engine, profile)
    if as_json:
        print_json(
            [
                {
                    "id": b.id,
                    "file": b.file_name,
                    "imported_at": b.imported_at.isoformat(),
                    "layout": b.layout,
                    "rows": b.rows,
                }
                for b in batches
            ]
        )
        return
    lang = language()
    if not batches:
        typer.echo(t("safety.no_imports", lang))
        return
    rows = [_row(b) for b in batches]
    echo_table(rows, [t(f"safety.import_col_{c}", lang) for c in ("id", "file", "date", "rows")])


def _row(batch: Batch) -> list[str]:
    when = batch.imported_at.astimezone()  # the user's own clock
    return [str(batch.id), terminal(batch.file_name), f"{when:%Y-%m-%d %H:%M}", str(batch.rows)]


@app.command("remove", help=t("cli_help.imports_remove", language()))
def remove(
    batch_id: Annotated[int, typer.Argument(help=t("cli_help.imports_remove_id", language()))],
) -> None:
    engine, profile = store()
    removed = remove_batch(engine, profile, batch_id)
    typer.echo(
        t(
            "safety.import_removed",
            language(),
            id=removed.id,
            file=terminal(removed.file_name),
            rows=removed.rows,
        )
    )
