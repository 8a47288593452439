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
from core.planner import STRATEGIES, Comparison, PlanResult, SplitPlan, first_payments
from core.planner.request import (
    PlanRequest,
    add_extras,
    parse_budget,
    parse_budget_from,
    parse_extra,
    plan_request,
    split_extras,
)
from core.planner.split import TOKEN
from core.present.json import plan_request_json
from core.present.text import never_text, problem_text, refusal_text, why_text
from core.present.workbook import plan_workbook
from core.progress.plans import adopt_plan
from core.usertext import terminal

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
    budget_from: Annotated[
        list[str] | None,
        typer.Option("--then", help=t("cli_help.plan_budget_from", language())),
    ] = None,
    token: Annotated[
        str | None, typer.Option("--token", help=t("cli_help.plan_token", language()))
    ] = None,
    adopt: Annotated[
        bool, typer.Option("--adopt", help=t("cli_help.plan_adopt", language()))
    ] = False,
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
    later = dict(
        parse_budget_from(item) for given in budget_from or [] for item in split_extras(given)
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
        budget_from=later,
        token=TOKEN if token is None else parse_budget(token),
    )
    comparison = request.compare()
    chosen = comparison.plans[chosen_strategy]
    split = request.split()
    adopted = adopt_plan(engine, profile, request) if adopt else None
    if xlsx is not None:
        write_file(xlsx, plan_workbook(comparison.in_order(), lang, split))
    if as_json:
        shown = plan_request_json(request, comparison, split)
        print_json(shown if adopted is None else {**shown, "adopted_plan": adopted})
        return
    _print_inputs(request, comparison, lang)
    if split is not None:
        typer.echo(problem_text(chosen, lang))
        _print_split(split, lang)
    else:
        _print(comparison, chosen, lang)
    if adopted is not None:
        typer.echo(t("progress.cli_adopted", lang))
    if xlsx is not None:
        typer.echo(t("planning.cli_written", lang, file=str(xlsx)))


def _print_inputs(request: PlanRequest, comparison: Comparison, lang: str) -> None:
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


def _print(comparison: Comparison, chosen: PlanResult, lang: str) -> None:
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
        typer.echo(terminal(problem_text(chosen, lang)))
    order = " → ".join(map(terminal, chosen.order))
    typer.echo(t("planning.cli_order", lang, order=order))
    if chosen.feasible:
        steps = first_payments(chosen)
        payments = ", ".join(f"{terminal(row.debt)} {format_cents(row.payment)}" for row in steps)
        typer.echo(t("planning.cli_first_month", lang, month=steps[0].month, payments=payments))
        _print_debts(chosen, lang)
    typer.echo("")
    _print_comparison(comparison, lang)


def _print_split(split: SplitPlan, lang: str) -> None:
    """Instead of the normal plan: what to pay and ask each lender, and both timelines."""
    typer.echo(t("split.cli_title", lang, budget=format_cents(split.budget)))
    rows = [
        [
            o.name,
            format_cents(o.minimum),
            format_cents(o.offer),
            format_cents(o.ask),
            why_text(o.priority, lang),
        ]
        for o in split.offers
    ]
    echo_table(rows, [t(f"split.col_{c}", lang) for c in ("debt", "due", "pay", "ask", "why")])
    for timeline in (split.accepted, split.refused):
        label = t(f"split.{timeline.assumption}_title", lang)
        if timeline.feasible:
            line = t(
                "split.cli_timeline",
                lang,
                label=label,
                month=timeline.debt_free,
                months=timeline.months,
                interest=format_cents(timeline.total_interest),
            )
        else:
            line = t("split.cli_timeline_never", lang, label=label, why=never_text(timeline, lang))
        typer.echo(line)
        if timeline.switch:
            typer.echo(t("split.cli_switch", lang, label=label, month=timeline.switch))
    note = refusal_text(split, lang)
    if note:
        typer.echo(note)


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
