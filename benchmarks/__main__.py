"""`python -m benchmarks [--quick] [NAME ...]`: run every benchmarks/bench_*.py module's main().

With names (e.g. `import`, `pages`), run only those. Each module prints `name: value`
lines. `--quick` is a smoke run: small stores and files, few repeats, no PostgreSQL.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import sys
import time
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def modules() -> list[str]:
    return sorted(p.stem for p in FOLDER.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    wanted = list(argv if argv is not None else sys.argv[1:])
    options = ["--quick"] if "--quick" in wanted else []
    wanted = [w for w in wanted if w != "--quick"]
    names = modules()
    if wanted:
        unknown = [w for w in wanted if f"bench_{w.removeprefix('bench_')}" not in names]
        if unknown:
            print(f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(names)}")
            return 2
        names = [
            n
            for n in names
            if n.removeprefix("bench_") in {w.removeprefix("bench_") for w in wanted}
        ]
    for name in names:
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        module = importlib.import_module(f"benchmarks.{name}")
        # a main() that parses options gets only --quick: the other arguments are module names
        if inspect.signature(module.main).parameters:
            module.main(options)
        else:
            module.main()
        print(f"{name}_total_s: {time.perf_counter() - started:.1f}", flush=True)
        gc.collect()  # what one benchmark leaves behind must not slow the next
    return 0


if __name__ == "__main__":
    sys.exit(main())
