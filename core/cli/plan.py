"""`recovery-coach plan`: the payoff plan for the listed debts, as text, JSON or a workbook."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from core.cli.context import echo_table, language, print_json, store, write_file
from core.i18n import t, tn
from core.money import format_cents
from core.months import Month
from core.planner import STRATEGIES, Comparison, PlanResult, first_payments
from core.planner.request import (
    PlanRequest,
    add_extras,
    parse_budget,
    parse_extra,
    plan_request,
    split_extras,
)
from core.present.json import plan_request_json
from core.present.text import problem_text
from core.present.workbook import plan_workbook

Strategy = Enum("Strategy", {name: name for name in STRATEGIES}, type=str)


def plan(
    strategy: Annotated[
        Strategy,
        typer.Option(help=t("cli_help.plan_strategy", language())),
    ] = Strategy.avalanche,
    budget: Annotated[
        str | None,
        typer.Option(help=t("cli_help.plan_budget", language())),
    ] = None,
    start: Annotated[str | None, typer.Option(help=t("cli_help.plan_start", language()))] = None,
    extra: Annotated[
        list[str] | None,
        typer.Option(help=t("cli_help.plan_extra", language())),
    ] = None,
    order: Annotated[
        list[str] | None,
        typer.Option(help=t("cli_help.plan_order", language())),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help=t("cli_help.json_object", language()))
    ] = False,
    xlsx: Annotated[Path | None, typer.Option(help=t("cli_help.plan_xlsx", language()))] = None,
    # `--extra 2027-02:3000 2027-05:1000`: the values after the first land here
    more_extras: Annotated[
        list[str] | None,
        typer.Argument(
            hidden=True, metavar="YYYY-MM:AMOUNT", help=t("cli_help.plan_more_extras", language())
        ),
    ] = None,
) -> None:
    lang = language()
    chosen_strategy = strategy.value
    cents = None if budget is None else parse_budget(budget)
    extras = add_extras(
        parse_extra(item)
        for given in [*(extra or []), *(more_extras or [])]
        for item in split_extras(given)
    )
    engine, profile = store()
    request = plan_request(
        engine,
        profile,
        chosen_strategy,
        budget=cents,
        start=Month.parse(start) if start else None,
        extras=extras,
        order=order or (),
    )
    comparison = request.compare()
    chosen = comparison.plans[chosen_strategy]
    if xlsx is not None:
        write_file(xlsx, plan_workbook(comparison.in_order(), lang))
    if as_json:
        print_json(plan_request_json(request, comparison))
        return
    _print(request, comparison, chosen, lang)
    if xlsx is not None:
        typer.echo(t("planning.cli_written", lang, file=str(xlsx)))


def _print(request: PlanRequest, comparison: Comparison, chosen: PlanResult, lang: str) -> None:
    budget_note = t(f"planning.budget_{request.budget_source}", lang)
    typer.echo(
        t(
            "planning.cli_inputs",
            lang,
            strategy=t(f"plan.strategy_{comparison.chosen}", lang),
            budget=format_cents(request.budget),
            note=budget_note,
            start=request.start,
        )
    )
    if chosen.feasible and not chosen.months:
        typer.echo(t("planning.nothing_owed", lang))
        return
    if chosen.feasible:
        typer.echo(
            tn(
                "planning.cli_debt_free",
                chosen.months,
                lang,
                month=chosen.debt_free,
                months=chosen.months,
                interest=format_cents(chosen.total_interest),
                paid=format_cents(chosen.total_paid),
            )
        )
    else:
        typer.echo(problem_text(chosen, lang))
    typer.echo(t("planning.cli_order", lang, order=" → ".join(chosen.order)))
    if chosen.feasible:
        steps = first_payments(chosen)
        payments = ", ".join(f"{row.debt} {format_cents(row.payment)}" for row in steps)
        typer.echo(t("planning.cli_first_month", lang, month=steps[0].month, payments=payments))
        _print_debts(chosen, lang)
    typer.echo("")
    _print_comparison(comparison, lang)


def _print_debts(chosen: PlanResult, lang: str) -> None:
    rows = [
        [d.name, d.payoff_month or "-", format_cents(d.interest), format_cents(d.paid)]
        for d in chosen.debts
    ]
    cols = ("debt", "payoff_month", "total_interest", "paid")
    echo_table(rows, [t(f"plan.col_{c}", lang) for c in cols])


def _print_comparison(comparison: Comparison, lang: str) -> None:
    rows = [
        [
            t(f"plan.strategy_{name}", lang),
            result.debt_free or "-",
            str(result.months) if result.feasible else "-",
            format_cents(result.total_interest) if result.feasible else "-",
        ]
        for name, result in comparison.plans.items()
    ]
    cols = ("strategy", "debt_free", "months", "total_interest")
    echo_table(rows, [t(f"plan.col_{c}", lang) for c in cols])
    saving = comparison.versus_minimum
    key = saving and saving.message_key("planning.cli_saves")
    if key:
        typer.echo(t(key, lang, months=saving.months, interest=format_cents(saving.interest)))
