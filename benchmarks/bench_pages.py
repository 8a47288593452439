"""Page speed: every dashboard page (the registry's) on 1,000,000 transactions against 1,000.

Each page is run by Streamlit's AppTest the way a visitor opens it: a first run (a new
session on a running server: no cached reads yet, month totals as the last write left
them) and then a rerun (the same session, as after a click). The two stores are run
in turns, so each 1M figure has a 1k partner taken moments apart, and each ratio is
the median of those pairs: on a busy machine the load moves both alike.
On SQLite, and on PostgreSQL when BENCH_DATABASE_URL names a server (the stores are
built in fresh databases beside it and dropped after).
`month_totals_big_s`: recomputing the month totals on the big store, what the first
read pays once after each write. `_1m_` figures are the big store's (20k with --quick).
Run: `python -m benchmarks.bench_pages [--quick] [--pairs K] [--big N]`.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks import stores

SMALL = 1_000
BIG = 1_000_000
TARGET_RATIO = 3.0
TARGET_BUDGET_FIRST_S = 0.3
APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
_COMPONENTS: list = []  # the component registry the first visit built


def _use_store(url: str) -> None:
    """Point the app at `url`, as a server started with that DATABASE_URL: the process
    keeps an engine per store (as a server keeps its one), its cached reads start empty."""
    import streamlit as st

    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):  # no warnings for clearing caches outside a run
            logging.getLogger(name).setLevel(logging.ERROR)
    os.environ["DATABASE_URL"] = url
    st.cache_resource.clear()
    st.cache_data.clear()


def visit(url: str, page: str) -> tuple[float, float]:
    """Seconds for a new session's first run of `page` on `url`, and for its rerun."""
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    _use_store(url)
    at = AppTest.from_file(str(APP), default_timeout=600)
    # A server scans the installed packages for components once, when it starts; AppTest
    # does it in each new test's first run (0.3 s here): one scan, shared, as a server does.
    if _COMPONENTS:
        at._bidi_component_manager = _COMPONENTS[0]
    at._page_hash = calc_hash(page)
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    started = time.perf_counter()
    at.run()
    rerun = time.perf_counter() - started
    if at.exception or at._finished_page_script_hash != calc_hash(page):
        raise RuntimeError(f"page {page} on {url}: {[e.message for e in at.exception]}")
    _COMPONENTS[:] = [at._bidi_component_manager]
    return first, rerun


def month_totals_s(url: str) -> float:
    """One recomputation of the month totals, as after a write."""
    from core import db, versions
    from core.ledger import totals
    from core.profiles import profile_id

    engine = db.get_engine(url)
    profile = profile_id(engine)
    with engine.begin() as conn:
        versions.bump(conn, profile)
    started = time.perf_counter()
    totals.month_totals(engine, profile)
    return time.perf_counter() - started


def measure(small: str, big: str, pairs: int, label: str) -> dict[str, float]:
    """Paired first-run and rerun figures per page; ratios as the median of pairs."""
    from dashboard.pages import PAGES  # every page in the registry, in menu order

    for url in (small, big):  # module imports, the engines, the month totals: not a visit
        for page in PAGES:
            visit(url, page)
    results: dict[str, float] = {}
    for page in PAGES:
        runs: dict[str, list[tuple[float, float]]] = {"small": [], "big": []}
        for turn in range(pairs):
            order = ("small", "big") if turn % 2 == 0 else ("big", "small")
            for size in order:
                runs[size].append(visit(small if size == "small" else big, page))
        for i, kind in enumerate(("first", "rerun")):
            pair = [(b[i], s[i]) for b, s in zip(runs["big"], runs["small"], strict=True)]
            key = f"{label}_{page}_{kind}"
            results[f"{key}_1k_s"] = statistics.median(s for _, s in pair)
            results[f"{key}_1m_s"] = statistics.median(b for b, _ in pair)
            results[f"{key}_ratio"] = statistics.median(b / s for b, s in pair)
    results[f"{label}_month_totals_big_s"] = month_totals_s(big)
    return results


@contextlib.contextmanager
def postgresql_stores(base: str, small: int, big: int) -> Iterator[tuple[str, str]]:
    try:
        yield stores.postgresql_store(base, small), stores.postgresql_store(base, big)
    finally:
        from core import db

        db.get_engine.cache_clear()  # let go of the connections before dropping
        for count in (small, big):
            stores.drop_postgresql(base, count)


def report(results: dict[str, float]) -> bool:
    ok = True
    for name, value in results.items():
        verdict = ""
        if name.endswith("_ratio"):
            verdict = f"  (target <= {TARGET_RATIO})"
            ok &= value <= TARGET_RATIO
            verdict += "" if value <= TARGET_RATIO else " MISSED"
        if name.endswith("_budget_first_1m_s"):
            good = value < TARGET_BUDGET_FIRST_S
            ok &= good
            verdict = f"  (target < {TARGET_BUDGET_FIRST_S}){'' if good else ' MISSED'}"
        print(f"{name}: {value:.3f}{verdict}", flush=True)
    return ok


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(prog="bench_pages", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1k vs 20k, 2 pairs")
    parser.add_argument("--pairs", type=int, default=None, help="paired runs per page")
    parser.add_argument("--big", type=int, default=None, help="the big store's rows")
    args = parser.parse_args(argv if argv is not None else [])
    big = args.big or (20_000 if args.quick else BIG)
    pairs = args.pairs or (2 if args.quick else 5)
    saved = os.environ.get("DATABASE_URL")
    results: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="rc-bench-pages-") as tmp:
            folder = Path(tmp)
            small_url = stores.copy_sqlite(SMALL, folder)
            big_url = stores.copy_sqlite(big, folder)
            results |= measure(small_url, big_url, pairs, "sqlite")
            from core import db

            db.get_engine.cache_clear()
        base = os.environ.get("BENCH_DATABASE_URL", "").strip()
        if base.startswith(("postgres://", "postgresql")) and not args.quick:
            with postgresql_stores(base, SMALL, big) as (small_pg, big_pg):
                results |= measure(small_pg, big_pg, pairs, "pg")
    finally:
        if saved is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = saved
    report(results)
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
