"""The real dashboard as a subprocess (`streamlit run dashboard/app.py`) on a store of its own,
for the browser test and the screenshots: started, waited for, and stopped with everything it
started."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--no-first-run",
]


class AppFailed(RuntimeError):
    """The server exited or did not answer; the message carries the end of its output."""


class App(NamedTuple):
    base: str  # http://127.0.0.1:<port>
    store_url: str  # the app's DATABASE_URL
    log: Path  # what streamlit printed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and anything it started: it leads its own process group."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:]


@contextlib.contextmanager
def running_app(folder: Path, port: int | None = None) -> Iterator[App]:
    """The app on 127.0.0.1:`port` (a free one by default) over a new SQLite store in
    `folder`, which also receives the server's log."""
    store_url = f"sqlite:///{folder / 'store.db'}"
    port = port or free_port()
    log_path = folder / "streamlit.log"
    env = {**os.environ, "DATABASE_URL": store_url}
    env.pop("RC_PROFILE", None)
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                raise AppFailed(
                    f"streamlit exited with code {process.returncode} before answering; "
                    f"its output ({log_path}):\n{_tail(log_path)}"
                )
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AppFailed(
                    f"streamlit did not answer {base}/_stcore/health within {START_TIMEOUT_S} s; "
                    f"its output ({log_path}):\n{_tail(log_path)}"
                )
            time.sleep(0.2)
        yield App(base, store_url, log_path)
    finally:
        _stop(process)
