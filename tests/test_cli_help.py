"""`recovery-coach … --help` speaks the user's language: every help text is in the catalogue."""

from __future__ import annotations

import re

import click
import pytest
import typer

from core.cli import app
from core.cli.context import language
from core.i18n import catalogue, t
from tests.cli import run

HELP_KEYS = {
    (): ["app", "init", "import", "budget", "plan", "debts"],
    ("plan",): [
        "plan", "plan_strategy", "plan_budget", "plan_start", "plan_extra", "plan_order",
        "json_object", "plan_xlsx", "plan_budget_from", "plan_token",
    ],
    ("import",): ["import", "import_file", "import_skip_invalid", "json_object"],
    ("debts", "add"): [
        "debts_add", "debts_add_name", "debts_add_balance", "debts_add_min_payment",
        "debts_add_apr", "debts_add_daily_rate", "debts_add_due_day", "debts_add_overdue_since",
        "debts_add_penalty_apr", "debts_add_late_fee", "debts_add_lender", "debts_add_promo_apr",
        "debts_add_promo_end", "debts_add_kind", "debts_add_overdue_amount",
        "debts_add_penalty_daily_rate",
    ],
}  # fmt: skip


def _squeezed(text: str) -> str:
    """Text without spaces or box lines: rich wraps (and folds Chinese) anywhere."""
    return re.sub(r"[\s│╭╮╰╯─]+", "", text)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", list(HELP_KEYS), ids=lambda c: " ".join(c) or "app")
def test_help_is_in_the_users_language(tmp_path, command, lang):
    result = run(tmp_path / "help.db", *command, "--help", lang=lang)
    assert result.code == 0, result.err
    shown = _squeezed(result.out)
    other = "en" if lang == "zh" else "zh"
    for key in HELP_KEYS[command]:
        assert _squeezed(t(f"cli_help.{key}", lang)) in shown, (key, result.out)
        assert _squeezed(t(f"cli_help.{key}", other)) not in shown, (key, result.out)
    assert "…" not in result.out  # nothing cut short, even Chinese in 80 columns


def _commands(command: click.Command, path: str = "recovery-coach"):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, f"{path} {name}")


def test_every_command_and_parameter_takes_its_help_from_the_catalogue():
    """In-process, in whatever language the environment gives: no help text is a literal."""
    helps = {text for key, text in catalogue(language()).items() if key.startswith("cli_help.")}
    missing = []
    for path, command in _commands(typer.main.get_command(app)):
        if command.help not in helps:
            missing.append((path, command.help))
        for param in command.params:
            if param.name != "help" and getattr(param, "help", None) not in helps:
                missing.append((f"{path} {param.name}", getattr(param, "help", None)))
    assert missing == []
