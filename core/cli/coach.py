"""`recovery-coach coach`, `contacts …` and `letter`: the advice, the collection log and
letters to the lender, from the same core functions as the dashboard's coach page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from core.cli.context import language, print_json, store, write_file
from core.coach.cards import title
from core.coach.contacts import (
    ContactEntry,
    ContactRecord,
    all_flags,
    flag_names,
    latest_versions,
    parse_when,
    time_flags,
)
from core.coach.documents import letter_docx
from core.coach.exports import log_page, log_workbook
from core.coach.gather import letter_for, snapshot
from core.coach.log import add_contact, all_versions
from core.coach.rules import Advice, action_texts, advise, why_text
from core.errors import CoachError
from core.i18n import LANGUAGES, t
from core.present.json import advice_json, contacts_json

contacts = typer.Typer(no_args_is_help=True, help=t("cli_help.contacts", language()))


def _lang(given: str | None) -> str:
    if given is None:
        return language()
    if given not in LANGUAGES:
        raise CoachError("coach.unknown_lang", value=given)
    return given


def _echo_advice(found: list[Advice], lang: str) -> None:
    for index, advice in enumerate(found):
        if index:
            typer.echo("")
        typer.echo(f"■ {title(advice.key, lang)}")
        for line in why_text(advice, lang).splitlines():
            typer.echo(f"  {line}")
        steps = action_texts(advice, lang)
        if steps:
            typer.echo(f"  {t('coach.what_to_do', lang)}")
            for step in steps:
                typer.echo(f"  - {step}")


def coach(
    as_json: Annotated[
        bool, typer.Option("--json", help=t("cli_help.coach_json", language()))
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help=t("cli_help.coach_lang", language()))
    ] = None,
) -> None:
    chosen = _lang(lang)
    engine, profile = store()
    found = advise(snapshot(engine, profile))
    if as_json:
        print_json(advice_json(found, chosen))
    elif found:
        _echo_advice(found, chosen)
    else:
        typer.echo(t("coach.nothing_now", chosen))


@contacts.command("add", help=t("cli_help.contacts_add", language()))
def add(
    when: Annotated[str, typer.Option("--when", help=t("cli_help.contacts_add_when", language()))],
    kind: Annotated[str, typer.Option("--kind", help=t("cli_help.contacts_add_kind", language()))],
    place: Annotated[
        str, typer.Option("--place", help=t("cli_help.contacts_add_place", language()))
    ] = "",
    collector: Annotated[
        str, typer.Option("--collector", help=t("cli_help.contacts_add_collector", language()))
    ] = "",
    company: Annotated[
        str, typer.Option("--company", help=t("cli_help.contacts_add_company", language()))
    ] = "",
    id_shown: Annotated[
        bool,
        typer.Option(
            "--id-shown/--no-id-shown", help=t("cli_help.contacts_add_id_shown", language())
        ),
    ] = False,
    said: Annotated[
        str, typer.Option("--said", help=t("cli_help.contacts_add_said", language()))
    ] = "",
    flag: Annotated[
        list[str] | None, typer.Option("--flag", help=t("cli_help.contacts_add_flag", language()))
    ] = None,
) -> None:
    lang = language()
    entry = ContactEntry(
        when=parse_when(when),
        kind=kind.strip(),
        place=place,
        collector=collector,
        company=company,
        id_shown=id_shown,
        said=said,
        flags=tuple(f.strip() for f in flag or ()),
    )
    engine, profile = store()
    number = add_contact(engine, profile, entry)
    typer.echo(t("contacts.added", lang, entry=number))
    # A contact that calls for it brings the rights, and what to do now, straight away.
    found = advise(snapshot(engine, profile))
    urgent = [a for a in found if a.key in ("rights", "good_faith")]
    if urgent:
        typer.echo("")
        _echo_advice(urgent, lang)


def _line(record: ContactRecord, flags: tuple[str, ...], lang: str) -> str:
    who = " / ".join(x for x in (record.collector, record.company) if x)
    shown = f"  [{flag_names(flags, lang)}]" if flags else ""
    return t(
        "contacts.list_line",
        lang,
        entry=record.entry,
        when=record.when.strftime("%Y-%m-%d %H:%M"),
        kind=t(f"contacts.kind_{record.kind}", lang),
        who=who,
        flags=shown,
    )


@contacts.command("list", help=t("cli_help.contacts_list", language()))
def list_(
    as_json: Annotated[
        bool, typer.Option("--json", help=t("cli_help.contacts_list_json", language()))
    ] = False,
) -> None:
    lang = language()
    engine, profile = store()
    versions = all_versions(engine, profile)
    if as_json:
        print_json(contacts_json(versions))
        return
    latest = latest_versions(versions)
    derived = time_flags(latest)
    if not latest:
        typer.echo(t("contacts.empty", lang))
    for record in latest:
        typer.echo(_line(record, all_flags(record, derived), lang))


@contacts.command("export", help=t("cli_help.contacts_export", language()))
def export(
    out: Annotated[Path, typer.Argument(help=t("cli_help.contacts_export_file", language()))],
) -> None:
    lang = language()
    engine, profile = store()
    versions = all_versions(engine, profile)
    if out.suffix.lower() in (".html", ".htm"):
        write_file(out, log_page(versions, lang, dt.date.today()).encode("utf-8"))
    else:
        write_file(out, log_workbook(versions, lang))
    count = len({v.entry for v in versions})
    typer.echo(t("contacts.exported", lang, count=count, file=str(out)))


def letter(
    kind: Annotated[str, typer.Option("--kind", help=t("cli_help.letter_kind", language()))],
    debt: Annotated[str, typer.Option("--debt", help=t("cli_help.letter_debt", language()))],
    lang: Annotated[
        str | None, typer.Option("--lang", help=t("cli_help.letter_lang", language()))
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help=t("cli_help.letter_out", language()))
    ] = None,
) -> None:
    chosen = _lang(lang)
    engine, profile = store()
    text = letter_for(engine, profile, kind.strip(), debt, chosen).text()
    if out is None:
        typer.echo(text, nl=False)
        return
    write_file(out, letter_docx(text) if out.suffix.lower() == ".docx" else text.encode("utf-8"))
    typer.echo(t("letters.written", language(), file=str(out)))


def register(app: typer.Typer) -> None:
    """The coach's commands, registered with one line in core/cli/__init__.py."""
    app.command("coach", help=t("cli_help.coach", language()))(coach)
    app.add_typer(contacts, name="contacts")
    app.command("letter", help=t("cli_help.letter", language()))(letter)
