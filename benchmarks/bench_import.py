"""Import speed: a 100,000-row budget workbook into a fresh SQLite store.

Measured in one run, on the same file:

- import:  ours, end to end (`core.importing.store.import_file`: read, validate,
           fingerprint, categorise, write in one transaction);
- floor:   python-calamine read + raw sqlite3 executemany of the same rows into the
           same table (the migrated schema, same indexes), the least any import can do;
- naive:   pandas.read_excel (openpyxl) + DataFrame.to_sql.

Each ratio is the median of paired runs (ours and the floor moments apart, which goes
first alternating), so a machine whose load moves during the benchmark moves both alike.
Peak memory of our import is the peak memory of a child process that does only that, at
ROWS and at BIG_ROWS, with the peak of the process it reads the file in.
With BENCH_DATABASE_URL naming a PostgreSQL database, also `import_pg_s`: our import
of the same file into a fresh database created beside that one (and dropped after);
the named database itself is never touched.
Run: `python -m benchmarks.bench_import [--quick] [--rows N] [--repeat K] [--big-rows N]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

ROWS = 100_000
# The second peak: a million rows (a 25 MB workbook; `core.importing.sandbox.FILE_MB` is 30)
BIG_ROWS = 1_000_000
TARGET_RATIO = 1.25
TARGET_PEAK_MB = {ROWS: 300, BIG_ROWS: 600}
# Long enough for the reader child to finish its imports
READER_START_S = 0.3
CACHE = Path(tempfile.gettempdir()) / "recovery-coach-bench"
_VERSION = 2  # bump when the generated workbook changes

_EXPENSES = [
    ("餐饮", ["午饭", "晚饭", "早餐", "美团外卖", "饿了么 午餐", "超市买菜", "奶茶"], 800, 15000),
    ("交通", ["地铁", "公交", "滴滴打车", "加油", "停车费"], 200, 40000),
    ("住房", ["房租", "物业费", "水电费", "燃气费"], 5000, 350000),
    ("通讯", ["话费充值", "宽带"], 3000, 20000),
    ("还款", ["微粒贷还款", "花呗还款", "信用卡还款", "借呗还款"], 20000, 300000),
    ("购物", ["淘宝", "拼多多 日用品", "京东 家电", "衣服"], 1000, 80000),
    ("医疗", ["药店", "医院挂号", "体检"], 1500, 60000),
    ("教育", ["学费", "课外辅导", "教材"], 5000, 200000),
    ("娱乐", ["电影票", "KTV", "视频会员"], 1500, 30000),
]  # fmt: skip
_INCOME = [
    ("工资", ["工资", "绩效奖金"], 500000, 1200000),
    ("收入", ["兼职", "闲鱼卖旧物"], 5000, 80000),
]


def workbook(rows: int = ROWS) -> Path:
    """A family budget sheet: 日期 / 说明 / 类别 / 金额, one sheet; cached between runs."""
    path = CACHE / f"budget_{rows}_v{_VERSION}.xlsx"
    if path.exists():
        return path
    import openpyxl

    CACHE.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20250101)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("明细")
    sheet.append(["日期", "说明", "类别", "金额"])
    start = dt.datetime(2020, 1, 1)
    for i in range(rows):
        day = start + dt.timedelta(days=i * 2190 // rows)
        if rng.random() < 0.04:
            category, words, low, high = rng.choice(_INCOME)
            sign = 1
        else:
            category, words, low, high = rng.choice(_EXPENSES)
            sign = -1
        description = rng.choice(words)
        if rng.random() < 0.3:  # shops and notes make many descriptions distinct
            description = f"{description} {rng.randint(1, 5000)}号店"
        if rng.random() < 0.1:  # some rows left for the keyword rules to sort
            category = None
        sheet.append([day, description, category, sign * rng.randint(low, high) / 100])
    partial = path.with_suffix(".tmp")
    book.save(partial)
    partial.replace(path)
    return path


def _fresh_sqlite(folder: Path, name: str) -> str:
    path = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def run_ours(path: Path, folder: Path) -> tuple[float, int]:
    from core import db

    return _timed_import(db.create(_fresh_sqlite(folder, "ours.db")), path)


def _timed_import(engine: Engine, path: Path) -> tuple[float, int]:
    """Our end-to-end import of `path` into `engine`'s empty store: seconds, rows added.

    The file reader is started first and given a moment, as the import page and the
    import command start it before a file arrives (`core.importing.sandbox.prepare`)."""
    from core.importing import sandbox
    from core.importing.store import import_file
    from core.profiles import profile_id

    sandbox.prepare()
    profile = profile_id(engine)
    data = path.read_bytes()
    gc.collect()
    time.sleep(READER_START_S)
    started = time.perf_counter()
    report = import_file(engine, profile, path.name, data)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed, report.imported


def pg_url() -> str | None:
    """BENCH_DATABASE_URL when it names a PostgreSQL database, else None."""
    from core import db

    url = db.normalise_url(os.environ.get("BENCH_DATABASE_URL", "").strip())
    return url if url.startswith("postgresql") else None


def run_ours_pg(path: Path, url: str) -> tuple[float, int]:
    """Our import into a fresh PostgreSQL database `<name>_bench_import` on `url`'s server."""
    import sqlalchemy as sa

    from core import db

    base = sa.make_url(url)
    scratch = base.set(database=f"{base.database}_bench_import")
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")

    def drop(conn: sa.Connection) -> None:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{scratch.database}" WITH (FORCE)')

    with admin.connect() as conn:
        drop(conn)
        conn.exec_driver_sql(f'CREATE DATABASE "{scratch.database}"')
    try:
        return _timed_import(db.create(scratch.render_as_string(hide_password=False)), path)
    finally:
        with admin.connect() as conn:
            drop(conn)
        admin.dispose()


def run_floor(path: Path, folder: Path, hashed: bool = False) -> tuple[float, int]:
    """calamine + sqlite3, same table and pragmas, with the least conversion that keeps
    the stored values equal in kind (ISO dates, integer cents, a unique key per row).

    The key is the row's number, which the unique index takes in order. `hashed` makes
    it 16 hex digits of a hash, as a content fingerprint is: what the index alone costs
    an import that must find the rows it already has (`import_vs_floor_hashed`)."""
    from python_calamine import CalamineWorkbook

    from core import db

    url = _fresh_sqlite(folder, "floor.db")
    db.create(url).dispose()  # the same migrated schema and indexes as ours
    data = path.read_bytes()
    gc.collect()
    started = time.perf_counter()
    book = CalamineWorkbook.from_filelike(__import__("io").BytesIO(data))
    grid = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("INSERT INTO profile (name, created_at) VALUES ('bench', '2025-01-01')")
    records = [
        (
            1,
            day.date().isoformat() if isinstance(day, dt.datetime) else str(day),
            round(amount * 100),
            "income" if amount > 0 else "expense",
            description or "",
            "",
            category or "",
            hashlib.blake2b(b"%d" % i, digest_size=8).hexdigest() if hashed else str(i),
        )
        for i, (day, description, category, amount) in enumerate(grid[1:])
    ]
    with connection:
        connection.executemany(
            'INSERT INTO "transaction" (profile_id, date, amount_cents, kind, description, '
            "counterparty, source_category, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            records,
        )
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed, len(records)


def run_naive(path: Path, folder: Path) -> tuple[float, int]:
    import pandas as pd
    import sqlalchemy as sa

    engine = sa.create_engine(_fresh_sqlite(folder, "naive.db"))
    gc.collect()
    started = time.perf_counter()
    frame = pd.read_excel(path, engine="openpyxl")
    frame.to_sql("transactions", engine, index=False)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed, len(frame)


def peak_mb(path: Path, folder: Path) -> tuple[float, float]:
    """Peak resident memory of a process that imports the file and nothing else, and of
    the child it reads the file in (`core.importing.sandbox`), in MB.

    Each is the process's own high-water mark (VmHWM, Linux): `ru_maxrss` would also
    count the process it was started from (Linux carries the parent's peak through
    fork and exec), which for the importer is this benchmark, itself some 300 MB.
    """
    code = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from benchmarks.bench_import import run_ours, own_peak_kib, ChildPeaks\n"
        "with ChildPeaks() as children:\n"
        "    run_ours(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "print(json.dumps([own_peak_kib(), children.peak_kib]))\n"
    )
    root = Path(__file__).resolve().parents[1]
    paths = [str(root), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), str(folder)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    own, reader = json.loads(done.stdout.strip().splitlines()[-1])
    return own / 1024, reader / 1024


class ChildPeaks:
    """While open, the highest VmHWM any child process of this one reaches (Linux; 0
    elsewhere), read every few milliseconds: the file reader's peak."""

    def __init__(self) -> None:
        self.peak_kib = 0.0
        self._done = threading.Event()
        self._watch = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> ChildPeaks:
        self._watch.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._watch.join()

    def _poll(self) -> None:
        tasks = Path("/proc/self/task")
        while not self._done.wait(0.005):
            if not tasks.exists():
                return
            for children in tasks.glob("*/children"):
                for pid in children.read_text().split():
                    self.peak_kib = max(self.peak_kib, _hwm_kib(Path(f"/proc/{pid}/status")))


def _hwm_kib(status: Path) -> float:
    try:
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:  # the child has just ended
        pass
    return 0.0


def own_peak_kib() -> float:
    """This process's peak resident memory in KiB, since it started its program."""
    status = Path("/proc/self/status")
    if status.exists():
        return _hwm_kib(status)
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform == "darwin" else peak  # macOS reports bytes


def profile_ours(path: Path, folder: Path, top: int = 25) -> None:
    """Where our import spends its time (cProfile, cumulative)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(run_ours, path, folder)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(prog="bench_import", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: 10,000 rows, 2 pairs")
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=None, help="pairs of ours and floor")
    parser.add_argument(
        "--big-rows", type=int, default=None, help="the second peak's rows (0: none)"
    )
    parser.add_argument("--no-naive", action="store_true", help="skip the slow naive path")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of ours")
    args = parser.parse_args(argv if argv is not None else [])
    rows = args.rows or (10_000 if args.quick else ROWS)
    repeat = max(1, args.repeat or (2 if args.quick else 9))
    big_rows = args.big_rows if args.big_rows is not None else (0 if args.quick else BIG_ROWS)
    path = workbook(rows)
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="rc-bench-") as tmp:
        folder = Path(tmp)
        if args.profile:
            profile_ours(path, folder)
        run_ours(path, folder)  # warm up: first-use imports and caches are not the import
        pairs, hashed = [], []
        for turn in range(repeat):  # who goes first alternates, so neither always runs warm
            if turn % 2:
                floor = run_floor(path, folder)[0]
                seconds, imported = run_ours(path, folder)
            else:
                seconds, imported = run_ours(path, folder)
                floor = run_floor(path, folder)[0]
            pairs.append((seconds, floor))
            hashed.append(seconds / run_floor(path, folder, hashed=True)[0])
        results["rows"] = rows
        results["imported"] = imported
        results["import_s"] = statistics.median(ours for ours, _ in pairs)
        results["floor_s"] = statistics.median(floor for _, floor in pairs)
        results["import_vs_floor"] = statistics.median(ours / floor for ours, floor in pairs)
        results["import_vs_floor_hashed"] = statistics.median(hashed)
        if not args.no_naive and not args.quick:
            results["naive_s"] = run_naive(path, folder)[0]
            results["import_vs_naive"] = results["import_s"] / results["naive_s"]
        peaks = {rows: peak_mb(path, folder)}
        if big_rows:
            peaks[big_rows] = peak_mb(workbook(big_rows), folder)
        for count, (peak, reader) in peaks.items():
            results[f"import_peak_mb_{count}"] = peak
            results[f"reader_peak_mb_{count}"] = reader
    url = pg_url()
    if url and not args.quick:
        results["import_pg_s"] = statistics.median(run_ours_pg(path, url)[0] for _ in range(repeat))
    for name, value in results.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{name}: {shown}")
    ok_speed = results["import_vs_floor"] <= TARGET_RATIO
    print(f"target_import_vs_floor: <= {TARGET_RATIO} {'ok' if ok_speed else 'MISSED'}")
    for count, (peak, _) in peaks.items():
        target = TARGET_PEAK_MB.get(count)
        if target:
            verdict = "ok" if peak < target else "MISSED"
            print(f"target_import_peak_mb_{count}: < {target} {verdict}")
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
