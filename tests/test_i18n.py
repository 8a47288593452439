"""Both catalogues must carry the same keys with the same placeholders."""

import ast
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.i18n import catalogue, t
from core.months import Month


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_exists_in_both_languages():
    zh, en = catalogue("zh"), catalogue("en")
    assert sorted(set(zh) ^ set(en)) == []


def test_placeholders_agree():
    zh, en = catalogue("zh"), catalogue("en")
    assert [k for k in en if k in zh and _fields(zh[k]) != _fields(en[k])] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lookup_fills_placeholders_and_refuses_unknown_language(lang):
    template = catalogue(lang)["cli.cannot_read"]
    filled = t("cli.cannot_read", lang, file="账单.csv", reason="REASON")
    assert filled == template.replace("{file}", "账单.csv").replace("{reason}", "REASON")
    assert "{" not in filled and "账单.csv" in filled and "REASON" in filled
    with pytest.raises(ValueError, match="unknown language"):
        t("cli.cannot_read", "fr", file="x", reason="y")


@pytest.mark.parametrize(
    ("month", "lang", "text"),
    [
        ("2027-08", "zh", "2027年8月"),
        ("2027-08", "en", "Aug 2027"),
        ("2028-12", "en", "Dec 2028"),
        ("2028-01", "zh", "2028年1月"),
    ],
)
def test_months_read_as_people_write_them(month, lang, text):
    assert Month(month).text(lang) == text


# --- every key the code names is in both catalogues ---------------------------------------

ROOT = Path(__file__).resolve().parent.parent
LOOKUPS = {"t": 0, "tr": 0, "tn": 0, "trn": 0}  # function -> position of its key argument
PLURALS = {"tn", "trn"}  # these also look up `<key>_one`


def _code() -> list[ast.Module]:
    paths = sorted([*(ROOT / "core").rglob("*.py"), *(ROOT / "dashboard").rglob("*.py")])
    return [ast.parse(path.read_text(encoding="utf-8")) for path in paths]


def _called(call: ast.Call) -> str | None:
    return getattr(call.func, "id", None) or getattr(call.func, "attr", None)


def _error_classes(code: list[ast.Module]) -> dict[str, int | None]:
    """CoachError and its subclasses, each with the position of its `key` argument
    (None when the class names its own key in `super().__init__`)."""
    positions: dict[str, int | None] = {"CoachError": 0}
    classes = [node for tree in code for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    while True:
        new = [
            c for c in classes
            if c.name not in positions and any(getattr(b, "id", None) in positions for b in c.bases)
        ]  # fmt: skip
        if not new:
            return positions
        for cls in new:
            init = [f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"]
            if init:  # its own signature says where the key goes
                params = [a.arg for a in init[0].args.args[1:]]
                positions[cls.name] = params.index("key") if "key" in params else None
            else:  # the parent's does
                parent = next(b.id for b in cls.bases if getattr(b, "id", None) in positions)
                positions[cls.name] = positions[parent]


def _key_arguments(code: list[ast.Module]) -> Iterator[tuple[str, ast.expr]]:
    """(function, key argument) for every lookup and every error raised with a key."""
    errors = _error_classes(code)
    # super().__init__("…"): only CoachError subclasses here pass a string up, and it is the key
    takers = LOOKUPS | errors | {"__init__": 0}
    for tree in code:
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            name = _called(call)
            if name not in takers and name != "RowError":
                continue
            position = takers.get(name)
            if position is not None and len(call.args) > position:
                yield name, call.args[position]
            if name in errors or name == "RowError":
                yield from ((name, k.value) for k in call.keywords if k.arg == "key")


def _named(argument: ast.expr) -> Iterator[str | ast.JoinedStr]:
    """The literal keys (or f-strings) an argument can be; a variable names none we can see."""
    if isinstance(argument, ast.IfExp):
        yield from _named(argument.body)
        yield from _named(argument.orelse)
    elif isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        yield argument.value
    elif isinstance(argument, ast.JoinedStr):
        yield argument


def referenced_keys() -> tuple[set[str], set[str]]:
    """The keys the code names literally (with `_one` for plurals) and the prefixes of
    keys it builds with an f-string, such as `plan.strategy_` from f"plan.strategy_{s}"."""
    keys, prefixes = set(), set()
    for function, argument in _key_arguments(_code()):
        for named in _named(argument):
            if isinstance(named, str):
                keys |= {named, f"{named}_one"} if function in PLURALS else {named}
            elif isinstance(first := named.values[0], ast.Constant) and "." in first.value:
                prefixes.add(first.value)
    return keys, prefixes


def test_every_key_the_code_names_is_in_both_catalogues():
    keys, prefixes = referenced_keys()
    # the scanner sees each way a key is named: t/tr/tn/trn, errors, super().__init__, f-strings
    assert {
        "cli.no_transactions",  # t(...)
        "plan_page.months_value_one",  # trn(...) also needs the singular
        "import.refused_no_header",  # ImportRefused(...)
        "debts.reason_required",  # DebtInvalid(field, ...)
        "cli.cannot_read",  # FileProblem(...)
        "debts.sheet_invalid",  # DebtSheetInvalid's super().__init__(...)
    } <= keys
    assert {"plan.strategy_", "import_page.layout_"} <= prefixes
    for lang in ("zh", "en"):
        messages = catalogue(lang)
        assert sorted(keys - set(messages)) == [], lang
        assert [p for p in sorted(prefixes) if not any(k.startswith(p) for k in messages)] == []
