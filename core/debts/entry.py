"""A debt as the user states it, checked on the way in: the one door from typed fields
(a form, the command line, a sheet) to a debt, and the one mapping to the planner's."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from core.errors import CoachError
from core.i18n import t
from core.importing.values import text_to_date
from core.money import MAX_YUAN, parse_cents
from core.planner.debts import KINDS, Debt, TermsInvalid, apr_from_daily

MAX_APR = Decimal(1000)
MAX_TEXT = 100  # the store's column size for a name or a lender
RATE_PLACES = Decimal("0.000001")
# How people write each kind of debt: the planner's word, and the Chinese ones.
KIND_WORDS = {
    "loan": ("loan", "贷款", "借款", "网贷"),
    "card": ("card", "creditcard", "信用卡"),
    "other": ("other", "其他", "其它"),
}


class DebtInvalid(CoachError):
    """One field of one debt is impossible; the message names the field and why."""

    def __init__(self, field: str, key: str, **params: object) -> None:
        self.field = field
        super().__init__(key, **params)

    def message(self, lang: str = "en") -> str:
        return t(
            "debts.invalid",
            lang,
            field=t(f"debts.field_{self.field}", lang),
            reason=t(self.key, lang, **self.params),
        )


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
    """The entry, cleaned, or DebtInvalid naming the first impossible field.

    Rates are kept to six decimal places, as the store holds them, so SQLite and
    PostgreSQL give back the same figure."""
    name, lender = entry.name.strip(), entry.lender.strip()
    if not name:
        raise DebtInvalid("name", "debts.reason_required")
    for field, text in (("name", name), ("lender", lender)):
        if len(text) > MAX_TEXT:
            raise DebtInvalid(field, "debts.reason_too_long", max=MAX_TEXT)
    try:
        planner_debt(entry)  # the checks every debt passes: amounts, rates, promotion
    except TermsInvalid as exc:
        raise DebtInvalid(exc.field, f"debts.reason_{exc.reason}", max=MAX_APR) from None
    for field in ("balance", "min_payment", "late_fee", "overdue_amount"):
        if getattr(entry, f"{field}_cents") >= MAX_YUAN * 100:
            raise DebtInvalid(field, "debts.reason_too_large")
    rates = {}
    for field in ("apr", "penalty_apr", "promo_apr"):
        rate = getattr(entry, field)
        if rate is not None and rate > MAX_APR:
            raise DebtInvalid(field, "debts.reason_rate", max=MAX_APR)
        rates[field] = None if rate is None else rate.quantize(RATE_PLACES, ROUND_HALF_UP)
    if entry.due_day is not None and not 1 <= entry.due_day <= 31:
        raise DebtInvalid("due_day", "debts.reason_due_day")
    if entry.overdue_since is not None and entry.overdue_since > dt.date.today():
        raise DebtInvalid("overdue_since", "debts.reason_future")
    if entry.overdue_amount_cents and entry.overdue_since is None:
        raise DebtInvalid("overdue_amount", "debts.reason_overdue_needs_date")
    return replace(entry, name=name, lender=lender, **rates)


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
    Empty text counts as not given. DebtInvalid names the field.

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
    if ("apr" in given) == ("daily_rate" in given):
        raise DebtInvalid("apr" if "apr" not in given else "daily_rate", "debts.reason_one_rate")
    if "penalty_apr" in given and "penalty_daily_rate" in given:
        raise DebtInvalid("penalty_daily_rate", "debts.reason_one_rate")
    since = given.get("overdue_since")
    return validate(
        DebtEntry(
            name=name,
            lender=lender,
            balance_cents=_cents(balance, "balance"),
            min_payment_cents=_cents(min_payment, "min_payment"),
            apr=parse_rate(apr, "apr")
            if "apr" in given
            else apr_from_daily(parse_rate(str(daily_rate), "daily_rate")),
            due_day=_whole(given["due_day"], "due_day") if "due_day" in given else None,
            overdue_since=since if isinstance(since, dt.date) or since is None else _day(since),
            penalty_apr=_penalty(given),
            late_fee_cents=_cents(late_fee, "late_fee") if "late_fee" in given else 0,
            promo_apr=parse_rate(promo_apr, "promo_apr") if "promo_apr" in given else None,
            promo_end=str(promo_end).strip() if "promo_end" in given else None,
            kind=parse_kind(given["kind"]) if "kind" in given else "loan",
            overdue_amount_cents=_cents(overdue_amount, "overdue_amount")
            if "overdue_amount" in given
            else 0,
        )
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
    cents = parse_cents(str(text))
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
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise DebtInvalid(field, "debts.reason_number", value=text) from exc
    if not value.is_finite():
        raise DebtInvalid(field, "debts.reason_number", value=text)
    return value
