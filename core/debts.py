"""What the user owes: checked on the way in, kept per profile, archived rather than deleted."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import asdict, dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import Engine
from sqlmodel import select

from core.db import session_scope
from core.errors import CoachError
from core.i18n import t
from core.importing.values import MAX_YUAN, text_to_cents, text_to_date
from core.models import Debt
from core.planner.debts import apr_from_daily

MAX_APR = Decimal(1000)
MAX_TEXT = 100  # the store's column size for a name or a lender
RATE_PLACES = Decimal("0.000001")
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


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
    """A debt as the user states it. Money in cents, rates as APR percent."""

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


@dataclass(frozen=True)
class DebtRecord(DebtEntry):
    id: int = 0
    archived: bool = False

    @property
    def overdue(self) -> bool:
        return self.overdue_since is not None


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
    for field in ("balance", "min_payment", "late_fee"):
        cents = getattr(entry, f"{field}_cents")
        if cents < 0:
            raise DebtInvalid(field, "debts.reason_negative")
        if cents >= MAX_YUAN * 100:
            raise DebtInvalid(field, "debts.reason_too_large")
    rates = {}
    for field in ("apr", "penalty_apr", "promo_apr"):
        rate = getattr(entry, field)
        if rate is not None and not (0 <= rate <= MAX_APR):
            raise DebtInvalid(field, "debts.reason_rate", max=MAX_APR)
        rates[field] = None if rate is None else rate.quantize(RATE_PLACES, ROUND_HALF_UP)
    if entry.due_day is not None and not 1 <= entry.due_day <= 31:
        raise DebtInvalid("due_day", "debts.reason_due_day")
    if entry.promo_end is not None and not MONTH.match(entry.promo_end):
        raise DebtInvalid("promo_end", "debts.reason_month")
    if (entry.promo_apr is None) != (entry.promo_end is None):
        raise DebtInvalid("promo_end", "debts.reason_promo_pair")
    if entry.overdue_since is not None and entry.overdue_since > dt.date.today():
        raise DebtInvalid("overdue_since", "debts.reason_future")
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
) -> DebtEntry:
    """A debt from what a person typed (a form, the command line, a sheet's cells):
    amounts like ¥8,000.00, rates like 18% or a daily 0.05, and exactly one of `apr`
    and `daily_rate`. Empty text counts as not given. DebtInvalid names the field."""
    given = {k: v for k, v in locals().items() if not (v is None or str(v).strip() == "")}
    if ("apr" in given) == ("daily_rate" in given):
        raise DebtInvalid("apr" if "apr" not in given else "daily_rate", "debts.reason_one_rate")
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
            penalty_apr=parse_rate(penalty_apr, "penalty_apr") if "penalty_apr" in given else None,
            late_fee_cents=_cents(late_fee, "late_fee") if "late_fee" in given else 0,
            promo_apr=parse_rate(promo_apr, "promo_apr") if "promo_apr" in given else None,
            promo_end=str(promo_end).strip() if "promo_end" in given else None,
        )
    )


def _cents(text: object, field: str) -> int:
    cents = text_to_cents(str(text))
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


def _fields(row: Debt) -> dict[str, object]:
    return {k: getattr(row, k) for k in DebtEntry.__dataclass_fields__}


def _record(row: Debt) -> DebtRecord:
    return DebtRecord(**_fields(row), id=row.id or 0, archived=row.archived)


def _active_name_taken(session, profile_id: int, name: str, except_id: int | None) -> bool:
    query = select(Debt.id).where(
        Debt.profile_id == profile_id,
        Debt.name == name,
        Debt.archived == False,  # noqa: E712
    )
    return any(found != except_id for found in session.exec(query))


def add_debt(engine: Engine, profile_id: int, entry: DebtEntry) -> int:
    entry = validate(entry)
    with session_scope(engine) as session:
        if _active_name_taken(session, profile_id, entry.name, None):
            raise DebtInvalid("name", "debts.reason_name_taken", name=entry.name)
        row = Debt(profile_id=profile_id, **asdict(entry))
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def add_debts(engine: Engine, profile_id: int, entries: list[DebtEntry]) -> tuple[int, int]:
    """All or nothing; a name already listed counts as a duplicate. Returns (added, duplicates)."""
    cleaned = [validate(e) for e in entries]
    with session_scope(engine) as session:
        added = 0
        seen: set[str] = set()
        for entry in cleaned:
            if entry.name in seen or _active_name_taken(session, profile_id, entry.name, None):
                continue
            seen.add(entry.name)
            session.add(Debt(profile_id=profile_id, **asdict(entry)))
            added += 1
        return added, len(cleaned) - added


def update_debt(engine: Engine, profile_id: int, debt_id: int, entry: DebtEntry) -> None:
    entry = validate(entry)
    with session_scope(engine) as session:
        row = _owned(session, profile_id, debt_id)
        if _active_name_taken(session, profile_id, entry.name, debt_id):
            raise DebtInvalid("name", "debts.reason_name_taken", name=entry.name)
        for key, value in asdict(entry).items():
            setattr(row, key, value)


def set_archived(engine: Engine, profile_id: int, debt_id: int, archived: bool = True) -> None:
    """Archive (paid off, or entered by mistake); nothing is ever silently deleted."""
    with session_scope(engine) as session:
        row = _owned(session, profile_id, debt_id)
        if not archived and _active_name_taken(session, profile_id, row.name, debt_id):
            raise DebtInvalid("name", "debts.reason_name_taken", name=row.name)
        row.archived = archived


def delete_unchanged(engine: Engine, profile_id: int, entries: list[DebtEntry]) -> int:
    """Delete active debts identical in every field to one of `entries`; returns how many.

    Only for taking back what the app itself put in (the sample debts): a debt
    the user has edited differs in some field and stays.
    """
    wanted = {validate(e) for e in entries}
    with session_scope(engine) as session:
        query = select(Debt).where(Debt.profile_id == profile_id, Debt.archived == False)  # noqa: E712
        doomed = [row for row in session.exec(query) if DebtEntry(**_fields(row)) in wanted]
        for row in doomed:
            session.delete(row)
        return len(doomed)


def _owned(session, profile_id: int, debt_id: int) -> Debt:
    row = session.get(Debt, debt_id) if 0 < debt_id < 2**63 else None
    if row is None or row.profile_id != profile_id:
        raise CoachError("debts.not_found", id=debt_id)
    return row


def list_debts(
    engine: Engine, profile_id: int, *, include_archived: bool = False
) -> list[DebtRecord]:
    with session_scope(engine) as session:
        query = select(Debt).where(Debt.profile_id == profile_id)
        if not include_archived:
            query = query.where(Debt.archived == False)  # noqa: E712
        return [_record(row) for row in session.exec(query.order_by(Debt.id))]
