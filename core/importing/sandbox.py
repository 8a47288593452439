"""Untrusted spreadsheet bytes are read in a child process that is allowed to die.

A damaged or hostile workbook can make the Rust reader ask for hundreds of
gigabytes and abort the whole process (SIGABRT: nothing in Python can catch
it), or run for minutes. So files are read in a short-lived child with an
address-space cap, a CPU limit and a wall-clock limit, after a size check that
refuses what a file's own structure says it would need (`core.importing.sizes`).
Whatever happens in the child, the caller gets the grids or one `ImportRefused`;
the child's stderr (where Rust prints its panic text) is kept from the user.

The dashboard and the command line go through the same `read_untrusted`, with
the same `Limits`. The child is a plain `python -m` of this module, not a fork
(forking a threaded server is unsafe) and not multiprocessing (which would
import the parent's `__main__`, Streamlit itself, into every child). It imports
only the reader; the grids come back pickled over a pipe, repeated texts and
dates sent once. Its start (about a tenth of a second, mostly imports) is kept off
the import's path: `prepare()` starts one spare child that waits for a file with
its imports done, and the next read takes it. An idle spare
costs some 20 MB and no CPU; it ends when its parent does (its stdin closes).
"""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import io
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from core.importing.errors import ImportRefused
from core.importing.readers import Grid, read_grids
from core.importing.rows import Rows
from core.importing.sizes import MAX_RATIO, estimate

MB = 1 << 20
# The most a file may have, whether uploaded or named on the command line; the
# dashboard's own upload limit (server.maxUploadSize in .streamlit/config.toml) matches.
# 30 MB takes a million-row budget workbook (25 MB); bank and bill exports are far smaller.
FILE_MB = 30
# The child's address space: reading a million-row workbook peaks near 400 MB.
MEMORY_MB = 768
SECONDS = 30
# Children at once: each may use MEMORY_MB, and the machine may be shared.
_SLOTS = threading.BoundedSemaphore(2)
# The child's exit status when Python itself ran out of memory
_EXIT_MEMORY = 86
_ROOT = str(Path(__file__).resolve().parents[2])


class SandboxFailed(RuntimeError):
    """The child could not do its work for a reason of ours (a bug, a broken install)."""


@dataclass(frozen=True)
class Limits:
    file_mb: int = FILE_MB
    memory_mb: int = MEMORY_MB
    seconds: int = SECONDS


def read_untrusted(
    file_name: str, data: bytes, encoding: str | None = None, limits: Limits | None = None
) -> list[Grid]:
    """`readers.read_grids`, run in a child under `limits`; ImportRefused if it cannot be."""
    limits = limits or Limits()
    if len(data) > limits.file_mb * MB:
        size = -(-len(data) // MB)
        raise ImportRefused("safety.file_too_big", file=file_name, size=size, limit=limits.file_mb)
    payload = pickle.dumps((file_name, data, encoding), protocol=pickle.HIGHEST_PROTOCOL)
    with _SLOTS:
        child = _spare.take(limits)
        try:
            out, err = child.communicate(payload, timeout=limits.seconds)
        except subprocess.TimeoutExpired as exc:
            raise ImportRefused("safety.too_slow", file=file_name, seconds=limits.seconds) from exc
        finally:
            child.kill()  # nothing, once it has ended; a reader gone astray, otherwise
            child.wait()
    return _outcome(file_name, subprocess.CompletedProcess([], child.returncode, out, err), limits)


def prepare() -> None:
    """Have a reader child started and waiting, so the next file is read without its
    start-up; call where a file is about to come (an upload page, an import command)."""
    _spare.keep_one()


def _start(limits: Limits) -> subprocess.Popen:
    command = [sys.executable, "-P", "-m", __name__, str(limits.memory_mb), str(limits.seconds)]
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(_python_path())},
    )


class _Spare:
    """At most one child started with the default `Limits`, waiting for a file."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: subprocess.Popen | None = None
        atexit.register(self.discard)

    def keep_one(self) -> None:
        with self._lock:
            if self._child is None or self._child.poll() is not None:
                self._child = _start(Limits())

    def take(self, limits: Limits) -> subprocess.Popen:
        """The waiting child if there is one and it suits `limits`, else a new one."""
        if limits == Limits():
            with self._lock:
                child, self._child = self._child, None
            if child is not None and child.poll() is None:
                return child
        return _start(limits)

    def discard(self) -> None:
        with self._lock:
            child, self._child = self._child, None
        if child is not None:
            child.kill()
            child.communicate()


_spare = _Spare()


def _python_path() -> list[str]:
    inherited = os.environ.get("PYTHONPATH", "")
    return [_ROOT, *(part for part in inherited.split(os.pathsep) if part)]


def _outcome(file_name: str, done: subprocess.CompletedProcess, limits: Limits) -> list[Grid]:
    status = done.returncode
    if status == -signal.SIGXCPU or status == -signal.SIGKILL:
        raise ImportRefused("safety.too_slow", file=file_name, seconds=limits.seconds)
    if status == _EXIT_MEMORY or b"memory allocation" in done.stderr:
        raise ImportRefused("safety.needs_memory", file=file_name, limit=limits.memory_mb)
    if status == 1:  # an exception in our own code, not the file's fault: say so
        last = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise SandboxFailed(f"the file reader failed: {last[0]}")
    try:
        answer = _load(done.stdout) if status == 0 else None
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError) as exc:
        raise ImportRefused("import.refused_corrupt", file=file_name) from exc
    if answer is None:  # killed by a signal: a crash in the reader, on a damaged file
        raise ImportRefused("import.refused_corrupt", file=file_name)
    if answer[0] == "refused":
        _, key, params = answer
        raise ImportRefused(key, **{**params, "file": file_name})
    return [Grid(name, _grid_rows(form)) for name, form in answer[1]]


def _load(answer: bytes) -> object:
    """The child's answer; the collector paused, as it finds no cycles in new rows."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Unpickler(io.BytesIO(answer)).load()
    finally:
        if collecting:
            gc.enable()


_CELL_CLASSES = {
    ("datetime", kind.__name__): kind for kind in (dt.date, dt.datetime, dt.time, dt.timedelta)
}


class _Unpickler(pickle.Unpickler):
    """Only the values a cell can hold: the child reads hostile bytes, so its answer
    may name nothing that runs code here."""

    def find_class(self, module: str, name: str) -> type:
        found = _CELL_CLASSES.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")
        return found


# --- the child -----------------------------------------------------------------------------


def _child(memory_mb: int, seconds: int) -> None:
    """Limit this process, read the file on stdin, write the answer to stdout."""
    import resource

    gc.disable()  # a short life: collecting the rows it builds only costs time
    cap = memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort leaves no core file behind
    answer_to = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything the reader prints goes to stderr, never into the answer
    sent = sys.stdin.buffer.read()
    if not sent:  # a spare whose parent has ended (or discarded it) without a file
        return
    file_name, data, encoding = pickle.loads(sent)
    del sent
    try:
        try:
            answer = ("grids", _read(file_name, data, encoding, memory_mb))
        except ImportRefused as refused:
            answer = ("refused", refused.key, refused.params)
        pickle.dump(answer, answer_to, protocol=pickle.HIGHEST_PROTOCOL)
        answer_to.close()
    except MemoryError:
        os._exit(_EXIT_MEMORY)


def _read(
    file_name: str, data: bytes, encoding: str | None, memory_mb: int
) -> list[tuple[str, list]]:
    need = estimate(data)
    if need.ratio > MAX_RATIO:
        raise ImportRefused("safety.packed", file=file_name, ratio=need.ratio)
    if need.bytes > memory_mb * MB:
        raise ImportRefused("safety.needs_memory", file=file_name, limit=memory_mb)
    grids = read_grids(file_name, data, encoding)
    return [(grid.name, _portable(grid.rows)) for grid in grids]


def _portable(rows: Sequence[list[object]]) -> tuple[str, list]:
    """A workbook's sheet as its columns (`Rows`, repeated values already one object);
    a CSV file's rows as they are, their repeated values made one."""
    if isinstance(rows, Rows):
        return ("columns", rows.to_lists())
    return ("rows", _shared(rows))


def _grid_rows(form: tuple[str, list]) -> Sequence[list[object]]:
    kind, cells = form
    return Rows(cells) if kind == "columns" else cells


_SHARED_TYPES = (str, dt.date, dt.datetime)


def _shared(rows: list[list[object]]) -> list[list[object]]:
    """Equal texts and dates made one object, so the pickle sends each once (5x faster)."""
    seen: dict[object, object] = {}
    for row in rows:
        for i, cell in enumerate(row):
            if type(cell) in _SHARED_TYPES:
                row[i] = seen.setdefault(cell, cell)
    return rows


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]))
