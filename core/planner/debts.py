"""A debt as the planner sees it: exact money, rates as APR percent, no storage."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.months import Month

DAYS_IN_YEAR = 365


class TermsInvalid(ValueError):
    """A debt the planner cannot take: `field` names it, `reason` says why (a key the
    debt form turns into words: negative, rate, promo_pair, month)."""

    def __init__(self, name: str, field: str, reason: str) -> None:
        self.field, self.reason = field, reason
        super().__init__(f"{name}: {field} is {reason}")


def apr_from_daily(daily_percent: Decimal) -> Decimal:
    """Chinese app loans quote 日利率 (% per day); the planner works in APR = daily x 365."""
    return daily_percent * DAYS_IN_YEAR


def daily_from_apr(apr: Decimal) -> Decimal:
    """The daily rate an APR comes to, to four places, as app loans show it."""
    return (apr / DAYS_IN_YEAR).quantize(Decimal("0.0001"))


@dataclass(frozen=True)
class Debt:
    """One debt: balance, min_payment and late_fee in cents; rates in APR percent.

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

    def __post_init__(self) -> None:
        """The checks every debt passes, whichever way it came in (the debt form's
        validation runs these too): whole cents and rates of zero or more, and a
        promotional rate with the month it ends."""
        for field in ("balance", "min_payment", "late_fee"):
            value = getattr(self, field)
            if not isinstance(value, int) or value < 0:
                raise TermsInvalid(self.name, field, "negative")
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
