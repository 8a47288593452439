"""Command-line speed: `recovery-coach budget --json`, a whole process, on a store of
1,000,000 transactions against 1,000.

A process starts cold every time (imports, opening and checking the store), so the
fixed cost is the same for both; what the history adds shows in the ratio, the
median of paired runs (the two stores in turns, so both see the same machine load).
Run: `python -m benchmarks.bench_cli [--quick] [--pairs K] [--big N]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import stores

SMALL = 1_000
BIG = 1_000_000
TARGET_RATIO = 1.3
ROOT = Path(__file__).resolve().parents[1]


def run_budget_json(url: str) -> float:
    """Seconds for one `python -m core.cli budget --json` on `url`, start to exit."""
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PYTHONPATH": os.pathsep.join(p for p in paths if p),
    }
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "core.cli", "budget", "--json"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(prog="bench_cli", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1k vs 20k, 2 pairs")
    parser.add_argument("--pairs", type=int, default=None)
    parser.add_argument("--big", type=int, default=None)
    args = parser.parse_args(argv if argv is not None else [])
    big = args.big or (20_000 if args.quick else BIG)
    pairs = args.pairs or (2 if args.quick else 7)
    with tempfile.TemporaryDirectory(prefix="rc-bench-cli-") as tmp:
        urls = {size: stores.copy_sqlite(size, Path(tmp)) for size in (SMALL, big)}
        for url in urls.values():  # the month totals as the last write left them
            run_budget_json(url)
        runs: dict[int, list[float]] = {SMALL: [], big: []}
        for turn in range(pairs):
            for size in (SMALL, big) if turn % 2 == 0 else (big, SMALL):
                runs[size].append(run_budget_json(urls[size]))
    ratio = statistics.median(b / s for b, s in zip(runs[big], runs[SMALL], strict=True))
    results = {
        "budget_json_1k_s": statistics.median(runs[SMALL]),
        "budget_json_1m_s": statistics.median(runs[big]),
        "budget_json_ratio": ratio,
    }
    for name, value in results.items():
        print(f"{name}: {value:.3f}", flush=True)
    print(
        f"target_budget_json_ratio: <= {TARGET_RATIO} {'ok' if ratio <= TARGET_RATIO else 'MISSED'}"
    )
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
