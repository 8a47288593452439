"""A debt as the user states it, checked on the way in: the one door from typed fields
(a form, the command line, a sheet) to a debt, and the one mapping to the planner's."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from core.dates import FIRST_DAY
from core.errors import CoachError
from core.i18n import t
from core.importing.values import text_to_date
from core.money import MAX_YUAN, parse_cents
from core.planner.debts import KINDS, Debt, TermsInvalid, apr_from_daily
from core.usertext import first_control

MAX_APR = Decimal(1000)
MAX_TEXT = 100  # the store's column size for a name or a lender
RATE_PLACES = Decimal("0.000001")
# How people write each kind of debt: the planner's word, and the Chinese ones.
KIND_WORDS = {
    "loan": ("loan", "贷款", "借款", "网贷"),
    "card": ("card", "creditcard", "信用卡"),
    "other": ("other", "其他", "其它"),
}


# Amounts past this are possible but far more often a slip (an extra zero or three):
# a form asks the user to confirm them (¥100 million).
LARGE_CENTS = 100_000_000 * 100
# 1e15, 2E+20: a spreadsheet's or a calculator's way of writing a number, never a person's.
_EXPONENT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$", re.IGNORECASE)


class DebtInvalid(CoachError):
    """One field of one debt is impossible; the message names the field and why."""

    def __init__(self, field: str, key: str, **params: object) -> None:
        self.field = field
        super().__init__(key, **params)

    @property
    def problems(self) -> list[DebtInvalid]:
        return [self]

    def message(self, lang: str = "en") -> str:
        return t(
            "debts.invalid",
            lang,
            field=t(f"debts.field_{self.field}", lang),
            reason=t(self.key, lang, **self.params),
        )


class DebtFieldsInvalid(DebtInvalid):
    """Several fields of one debt are impossible: each is named with its reason, so a
    form is put right in one go. `field` and `key` are the first problem's."""

    def __init__(self, problems: list[DebtInvalid]) -> None:
        self._problems = problems
        first = problems[0]
        super().__init__(first.field, first.key, **first.params)

    @property
    def problems(self) -> list[DebtInvalid]:
        return list(self._problems)

    def message(self, lang: str = "en") -> str:
        return t("debts.separator", lang).join(p.message(lang) for p in self._problems)


def _raise_all(problems: list[DebtInvalid]) -> None:
    """One problem as itself, several together; nothing when there are none."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise DebtFieldsInvalid(problems)


@dataclass(frozen=True)
class DebtEntry:
    """A debt as the user states it. Money in cents, rates as APR percent.

    `kind` is loan, card or other; `overdue_amount_cents` (逾期金额) is the part of the
    balance that is overdue and due now, on top of the next minimum payment."""

    name: str
    balance_cents: int
    apr: Decimal
    min_payment_cents: int
    lender: str = ""
    due_day: int | None = None
    overdue_since: dt.date | None = None
    penalty_apr: Decimal | None = None
    late_fee_cents: int = 0
    promo_apr: Decimal | None = None
    promo_end: str | None = None
    kind: str = "loan"
    overdue_amount_cents: int = 0


@dataclass(frozen=True)
class DebtRecord(DebtEntry):
    id: int = 0
    archived: bool = False

    @property
    def overdue(self) -> bool:
        return self.overdue_since is not None


def planner_debt(entry: DebtEntry) -> Debt:
    """The one mapping from a stated debt to the planner's."""
    return Debt(
        name=entry.name,
        balance=entry.balance_cents,
        apr=entry.apr,
        min_payment=entry.min_payment_cents,
        overdue=entry.overdue_since is not None,
        penalty_apr=entry.penalty_apr,
        late_fee=entry.late_fee_cents,
        promo_apr=entry.promo_apr,
        promo_end=entry.promo_end,
        kind=entry.kind,
        arrears=entry.overdue_amount_cents,
    )


def rate_text(value: Decimal | None) -> str:
    """A rate as a person writes it: 18.25 and 10, not 18.250000 or 1E+1."""
    return "" if value is None else f"{value.normalize():f}"


def validate(entry: DebtEntry) -> DebtEntry:
    """The entry, cleaned, or DebtInvalid naming every impossible field (one problem per
    field, the first found).

    Rates are kept to six decimal places, as the store holds them, so SQLite and
    PostgreSQL give back the same figure."""
    _raise_all(list(_problems(entry).values()))
    try:
        planner_debt(entry)  # the checks every debt passes: amounts, rates, promotion
    except TermsInvalid as exc:
        raise DebtInvalid(exc.field, f"debts.reason_{exc.reason}", max=MAX_APR) from None
    rates = {f: _six_places(getattr(entry, f)) for f in ("apr", "penalty_apr", "promo_apr")}
    return replace(entry, name=entry.name.strip(), lender=entry.lender.strip(), **rates)


def _six_places(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else rate.quantize(RATE_PLACES, ROUND_HALF_UP)


MONEY_FIELDS = ("balance", "min_payment", "late_fee", "overdue_amount")


def _problems(entry: DebtEntry) -> dict[str, DebtInvalid]:
    """Each impossible field of `entry` with its reason, in the form's order."""
    found: dict[str, DebtInvalid] = {}

    def problem(field: str, key: str, **params: object) -> None:
        found.setdefault(field, DebtInvalid(field, key, **params))

    name, lender = entry.name.strip(), entry.lender.strip()
    if not name:
        problem("name", "debts.reason_required")
    for field, text in (("name", name), ("lender", lender)):
        if len(text) > MAX_TEXT:
            problem(field, "debts.reason_too_long", max=MAX_TEXT)
        elif (at := first_control(text)) is not None:  # refused: not what was meant
            problem(field, "safety.reason_control", position=at + 1)
    for field in MONEY_FIELDS:
        cents = getattr(entry, f"{field}_cents")
        if cents < 0:
            problem(field, "debts.reason_negative")
        elif cents >= MAX_YUAN * 100:
            problem(field, "debts.reason_too_large")
    for field in ("apr", "penalty_apr", "promo_apr"):
        rate = getattr(entry, field)
        if rate is not None and rate < 0:
            problem(field, "debts.reason_negative")
        elif rate is not None and rate > MAX_APR:
            problem(field, "debts.reason_rate", max=MAX_APR)
    if entry.due_day is not None and not 1 <= entry.due_day <= 31:
        problem("due_day", "debts.reason_due_day")
    if entry.overdue_since is not None and entry.overdue_since > dt.date.today():
        problem("overdue_since", "debts.reason_future")
    if entry.overdue_since is not None and entry.overdue_since < FIRST_DAY:
        problem("overdue_since", "safety.reason_too_early")
    if entry.overdue_amount_cents and entry.overdue_since is None:
        problem("overdue_amount", "debts.reason_overdue_needs_date")
    return found


def large_amounts(entry: DebtEntry) -> list[str]:
    """The money fields over ¥100 million: a form asks before saving them."""
    return [f for f in MONEY_FIELDS if getattr(entry, f"{f}_cents") > LARGE_CENTS]


def entry_from_text(
    *,
    name: str,
    balance: str,
    min_payment: str,
    apr: str | None = None,
    daily_rate: str | None = None,
    lender: str = "",
    due_day: str | None = None,
    overdue_since: dt.date | str | None = None,
    penalty_apr: str | None = None,
    late_fee: str | None = None,
    promo_apr: str | None = None,
    promo_end: str | None = None,
    overdue: bool | None = None,
    kind: str | None = None,
    overdue_amount: str | None = None,
    penalty_daily_rate: str | None = None,
) -> DebtEntry:
    """A debt from what a person typed (a form, the command line, a sheet's cells):
    amounts like ¥8,000.00, rates like 18% or a daily 0.05, exactly one of `apr` and
    `daily_rate`, and at most one of `penalty_apr` and `penalty_daily_rate` (罚息日利率).
    Empty text counts as not given. DebtInvalid names every field that is wrong.

    `overdue`, where a form asks it as a yes/no: no drops the overdue date, penalty
    rate, fee and overdue amount; yes without a date means overdue from today."""
    if overdue is False:
        overdue_since = penalty_apr = penalty_daily_rate = late_fee = overdue_amount = None
    elif overdue and (overdue_since is None or str(overdue_since).strip() == ""):
        overdue_since = dt.date.today()
    given = {
        k: v
        for k, v in locals().items()
        if k != "overdue" and not (v is None or str(v).strip() == "")
    }
    problems: list[DebtInvalid] = []

    def read(parse, *args, default):
        try:
            return parse(*args)
        except DebtInvalid as exc:
            problems.append(exc)
            return default

    if ("apr" in given) == ("daily_rate" in given):
        field = "apr" if "apr" not in given else "daily_rate"
        problems.append(DebtInvalid(field, "debts.reason_one_rate"))
        rate = Decimal(0)
    elif "apr" in given:
        rate = read(parse_rate, apr, "apr", default=Decimal(0))
    else:
        rate = apr_from_daily(read(parse_rate, str(daily_rate), "daily_rate", default=Decimal(0)))
    if "penalty_apr" in given and "penalty_daily_rate" in given:
        problems.append(DebtInvalid("penalty_daily_rate", "debts.reason_one_rate"))
    since = given.get("overdue_since")
    if since is not None and not isinstance(since, dt.date):
        since = read(_day, since, default=None)

    def money(field: str, text: object) -> int:
        return read(_cents, text, field, default=0) if field in given else 0

    entry = DebtEntry(
        name=name,
        lender=lender,
        balance_cents=read(_cents, balance, "balance", default=0),
        min_payment_cents=read(_cents, min_payment, "min_payment", default=0),
        apr=rate,
        due_day=read(_whole, given["due_day"], "due_day", default=None)
        if "due_day" in given
        else None,
        overdue_since=since,
        penalty_apr=read(_penalty, given, default=None),
        late_fee_cents=money("late_fee", late_fee),
        promo_apr=read(parse_rate, promo_apr, "promo_apr", default=None)
        if "promo_apr" in given
        else None,
        promo_end=str(promo_end).strip() if "promo_end" in given else None,
        kind=read(parse_kind, given["kind"], default="loan") if "kind" in given else "loan",
        overdue_amount_cents=money("overdue_amount", overdue_amount),
    )
    if problems:  # and whatever else the fields that were read get wrong
        seen = {p.field for p in problems}
        problems += [p for f, p in _problems(entry).items() if f not in seen]
        order = list(FORM_ORDER)
        problems.sort(key=lambda p: order.index(p.field) if p.field in order else len(order))
        _raise_all(problems)
    return validate(entry)


# The fields in the order the form shows them, so problems are listed as they are met.
FORM_ORDER = (
    "name",
    "lender",
    "kind",
    "balance",
    "min_payment",
    "apr",
    "daily_rate",
    "due_day",
    "overdue_since",
    "overdue_amount",
    "penalty_apr",
    "penalty_daily_rate",
    "late_fee",
    "promo_apr",
    "promo_end",
)


def _penalty(given: dict[str, object]) -> Decimal | None:
    """The penalty rate as an APR, typed as one or as a daily rate."""
    if "penalty_daily_rate" in given:
        daily = parse_rate(str(given["penalty_daily_rate"]), "penalty_daily_rate")
        return apr_from_daily(daily)
    if "penalty_apr" in given:
        return parse_rate(str(given["penalty_apr"]), "penalty_apr")
    return None


def parse_kind(text: str) -> str:
    """loan, card or other, as written in English or Chinese; DebtInvalid otherwise."""
    key = unicodedata.normalize("NFKC", str(text)).strip().lower().replace(" ", "")
    for kind in KINDS:
        if key in KIND_WORDS[kind]:
            return kind
    raise DebtInvalid("kind", "debts.reason_kind", value=text)


def _cents(text: object, field: str) -> int:
    written = unicodedata.normalize("NFKC", str(text)).strip()
    if not written:
        raise DebtInvalid(field, "debts.reason_required")
    if _EXPONENT.match(written):
        raise DebtInvalid(field, "debts.reason_exponent", value=written)
    cents = parse_cents(written)
    if cents is None:
        raise DebtInvalid(field, "debts.reason_number", value=text)
    return cents


def _whole(text: str, field: str) -> int:
    value = parse_rate(text, field)
    if value != value.to_integral_value():
        raise DebtInvalid(field, "debts.reason_number", value=text)
    return int(value)


def _day(text: str) -> dt.date:
    found = text_to_date(str(text), month_first=False)
    if found is None:
        raise DebtInvalid("overdue_since", "debts.reason_date", value=text)
    return found


def parse_rate(text: str, field: str) -> Decimal:
    """A percentage typed by a person: '18', '18.25%', '０.０５'."""
    cleaned = unicodedata.normalize("NFKC", str(text)).strip().rstrip("%").strip()
    if _EXPONENT.match(cleaned):
        raise DebtInvalid(field, "debts.reason_exponent", value=cleaned)
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise DebtInvalid(field, "debts.reason_number", value=text) from exc
    if not value.is_finite():
        raise DebtInvalid(field, "debts.reason_number", value=text)
    return value
