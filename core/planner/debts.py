"""A debt as the planner sees it: exact money, rates as APR percent, no storage."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.money import round_half_up
from core.months import Month

DAYS_IN_YEAR = 365
# What kind of debt it is: triage puts a credit card before other current debts, because
# a card left unpaid after collection notices carries legal risk that a loan does not.
KINDS = ("loan", "card", "other")
# The debt form's name for a planner field where the two differ.
FIELDS = {"arrears": "overdue_amount"}


class TermsInvalid(ValueError):
    """A debt the planner cannot take: `field` names it, `reason` says why (a key the
    debt form turns into words: negative, rate, promo_pair, month, kind, above_balance)."""

    def __init__(self, name: str, field: str, reason: str) -> None:
        self.field, self.reason = field, reason
        super().__init__(f"{name}: {field} is {reason}")


def apr_from_daily(daily_percent: Decimal) -> Decimal:
    """Chinese app loans quote 日利率 (% per day); the planner works in APR = daily x 365."""
    return daily_percent * DAYS_IN_YEAR


def daily_from_apr(apr: Decimal) -> Decimal:
    """The daily rate an APR comes to, to four places, as app loans show it."""
    return (apr / DAYS_IN_YEAR).quantize(Decimal("0.0001"))


def interest_for_days(balance: int, apr: Decimal, days: int) -> int:
    """Cents of interest `days` days at `apr` add to `balance` (cents), rounded half up:
    what one more day, week or month overdue costs, as app loans charge it by the day."""
    return round_half_up(Decimal(balance) * apr * days / (100 * DAYS_IN_YEAR))


@dataclass(frozen=True)
class Debt:
    """One debt: balance, min_payment, late_fee and arrears in cents; rates in APR percent.

    `arrears` (逾期金额) is the part of the balance already due and unpaid: missed
    payments the lender wants now. The first plan month asks for it on top of the
    minimum; it is part of `balance`, never more.

    An overdue debt is treated as overdue for the whole plan until it is paid off:
    its penalty rate (罚息) and monthly late fee keep running. That is conservative:
    the plan never promises a lender will waive them once payments resume.
    """

    name: str
    balance: int
    apr: Decimal
    min_payment: int
    overdue: bool = False
    penalty_apr: Decimal | None = None
    late_fee: int = 0
    promo_apr: Decimal | None = None
    promo_end: str | None = None
    kind: str = "loan"
    arrears: int = 0

    def __post_init__(self) -> None:
        """The checks every debt passes, whichever way it came in (the debt form's
        validation runs these too): whole cents and rates of zero or more, a
        promotional rate with the month it ends, a known kind, and arrears that are
        part of the balance."""
        for field in ("balance", "min_payment", "late_fee", "arrears"):
            value = getattr(self, field)
            if not isinstance(value, int) or value < 0:
                raise TermsInvalid(self.name, FIELDS.get(field, field), "negative")
        for field in ("apr", "penalty_apr", "promo_apr"):
            value = getattr(self, field)
            if value is not None and not (isinstance(value, Decimal) and value >= 0):
                raise TermsInvalid(self.name, field, "rate")
        if (self.promo_apr is None) != (self.promo_end is None):
            raise TermsInvalid(self.name, "promo_end", "promo_pair")
        if self.promo_end is not None:
            try:
                Month(self.promo_end)
            except ValueError:
                raise TermsInvalid(self.name, "promo_end", "month") from None
        if self.kind not in KINDS:
            raise TermsInvalid(self.name, "kind", "kind")
        if self.arrears > self.balance:
            raise TermsInvalid(self.name, FIELDS["arrears"], "above_balance")

    @property
    def base_apr(self) -> Decimal:
        """The rate once any promotion is over."""
        if self.overdue and self.penalty_apr is not None:
            return self.penalty_apr
        return self.apr

    @property
    def monthly_fee(self) -> int:
        return self.late_fee if self.overdue else 0

    def apr_in(self, month: str) -> Decimal:
        """Effective APR in `month`: the promotion while it lasts, then penalty or normal."""
        if self.promo_end is not None and month <= self.promo_end:
            return self.promo_apr
        return self.base_apr
