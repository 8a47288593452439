"""`python -m benchmarks [--quick] [NAME ...]`: run every benchmarks/bench_*.py module.

With names (e.g. `import`, `pages`), run only those. Each module prints `name: value`
lines. `--quick` is a smoke run: small stores and files, few repeats, no PostgreSQL.
Each module runs in a process of its own: what one leaves behind (the pages' Streamlit
runtime, a heap the collector must walk) would otherwise slow the next.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def modules() -> list[str]:
    return sorted(p.stem for p in FOLDER.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    wanted = list(argv if argv is not None else sys.argv[1:])
    options = ["--quick"] if "--quick" in wanted else []
    wanted = {w.removeprefix("bench_") for w in wanted if w != "--quick"}
    names = modules()
    unknown = wanted - {n.removeprefix("bench_") for n in names}
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; have: {', '.join(names)}")
        return 2
    failed = 0
    for name in names:
        if wanted and name.removeprefix("bench_") not in wanted:
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", f"benchmarks.{name}", *options],
            cwd=FOLDER.parent,
            check=False,
        )
        failed |= done.returncode
        print(f"{name}_total_s: {time.perf_counter() - started:.1f}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
