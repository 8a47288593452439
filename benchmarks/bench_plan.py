"""Planner speed: 100 random debts over a 40-year horizon.

One run = the what-if solve (the smallest budget that is debt-free within 40 years)
and then every strategy side by side at that budget (avalanche, snowball, custom,
minimum-only), full schedules included. A third of the debts have interest-only
minimums, so every plan takes decades. Median of several runs.
Run: `python -m benchmarks.bench_plan [--debts N] [--repeat K]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from decimal import Decimal

from core.months import month_index, month_label
from core.planner import Debt, apr_from_daily, budget_needed, compare
from core.planner.rates import clear_planner_caches

DEBTS = 100
YEARS = 40
START = "2026-06"
TARGET_S = 0.2


def random_debts(count: int, seed: int = 20260601) -> list[Debt]:
    """Card, app-loan (daily rate), overdue and promotional debts in a fixed mix."""
    rng = random.Random(seed)
    debts = []
    for n in range(count):
        balance = rng.randrange(100_000, 20_000_000)
        if n % 4 == 1:
            apr = apr_from_daily(Decimal(rng.randrange(20, 55)) / 1000)
        else:
            apr = Decimal(rng.randrange(0, 3600)) / 100
        overdue = n % 5 == 2
        promo = n % 7 == 3
        interest = balance * apr / 1200
        # A third pay interest only: a minimum-only plan never clears them.
        top_up = 0 if n % 3 == 0 else balance * rng.randrange(5, 50) // 10_000
        debts.append(
            Debt(
                name=f"debt {n:03d}",
                balance=balance,
                apr=apr,
                min_payment=int(interest) + 1 + top_up,
                overdue=overdue,
                penalty_apr=apr * Decimal("1.5") if overdue else None,
                late_fee=rng.randrange(0, 10_000) if overdue else 0,
                promo_apr=Decimal(0) if promo else None,
                promo_end=month_label(month_index(START) + rng.randrange(3, 24)) if promo else None,
            )
        )
    return debts


def run_once(debts: list[Debt]) -> tuple[float, int]:
    by_month = month_label(month_index(START) + YEARS * 12 - 1)
    order = [d.name for d in reversed(debts)]
    clear_planner_caches()  # every run starts cold: no terms or paths from the last one
    started = time.perf_counter()
    budget = budget_needed(debts, "avalanche", by_month, START)
    comparison = compare(debts, budget, START, order=order)
    elapsed = time.perf_counter() - started
    return elapsed, comparison.plans["avalanche"].months


def main(argv: list[str] | None = None) -> float:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debts", type=int, default=DEBTS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a smoke run: 2 runs")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat = 2
    debts = random_debts(args.debts)
    runs = [run_once(debts) for _ in range(args.repeat)]
    median = statistics.median(seconds for seconds, _ in runs)
    print(f"plan_{args.debts}_debts_s: {median:.4f}")
    print(f"avalanche_months: {runs[0][1]}")
    print(f"target_plan_s: < {TARGET_S} {'ok' if median < TARGET_S else 'MISSED'}")
    return median


if __name__ == "__main__":
    main()
